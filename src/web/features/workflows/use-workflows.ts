import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateServiceBody, NewChecklistVersionBody, UpdateServiceBody } from '../../../shared/workflows';
import { createService, generateTasks, listServices, listWorkflows, publishChecklistVersion, updateService } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

export function useWorkflows() {
  return useQuery({ queryKey: queryKeys.workflows, queryFn: listWorkflows, staleTime: 60_000 });
}

export function usePublishChecklistVersion(workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewChecklistVersionBody) => publishChecklistVersion(workflowId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.workflows });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks }); // tasks show "the checklist is now version N"
    },
  });
}

export function useServices() {
  return useQuery({ queryKey: queryKeys.services, queryFn: () => listServices() });
}

export function useCreateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateServiceBody) => createService(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.services }),
  });
}

export function useUpdateService() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateServiceBody }) => updateService(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.services }),
  });
}

/** Creates the tasks of every period that has ended (idempotent: a period's task is created once). */
export function useGenerateTasks() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => generateTasks(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
}
