import { useMemo } from 'react';
import { Anchor, Avatar, Group, LoadingOverlay, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { IconSearch, IconShieldCheck, IconShieldOff, IconUsers } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { ROLE_LABELS, RoleSchema } from '../../../../shared/common';
import type { UserDto } from '../../../../shared/users';
import type { UserStatusFilter } from '../../../api/client';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { RoleBadge } from '../../../components/RoleBadge';
import { SearchInput } from '../../../components/SearchInput';
import { SortableTh } from '../../../components/SortableTh';
import { StateBadge } from '../../../components/StateBadge';
import { USER_STATE_COLORS } from '../../../components/status-colors';
import { USER_STATE_LABELS, userState } from '../user-state';
import { useUrlFilters } from '../../../components/use-url-filters';
import { sortRows, useUrlSort } from '../../../components/use-url-sort';
import { initials } from '../../../lib/initials';
import { ROLE_OPTIONS } from '../role-copy';
import { useUserList } from '../use-users';

const COLUMNS = ['name', 'role', 'status', 'mfa', 'clients', 'lastSignIn'] as const;
type Column = (typeof COLUMNS)[number];
const STATUSES: UserStatusFilter[] = ['all', 'active', 'deactivated'];

/** The firm's people, filtered and sorted through the URL. */
export function PeopleTable() {
  const navigate = useNavigate();
  const { values, setFilter } = useUrlFilters(['q', 'role', 'status'] as const);
  const role = RoleSchema.safeParse(values.role).data ?? '';
  const status = STATUSES.find((s) => s === values.status) ?? 'all';
  const { sort, handleSort } = useUrlSort(COLUMNS, { column: 'name', direction: 'asc' });
  const list = useUserList({ q: values.q.trim(), role, status });
  const rows = useMemo(() => sortRows(list.data ?? [], sort, valueOf), [list.data, sort]);
  const isFiltered = values.q !== '' || role !== '' || status !== 'all';

  return (
    <>
      <Group mb="md" gap="sm">
        <SearchInput label="Search people" placeholder="Search by name or email" value={values.q} onChange={(q) => setFilter({ q })} />
        <Select
          aria-label="Filter by role"
          placeholder="All roles"
          data={ROLE_OPTIONS}
          value={role || null}
          onChange={(next) => setFilter({ role: next })}
          clearable
          w={170}
        />
        <Select
          aria-label="Filter by status"
          data={[
            { value: 'all', label: 'All statuses' },
            { value: 'active', label: 'Active' },
            { value: 'deactivated', label: 'Deactivated' },
          ]}
          value={status}
          onChange={(next) => setFilter({ status: next === 'all' ? null : next })}
          allowDeselect={false}
          w={170}
        />
      </Group>

      {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}

      <Paper withBorder pos="relative" style={{ overflow: 'clip' }}>
        <LoadingOverlay visible={list.isFetching && !list.isPending} overlayProps={{ backgroundOpacity: 0.3 }} loaderProps={{ size: 'sm' }} />
        {list.isPending ? (
          <Text p="lg" c="dimmed" fz="sm">
            Loading people…
          </Text>
        ) : rows.length === 0 ? (
          isFiltered ? (
            <EmptyState icon={<IconSearch size={24} aria-hidden="true" />} title="No one matches these filters" description="Try another search, or clear the role and status filters." />
          ) : (
            <EmptyState icon={<IconUsers size={24} aria-hidden="true" />} title="No people yet" description="Invite the first person to your firm." />
          )
        ) : (
          <Table stickyHeader stickyHeaderOffset={56} highlightOnHover className="tm-dense">
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="name" sort={sort} onSort={handleSort}>
                  Name and email
                </SortableTh>
                <SortableTh column="role" sort={sort} onSort={handleSort}>
                  Role
                </SortableTh>
                <SortableTh column="status" sort={sort} onSort={handleSort}>
                  Status
                </SortableTh>
                <SortableTh column="mfa" sort={sort} onSort={handleSort}>
                  MFA
                </SortableTh>
                <SortableTh column="clients" sort={sort} onSort={handleSort}>
                  Clients
                </SortableTh>
                <SortableTh column="lastSignIn" sort={sort} onSort={handleSort}>
                  Last sign-in
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((user) => (
                <PersonRow key={user.id} user={user} onOpen={() => void navigate(`/admin/users/${user.id}`)} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {rows.length > 0 ? (
        <Text fz="xs" c="dimmed" mt="sm">
          {rows.length === 1 ? '1 person' : `${rows.length} people`}
        </Text>
      ) : null}
    </>
  );
}

interface PersonRowProps {
  user: UserDto;
  onOpen: () => void;
}

function PersonRow({ user, onOpen }: PersonRowProps) {
  const state = userState(user);
  const clientNames = user.clientAccess.map((access) => access.clientName);
  return (
    <Table.Tr className="tm-row-link" onClick={onOpen}>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <Avatar size={30} radius="xl" color="brand" variant="light" aria-hidden="true">
            {initials(user.name)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/admin/users/${user.id}`} fz="sm" fw={600} lh={1.3} display="block" onClick={(event) => event.stopPropagation()}>
              {user.name}
            </Anchor>
            <Text fz="xs" c="dimmed" lh={1.3}>
              {user.email}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <RoleBadge role={user.role} />
      </Table.Td>
      <Table.Td>
        <StateBadge color={USER_STATE_COLORS[state]}>{USER_STATE_LABELS[state]}</StateBadge>
      </Table.Td>
      <Table.Td>
        {user.mfaEnabled ? (
          <Group gap={4} wrap="nowrap">
            <IconShieldCheck size={16} color="var(--mantine-color-green-7)" aria-hidden="true" />
            <Text fz="sm">On</Text>
          </Group>
        ) : (
          <Group gap={4} wrap="nowrap">
            <IconShieldOff size={16} color="var(--mantine-color-gray-6)" aria-hidden="true" />
            <Text fz="sm" c="dimmed">
              Off
            </Text>
          </Group>
        )}
      </Table.Td>
      <Table.Td fz="sm">
        {user.role === 'admin' && clientNames.length === 0 ? (
          <Text fz="sm" c="dimmed">
            All (admin)
          </Text>
        ) : clientNames.length === 0 ? (
          <Text fz="sm" c="dimmed">
            None
          </Text>
        ) : (
          <Tooltip label={clientNames.join(', ')} multiline maw={320} disabled={clientNames.length <= 2}>
            <Text fz="sm" truncate="end" maw={200}>
              {clientNames.slice(0, 2).join(', ')}
              {clientNames.length > 2 ? ` +${clientNames.length - 2}` : ''}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td>
        {user.lastSignInAt ? (
          <DateTime value={user.lastSignInAt} display="relative" />
        ) : (
          <Text fz="sm" c="dimmed">
            Never
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function valueOf(user: UserDto, column: Column): string | number | null {
  switch (column) {
    case 'name':
      return user.name;
    case 'role':
      return ROLE_LABELS[user.role];
    case 'status':
      return userState(user);
    case 'mfa':
      return user.mfaEnabled ? 1 : 0;
    case 'clients':
      return user.clientAccess.length;
    case 'lastSignIn':
      return user.lastSignInAt;
  }
}
