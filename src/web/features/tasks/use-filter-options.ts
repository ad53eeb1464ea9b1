import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TaskSummaryDto } from '../../../shared/tasks';
import { listTasks } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

export interface FilterOption {
  value: string;
  label: string;
}

export interface TrackerFilterOptions {
  clients: FilterOption[];
  workflows: FilterOption[];
  preparers: FilterOption[];
  reviewers: FilterOption[];
}

/**
 * What the tracker's pickers offer: the clients, workflows and people found on the newest tasks
 * the viewer may see. Deriving them from tasks works for every role (the people list itself is
 * for admins and partners only) and offers only choices that can match something.
 */
export function useFilterOptions(): TrackerFilterOptions {
  const query = useQuery({
    queryKey: queryKeys.taskFilterOptions,
    queryFn: () => listTasks({ sort: 'updated', dir: 'desc', pageSize: 500 }),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => optionsOf(query.data?.items ?? []), [query.data]);
}

function optionsOf(tasks: readonly TaskSummaryDto[]): TrackerFilterOptions {
  const clients = new Map<string, string>();
  const workflows = new Map<string, string>();
  const preparers = new Map<string, string>();
  const reviewers = new Map<string, string>();
  for (const task of tasks) {
    clients.set(task.client.id, task.client.name);
    workflows.set(task.workflow.id, task.workflow.name);
    preparers.set(task.preparer.id, task.preparer.name);
    reviewers.set(task.reviewer.id, task.reviewer.name);
  }
  return { clients: sorted(clients), workflows: sorted(workflows), preparers: sorted(preparers), reviewers: sorted(reviewers) };
}

function sorted(map: Map<string, string>): FilterOption[] {
  return [...map.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
