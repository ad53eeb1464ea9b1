import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { AppShell, Burger, Divider, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { TickmarkLogo } from '../components/TickmarkLogo';
import { PageLoader } from '../components/PageLoader';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { MainNav } from './MainNav';
import { TeamClocks } from './TeamClocks';
import { UserMenu } from './UserMenu';
import { useLiveTasks } from './use-live-tasks';
import { useCurrentSession } from './use-session';

/** The signed-in frame: header (firm, colour scheme, person), navigation, and the page. */
export function AppLayout() {
  const session = useCurrentSession();
  const location = useLocation();
  const [isNavOpen, { toggle: handleToggleNav, close: handleCloseNav }] = useDisclosure(false);
  useLiveTasks(!session.mustEnrolMfa && session.user.role !== 'client');

  if (session.mustEnrolMfa) {
    return <Navigate to="/account/mfa" replace />;
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={isNavOpen} onClick={handleToggleNav} hiddenFrom="sm" size="sm" aria-label={isNavOpen ? 'Close navigation' : 'Open navigation'} />
            <TickmarkLogo size={26} />
            <Divider orientation="vertical" my={16} visibleFrom="xs" />
            <Text fw={600} fz="sm" visibleFrom="xs" truncate="end" maw={360}>
              {session.firm.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar aria-label="Main">
        <AppShell.Section grow component={ScrollArea} p="sm">
          <MainNav onNavigate={handleCloseNav} />
        </AppShell.Section>
        <AppShell.Section p="sm" pt={0}>
          <TeamClocks />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
        <Suspense fallback={<PageLoader />} key={location.pathname}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
