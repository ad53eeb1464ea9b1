import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createSavedView, deleteSavedView, listSavedViews } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

/** The person's saved tracker views (a name and the URL's filters). */
export function useSavedViews(isEnabled: boolean) {
  return useQuery({ queryKey: queryKeys.savedViews, queryFn: listSavedViews, enabled: isEnabled, staleTime: 60_000 });
}

export function useCreateSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSavedView,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedViews }),
  });
}

export function useDeleteSavedView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSavedView,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedViews }),
  });
}
