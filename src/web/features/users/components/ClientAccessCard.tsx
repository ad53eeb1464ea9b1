import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, MultiSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { UserDto } from '../../../../shared/users';
import { useCurrentSession } from '../../../app/use-session';
import { DateTime } from '../../../components/DateTime';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemFieldErrors } from '../../../lib/form-errors';
import { todayIn, wallClock, zonedInstant } from '../../../lib/time';
import { useClientOptions, useSetClientAccess } from '../use-users';

export interface ClientAccessCardProps {
  user: UserDto;
}

/** The clients a person may see (least privilege), and for auditors until when. */
export function ClientAccessCard({ user }: ClientAccessCardProps) {
  const session = useCurrentSession();
  const zone = session.user.timeZone;
  const canManage = user.abilities.manageAccess;
  const clients = useClientOptions(canManage);
  const mutation = useSetClientAccess(user.id);
  const isAuditor = user.role === 'auditor';
  const [clientIds, setClientIds] = useState<string[]>(() => user.clientAccess.map((a) => a.clientId));
  const [endsOn, setEndsOn] = useState(() => endDateOf(user, zone));
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setClientIds(user.clientAccess.map((a) => a.clientId));
    setEndsOn(endDateOf(user, zone));
    // Follow the server's version of the person after every save or reload.
  }, [user.version, user.clientAccess.length]);

  const savedIds = user.clientAccess.map((a) => a.clientId).sort().join(',');
  const isDirty = [...clientIds].sort().join(',') !== savedIds || (isAuditor && endsOn !== endDateOf(user, zone));

  function handleSave() {
    if (isAuditor && clientIds.length > 0 && endsOn === '') {
      setErrors({ expiresAt: 'Choose the day the auditor’s access ends' });
      return;
    }
    setErrors({});
    mutation.mutate(
      { clientIds, expiresAt: isAuditor && endsOn ? zonedInstant(endsOn, '23:59', zone).toISOString() : null },
      {
        onSuccess: () => notifications.show({ color: 'green', message: `${user.name}'s client access was saved.` }),
        onError: (error) => setErrors(problemFieldErrors(error, { clientIds: 'Clients', expiresAt: 'Access end' })),
      },
    );
  }

  return (
    <Card>
      <Group justify="space-between" mb={4}>
        <Title order={2}>Client access</Title>
        <Text fz="sm" c="dimmed">
          {user.clientAccess.length === 1 ? '1 client' : `${user.clientAccess.length} clients`}
        </Text>
      </Group>
      <Text fz="sm" c="dimmed" mb="md">
        {user.role === 'admin' ? 'Administrators see every client; assignments put them on a client’s team.' : 'This person sees only the clients listed here.'}
      </Text>

      {canManage ? (
        <Stack gap="md">
          {mutation.error && Object.keys(errors).length === 0 ? <ProblemAlert error={mutation.error} /> : null}
          <MultiSelect
            label="Clients"
            placeholder={clientIds.length === 0 ? 'Choose clients' : undefined}
            data={mergeOptions(clients.data ?? [], user)}
            value={clientIds}
            onChange={setClientIds}
            searchable
            clearable
            hidePickedOptions
            nothingFoundMessage="No client with that name"
            error={errors.clientIds}
            {...(user.role === 'client' ? { maxValues: 1 } : {})}
          />
          {isAuditor ? (
            <TextInput
              label="Access ends"
              type="date"
              description="Access ends at the end of this day, in your time zone"
              min={todayIn(zone)}
              value={endsOn}
              onChange={(event) => setEndsOn(event.currentTarget.value)}
              error={errors.expiresAt}
              w={320}
            />
          ) : null}
          <Group justify="flex-end">
            <Button onClick={handleSave} loading={mutation.isPending} disabled={!isDirty}>
              Save access
            </Button>
          </Group>
        </Stack>
      ) : user.clientAccess.length === 0 ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} aria-hidden="true" />}>
          <Text fz="sm">No clients are assigned.</Text>
        </Alert>
      ) : null}

      {user.clientAccess.length > 0 ? (
        <Table mt="md" withTableBorder={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client</Table.Th>
              <Table.Th>Access ends</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {user.clientAccess.map((access) => (
              <Table.Tr key={access.clientId}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${access.clientId}`} fz="sm" fw={500}>
                    {access.clientName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{access.expiresAt ? <DateTime value={access.expiresAt} display="date" /> : <Text fz="sm" c="dimmed">No end</Text>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Card>
  );
}

/** The current access end as a date input value in the viewer's zone ('' when none). */
function endDateOf(user: UserDto, zone: string): string {
  const expiresAt = user.clientAccess.find((a) => a.expiresAt)?.expiresAt;
  if (!expiresAt) {
    return '';
  }
  const w = wallClock(expiresAt, zone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Keep assigned clients selectable even if they are archived (and so not in the active list). */
function mergeOptions(options: Array<{ value: string; label: string }>, user: UserDto) {
  const known = new Set(options.map((o) => o.value));
  const extra = user.clientAccess.filter((a) => !known.has(a.clientId)).map((a) => ({ value: a.clientId, label: a.clientName }));
  return [...options, ...extra];
}
