import { Navigate, Outlet, useLocation } from 'react-router';
import { Center, Stack } from '@mantine/core';
import { PageLoader } from '../components/PageLoader';
import { ProblemAlert } from '../components/ProblemAlert';
import { SessionContext, useSessionQuery } from './use-session';

/** Pages below need a signed-in person; others are sent to sign in and brought back after. */
export function RequireSession() {
  const location = useLocation();
  const { data: session, error, refetch, isPending } = useSessionQuery();

  if (isPending) {
    return <PageLoader fullScreen />;
  }
  if (error) {
    return (
      <Center h="100vh" component="main" px="md">
        <Stack maw={480}>
          <ProblemAlert error={error} title="Tickmark could not load your session" onRetry={() => void refetch()} />
        </Stack>
      </Center>
    );
  }
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <SessionContext value={session}>
      <Outlet />
    </SessionContext>
  );
}
