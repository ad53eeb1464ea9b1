import type { ReactNode } from 'react';
import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { SortState } from './use-url-sort';

export interface SortableThProps<K extends string> {
  column: K;
  sort: SortState<K>;
  onSort: (column: K) => void;
  children: ReactNode;
  align?: 'left' | 'right';
  width?: number | string;
}

/** A column header that sorts the table; announces the sort with aria-sort. */
export function SortableTh<K extends string>({ column, sort, onSort, children, align = 'left', width }: SortableThProps<K>) {
  const isActive = sort.column === column;
  const Icon = isActive ? (sort.direction === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th aria-sort={isActive ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} w={width} style={{ textAlign: align, whiteSpace: 'nowrap' }}>
      <UnstyledButton onClick={() => onSort(column)} fw={600} fz="sm" style={{ color: 'inherit' }}>
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <span>{children}</span>
          <Icon size={14} aria-hidden="true" style={{ opacity: isActive ? 1 : 0.5 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
