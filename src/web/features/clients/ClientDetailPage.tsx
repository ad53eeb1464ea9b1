import { Anchor, Avatar, Button, Card, Grid, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconArrowLeft, IconEdit, IconLock, IconUsers } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { RoleSchema } from '../../../shared/common';
import type { ClientDto } from '../../../shared/clients';
import { isProblem } from '../../api/api-error';
import { useCurrentSession } from '../../app/use-session';
import { DateTime } from '../../components/DateTime';
import { DetailList } from '../../components/DetailList';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleBadge } from '../../components/RoleBadge';
import { StateBadge } from '../../components/StateBadge';
import { CLIENT_STATUS_COLORS } from '../../components/status-colors';
import { initials } from '../../lib/initials';
import { formatFiscalYearEnd, formatTime, zoneCity, zoneOffsetLabel } from '../../lib/time';
import { BankAccountsCard } from '../bank-accounts/components/BankAccountsCard';
import { ClientFormDrawer } from './components/ClientFormDrawer';
import { useClient } from './use-clients';

/** One client: its details, contacts and team, and (for the admin) editing. */
export function ClientDetailPage() {
  const { id = '' } = useParams();
  const clientQuery = useClient(id);

  if (clientQuery.isPending) {
    return (
      <Stack gap="lg" aria-busy="true">
        <Skeleton h={60} w={360} />
        <Skeleton h={280} />
      </Stack>
    );
  }
  if (isProblem(clientQuery.error, 404) || isProblem(clientQuery.error, 400)) {
    return (
      <EmptyState
        icon={<IconLock size={28} aria-hidden="true" />}
        title="Client not found or you do not have access"
        titleOrder={1}
        description="The link may be wrong, the client may belong to another firm, or you are not assigned to it. Ask your firm's administrator if you need access."
        action={
          <Button component={Link} to="/clients" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />}>
            Back to clients
          </Button>
        }
      />
    );
  }
  if (clientQuery.error || !clientQuery.data) {
    return <ProblemAlert error={clientQuery.error} onRetry={() => void clientQuery.refetch()} />;
  }
  return (
    <ClientDetail
      client={clientQuery.data}
      onReload={async () => {
        const result = await clientQuery.refetch();
        return result.data;
      }}
    />
  );
}

interface ClientDetailProps {
  client: ClientDto;
  onReload: () => Promise<ClientDto | undefined>;
}

function ClientDetail({ client, onReload }: ClientDetailProps) {
  const session = useCurrentSession();
  const [isEditing, { open: handleOpenEdit, close: handleCloseEdit }] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title={client.name}
        description={client.legalName}
        breadcrumbs={[{ label: 'Clients', to: '/clients' }]}
        badges={<StateBadge color={CLIENT_STATUS_COLORS[client.status]}>{client.status === 'active' ? 'Active' : 'Archived'}</StateBadge>}
        actions={
          client.abilities.update ? (
            <Button leftSection={<IconEdit size={16} aria-hidden="true" />} onClick={handleOpenEdit}>
              Edit client
            </Button>
          ) : null
        }
      />
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Card>
              <Title order={2} mb="sm">
                Details
              </Title>
              <DetailList
                labelWidth={160}
                items={[
                  { label: 'Legal name', value: client.legalName },
                  {
                    label: 'Time zone',
                    value: (
                      <>
                        {zoneCity(client.timeZone)}{' '}
                        <Text span fz="sm" c="dimmed">
                          ({zoneOffsetLabel(client.timeZone)}, now {formatTime(new Date(), client.timeZone)})
                        </Text>
                      </>
                    ),
                  },
                  { label: 'Fiscal year end', value: formatFiscalYearEnd(client.fiscalYearEnd) },
                  { label: 'Added', value: <DateTime value={client.createdAt} display="date" /> },
                  { label: 'Last changed', value: <DateTime value={client.updatedAt} /> },
                ]}
              />
            </Card>
            <ContactsCard client={client} />
            <BankAccountsCard clientId={client.id} canAdd={STAFF_ROLES.has(session.user.role)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <TeamCard client={client} canManage={session.abilities.manageUsers} />
        </Grid.Col>
      </Grid>
      {client.abilities.update ? (
        <ClientFormDrawer opened={isEditing} onClose={handleCloseEdit} client={client} defaultTimeZone={client.timeZone} onSaved={handleCloseEdit} onReload={onReload} />
      ) : null}
    </>
  );
}

interface ClientCardProps {
  client: ClientDto;
}

function ContactsCard({ client }: ClientCardProps) {
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="md">
        <Title order={2}>Contacts</Title>
        <Text fz="sm" c="dimmed">
          {client.contacts.length === 1 ? '1 contact' : `${client.contacts.length} contacts`}
        </Text>
      </Group>
      {client.contacts.length === 0 ? (
        <EmptyState size="sm" icon={<IconAddressBook size={24} aria-hidden="true" />} title="No contacts yet" description={client.abilities.update ? 'Add the people you work with at this client by editing it.' : undefined} />
      ) : (
        <Table horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Phone</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {client.contacts.map((contact) => (
              <Table.Tr key={`${contact.email}-${contact.name}`}>
                <Table.Td fz="sm" fw={600}>
                  {contact.name}
                </Table.Td>
                <Table.Td fz="sm">{contact.title ?? '—'}</Table.Td>
                <Table.Td fz="sm">
                  <Anchor href={`mailto:${contact.email}`} fz="sm">
                    {contact.email}
                  </Anchor>
                </Table.Td>
                <Table.Td fz="sm" className="tm-num">
                  {contact.phone ?? '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

interface TeamCardProps extends ClientCardProps {
  canManage: boolean;
}

function TeamCard({ client, canManage }: TeamCardProps) {
  const members = [...client.team].sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.name.localeCompare(b.name));
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="md">
        <Title order={2}>Team</Title>
        <Text fz="sm" c="dimmed">
          {members.length === 1 ? '1 person' : `${members.length} people`}
        </Text>
      </Group>
      {members.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconUsers size={24} aria-hidden="true" />}
          title="No one is assigned yet"
          description={canManage ? 'Give people access to this client from their page in People.' : undefined}
          action={
            canManage ? (
              <Button component={Link} to="/admin/users" variant="default" size="xs">
                Go to People
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Team">
          {members.map((member) => {
            const role = RoleSchema.safeParse(member.role);
            return (
              <Group key={member.userId} component="li" justify="space-between" wrap="nowrap" px="md" py={10} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Avatar size={30} radius="xl" color="brand" variant="light" aria-hidden="true">
                    {initials(member.name)}
                  </Avatar>
                  {canManage ? (
                    <Anchor component={Link} to={`/admin/users/${member.userId}`} fz="sm" fw={600} truncate="end">
                      {member.name}
                    </Anchor>
                  ) : (
                    <Text fz="sm" fw={600} truncate="end">
                      {member.name}
                    </Text>
                  )}
                </Group>
                {role.success ? <RoleBadge role={role.data} size="xs" /> : <Text fz="xs">{member.role}</Text>}
              </Group>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}

/** The firm's staff set up bank accounts; client users and auditors see them only. */
const STAFF_ROLES = new Set(['admin', 'partner', 'reviewer', 'preparer']);

const ROLE_ORDER = ['partner', 'reviewer', 'preparer', 'admin', 'client', 'auditor'];

function roleRank(role: string): number {
  const index = ROLE_ORDER.indexOf(role);
  return index === -1 ? ROLE_ORDER.length : index;
}
