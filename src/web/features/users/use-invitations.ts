import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateInvitationBody } from '../../../shared/users';
import { createInvitation, listInvitations, revokeInvitation } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

export function useInvitations(enabled = true) {
  return useQuery({ queryKey: queryKeys.invitations, queryFn: listInvitations, enabled });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) => createInvitation(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.invitations });
      void queryClient.invalidateQueries({ queryKey: queryKeys.home });
    },
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => revokeInvitation(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.invitations });
      void queryClient.invalidateQueries({ queryKey: queryKeys.home });
    },
  });
}
