import { Avatar, Button, Grid, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconListDetails, IconUserOff } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/api-error';
import { useCurrentSession } from '../../app/use-session';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleBadge } from '../../components/RoleBadge';
import { StateBadge } from '../../components/StateBadge';
import { MFA_COLORS, USER_STATE_COLORS } from '../../components/status-colors';
import { initials } from '../../lib/initials';
import { AccountCard } from './components/AccountCard';
import { ClientAccessCard } from './components/ClientAccessCard';
import { ProfileCard } from './components/ProfileCard';
import { useUser } from './use-users';
import { USER_STATE_LABELS, userState } from './user-state';

/** One person: profile and role, the clients they may see, and account actions. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const session = useCurrentSession();
  const userQuery = useUser(id);

  if (userQuery.isPending) {
    return (
      <Stack gap="lg" aria-busy="true">
        <Skeleton h={60} w={360} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (isProblem(userQuery.error, 404) || isProblem(userQuery.error, 400)) {
    return (
      <EmptyState
        icon={<IconUserOff size={28} aria-hidden="true" />}
        title="Person not found or you do not have access"
        titleOrder={1}
        description="The link may be wrong, or the person belongs to another firm."
        action={
          <Button component={Link} to="/admin/users" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />}>
            Back to People
          </Button>
        }
      />
    );
  }
  if (userQuery.error || !userQuery.data) {
    return <ProblemAlert error={userQuery.error} onRetry={() => void userQuery.refetch()} />;
  }

  const user = userQuery.data;
  const state = userState(user);
  const isSelf = user.id === session.user.id;

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm" component="span" wrap="nowrap">
            <Avatar size={40} radius="xl" color="brand" variant="light" component="span" aria-hidden="true">
              {initials(user.name)}
            </Avatar>
            <span>{user.name}</span>
          </Group>
        }
        documentTitle={user.name}
        description={isSelf ? `${user.email} · this is you` : user.email}
        breadcrumbs={[{ label: 'People', to: '/admin/users' }]}
        badges={
          <Group gap={6}>
            <RoleBadge role={user.role} />
            <StateBadge color={USER_STATE_COLORS[state]}>{USER_STATE_LABELS[state]}</StateBadge>
            <StateBadge color={user.mfaEnabled ? MFA_COLORS.on : MFA_COLORS.off}>{user.mfaEnabled ? 'MFA on' : 'MFA off'}</StateBadge>
          </Group>
        }
        actions={
          session.abilities.readAuditLog ? (
            <Button component={Link} to={`/admin/audit?actorId=${user.id}`} variant="default" leftSection={<IconListDetails size={16} aria-hidden="true" />}>
              Activity
            </Button>
          ) : null
        }
      />
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <ProfileCard user={user} />
            <ClientAccessCard user={user} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <AccountCard user={user} />
        </Grid.Col>
      </Grid>
      <Text fz="xs" c="dimmed" mt="lg">
        Every change here is recorded in the audit log with who made it.
      </Text>
    </>
  );
}
