import type { TaskStatus } from '../../domain/tasks/task-states';
import { STATUS_LABELS } from '../lib/tracker-copy';
import { StateBadge } from './StateBadge';
import { TASK_STATE_COLORS } from './status-colors';

export interface TaskStatusBadgeProps {
  status: TaskStatus;
  size?: 'xs' | 'sm' | 'md';
}

/** A task's state in its one colour ("Ready for review" in violet), the same on every page. */
export function TaskStatusBadge({ status, size = 'sm' }: TaskStatusBadgeProps) {
  return (
    // Closed is the one dark shade (teal.9): a light tint of it would not read, so it is filled.
    <StateBadge color={TASK_STATE_COLORS[status]} size={size} variant={status === 'closed' ? 'filled' : 'light'}>
      {STATUS_LABELS[status]}
    </StateBadge>
  );
}
