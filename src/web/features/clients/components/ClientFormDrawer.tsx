import { useEffect, useMemo } from 'react';
import { ActionIcon, Button, Divider, Drawer, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { ClientFieldsSchema, type ClientDto, type CreateClientBody } from '../../../../shared/clients';
import { isApiError, isProblem } from '../../../api/api-error';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemFieldErrors, withFieldLabels } from '../../../lib/form-errors';
import { timeZoneOptions } from '../../../lib/time';
import { useCreateClient, useUpdateClient } from '../use-clients';

export interface ClientFormDrawerProps {
  opened: boolean;
  onClose: () => void;
  /** The client to edit; absent to create one. */
  client?: ClientDto;
  /** The zone a new client starts with. */
  defaultTimeZone: string;
  onSaved: (client: ClientDto) => void;
  /** Fetches the latest version after a conflict. */
  onReload?: () => Promise<ClientDto | undefined>;
}

interface ContactValues {
  name: string;
  email: string;
  phone: string;
  title: string;
}

interface ClientFormValues {
  name: string;
  legalName: string;
  timeZone: string;
  fiscalYearEnd: string;
  contacts: ContactValues[];
  status: 'active' | 'archived';
}

const LABELS: Record<string, string> = {
  name: 'Name',
  legalName: 'Legal name',
  timeZone: 'Time zone',
  fiscalYearEnd: 'Fiscal year end',
  email: 'Email',
  phone: 'Phone',
  title: 'Title',
  contacts: 'Contacts',
};

const validateFields = withFieldLabels(zod4Resolver(ClientFieldsSchema), LABELS);

