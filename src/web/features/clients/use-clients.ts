import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateClientBody, UpdateClientBody } from '../../../shared/clients';
import { createClient, getClient, listClients, updateClient, type ClientStatusFilter } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

export function useClientList(q: string, status: ClientStatusFilter) {
  return useQuery({
    queryKey: queryKeys.clientList(q, status),
    queryFn: () => listClients({ ...(q ? { q } : {}), status }),
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string) {
  return useQuery({ queryKey: queryKeys.client(id), queryFn: () => getClient(id) });
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateClientBody) => createClient(body),
    onSuccess: (client) => {
      queryClient.setQueryData(queryKeys.client(client.id), client);
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
      void queryClient.invalidateQueries({ queryKey: queryKeys.home });
    },
  });
}

export function useUpdateClient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateClientBody) => updateClient(id, body),
    onSuccess: (client) => {
      queryClient.setQueryData(queryKeys.client(client.id), client);
      void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
      void queryClient.invalidateQueries({ queryKey: queryKeys.home });
    },
  });
}
