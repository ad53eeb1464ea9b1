import { Badge, Button, Card, Grid, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ChangePasswordBody } from '../../../shared/auth';
import { isApiError } from '../../api/api-error';
import { changePassword } from '../../api/client';
import { useCurrentSession } from '../../app/use-session';
import { DateTime } from '../../components/DateTime';
import { PasswordField } from '../../components/PasswordField';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleBadge } from '../../components/RoleBadge';
import { problemFieldErrors } from '../../lib/form-errors';
import { zoneCity, zoneOffsetLabel } from '../../lib/time';
import { DetailList } from '../../components/DetailList';

/** The signed-in person's own account: profile, password and two-step verification. */
export function AccountPage() {
  const session = useCurrentSession();
  const { user } = session;

  return (
    <>
      <PageHeader title="Your account" description={`Signed in to ${session.firm.name}`} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Card>
              <Title order={2} mb="md">
                Profile
              </Title>
              <DetailList
                items={[
                  { label: 'Name', value: user.name },
                  { label: 'Email', value: user.email },
                  { label: 'Role', value: <RoleBadge role={user.role} /> },
                  { label: 'Time zone', value: `${zoneCity(user.timeZone)} (${zoneOffsetLabel(user.timeZone)})` },
                  { label: 'Session ends', value: <DateTime value={session.expiresAt} /> },
                ]}
              />
              <Text fz="xs" c="dimmed" mt="md">
                Your name, role and time zone are managed by your firm&apos;s administrator.
              </Text>
            </Card>
            <MfaCard />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <PasswordCard />
        </Grid.Col>
      </Grid>
    </>
  );
}

function MfaCard() {
  const { user } = useCurrentSession();
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={2}>Two-step verification</Title>
        <Badge color={user.mfaEnabled ? 'green' : 'gray'}>{user.mfaEnabled ? 'On' : 'Off'}</Badge>
      </Group>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon size={40} radius="md" variant="light" color={user.mfaEnabled ? 'green' : 'orange'}>
          {user.mfaEnabled ? <IconShieldCheck size={22} aria-hidden="true" /> : <IconShieldLock size={22} aria-hidden="true" />}
        </ThemeIcon>
        <Stack gap="sm" style={{ flex: 1 }}>
          <Text fz="sm">
            {user.mfaEnabled
              ? 'Signing in needs a code from your authenticator app as well as your password. If you lose your phone, use a recovery code or ask your administrator to reset it.'
              : 'Add a code from your phone to every sign-in, so client data stays safe even if your password leaks. It takes about a minute.'}
          </Text>
          {user.mfaEnabled ? null : (
            <Group>
              <Button component={Link} to="/account/mfa" leftSection={<IconShieldLock size={16} aria-hidden="true" />}>
                Set up two-step verification
              </Button>
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

function PasswordCard() {
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      newPassword: (value) => (value ? null : 'Enter a new password'),
      confirmPassword: (value, values) => (value === values.newPassword ? null : 'The two passwords do not match'),
    },
  });
  const mutation = useMutation({
    mutationFn: (body: ChangePasswordBody) => changePassword(body),
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'green', title: 'Password changed', message: 'Your other sessions were signed out.' });
    },
    onError: (error) => form.setErrors(problemFieldErrors(error, { currentPassword: 'Current password', newPassword: 'New password' })),
  });
  const hasFieldErrors = isApiError(mutation.error) && mutation.error.problem.errors.length > 0;

  return (
    <Card>
      <Title order={2} mb={4}>
        Change password
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        A long phrase of a few words is both strong and easy to remember. Changing it signs out your other sessions.
      </Text>
      <form onSubmit={form.onSubmit((values) => mutation.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword }))} noValidate>
        <Stack gap="md">
          {mutation.error && !hasFieldErrors ? <ProblemAlert error={mutation.error} /> : null}
          <PasswordField label="Current password" autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordField label="New password" autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordField label="Confirm new password" autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
          <Group justify="flex-end">
            <Button type="submit" loading={mutation.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
