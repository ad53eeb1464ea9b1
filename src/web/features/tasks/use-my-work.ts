import type { TaskListFilters } from '../../api/client';
import { useTaskList } from './use-tasks';

/** The most a queue shows; more than this in one person's queue is a staffing problem, not a paging one. */
export const QUEUE_PAGE_SIZE = 200;

const PREPARE: TaskListFilters = { queue: 'prepare', sort: 'due', dir: 'asc', pageSize: QUEUE_PAGE_SIZE };
const REVIEW: TaskListFilters = { queue: 'review', sort: 'due', dir: 'asc', pageSize: QUEUE_PAGE_SIZE };

/** The signed-in person's two queues, soonest due first: work to prepare and work to review. */
export function useMyWork(isEnabled = true) {
  const prepare = useTaskList(PREPARE, { enabled: isEnabled });
  const review = useTaskList(REVIEW, { enabled: isEnabled });
  return { prepare, review };
}
