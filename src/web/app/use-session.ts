import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getSession } from '../api/client';
import type { SessionDto } from '../../shared/auth';
import { queryKeys } from './query-keys';

/** The session query: the signed-in person, or null when signed out. */
export function useSessionQuery() {
  return useQuery({ queryKey: queryKeys.session, queryFn: getSession, staleTime: 60_000, refetchOnWindowFocus: true });
}

export const SessionContext = createContext<SessionDto | null>(null);

/** The signed-in person's session, inside the pages that require one. */
export function useCurrentSession(): SessionDto {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useCurrentSession is used outside RequireSession');
  }
  return session;
}
