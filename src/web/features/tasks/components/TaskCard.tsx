import { Anchor, Badge, Group, Paper, Text, ThemeIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconFlag3Filled, IconMessageCircle, IconRepeat } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TaskSummaryDto } from '../../../../shared/tasks';
import { ChecklistProgress } from '../../../components/ChecklistProgress';
import { DueDate } from '../../../components/DueDate';
import { PreparerReviewer } from '../../../components/PersonAvatar';
import { PRIORITY_COLORS } from '../../../components/status-colors';
import { PRIORITY_LABELS, plural } from '../../../lib/tracker-copy';
import classes from './TaskBoard.module.css';

export interface TaskCardProps {
  task: TaskSummaryDto;
}

/** One task on the board: what and for whom, who, when, and how far along. The whole card opens the task. */
export function TaskCard({ task }: TaskCardProps) {
  return (
    <Paper withBorder p="sm" radius="md" className={classes.card} data-overdue={task.isOverdue || undefined}>
      <Anchor component={Link} to={`/tasks/${task.id}`} fz="sm" fw={600} c="var(--mantine-color-text)" className={classes.cardLink} lineClamp={2}>
        {task.title}
      </Anchor>
      <Text fz="xs" c="dimmed" truncate="end" mt={2}>
        {task.client.name}
      </Text>
      {task.status === 'blocked' && task.blockedReason ? (
        <Text fz="xs" c="var(--mantine-color-error)" mt={6} lineClamp={2}>
          {task.blockedReason}
        </Text>
      ) : null}
      <Group justify="space-between" mt="sm" gap="xs" wrap="nowrap">
        <PreparerReviewer preparer={task.preparer} reviewer={task.reviewer} />
        <ChecklistProgress done={task.checklist.done} total={task.checklist.total} status={task.status} width={48} />
      </Group>
      <Group justify="space-between" mt={8} gap={6} wrap="wrap">
        <DueDate dueOn={task.dueOn} isOverdue={task.isOverdue} size="xs" />
        <Group gap={4} wrap="nowrap">
          {task.priority === 'high' || task.priority === 'urgent' ? (
            <Tooltip label={`${PRIORITY_LABELS[task.priority]} priority`}>
              <ThemeIcon size={18} variant="transparent" color={PRIORITY_COLORS[task.priority]} className={classes.raised}>
                <IconFlag3Filled size={13} aria-hidden="true" />
                <VisuallyHidden>{PRIORITY_LABELS[task.priority]} priority</VisuallyHidden>
              </ThemeIcon>
            </Tooltip>
          ) : null}
          {task.reworkCount > 0 ? (
            <Tooltip label={`Returned ${plural(task.reworkCount, 'time')}`}>
              <Badge size="xs" color="orange" variant="outline" className={classes.raised} leftSection={<IconRepeat size={10} aria-hidden="true" />}>
                {task.reworkCount}
                <VisuallyHidden> {task.reworkCount === 1 ? 'return' : 'returns'}</VisuallyHidden>
              </Badge>
            </Tooltip>
          ) : null}
          {task.openNotes > 0 ? (
            <Tooltip label={plural(task.openNotes, 'open review note')}>
              <Badge size="xs" color="orange" variant="light" className={classes.raised} leftSection={<IconMessageCircle size={10} aria-hidden="true" />}>
                {task.openNotes}
                <VisuallyHidden> open {task.openNotes === 1 ? 'note' : 'notes'}</VisuallyHidden>
              </Badge>
            </Tooltip>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}
