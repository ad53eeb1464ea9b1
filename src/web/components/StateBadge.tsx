import type { ReactNode } from 'react';
import { Badge, type MantineColor } from '@mantine/core';

export interface StateBadgeProps {
  color: MantineColor;
  children: ReactNode;
  size?: 'xs' | 'sm' | 'md';
  leftSection?: ReactNode;
  /** `filled` for a final state shown in a dark shade (closed work). */
  variant?: 'light' | 'filled';
}

/** A state shown as a coloured badge with a dot, using a colour from status-colors. */
export function StateBadge({ color, children, size = 'sm', leftSection, variant = 'light' }: StateBadgeProps) {
  return (
    <Badge color={color} size={size} variant={variant} leftSection={leftSection ?? <Dot />} style={{ minWidth: 'max-content' }}>
      {children}
    </Badge>
  );
}

function Dot() {
  return <span aria-hidden="true" style={{ display: 'inline-block', width: 6, height: 6, borderRadius: 6, background: 'currentColor' }} />;
}
