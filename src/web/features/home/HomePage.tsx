import { Alert, Anchor, Button, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingSkyscraper, IconChecks, IconClockHour4, IconLock, IconMailForward, IconShieldExclamation, IconShieldLock, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { HomeDto, WaitingItem } from '../../../shared/home';
import { useCurrentSession } from '../../app/use-session';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { WAITING_KIND_COLORS } from '../../components/status-colors';
import { formatFiscalYearEnd, formatHumanDate, greetingFor, zoneCity } from '../../lib/time';
import { MyWorkSummary } from './components/MyWorkSummary';
import { StatTile } from '../../components/StatTile';
import { useHome } from './use-home';

/** Home: the person's clients and what is waiting for them. */
export function HomePage() {
  const session = useCurrentSession();
  const home = useHome();
  const displayName = session.user.name;
  const isStaff = session.user.role !== 'client' && session.user.role !== 'auditor';

  return (
    <>
      <PageHeader
        title={`${greetingFor(session.user.timeZone)}, ${displayName}`}
        documentTitle="Home"
        description={`${session.firm.name} · ${formatHumanDate(new Date(), session.user.timeZone, true)}`}
      />
      <Stack gap="lg">
        {session.mfaRecommended ? <MfaBanner /> : null}
        {isStaff ? <MyWorkSummary /> : null}
        {home.error ? <ProblemAlert error={home.error} onRetry={() => void home.refetch()} /> : null}
        {home.isPending ? <HomeSkeleton /> : null}
        {home.data ? <HomeContent home={home.data} hideMfaItem={session.mfaRecommended} isStaff={isStaff} /> : null}
      </Stack>
    </>
  );
}

function MfaBanner() {
  return (
    <Alert color="brand" variant="light" icon={<IconShieldLock size={20} aria-hidden="true" />} title="Protect your account with two-step verification">
      <Group justify="space-between" align="center" gap="md" wrap="nowrap">
        <Text fz="sm">A code from your phone at each sign-in keeps client data safe even if your password leaks. Your firm recommends it; it takes about a minute.</Text>
        <Button component={Link} to="/account/mfa" size="xs" style={{ flexShrink: 0 }}>
          Set up two-step verification
        </Button>
      </Group>
    </Alert>
  );
}

interface HomeContentProps {
  home: HomeDto;
  hideMfaItem: boolean;
  /** Staff see their tasks under My work; this card holds everything else. */
  isStaff: boolean;
}

function HomeContent({ home, hideMfaItem, isStaff }: HomeContentProps) {
  const waiting = hideMfaItem ? home.waiting.filter((item) => item.kind !== 'mfa_recommended') : home.waiting;
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: home.counts.people === null ? 2 : 4 }} spacing="md">
        <StatTile icon={<IconBuildingSkyscraper size={20} aria-hidden="true" />} label="My clients" value={home.counts.clients} to="/clients" />
        <StatTile icon={<IconChecks size={20} aria-hidden="true" />} label={isStaff ? "Needs attention" : "Waiting for you"} value={waiting.length} color={waiting.length > 0 ? 'orange' : 'green'} />
        {home.counts.people !== null ? <StatTile icon={<IconUsers size={20} aria-hidden="true" />} label="People" value={home.counts.people} to="/admin/users" /> : null}
        {home.counts.pendingInvitations !== null ? (
          <StatTile icon={<IconMailForward size={20} aria-hidden="true" />} label="Pending invitations" value={home.counts.pendingInvitations} to="/admin/users?tab=invitations" />
        ) : null}
      </SimpleGrid>
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <MyClients clients={home.clients} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <WaitingList items={waiting} isStaff={isStaff} />
        </Grid.Col>
      </Grid>
    </>
  );
}

interface MyClientsProps {
  clients: HomeDto['clients'];
}

function MyClients({ clients }: MyClientsProps) {
  const navigate = useNavigate();
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="md">
        <Title order={2}>My clients</Title>
        {clients.length > 0 ? (
          <Anchor component={Link} to="/clients" fz="sm">
            View all clients
          </Anchor>
        ) : null}
      </Group>
      {clients.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconBuildingSkyscraper size={24} aria-hidden="true" />}
          title="No clients assigned yet"
          description="Ask your firm's administrator to assign you to a client. Its work will appear here."
        />
      ) : (
        <Table highlightOnHover horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Client</Table.Th>
              <Table.Th>Fiscal year end</Table.Th>
              <Table.Th>Time zone</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Team</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {clients.map((client) => (
              <Table.Tr key={client.id} className="tm-row-link" onClick={() => void navigate(`/clients/${client.id}`)}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${client.id}`} fw={600} fz="sm" onClick={(event) => event.stopPropagation()}>
                    {client.name}
                  </Anchor>
                  <Text fz="xs" c="dimmed">
                    {client.legalName}
                  </Text>
                </Table.Td>
                <Table.Td fz="sm">{formatFiscalYearEnd(client.fiscalYearEnd)}</Table.Td>
                <Table.Td fz="sm">{zoneCity(client.timeZone)}</Table.Td>
                <Table.Td fz="sm" ta="right" className="tm-num">
                  {client.teamSize === 1 ? '1 person' : `${client.teamSize} people`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

const WAITING_ICONS: Record<WaitingItem['kind'], ReactNode> = {
  invitation_pending: <IconMailForward size={16} aria-hidden="true" />,
  account_locked: <IconLock size={16} aria-hidden="true" />,
  mfa_missing: <IconShieldExclamation size={16} aria-hidden="true" />,
  mfa_recommended: <IconShieldLock size={16} aria-hidden="true" />,
  access_expiring: <IconClockHour4 size={16} aria-hidden="true" />,
};

interface WaitingListProps {
  items: WaitingItem[];
  isStaff: boolean;
}

function WaitingList({ items, isStaff }: WaitingListProps) {
  const title = isStaff ? 'Needs attention' : 'Waiting for you';
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="md">
        <Title order={2}>{title}</Title>
      </Group>
      {items.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconChecks size={24} aria-hidden="true" />}
          title={isStaff ? 'Nothing else needs attention' : 'You are all caught up'}
          description={isStaff ? 'Tasks to prepare and review are under My work.' : 'Nothing needs your attention right now.'}
        />
      ) : (
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={title}>
          {items.map((item, index) => (
            <Group
              key={`${item.kind}-${item.link}-${index}`}
              component="li"
              gap="sm"
              wrap="nowrap"
              align="flex-start"
              px="md"
              py="sm"
              style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
            >
              <ThemeIcon size={28} radius="md" variant="light" color={WAITING_KIND_COLORS[item.kind]} mt={2}>
                {WAITING_ICONS[item.kind]}
              </ThemeIcon>
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={item.link} fz="sm" fw={600}>
                  {item.title}
                </Anchor>
                <Text fz="xs" c="dimmed">
                  {item.detail}
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function HomeSkeleton() {
  return (
    <Stack gap="lg" aria-hidden="true">
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        {[0, 1, 2, 3].map((key) => (
          <Skeleton key={key} h={74} radius="md" />
        ))}
      </SimpleGrid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Skeleton h={260} radius="md" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Skeleton h={260} radius="md" />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
