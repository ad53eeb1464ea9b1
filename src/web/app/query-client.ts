import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { isApiError, isProblem } from '../api/api-error';
import { queryKeys } from './query-keys';

/**
 * The app's query client. Any call answered 401 means the session ended: the session becomes
 * null and RequireSession sends the person to /sign-in?next=…. A 403 `mfa_enrolment_required`
 * reloads the session, which routes the person to two-step set-up.
 */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: handleGlobalError }),
    mutationCache: new MutationCache({ onError: handleGlobalError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });

  function handleGlobalError(error: unknown) {
    if (isProblem(error, 401, 'unauthenticated') && queryClient.getQueryData(queryKeys.session)) {
      queryClient.setQueryData(queryKeys.session, null);
      notifications.show({ id: 'session-ended', color: 'orange', title: 'Signed out', message: 'Your session has ended. Sign in again to continue.' });
    }
    if (isProblem(error, 403, 'mfa_enrolment_required')) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    }
  }

  return queryClient;
}
