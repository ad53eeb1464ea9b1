import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TaskListFilters } from '../../api/client';
import type { SortState } from '../../components/use-url-sort';
import { TASK_STATUSES, type TaskStatus } from '../../lib/tracker-copy';

/** The tracker's filters, each kept in the URL under the API's own parameter name. */
export const TRACKER_FILTER_KEYS = ['q', 'clientId', 'workflowId', 'status', 'preparerId', 'reviewerId', 'queue', 'period', 'overdue'] as const;
export type TrackerFilterKey = (typeof TRACKER_FILTER_KEYS)[number];
export type TrackerFilterValues = Record<TrackerFilterKey, string>;

export const TASK_SORTS = ['due', 'client', 'workflow', 'status', 'priority', 'period', 'updated'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export type TrackerView = 'table' | 'board';
export type Queue = 'prepare' | 'review' | 'all';

export const TABLE_PAGE_SIZE = 50;
/** The board loads the newest tasks up to the API's largest page. */
export const BOARD_PAGE_SIZE = 500;

const QUEUES: readonly Queue[] = ['prepare', 'review', 'all'];

/**
 * Reads and writes the tracker's view, filters, sort and page in the URL, so any view can be
 * shared, bookmarked or saved. Changing a filter or the sort goes back to page 1.
 */
export function useTrackerFilters() {
  const [params, setParams] = useSearchParams();

  const state = useMemo(() => {
    const filters = Object.fromEntries(TRACKER_FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as TrackerFilterValues; // every key was just filled in
    const statuses = filters.status.split(',').filter(isTaskStatus);
    const sortParam = params.get('sort');
    const sort: SortState<TaskSort> = { column: TASK_SORTS.find((s) => s === sortParam) ?? 'due', direction: params.get('dir') === 'desc' ? 'desc' : 'asc' };
    const view: TrackerView = params.get('view') === 'board' ? 'board' : 'table';
    const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);
    const queue = QUEUES.find((q) => q === filters.queue) ?? null;
    const activeFilterCount = TRACKER_FILTER_KEYS.filter((key) => filters[key] !== '').length;
    return { filters, statuses, sort, view, page, queue, activeFilterCount };
  }, [params]);

  /** Sets (or, with '' or null, removes) URL parameters; anything but a page change returns to page 1. */
  const update = useCallback(
    (changes: Partial<Record<TrackerFilterKey | 'view' | 'sort' | 'dir' | 'page', string | null>>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value) {
              next.set(key, value);
            } else {
              next.delete(key);
            }
          }
          if (!('page' in changes)) {
            next.delete('page');
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const handleSort = useCallback(
    (column: TaskSort) => {
      const direction = state.sort.column === column && state.sort.direction === 'asc' ? 'desc' : 'asc';
      update({ sort: column, dir: direction });
    },
    [state.sort, update],
  );

  const clearFilters = useCallback(() => {
    update(Object.fromEntries(TRACKER_FILTER_KEYS.map((key) => [key, null])));
  }, [update]);

  /** The URL's parameters (without the page) for a saved view. */
  const savedQuery = useMemo(() => Object.fromEntries([...params.entries()].filter(([key]) => key !== 'page')), [params]);

  const applyQuery = useCallback(
    (query: Record<string, string>) => {
      setParams(new URLSearchParams(query));
    },
    [setParams],
  );

  return { ...state, update, handleSort, clearFilters, savedQuery, applyQuery };
}

/** The API's list filters for what the URL says. */
export function toTaskListFilters(filters: TrackerFilterValues, statuses: readonly TaskStatus[], extra: Pick<TaskListFilters, 'sort' | 'dir' | 'page' | 'pageSize'>): TaskListFilters {
  const q = filters.q.trim();
  const queue = QUEUES.find((value) => value === filters.queue);
  return {
    ...(q ? { q } : {}),
    ...(filters.clientId ? { clientId: filters.clientId } : {}),
    ...(filters.workflowId ? { workflowId: filters.workflowId } : {}),
    ...(statuses.length > 0 ? { status: statuses.join(',') } : {}),
    ...(filters.preparerId ? { preparerId: filters.preparerId } : {}),
    ...(filters.reviewerId ? { reviewerId: filters.reviewerId } : {}),
    ...(queue ? { queue } : {}),
    ...(filters.period ? { period: filters.period } : {}),
    ...(filters.overdue === 'true' ? { overdue: 'true' as const } : {}),
    ...extra,
  };
}

/** A link to the tracker with these parameters (board "+N more", home tiles). */
export function trackerHref(query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value) {
      params.set(key, value);
    }
  }
  const text = params.toString();
  return text ? `/tasks?${text}` : '/tasks';
}

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}
