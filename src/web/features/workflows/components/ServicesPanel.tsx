import { Anchor, Button, Card, Group, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCalendarRepeat, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ServiceDto } from '../../../../shared/workflows';
import { useFirmSettings } from '../../../app/use-firm';
import { EmptyState } from '../../../components/EmptyState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StateBadge } from '../../../components/StateBadge';
import { PRIORITY_COLORS } from '../../../components/status-colors';
import { formatLocalDate } from '../../../lib/time';
import { PRIORITY_LABELS, formatDueRule, plural } from '../../../lib/tracker-copy';
import { useGenerateTasks, useServices, useUpdateService } from '../use-workflows';
import { ServiceFormModal } from './ServiceFormModal';

export interface ServicesPanelProps {
  /** Admins and partners set up services and create due tasks. */
  canManage: boolean;
}

const FREQUENCY_LABELS: Record<ServiceDto['frequency'], string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };

/** Services: which client gets which workflow, how often, due when, prepared and reviewed by whom. */
export function ServicesPanel({ canManage }: ServicesPanelProps) {
  const services = useServices();
  const generate = useGenerateTasks();
  const update = useUpdateService();
  const settings = useFirmSettings();
  const [isCreating, { open: handleOpenCreate, close: handleCloseCreate }] = useDisclosure(false);

  function handleGenerate() {
    generate.mutate(undefined, {
      onSuccess: (result) =>
        notifications.show({
          color: result.created > 0 ? 'green' : 'gray',
          title: result.created > 0 ? `Created ${plural(result.created, 'task')}` : 'Nothing new to create',
          message: result.created > 0 ? `From ${plural(result.services, 'active service')}, for periods ended by ${result.asOf}.` : `Every ended period of the ${plural(result.services, 'active service')} already has its task.`,
        }),
    });
  }

  function handleToggleActive(service: ServiceDto, active: boolean) {
    update.mutate({ id: service.id, body: { active, version: service.version } });
  }

  const rows = [...(services.data ?? [])].sort((a, b) => a.client.name.localeCompare(b.client.name) || a.workflow.name.localeCompare(b.workflow.name));

  return (
    <>
      {canManage ? (
        <Group justify="flex-end" mb="md" gap="sm">
          <Button variant="default" leftSection={<IconPlayerPlay size={16} aria-hidden="true" />} onClick={handleGenerate} loading={generate.isPending}>
            Create due tasks now
          </Button>
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={handleOpenCreate}>
            New service
          </Button>
        </Group>
      ) : null}
      {generate.error || update.error ? (
        <Stack mb="md">
          <ProblemAlert error={generate.error ?? update.error} />
        </Stack>
      ) : null}
      <Card padding={0}>
        {services.isPending ? (
          <Skeleton h={240} />
        ) : services.error ? (
          <ProblemAlert error={services.error} onRetry={() => void services.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<IconCalendarRepeat size={24} aria-hidden="true" />}
            title={canManage ? 'Set up your first service' : 'No services yet'}
            description="A service subscribes a client to a workflow on a schedule; Tickmark creates each period's task with its preparer, reviewer and checklist."
            action={
              canManage ? (
                <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={handleOpenCreate}>
                  New service
                </Button>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={900} type="native">
            <Table highlightOnHover aria-label="Services">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Client</Table.Th>
                  <Table.Th>Workflow</Table.Th>
                  <Table.Th>Schedule</Table.Th>
                  <Table.Th>Preparer → Reviewer</Table.Th>
                  <Table.Th>Starts</Table.Th>
                  <Table.Th>Priority</Table.Th>
                  <Table.Th>Active</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((service) => (
                  <Table.Tr key={service.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${service.client.id}`} fz="sm" fw={600}>
                        {service.client.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td fz="sm">{service.workflow.name}</Table.Td>
                    <Table.Td fz="sm">
                      {FREQUENCY_LABELS[service.frequency]}
                      <Text fz="xs" c="dimmed" className="tm-num">
                        Due {formatDueRule(service.dueRule, service.frequency)}
                      </Text>
                    </Table.Td>
                    <Table.Td fz="sm">
                      {service.preparer.name} → {service.reviewer.name}
                    </Table.Td>
                    <Table.Td fz="sm" className="tm-num" style={{ whiteSpace: 'nowrap' }}>
                      {formatLocalDate(service.startsOn, settings.dateFormat)}
                    </Table.Td>
                    <Table.Td>
                      <StateBadge color={PRIORITY_COLORS[service.priority]}>{PRIORITY_LABELS[service.priority]}</StateBadge>
                    </Table.Td>
                    <Table.Td>
                      {service.abilities.manage ? (
                        <Switch
                          checked={service.active}
                          onChange={(event) => handleToggleActive(service, event.currentTarget.checked)}
                          aria-label={`${service.client.name}: ${service.workflow.name} is active`}
                          disabled={update.isPending && update.variables.id === service.id}
                        />
                      ) : (
                        <StateBadge color={service.active ? 'green' : 'gray'}>{service.active ? 'Active' : 'Paused'}</StateBadge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {rows.length > 0 ? (
        <Text fz="xs" c="dimmed" mt="sm">
          “BD+5” is the fifth business day after the period ends (weekends and firm holidays skipped). Paused services create no new tasks.
        </Text>
      ) : null}
      {canManage ? <ServiceFormModal opened={isCreating} onClose={handleCloseCreate} /> : null}
    </>
  );
}
