import { useMemo } from 'react';
import { Anchor, Badge, Box, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import type { TaskSummaryDto } from '../../../../shared/tasks';
import { taskStateCssColor } from '../../../components/status-colors';
import { BOARD_ORDER, STATUS_LABELS, type TaskStatus } from '../../../lib/tracker-copy';
import { TaskCard } from './TaskCard';
import classes from './TaskBoard.module.css';

/** Cards shown per column; the rest are one click away in the filtered table. */
export const BOARD_COLUMN_CAP = 20;

export interface TaskBoardProps {
  tasks: readonly TaskSummaryDto[];
  /** Tasks per state for the current filters (whole firm, not just the loaded page). */
  counts: Record<string, number>;
  /** The columns to show (the status filter); all when empty. */
  statuses: readonly TaskStatus[];
  /** The filtered table for one state ("+N more"). */
  moreHref: (status: TaskStatus) => string;
}

/**
 * The tracker as a board: one column per state in the state's colour, with its count. Open work
 * is ordered by due date (soonest first); approved and closed work shows the latest first.
 */
export function TaskBoard({ tasks, counts, statuses, moreHref }: TaskBoardProps) {
  const columns = useMemo(() => {
    const shown = statuses.length > 0 ? BOARD_ORDER.filter((s) => statuses.includes(s)) : BOARD_ORDER;
    return shown.map((status) => {
      const inColumn = tasks.filter((task) => task.status === status);
      const isDone = status === 'approved' || status === 'closed';
      const ordered = [...inColumn].sort((a, b) => (isDone ? b.dueOn.localeCompare(a.dueOn) : a.dueOn.localeCompare(b.dueOn)));
      return { status, cards: ordered.slice(0, BOARD_COLUMN_CAP), count: counts[status] ?? inColumn.length };
    });
  }, [tasks, counts, statuses]);

  return (
    <Box className={classes.board} role="region" aria-label="Task board" tabIndex={0}>
      {columns.map(({ status, cards, count }) => {
        const headingId = `board-column-${status}`;
        const more = count - cards.length;
        return (
          <section key={status} className={classes.column} aria-labelledby={headingId} style={{ '--column-color': taskStateCssColor(status) } as React.CSSProperties}>
            <Group className={classes.columnHeader} justify="space-between" wrap="nowrap" gap="xs">
              <Group gap={8} wrap="nowrap">
                <span className={classes.dot} aria-hidden="true" />
                <Title order={2} id={headingId} fz="sm" fw={650}>
                  {STATUS_LABELS[status]}
                </Title>
              </Group>
              <Badge size="sm" variant="default" className="tm-num">
                {count}
                <VisuallyHidden> {count === 1 ? 'task' : 'tasks'}</VisuallyHidden>
              </Badge>
            </Group>
            {cards.length === 0 ? (
              <Text fz="xs" c="dimmed" ta="center" py="lg">
                No tasks
              </Text>
            ) : (
              <ul className={classes.cards} aria-label={`${STATUS_LABELS[status]} tasks`}>
                {cards.map((task) => (
                  <li key={task.id}>
                    <TaskCard task={task} />
                  </li>
                ))}
              </ul>
            )}
            {more > 0 ? (
              <Anchor component={Link} to={moreHref(status)} fz="sm" fw={600} className={classes.more} aria-label={`${more} more ${STATUS_LABELS[status].toLowerCase()} tasks in the table`}>
                +{more} more
              </Anchor>
            ) : null}
          </section>
        );
      })}
    </Box>
  );
}
