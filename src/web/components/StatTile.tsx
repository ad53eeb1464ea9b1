import { Group, Paper, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface StatTileProps {
  icon: ReactNode;
  label: string;
  value: number;
  /** Where the tile leads; a tile without a link is plain text. */
  to?: string;
  color?: string;
}

/** A figure with its label and icon, as on the home page; a link when `to` is given. */
export function StatTile({ icon, label, value, to, color = 'brand' }: StatTileProps) {
  const body = (
    <Group gap="md" wrap="nowrap">
      <ThemeIcon size={40} radius="md" variant="light" color={color}>
        {icon}
      </ThemeIcon>
      <div>
        <Text fz={24} fw={700} lh={1.1} className="tm-num">
          {value}
        </Text>
        <Text fz="sm" c="dimmed">
          {label}
        </Text>
      </div>
    </Group>
  );
  return to ? (
    <Paper withBorder p="md" component={Link} to={to} style={{ textDecoration: 'none', color: 'inherit' }} aria-label={`${label}: ${value}`}>
      {body}
    </Paper>
  ) : (
    <Paper withBorder p="md">
      {body}
    </Paper>
  );
}
