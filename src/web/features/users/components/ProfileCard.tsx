import { useEffect, useMemo } from 'react';
import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Role } from '../../../../shared/common';
import type { UpdateUserBody, UserDto } from '../../../../shared/users';
import { isApiError } from '../../../api/api-error';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemFieldErrors } from '../../../lib/form-errors';
import { timeZoneOptions } from '../../../lib/time';
import { useUpdateUser } from '../use-users';
import { RoleSelect } from './RoleSelect';

export interface ProfileCardProps {
  user: UserDto;
}

interface ProfileValues {
  name: string;
  timeZone: string;
  role: Role;
}

/** Name, time zone and role; only what changed is sent, with the version read. */
export function ProfileCard({ user }: ProfileCardProps) {
  const zones = useMemo(() => timeZoneOptions([user.timeZone]), [user.timeZone]);
  const mutation = useUpdateUser(user.id);
  const form = useForm<ProfileValues>({
    initialValues: { name: user.name, timeZone: user.timeZone, role: user.role },
    validate: { name: (value) => (value.trim() ? null : 'Name is required') },
  });

  useEffect(() => {
    const values = { name: user.name, timeZone: user.timeZone, role: user.role };
    form.setValues(values);
    form.resetDirty(values);
    // Follow the server's version of the person after every save or reload.
  }, [user.version]);

  function handleSubmit(values: ProfileValues) {
    const body: UpdateUserBody = {
      version: user.version,
      ...(values.name.trim() !== user.name ? { name: values.name.trim() } : {}),
      ...(values.timeZone !== user.timeZone ? { timeZone: values.timeZone } : {}),
      ...(values.role !== user.role ? { role: values.role } : {}),
    };
    mutation.mutate(body, {
      onSuccess: () => notifications.show({ color: 'green', message: `${values.name.trim()}'s profile was saved.` }),
      onError: (error) => form.setErrors(problemFieldErrors(error, { name: 'Name', timeZone: 'Time zone', role: 'Role' })),
    });
  }

  const canEdit = user.abilities.update;
  const hasFieldErrors = isApiError(mutation.error) && mutation.error.problem.errors.length > 0;

  return (
    <Card>
      <Title order={2} mb={4}>
        Profile and role
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        {user.abilities.changeRole || !canEdit ? 'The role decides what this person may do in every client they can see.' : 'You cannot change your own role; another administrator can.'}
      </Text>
      <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
        <Stack gap="md">
          {mutation.error && !hasFieldErrors ? <ProblemAlert error={mutation.error} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Name" disabled={!canEdit} {...form.getInputProps('name')} />
            <Select label="Time zone" data={zones} searchable limit={60} allowDeselect={false} disabled={!canEdit} nothingFoundMessage="No matching time zone" {...form.getInputProps('timeZone')} />
          </SimpleGrid>
          <RoleSelect
            label="Role"
            disabled={!user.abilities.changeRole}
            {...form.getInputProps('role')}
            onChange={(value) => form.setFieldValue('role', (value ?? user.role) as Role)} // the options are exactly the roles
            w={{ base: '100%', sm: '50%' }}
          />
          {canEdit ? (
            <Group justify="flex-end" gap="sm">
              {form.isDirty() ? (
                <Button variant="default" onClick={() => form.reset()}>
                  Discard
                </Button>
              ) : null}
              <Button type="submit" loading={mutation.isPending} disabled={!form.isDirty()}>
                Save profile
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}
