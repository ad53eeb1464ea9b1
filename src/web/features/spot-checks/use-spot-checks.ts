import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { concludeSpotCheckItem, drawSpotCheck, getSpotCheck } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

/** The month's spot-check sample ('YYYY-MM'), or null when none is drawn yet. */
export function useSpotCheck(month: string) {
  return useQuery({ queryKey: queryKeys.spotCheck(month), queryFn: () => getSpotCheck(month) });
}

export function useDrawSpotCheck() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: drawSpotCheck,
    onSuccess: (result, month) => queryClient.setQueryData(queryKeys.spotCheck(month), result),
  });
}

export function useConcludeSpotCheckItem(month: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { spotCheckId: string; itemId: string; result: 'pass' | 'findings'; findings?: string; version: number }) =>
      concludeSpotCheckItem(input.spotCheckId, input.itemId, { result: input.result, version: input.version, ...(input.findings ? { findings: input.findings } : {}) }),
    onSuccess: (result) => {
      queryClient.setQueryData(queryKeys.spotCheck(month), result);
      void queryClient.invalidateQueries({ queryKey: queryKeys.taskLists }); // findings reopen the task
    },
  });
}
