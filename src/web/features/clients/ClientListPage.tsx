import { useMemo } from 'react';
import { Anchor, Button, Group, LoadingOverlay, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { ClientDto } from '../../../shared/clients';
import type { ClientStatusFilter } from '../../api/client';
import { useCurrentSession } from '../../app/use-session';
import { DateTime } from '../../components/DateTime';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { SortableTh } from '../../components/SortableTh';
import { StateBadge } from '../../components/StateBadge';
import { CLIENT_STATUS_COLORS } from '../../components/status-colors';
import { useUrlFilters } from '../../components/use-url-filters';
import { sortRows, useUrlSort } from '../../components/use-url-sort';
import { formatFiscalYearEnd, zoneCity } from '../../lib/time';
import { ClientFormDrawer } from './components/ClientFormDrawer';
import { useClientList } from './use-clients';

const COLUMNS = ['name', 'legalName', 'fiscalYearEnd', 'timeZone', 'team', 'status', 'updated'] as const;
type Column = (typeof COLUMNS)[number];
const STATUSES: ClientStatusFilter[] = ['active', 'archived', 'all'];

/** Every client the person may see; the admin sees all of the firm's. */
export function ClientListPage() {
  const session = useCurrentSession();
  const navigate = useNavigate();
  const { values, setFilter } = useUrlFilters(['q', 'status'] as const);
  const status = STATUSES.find((s) => s === values.status) ?? 'active';
  const { sort, handleSort } = useUrlSort(COLUMNS, { column: 'name', direction: 'asc' });
  const list = useClientList(values.q.trim(), status);
  const [isCreating, { open: handleOpenCreate, close: handleCloseCreate }] = useDisclosure(false);
  const canCreate = session.abilities.manageClients;

  const rows = useMemo(() => sortRows(list.data?.items ?? [], sort, valueOf), [list.data, sort]);

  const createButton = canCreate ? (
    <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={handleOpenCreate}>
      New client
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Clients"
        description={session.abilities.manageClients ? 'Every client of the firm.' : 'The clients you are assigned to.'}
        actions={createButton}
      />
      <Group justify="space-between" mb="md" gap="sm">
        <SearchInput label="Search clients" placeholder="Search by name or legal name" value={values.q} onChange={(q) => setFilter({ q })} />
        <SegmentedControl
          aria-label="Filter by status"
          size="sm"
          value={status}
          onChange={(next) => setFilter({ status: next === 'active' ? null : next })}
          data={[
            { value: 'active', label: 'Active' },
            { value: 'archived', label: 'Archived' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>

      {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}

      <Paper withBorder pos="relative" style={{ overflow: 'clip' }}>
        <LoadingOverlay visible={list.isFetching && !list.isPending} overlayProps={{ backgroundOpacity: 0.3 }} loaderProps={{ size: 'sm' }} />
        {list.isPending ? (
          <Text p="lg" c="dimmed" fz="sm">
            Loading clients…
          </Text>
        ) : rows.length === 0 ? (
          <ClientsEmpty query={values.q} status={status} action={createButton} onClearSearch={() => setFilter({ q: null })} />
        ) : (
          <Table stickyHeader stickyHeaderOffset={56} highlightOnHover className="tm-dense">
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="name" sort={sort} onSort={handleSort}>
                  Name
                </SortableTh>
                <SortableTh column="legalName" sort={sort} onSort={handleSort}>
                  Legal name
                </SortableTh>
                <SortableTh column="fiscalYearEnd" sort={sort} onSort={handleSort}>
                  Fiscal year end
                </SortableTh>
                <SortableTh column="timeZone" sort={sort} onSort={handleSort}>
                  Time zone
                </SortableTh>
                <SortableTh column="team" sort={sort} onSort={handleSort} align="right">
                  Team
                </SortableTh>
                <SortableTh column="status" sort={sort} onSort={handleSort}>
                  Status
                </SortableTh>
                <SortableTh column="updated" sort={sort} onSort={handleSort}>
                  Last changed
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((client) => (
                <Table.Tr key={client.id} className="tm-row-link" onClick={() => void navigate(`/clients/${client.id}`)}>
                  <Table.Td>
                    <Anchor component={Link} to={`/clients/${client.id}`} fw={600} fz="sm" onClick={(event) => event.stopPropagation()}>
                      {client.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td fz="sm">{client.legalName}</Table.Td>
                  <Table.Td fz="sm" className="tm-num">
                    {formatFiscalYearEnd(client.fiscalYearEnd)}
                  </Table.Td>
                  <Table.Td fz="sm">{zoneCity(client.timeZone)}</Table.Td>
                  <Table.Td fz="sm" ta="right" className="tm-num">
                    {client.team.length}
                  </Table.Td>
                  <Table.Td>
                    <StateBadge color={CLIENT_STATUS_COLORS[client.status]}>{client.status === 'active' ? 'Active' : 'Archived'}</StateBadge>
                  </Table.Td>
                  <Table.Td>
                    <DateTime value={client.updatedAt} display="relative" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {rows.length > 0 ? (
        <Text fz="xs" c="dimmed" mt="sm">
          {rows.length === 1 ? '1 client' : `${rows.length} clients`}
        </Text>
      ) : null}

      {canCreate ? (
        <ClientFormDrawer
          opened={isCreating}
          onClose={handleCloseCreate}
          defaultTimeZone={session.user.timeZone}
          onSaved={(client) => {
            handleCloseCreate();
            void navigate(`/clients/${client.id}`);
          }}
        />
      ) : null}
    </>
  );
}

interface ClientsEmptyProps {
  query: string;
  status: ClientStatusFilter;
  action: React.ReactNode;
  onClearSearch: () => void;
}

function ClientsEmpty({ query, status, action, onClearSearch }: ClientsEmptyProps) {
  if (query) {
    return (
      <EmptyState
        icon={<IconSearch size={24} aria-hidden="true" />}
        title={`No clients match “${query}”`}
        description="Check the spelling, or search by the client's legal name."
        action={
          <Button variant="default" onClick={onClearSearch}>
            Clear search
          </Button>
        }
      />
    );
  }
  if (status === 'archived') {
    return <EmptyState icon={<IconBuildingSkyscraper size={24} aria-hidden="true" />} title="No archived clients" description="Clients you archive keep their history and appear here." />;
  }
  return (
    <EmptyState
      icon={<IconBuildingSkyscraper size={24} aria-hidden="true" />}
      title={action ? 'Add your first client' : 'No clients assigned yet'}
      description={action ? 'Clients hold the recurring work your teams prepare and review.' : "Ask your firm's administrator to assign you to a client."}
      action={action}
    />
  );
}

function valueOf(client: ClientDto, column: Column): string | number {
  switch (column) {
    case 'name':
      return client.name;
    case 'legalName':
      return client.legalName;
    case 'fiscalYearEnd':
      return client.fiscalYearEnd;
    case 'timeZone':
      return zoneCity(client.timeZone);
    case 'team':
      return client.team.length;
    case 'status':
      return client.status;
    case 'updated':
      return client.updatedAt;
  }
}
