import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconShieldLock, IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../shared/common';
import { signOut } from '../api/client';
import { initials } from '../lib/initials';
import { queryKeys } from './query-keys';
import { useCurrentSession } from './use-session';

/** The signed-in person: their account page, and sign-out. */
export function UserMenu() {
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.session, null);
      void navigate('/sign-in', { replace: true });
    },
  });

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${session.user.name}`} px={6} py={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={32} radius="xl" color="brand" variant="light" aria-hidden="true">
              {initials(session.user.name)}
            </Avatar>
            <Stack gap={0} visibleFrom="md">
              <Text fz="sm" fw={600} lh={1.2}>
                {session.user.name}
              </Text>
              <Text fz="xs" c="dimmed" lh={1.2}>
                {ROLE_LABELS[session.user.role]}
              </Text>
            </Stack>
            <IconChevronDown size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{session.user.email}</Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden="true" />}>
          Account
        </Menu.Item>
        {session.user.mfaEnabled ? null : (
          <Menu.Item component={Link} to="/account/mfa" leftSection={<IconShieldLock size={16} aria-hidden="true" />}>
            Set up two-step verification
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} aria-hidden="true" />} onClick={() => signOutMutation.mutate()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
