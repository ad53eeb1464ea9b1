import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../shared/common';
import type { SetClientAccessBody, UpdateUserBody, UserDto } from '../../../shared/users';
import { changeUserAccount, getUser, listClients, listUsers, setClientAccess, updateUser, type AccountAction, type UserStatusFilter } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

export interface UserFilters {
  q: string;
  role: Role | '';
  status: UserStatusFilter;
}

export function useUserList(filters: UserFilters) {
  return useQuery({
    queryKey: queryKeys.userList({ q: filters.q, role: filters.role, status: filters.status }),
    queryFn: () => listUsers({ ...(filters.q ? { q: filters.q } : {}), ...(filters.role ? { role: filters.role } : {}), status: filters.status }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({ queryKey: queryKeys.user(id), queryFn: () => getUser(id) });
}

/** Every client of the firm, for access pickers (the admin sees them all). */
export function useClientOptions(enabled = true) {
  return useQuery({
    queryKey: queryKeys.clientList('', 'active'),
    queryFn: () => listClients({ status: 'active' }),
    enabled,
    select: (list) => list.items.map((client) => ({ value: client.id, label: client.name })),
  });
}

function useUserMutationSuccess() {
  const queryClient = useQueryClient();
  return (user: UserDto) => {
    queryClient.setQueryData(queryKeys.user(user.id), user);
    void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    void queryClient.invalidateQueries({ queryKey: queryKeys.home });
    void queryClient.invalidateQueries({ queryKey: queryKeys.clients });
  };
}

export function useUpdateUser(id: string) {
  const handleSuccess = useUserMutationSuccess();
  return useMutation({ mutationFn: (body: UpdateUserBody) => updateUser(id, body), onSuccess: handleSuccess });
}

export function useSetClientAccess(id: string) {
  const handleSuccess = useUserMutationSuccess();
  return useMutation({ mutationFn: (body: SetClientAccessBody) => setClientAccess(id, body), onSuccess: handleSuccess });
}

export function useAccountAction(id: string) {
  const handleSuccess = useUserMutationSuccess();
  return useMutation({ mutationFn: (action: AccountAction) => changeUserAccount(id, action), onSuccess: handleSuccess });
}
