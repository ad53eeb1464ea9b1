import { Button, Group, Modal, MultiSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useEffect } from 'react';
import type { Role } from '../../../../shared/common';
import { CreateInvitationBodySchema, type CreateInvitationBody } from '../../../../shared/users';
import { isApiError } from '../../../api/api-error';
import type { CreatedInvitation } from '../../../api/client';
import { useCurrentSession } from '../../../app/use-session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemFieldErrors, withFieldLabels } from '../../../lib/form-errors';
import { todayIn, zonedInstant } from '../../../lib/time';
import { useCreateInvitation } from '../use-invitations';
import { useClientOptions } from '../use-users';
import { RoleSelect } from './RoleSelect';

export interface InviteModalProps {
  opened: boolean;
  onClose: () => void;
  onInvited: (result: CreatedInvitation) => void;
}

interface InviteValues {
  email: string;
  name: string;
  role: Role;
  clientIds: string[];
  accessEndsOn: string;
}

const LABELS = { email: 'Email', name: 'Name', role: 'Role', clientIds: 'Clients', accessExpiresAt: 'Access end' };
const validateBody = withFieldLabels(zod4Resolver(CreateInvitationBodySchema), LABELS);

/** Invite a person: who they are, their role, the clients they will see, and (auditors) until when. */
export function InviteModal({ opened, onClose, onInvited }: InviteModalProps) {
  const session = useCurrentSession();
  const zone = session.user.timeZone;
  const clients = useClientOptions(opened);
  const mutation = useCreateInvitation();

  const form = useForm<InviteValues>({
    initialValues: { email: '', name: '', role: 'preparer', clientIds: [], accessEndsOn: '' },
    validate: (values) => {
      const errors = validateBody(toBody(values, zone));
      const { accessExpiresAt, ...rest } = errors;
      if (values.role === 'auditor' && values.accessEndsOn === '') {
        return { ...rest, accessEndsOn: 'Choose the day the auditor’s access ends' };
      }
      return accessExpiresAt ? { ...rest, accessEndsOn: accessExpiresAt } : rest;
    },
  });

  useEffect(() => {
    if (opened) {
      form.reset();
      mutation.reset();
    }
    // Start fresh each time the modal opens.
  }, [opened]);

  function handleSubmit(values: InviteValues) {
    mutation.mutate(toBody(values, zone), {
      onSuccess: (result) => onInvited(result),
      onError: (error) => {
        const { accessExpiresAt, ...rest } = problemFieldErrors(error, LABELS);
        form.setErrors(accessExpiresAt ? { ...rest, accessEndsOn: accessExpiresAt } : rest);
      },
    });
  }

  const role = form.values.role;
  const hasFieldErrors = isApiError(mutation.error) && mutation.error.problem.errors.length > 0;

  return (
    <Modal opened={opened} onClose={onClose} title="Invite a person" size={560}>
      <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            You will get a link to pass on to them. It works once and lets them choose their password.
          </Text>
          {mutation.error && !hasFieldErrors ? <ProblemAlert error={mutation.error} /> : null}
          <SimpleGrid cols={2} spacing="md">
            <TextInput label="Email" type="email" autoComplete="off" data-autofocus {...form.getInputProps('email')} />
            <TextInput label="Name" autoComplete="off" {...form.getInputProps('name')} />
          </SimpleGrid>
          <RoleSelect
            label="Role"
            {...form.getInputProps('role')}
            onChange={(value) => {
              const next = (value ?? 'preparer') as Role; // the options are exactly the roles
              form.setFieldValue('role', next);
              if (next === 'client' && form.values.clientIds.length > 1) {
                form.setFieldValue('clientIds', form.values.clientIds.slice(0, 1));
              }
            }}
          />
          <MultiSelect
            label="Clients"
            description={clientsDescription(role)}
            placeholder={form.values.clientIds.length === 0 ? (clients.isPending ? 'Loading clients…' : 'Choose clients') : undefined}
            data={clients.data ?? []}
            searchable
            clearable
            hidePickedOptions
            nothingFoundMessage="No client with that name"
            {...(role === 'client' ? { maxValues: 1 } : {})}
            {...form.getInputProps('clientIds')}
          />
          {role === 'auditor' ? (
            <TextInput
              label="Access ends"
              type="date"
              description="The auditor loses access at the end of this day"
              min={todayIn(zone)}
              w={220}
              {...form.getInputProps('accessEndsOn')}
            />
          ) : null}
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Create invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function clientsDescription(role: Role): string {
  switch (role) {
    case 'admin':
      return 'Admins see every client; assignments are optional.';
    case 'client':
      return 'A client user belongs to exactly one client.';
    case 'auditor':
      return 'The clients whose evidence the auditor may read.';
    case 'partner':
    case 'reviewer':
    case 'preparer':
      return 'They will see only these clients.';
  }
}

function toBody(values: InviteValues, zone: string): CreateInvitationBody {
  return {
    email: values.email.trim(),
    name: values.name.trim(),
    role: values.role,
    clientIds: values.clientIds,
    accessExpiresAt: values.role === 'auditor' && values.accessEndsOn ? zonedInstant(values.accessEndsOn, '23:59', zone).toISOString() : null,
  };
}
