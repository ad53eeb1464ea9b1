import { useState } from 'react';
import { Button, Card, Stack, Text, Title, type MantineColor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLockOpen, IconPlayerPlay, IconShieldX, IconUserOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { UserDto } from '../../../../shared/users';
import type { AccountAction } from '../../../api/client';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { DateTime } from '../../../components/DateTime';
import { DetailList } from '../../../components/DetailList';
import { zoneCity } from '../../../lib/time';
import { useAccountAction } from '../use-users';

export interface AccountCardProps {
  user: UserDto;
}

interface ActionCopy {
  ability: keyof UserDto['abilities'];
  button: string;
  icon: ReactNode;
  color: MantineColor;
  title: string;
  confirm: string;
  explain: (name: string) => ReactNode;
  done: (name: string) => string;
}

const ACTIONS: Record<AccountAction, ActionCopy> = {
  unlock: {
    ability: 'unlock',
    button: 'Unlock',
    icon: <IconLockOpen size={16} aria-hidden="true" />,
    color: 'brand',
    title: 'Unlock this account?',
    confirm: 'Unlock account',
    explain: (name) => `${name} was locked out after too many failed sign-ins. Unlock only if you know the attempts were theirs.`,
    done: (name) => `${name} can sign in again.`,
  },
  'mfa-reset': {
    ability: 'resetMfa',
    button: 'Reset MFA',
    icon: <IconShieldX size={16} aria-hidden="true" />,
    color: 'orange',
    title: 'Reset two-step verification?',
    confirm: 'Reset two-step verification',
    explain: (name) => `${name}'s authenticator app and recovery codes stop working, and their sessions end. They set up two-step verification again at their next sign-in. Do this only after confirming who is asking, for example by a call.`,
    done: (name) => `${name}'s two-step verification was reset.`,
  },
  deactivation: {
    ability: 'deactivate',
    button: 'Deactivate',
    icon: <IconUserOff size={16} aria-hidden="true" />,
    color: 'red',
    title: 'Deactivate this account?',
    confirm: 'Deactivate account',
    explain: (name) => `${name} is signed out everywhere at once and can no longer sign in. Their work and history stay, and you can reactivate the account later.`,
    done: (name) => `${name} was deactivated.`,
  },
  reactivation: {
    ability: 'reactivate',
    button: 'Reactivate',
    icon: <IconPlayerPlay size={16} aria-hidden="true" />,
    color: 'green',
    title: 'Reactivate this account?',
    confirm: 'Reactivate account',
    explain: (name) => `${name} can sign in again with their password, and sees the clients they are assigned to.`,
    done: (name) => `${name} was reactivated.`,
  },
};

const ORDER: AccountAction[] = ['unlock', 'mfa-reset', 'deactivation', 'reactivation'];

/** Account facts and the actions the admin may take on the account (from its abilities). */
export function AccountCard({ user }: AccountCardProps) {
  const [pending, setPending] = useState<AccountAction | null>(null);
  const mutation = useAccountAction(user.id);
  const available = ORDER.filter((action) => user.abilities[ACTIONS[action].ability]);
  const copy = pending ? ACTIONS[pending] : null;

  function handleConfirm() {
    if (!pending) {
      return;
    }
    const done = ACTIONS[pending].done(user.name);
    mutation.mutate(pending, {
      onSuccess: () => {
        setPending(null);
        notifications.show({ color: 'green', message: done });
      },
    });
  }

  return (
    <Card>
      <Title order={2} mb="sm">
        Account
      </Title>
      <DetailList
        labelWidth={130}
        items={[
          { label: 'Status', value: user.status === 'active' ? 'Active' : 'Deactivated' },
          { label: 'Two-step', value: user.mfaEnabled ? 'On' : 'Off' },
          { label: 'Locked until', value: user.lockedUntil && new Date(user.lockedUntil) > new Date() ? <DateTime value={user.lockedUntil} /> : 'Not locked' },
          { label: 'Last sign-in', value: user.lastSignInAt ? <DateTime value={user.lastSignInAt} /> : 'Never' },
          { label: 'Time zone', value: zoneCity(user.timeZone) },
          { label: 'Member since', value: <DateTime value={user.createdAt} display="date" /> },
        ]}
      />
      <Title order={3} mt="lg" mb="xs">
        Actions
      </Title>
      {available.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No account actions are available for this person{user.abilities.update ? '' : ' to you'}.
        </Text>
      ) : (
        <Stack gap="xs">
          {available.map((action) => (
            <Button
              key={action}
              variant="light"
              color={ACTIONS[action].color}
              leftSection={ACTIONS[action].icon}
              justify="flex-start"
              onClick={() => {
                mutation.reset();
                setPending(action);
              }}
            >
              {ACTIONS[action].button}
            </Button>
          ))}
        </Stack>
      )}
      <ConfirmModal
        opened={copy !== null}
        title={copy?.title ?? ''}
        confirmLabel={copy?.confirm ?? ''}
        color={copy?.color ?? 'brand'}
        isPending={mutation.isPending}
        error={mutation.error}
        onConfirm={handleConfirm}
        onClose={() => setPending(null)}
      >
        {copy?.explain(user.name)}
      </ConfirmModal>
    </Card>
  );
}