/** Create or edit a client, validated in the browser with the same schema the server uses. */
export function ClientFormDrawer({ opened, onClose, client, defaultTimeZone, onSaved, onReload }: ClientFormDrawerProps) {
  const isEdit = client !== undefined;
  const zones = useMemo(() => timeZoneOptions([client?.timeZone ?? '', defaultTimeZone]), [client?.timeZone, defaultTimeZone]);
  const createMutation = useCreateClient();
  const updateMutation = useUpdateClient(client?.id ?? '');
  const mutation = isEdit ? updateMutation : createMutation;

  const form = useForm<ClientFormValues>({
    initialValues: valuesOf(client, defaultTimeZone),
    validate: (values) => validateFields(toBody(values)),
  });

  useEffect(() => {
    if (opened) {
      form.setValues(valuesOf(client, defaultTimeZone));
      form.resetDirty(valuesOf(client, defaultTimeZone));
      form.clearErrors();
      createMutation.reset();
      updateMutation.reset();
    }
    // Reset only when the drawer opens or another client (version) is edited, not on every render.
  }, [opened, client?.id, client?.version]);

  function handleSubmit(values: ClientFormValues) {
    const body = toBody(values);
    const options = {
      onSuccess: (saved: ClientDto) => onSaved(saved),
      onError: (error: unknown) => form.setErrors(problemFieldErrors(error, LABELS)),
    };
    if (client) {
      updateMutation.mutate({ ...body, ...(client.abilities.archive ? { status: values.status } : {}), version: client.version }, options);
    } else {
      createMutation.mutate(body, options);
    }
  }

  async function handleReload() {
    const latest = await onReload?.();
    if (latest) {
      form.setValues(valuesOf(latest, defaultTimeZone));
      form.resetDirty(valuesOf(latest, defaultTimeZone));
    }
    updateMutation.reset();
  }

  const error = mutation.error;
  const isStale = isProblem(error, 409, 'stale_version');
  const showAlert = error && (isStale || !(isApiError(error) && error.problem.errors.length > 0));

  return (
    <Drawer opened={opened} onClose={onClose} title={isEdit ? `Edit ${client.name}` : 'New client'} size={560} padding="xl">
      <form onSubmit={form.onSubmit(handleSubmit)} noValidate>
        <Stack gap="md">
          {showAlert ? <ProblemAlert error={error} {...(isStale && onReload ? { onRetry: () => void handleReload() } : {})} /> : null}
          <TextInput label="Name" description="How the firm refers to the client day to day" data-autofocus {...form.getInputProps('name')} />
          <TextInput label="Legal name" description="As on the engagement letter and the books" {...form.getInputProps('legalName')} />
          <Select
            label="Time zone"
            description="Where the client keeps its books; deadlines are in this zone"
            data={zones}
            searchable
            limit={60}
            nothingFoundMessage="No matching time zone"
            allowDeselect={false}
            {...form.getInputProps('timeZone')}
          />
          <TextInput label="Fiscal year end" placeholder="12-31" description="Month and day as MM-DD, e.g. 12-31" maxLength={5} w={300} {...form.getInputProps('fiscalYearEnd')} />
          {client?.abilities.archive ? (
            <Stack gap={4}>
              <Text fz="sm" fw={500} id="client-status-label">
                Status
              </Text>
              <SegmentedControl
                aria-labelledby="client-status-label"
                data={[
                  { value: 'active', label: 'Active' },
                  { value: 'archived', label: 'Archived' },
                ]}
                {...form.getInputProps('status')}
              />
              <Text fz="xs" c="dimmed">
                Archived clients are hidden from lists but keep their history.
              </Text>
            </Stack>
          ) : null}

          <Divider my={4} />
          <Group justify="space-between">
            <div>
              <Title order={3}>Contacts</Title>
              <Text fz="xs" c="dimmed">
                Optional. People at the client you work with.
              </Text>
            </div>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden="true" />}
              onClick={() => form.insertListItem('contacts', { name: '', email: '', phone: '', title: '' })}
              disabled={form.values.contacts.length >= 20}
            >
              Add contact
            </Button>
          </Group>
          {form.values.contacts.length === 0 ? (
            <Text fz="sm" c="dimmed">
              No contacts yet.
            </Text>
          ) : null}
          {form.values.contacts.map((_, index) => (
            <Paper key={form.key(`contacts.${index}`)} withBorder p="sm" role="group" aria-label={`Contact ${index + 1}`}>
              <Group justify="space-between" mb={6}>
                <Text fz="xs" fw={700} c="dimmed" tt="uppercase">
                  Contact {index + 1}
                </Text>
                <Tooltip label="Remove contact">
                  <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Remove contact ${index + 1}`} onClick={() => form.removeListItem('contacts', index)}>
                    <IconTrash size={14} aria-hidden="true" />
                  </ActionIcon>
                </Tooltip>
              </Group>
              <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
                <TextInput label="Contact name" size="sm" {...form.getInputProps(`contacts.${index}.name`)} />
                <TextInput label="Contact email" type="email" size="sm" {...form.getInputProps(`contacts.${index}.email`)} />
                <TextInput label="Job title" size="sm" {...form.getInputProps(`contacts.${index}.title`)} />
                <TextInput label="Phone" type="tel" size="sm" {...form.getInputProps(`contacts.${index}.phone`)} />
              </SimpleGrid>
            </Paper>
          ))}

          <Group justify="flex-end" gap="sm" mt="md">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {isEdit ? 'Save changes' : 'Create client'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}

function valuesOf(client: ClientDto | undefined, defaultTimeZone: string): ClientFormValues {
  if (!client) {
    return { name: '', legalName: '', timeZone: defaultTimeZone, fiscalYearEnd: '12-31', contacts: [], status: 'active' };
  }
  return {
    name: client.name,
    legalName: client.legalName,
    timeZone: client.timeZone,
    fiscalYearEnd: client.fiscalYearEnd,
    contacts: client.contacts.map((c) => ({ name: c.name, email: c.email, phone: c.phone ?? '', title: c.title ?? '' })),
    status: client.status,
  };
}

/** Form values → request body: trimmed, with empty optional contact fields left out. */
function toBody(values: ClientFormValues): CreateClientBody {
  return {
    name: values.name.trim(),
    legalName: values.legalName.trim(),
    timeZone: values.timeZone,
    fiscalYearEnd: values.fiscalYearEnd.trim(),
    contacts: values.contacts.map((c) => ({
      name: c.name.trim(),
      email: c.email.trim(),
      ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
      ...(c.title.trim() ? { title: c.title.trim() } : {}),
    })),
  };
}
