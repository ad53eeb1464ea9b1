import { NavLink, Stack, Text } from '@mantine/core';
import { IconBuildingSkyscraper, IconChecklist, IconHome, IconInbox, IconLayoutKanban, IconListDetails, IconRoute, IconSettings, IconUsers } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { Link, useLocation } from 'react-router';
import { useCurrentSession } from './use-session';

export interface MainNavProps {
  onNavigate: () => void;
}

interface NavItem {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
  isVisible: boolean;
  /** Also active on the item's sub-pages. */
  matchPrefix: boolean;
}

/** The left navigation; the administration items follow the session's abilities. */
export function MainNav({ onNavigate }: MainNavProps) {
  const { abilities, user } = useCurrentSession();
  const isFirmSide = user.role !== 'client';
  const isStaff = isFirmSide && user.role !== 'auditor';
  const readsSpotChecks = user.role === 'admin' || user.role === 'partner' || user.role === 'reviewer';
  const { pathname } = useLocation();

  const workItems: NavItem[] = [
    { label: 'Home', to: '/', icon: IconHome, isVisible: true, matchPrefix: false },
    { label: 'My work', to: '/my-work', icon: IconInbox, isVisible: isStaff, matchPrefix: false },
    { label: 'Tracker', to: '/tasks', icon: IconLayoutKanban, isVisible: isFirmSide, matchPrefix: true },
    { label: 'Clients', to: '/clients', icon: IconBuildingSkyscraper, isVisible: true, matchPrefix: true },
    { label: 'Spot-checks', to: '/spot-checks', icon: IconChecklist, isVisible: readsSpotChecks, matchPrefix: true },
    { label: 'Workflows', to: '/workflows', icon: IconRoute, isVisible: isStaff, matchPrefix: true },
  ];
  const adminItems: NavItem[] = [
    { label: 'People', to: '/admin/users', icon: IconUsers, isVisible: abilities.readUsers || abilities.manageUsers, matchPrefix: true },
    { label: 'Settings', to: '/admin/settings', icon: IconSettings, isVisible: abilities.manageSettings, matchPrefix: true },
    { label: 'Audit log', to: '/admin/audit', icon: IconListDetails, isVisible: abilities.readAuditLog, matchPrefix: true },
  ].filter((item) => item.isVisible);

  function renderItem(item: NavItem) {
    const isActive = item.matchPrefix ? pathname === item.to || pathname.startsWith(`${item.to}/`) : pathname === item.to;
    const Icon = item.icon;
    return (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={item.label}
        leftSection={<Icon size={18} stroke={1.7} aria-hidden />}
        active={isActive}
        aria-current={isActive ? 'page' : undefined}
        onClick={onNavigate}
        variant="light"
        fw={isActive ? 600 : 500}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    );
  }

  return (
    <Stack gap={2}>
      {workItems.filter((item) => item.isVisible).map(renderItem)}
      {adminItems.length > 0 ? (
        <>
          <Text fz={11} fw={700} c="dimmed" tt="uppercase" px="sm" pt="lg" pb={6} style={{ letterSpacing: '0.06em' }}>
            Administration
          </Text>
          {adminItems.map(renderItem)}
        </>
      ) : null}
    </Stack>
  );
}
