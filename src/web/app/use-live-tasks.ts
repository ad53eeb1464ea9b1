import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TaskChangeEventSchema } from '../../shared/tasks';
import { queryKeys } from './query-keys';

/** Changes arriving within this window are refetched together (a burst of checklist ticks is one refetch). */
const BATCH_MS = 120;

/**
 * Live tracker updates for the whole signed-in app: one server-sent-events stream
 * (`/api/tracker/events`); each `task` event refetches the task lists and boards, and that task's
 * page and timeline if someone is looking at them. EventSource reconnects by itself; after a
 * reconnection everything about tasks is refetched, since changes may have been missed meanwhile.
 */
export function useLiveTasks(isEnabled: boolean) {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!isEnabled || typeof EventSource === 'undefined') {
      return;
    }
    const source = new EventSource('/api/tracker/events', { withCredentials: true });
    const changed = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let hasLostConnection = false;

    function flush() {
      timer = undefined;
      void queryClient.invalidateQueries({ queryKey: queryKeys.taskLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.spotChecks });
      for (const taskId of changed) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.task(taskId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.taskTimeline(taskId) });
      }
      changed.clear();
    }

    function handleTask(event: MessageEvent<string>) {
      const parsed = TaskChangeEventSchema.safeParse(parseJson(event.data));
      if (!parsed.success) {
        return; // an event this version of the page does not understand: the next refetch catches up
      }
      changed.add(parsed.data.taskId);
      timer ??= setTimeout(flush, BATCH_MS);
    }

    function handleOpen() {
      if (hasLostConnection) {
        hasLostConnection = false;
        void queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
      }
    }

    function handleError() {
      hasLostConnection = true;
    }

    source.addEventListener('task', handleTask);
    source.addEventListener('open', handleOpen);
    source.addEventListener('error', handleError);
    return () => {
      source.close();
      if (timer) {
        clearTimeout(timer);
      }
    };
  }, [isEnabled, queryClient]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // not JSON: rejected by the schema check that follows
  }
}
