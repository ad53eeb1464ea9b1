import { Fragment, useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Select, Table, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconChevronDown, IconChevronRight, IconFilterOff, IconListDetails, IconLock } from '@tabler/icons-react';
import type { AuditEventDto } from '../../../shared/audit';
import { listClients, listUsers } from '../../api/client';
import { queryKeys } from '../../app/query-keys';
import { useCurrentSession } from '../../app/use-session';
import { DateTime } from '../../components/DateTime';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { auditActionColor } from '../../components/status-colors';
import { useUrlFilters } from '../../components/use-url-filters';
import { AuditDetails } from './components/AuditDetails';
import { useAuditEvents } from './use-audit-events';

const FILTERS = ['actorId', 'clientId', 'type', 'from', 'to'] as const;

/** The firm's audit log: who did what, to which client, when; filtered through the URL. */
export function AuditLogPage() {
  const session = useCurrentSession();
  if (!session.abilities.readAuditLog) {
    return <EmptyState icon={<IconLock size={28} aria-hidden="true" />} title="You do not have access to the audit log" titleOrder={1} description="Administrators and partners can read the audit log." />;
  }
  return <AuditLog />;
}

function AuditLog() {
  const session = useCurrentSession();
  const { values, setFilter } = useUrlFilters(FILTERS);
  const events = useAuditEvents(values);
  const people = useQuery({ queryKey: queryKeys.userList({ q: '', role: '', status: 'all' }), queryFn: () => listUsers({ status: 'all' }) });
  const clients = useQuery({ queryKey: queryKeys.clientList('', 'all'), queryFn: () => listClients({ status: 'all' }) });
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  const rows = useMemo(() => events.data?.pages.flatMap((page) => page.items) ?? [], [events.data]);
  const names = useMemo(() => {
    const map = new Map<string, string>([[session.firm.id, session.firm.name]]);
    for (const user of people.data ?? []) {
      map.set(user.id, user.name);
    }
    for (const client of clients.data?.items ?? []) {
      map.set(client.id, client.name);
    }
    return map;
  }, [people.data, clients.data, session.firm.id, session.firm.name]);
  const types = events.data?.pages[0]?.types ?? [];
  const isFiltered = FILTERS.some((key) => values[key] !== '');

  function handleToggle(id: string) {
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      return next;
    });
  }

  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in and change, newest first. Entries are hash-chained and cannot be altered." />
      <Group mb="md" gap="sm" align="flex-end">
        <Select
          label="Person"
          placeholder="Anyone"
          data={(people.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
          value={values.actorId || null}
          onChange={(next) => setFilter({ actorId: next })}
          searchable
          clearable
          w={190}
        />
        <Select
          label="Client"
          placeholder="Any client"
          data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
          value={values.clientId || null}
          onChange={(next) => setFilter({ clientId: next })}
          searchable
          clearable
          w={190}
        />
        <Select
          label="Action"
          placeholder="Any action"
          data={[...new Set([...types, ...(values.type ? [values.type] : [])])].map((type) => ({ value: type, label: type }))}
          value={values.type || null}
          onChange={(next) => setFilter({ type: next })}
          searchable
          clearable
          w={210}
        />
        <TextInput label="From" type="date" value={values.from} max={values.to || undefined} onChange={(event) => setFilter({ from: event.currentTarget.value })} w={150} />
        <TextInput label="To" type="date" value={values.to} min={values.from || undefined} onChange={(event) => setFilter({ to: event.currentTarget.value })} w={150} />
        {isFiltered ? (
          <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} aria-hidden="true" />} onClick={() => setFilter({ actorId: null, clientId: null, type: null, from: null, to: null })}>
            Clear filters
          </Button>
        ) : null}
      </Group>

      {events.error ? <ProblemAlert error={events.error} onRetry={() => void events.refetch()} /> : null}

      <Paper withBorder style={{ overflow: 'clip' }}>
        {events.isPending ? (
          <Text p="lg" c="dimmed" fz="sm">
            Loading the audit log…
          </Text>
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<IconListDetails size={24} aria-hidden="true" />}
            title={isFiltered ? 'No entries match these filters' : 'No entries yet'}
            description={isFiltered ? 'Widen the date range or clear a filter.' : 'Sign-ins and changes will appear here as they happen.'}
          />
        ) : (
          <Table stickyHeader stickyHeaderOffset={56} className="tm-dense">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={44}>
                  <VisuallyHidden>Details</VisuallyHidden>
                </Table.Th>
                <Table.Th>Time</Table.Th>
                <Table.Th>Person</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th>Subject</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((event) => (
                <AuditRow key={event.id} event={event} subjectName={event.subjectId ? names.get(event.subjectId) : undefined} isExpanded={expanded.has(event.id)} onToggle={() => handleToggle(event.id)} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Group justify="space-between" mt="sm">
        <Text fz="xs" c="dimmed">
          {rows.length === 1 ? '1 entry shown' : `${rows.length} entries shown`}
        </Text>
        {events.hasNextPage ? (
          <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
            Load more
          </Button>
        ) : rows.length > 0 ? (
          <Text fz="xs" c="dimmed">
            That is the beginning of the log.
          </Text>
        ) : null}
      </Group>
    </>
  );
}

interface AuditRowProps {
  event: AuditEventDto;
  /** The subject's name when it is a person or client the viewer can see. */
  subjectName: string | undefined;
  isExpanded: boolean;
  onToggle: () => void;
}

function AuditRow({ event, subjectName, isExpanded, onToggle }: AuditRowProps) {
  const detailsId = `audit-details-${event.id}`;
  return (
    <Fragment>
      <Table.Tr style={{ cursor: 'pointer' }} onClick={onToggle} {...(isExpanded ? { bg: 'var(--mantine-color-default-hover)' } : {})}>
        <Table.Td>
          <Tooltip label={isExpanded ? 'Hide details' : 'Show details'}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={`${isExpanded ? 'Hide' : 'Show'} details of entry ${event.seq}`}
              aria-expanded={isExpanded}
              aria-controls={isExpanded ? detailsId : undefined}
              onClick={(clickEvent) => {
                clickEvent.stopPropagation();
                onToggle();
              }}
            >
              {isExpanded ? <IconChevronDown size={16} aria-hidden="true" /> : <IconChevronRight size={16} aria-hidden="true" />}
            </ActionIcon>
          </Tooltip>
        </Table.Td>
        <Table.Td>
          <DateTime value={event.occurredAt} withUtc />
        </Table.Td>
        <Table.Td>
          {event.actor ? (
            <Tooltip label={event.actor.email}>
              <Text fz="sm" fw={500} span>
                {event.actor.name}
              </Text>
            </Tooltip>
          ) : (
            <Text fz="sm" c="dimmed">
              System
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Badge color={auditActionColor(event.type)} ff="monospace" fw={500} style={{ minWidth: 'max-content' }}>
            {event.type}
          </Badge>
        </Table.Td>
        <Table.Td fz="sm">{event.client?.name ?? <Text span fz="sm" c="dimmed">—</Text>}</Table.Td>
        <Table.Td fz="sm">
          <Text fz="sm" truncate="end" maw={240} {...(subjectName ? { title: subjectName } : {})}>
            <Text span fz="sm" c="dimmed">
              {event.subjectType}
            </Text>
            {subjectName ? (
              <Text span fz="sm">
                {' '}
                {subjectName}
              </Text>
            ) : event.subjectId ? (
              <Text span fz="xs" c="dimmed" ff="monospace" title={event.subjectId}>
                {' '}
                …{event.subjectId.slice(-8)}
              </Text>
            ) : null}
          </Text>
        </Table.Td>
      </Table.Tr>
      {isExpanded ? (
        <Table.Tr id={detailsId} bg="var(--mantine-color-default-hover)">
          <Table.Td />
          <Table.Td colSpan={5}>
            <AuditDetails event={event} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}
