import type { ReactNode } from 'react';
import { Box, Text } from '@mantine/core';
import classes from './DetailList.module.css';

export interface DetailListItem {
  label: string;
  value: ReactNode;
}

export interface DetailListProps {
  items: DetailListItem[];
  /** Width of the label column. */
  labelWidth?: number;
}

/** Label–value pairs as a description list. */
export function DetailList({ items, labelWidth = 140 }: DetailListProps) {
  return (
    <Box component="dl" className={classes.list} style={{ gridTemplateColumns: `${labelWidth}px minmax(0, 1fr)` }}>
      {items.map((item) => (
        <Box key={item.label} className={classes.row}>
          <Text component="dt" fz="sm" c="dimmed">
            {item.label}
          </Text>
          <Text component="dd" fz="sm" fw={500}>
            {item.value}
          </Text>
        </Box>
      ))}
    </Box>
  );
}
