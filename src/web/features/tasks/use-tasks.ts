import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { ChecklistItemUpdateBody, CreateNoteBody, ReassignBody, TaskDetailDto, TransitionBody, UpdateTaskBody } from '../../../shared/tasks';
import { isProblem } from '../../api/api-error';
import {
  addTaskNote,
  clearTaskNote,
  getTask,
  getTaskTimeline,
  listTasks,
  reassignTask,
  respondToTaskNote,
  transitionTask,
  updateChecklistItem,
  updateTask,
  uploadTaskDocument,
  type TaskListFilters,
} from '../../api/client';
import { queryKeys } from '../../app/query-keys';

/** A page of the tracker (table, board, queues). Keeps the previous page on screen while the next loads. */
export function useTaskList(filters: TaskListFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.taskList(filters),
    queryFn: () => listTasks(filters),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useTask(id: string) {
  return useQuery({ queryKey: queryKeys.task(id), queryFn: () => getTask(id) });
}

export function useTaskTimeline(id: string) {
  return useQuery({ queryKey: queryKeys.taskTimeline(id), queryFn: () => getTaskTimeline(id) });
}

/**
 * A change to one task. The answer is the task as it is now, so it replaces the cached detail at
 * once; lists and the timeline refetch. When someone else changed the task first (409
 * stale_version) the person is told and the task reloads, so the next attempt uses fresh versions.
 */
function useTaskChange<V>(taskId: string, change: (variables: V) => Promise<TaskDetailDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (task) => {
      queryClient.setQueryData(queryKeys.task(task.id), task);
      void queryClient.invalidateQueries({ queryKey: queryKeys.taskLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.taskTimeline(task.id) });
    },
    onError: (error) => {
      if (isProblem(error, 409, 'stale_version')) {
        notifications.show({
          id: `stale-${taskId}`,
          color: 'orange',
          title: 'Changed by someone else',
          message: 'This task changed while you were looking at it. It has been reloaded: check it, then try again.',
        });
        void queryClient.invalidateQueries({ queryKey: queryKeys.task(taskId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.taskTimeline(taskId) });
      }
    },
  });
}

export function useTransitionTask(taskId: string) {
  return useTaskChange(taskId, (body: TransitionBody) => transitionTask(taskId, body));
}

export function useUpdateTask(taskId: string) {
  return useTaskChange(taskId, (body: UpdateTaskBody) => updateTask(taskId, body));
}

export function useReassignTask(taskId: string) {
  return useTaskChange(taskId, (body: ReassignBody) => reassignTask(taskId, body));
}

export function useUpdateChecklistItem(taskId: string) {
  return useTaskChange(taskId, ({ itemId, body }: { itemId: string; body: ChecklistItemUpdateBody }) => updateChecklistItem(taskId, itemId, body));
}

export function useAddNote(taskId: string) {
  return useTaskChange(taskId, (body: CreateNoteBody) => addTaskNote(taskId, body));
}

export function useRespondToNote(taskId: string) {
  return useTaskChange(taskId, ({ noteId, response, version }: { noteId: string; response: string; version: number }) => respondToTaskNote(taskId, noteId, { response, version }));
}

export function useClearNote(taskId: string) {
  return useTaskChange(taskId, ({ noteId, version }: { noteId: string; version: number }) => clearTaskNote(taskId, noteId, { version }));
}

/** Uploads a file to the task; the task reloads so the file appears in its list. */
export function useUploadDocument(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadTaskDocument(taskId, file),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.task(taskId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.taskTimeline(taskId) });
    },
  });
}
