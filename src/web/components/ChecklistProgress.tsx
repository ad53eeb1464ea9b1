import { Group, Progress, Text, VisuallyHidden } from '@mantine/core';
import type { TaskStatus } from '../../domain/tasks/task-states';
import { TASK_STATE_COLORS } from './status-colors';

export interface ChecklistProgressProps {
  done: number;
  total: number;
  /** Colours the bar in the task's state colour. */
  status: TaskStatus;
  width?: number;
}

/** "3/5" with a thin bar: how much of a task's checklist is done. */
export function ChecklistProgress({ done, total, status, width = 44 }: ChecklistProgressProps) {
  if (total === 0) {
    return (
      <Text fz="xs" c="dimmed">
        <span aria-hidden="true">—</span>
        <VisuallyHidden>No checklist yet</VisuallyHidden>
      </Text>
    );
  }
  const percent = Math.round((done / total) * 100);
  return (
    <Group gap={6} wrap="nowrap" aria-label={`Checklist ${done} of ${total} done`} role="group">
      <Text fz="xs" fw={600} className="tm-num" aria-hidden="true">
        {done}/{total}
      </Text>
      <Progress value={percent} size={4} w={width} color={done === total ? 'green' : TASK_STATE_COLORS[status]} aria-hidden="true" />
    </Group>
  );
}
