import { Badge, Group, Text } from '@mantine/core';
import { useFirmSettings } from '../app/use-firm';
import { formatLocalDate } from '../lib/time';

export interface DueDateProps {
  /** The due date, 'YYYY-MM-DD' (a calendar date, no time zone). */
  dueOn: string;
  isOverdue: boolean;
  size?: 'xs' | 'sm';
}

/** A due date in the firm's format; red with an "Overdue" badge once it has passed and the work is not approved. */
export function DueDate({ dueOn, isOverdue, size = 'sm' }: DueDateProps) {
  const settings = useFirmSettings();
  return (
    <Group gap={6} wrap="nowrap">
      <Text component="time" dateTime={dueOn} fz={size} {...(isOverdue ? { c: 'var(--mantine-color-error)', fw: 600 } : {})} className="tm-num">
        {formatLocalDate(dueOn, settings.dateFormat)}
      </Text>
      {isOverdue ? (
        <Badge size="xs" color="red" variant="light" px={5} style={{ flexShrink: 0, overflow: 'visible' }}>
          Overdue
        </Badge>
      ) : null}
    </Group>
  );
}
