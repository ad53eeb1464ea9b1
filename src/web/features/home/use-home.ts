import { useQuery } from '@tanstack/react-query';
import { getHome } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

export function useHome() {
  return useQuery({ queryKey: queryKeys.home, queryFn: getHome });
}
