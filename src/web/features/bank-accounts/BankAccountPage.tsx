import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Pagination, SegmentedControl, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconFileImport, IconFiles, IconLock } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { BankAccountDto, LedgerSide } from '../../../shared/bank-accounts';
import { isProblem } from '../../api/api-error';
import { useFirmSettings } from '../../app/use-firm';
import { Amount } from '../../components/Amount';
import { DateTime } from '../../components/DateTime';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { formatLocalDate } from '../../lib/time';
import { useClient } from '../clients/use-clients';
import { useAccountLines, useBankAccount, useImports } from './use-bank-accounts';
import { BankAccountFormModal } from './components/BankAccountFormModal';
import { ImportDrawer } from './components/ImportDrawer';

const SIDE_LABELS: Record<LedgerSide, string> = {
  bank: 'Bank',
  ledger: 'Books',
};

/** One bank account: its details, the files imported into it and its lines on either side. */
export function BankAccountPage() {
  const { id = '' } = useParams();
  const account = useBankAccount(id);
  if (account.isPending) {
    return (
      <Stack gap="lg" aria-busy="true">
        <Skeleton h={60} w={360} />
        <Skeleton h={280} />
      </Stack>
    );
  }
  if (isProblem(account.error, 404) || isProblem(account.error, 400)) {
    return (
      <EmptyState
        icon={<IconLock size={28} aria-hidden="true" />}
        title="Bank account not found or you do not have access"
        titleOrder={1}
        action={
          <Button component={Link} to="/clients" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />}>
            Back to clients
          </Button>
        }
      />
    );
  }
  if (account.error || !account.data) {
    return <ProblemAlert error={account.error} onRetry={() => void account.refetch()} />;
  }
  return <AccountDetail account={account.data} />;
}

function AccountDetail({ account }: { account: BankAccountDto }) {
  const [importSide, setImportSide] = useState<LedgerSide | null>(null);
  const [isEditing, setEditing] = useState(false);
  const client = useClient(account.clientId);
  return (
    <>
      <PageHeader
        title={account.name}
        breadcrumbs={[
          { label: 'Clients', to: '/clients' },
          { label: client.data?.name ?? 'Client', to: `/clients/${account.clientId}` },
        ]}
        description={[
          account.institution,
          account.accountIdentifier ?? (account.accountNumberLast4 ? `••${account.accountNumberLast4}` : null),
          account.currency,
          account.glAccount ? `GL ${account.glAccount}` : null,
          account.summary ? `unreconciled: ${account.summary.bank.unreconciledLines} bank and ${account.summary.ledger.unreconciledLines} book lines` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        badges={!account.active ? <Badge color="gray">Inactive</Badge> : null}
        actions={
          <>
            {account.abilities.update ? (
              <Button variant="default" leftSection={<IconEdit size={16} aria-hidden="true" />} onClick={() => setEditing(true)}>
                Edit
              </Button>
            ) : null}
            {account.abilities.import ? (
              <Button leftSection={<IconFileImport size={16} aria-hidden="true" />} onClick={() => setImportSide('bank')}>
                Import a file
              </Button>
            ) : null}
          </>
        }
      />
      {account.abilities.readActivity ? (
        <Stack gap="lg">
          <ImportsCard account={account} />
          <AccountLinesCard account={account} />
        </Stack>
      ) : null}
      {account.abilities.import ? (
        <ImportDrawer
          account={{
            id: account.id,
            name: account.name,
            institution: account.institution,
            currency: account.currency,
          }}
          opened={importSide !== null}
          onClose={() => setImportSide(null)}
          side={importSide ?? 'bank'}
        />
      ) : null}
      <BankAccountFormModal clientId={account.clientId} account={account} opened={isEditing} onClose={() => setEditing(false)} />
    </>
  );
}

function ImportsCard({ account }: { account: BankAccountDto }) {
  const settings = useFirmSettings();
  const imports = useImports(account.id);
  const items = imports.data ?? [];
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="md">
        <Title order={2}>Imports</Title>
        <Text fz="sm" c="dimmed">
          {items.length === 1 ? '1 file' : `${items.length} files`}
        </Text>
      </Group>
      {imports.error ? (
        <Stack px="md" pb="md">
          <ProblemAlert error={imports.error} onRetry={() => void imports.refetch()} />
        </Stack>
      ) : imports.isPending ? (
        <Stack px="md" pb="md">
          <Skeleton h={28} />
        </Stack>
      ) : items.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconFiles size={24} aria-hidden="true" />}
          title="Nothing imported yet"
          description="Import a bank statement or a ledger export; re-importing the same file adds nothing."
        />
      ) : (
        <Table className="tm-dense tm-fixed" horizontalSpacing="md" aria-label="Imports">
          <colgroup>
            <col />
            <col style={{ width: 64 }} />
            <col style={{ width: 70 }} />
            <col style={{ width: 190 }} />
            <col style={{ width: 120 }} />
            <col style={{ width: 64 }} />
            <col style={{ width: 80 }} />
            <col style={{ width: 130 }} />
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Side</Table.Th>
              <Table.Th>Format</Table.Th>
              <Table.Th>Period</Table.Th>
              <Table.Th ta="right">Closing</Table.Th>
              <Table.Th ta="right">Added</Table.Th>
              <Table.Th ta="right">Duplicates</Table.Th>
              <Table.Th>Imported</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td fz="sm">
                  <span className="tm-truncate" title={item.fileName}>
                    {item.fileName}
                  </span>
                </Table.Td>
                <Table.Td fz="sm">{SIDE_LABELS[item.side]}</Table.Td>
                <Table.Td fz="sm" tt="uppercase">
                  {item.format}
                </Table.Td>
                <Table.Td fz="sm" className="tm-num">
                  {item.startOn && item.endOn ? `${formatLocalDate(item.startOn, settings.dateFormat)} – ${formatLocalDate(item.endOn, settings.dateFormat)}` : '—'}
                </Table.Td>
                <Table.Td ta="right">{item.closingBalanceMinor === null ? '—' : <Amount minor={item.closingBalanceMinor} currency={account.currency} />}</Table.Td>
                <Table.Td ta="right" fz="sm" className="tm-num">
                  {item.linesAdded.toLocaleString('en-US')}
                </Table.Td>
                <Table.Td ta="right" fz="sm" className="tm-num" {...(item.linesDuplicate > 0 ? {} : { c: 'dimmed' })}>
                  {item.linesDuplicate.toLocaleString('en-US')}
                </Table.Td>
                <Table.Td>
                  <DateTime value={item.importedAt} display="relative" fz="sm" />
                  {item.importedBy ? (
                    <Text fz="xs" c="dimmed" truncate="end">
                      {item.importedBy.name}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

const LINES_PAGE_SIZE = 100;

function AccountLinesCard({ account }: { account: BankAccountDto }) {
  const settings = useFirmSettings();
  const [side, setSide] = useState<LedgerSide>('bank');
  const [state, setState] = useState<'all' | 'unreconciled' | 'reconciled'>('all');
  const [q, setQ] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const lines = useAccountLines(account.id, {
    side,
    state,
    q,
    from,
    to,
    page,
    pageSize: LINES_PAGE_SIZE,
  });
  const total = lines.data?.total ?? 0;
  const reset = () => setPage(1);
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="md" wrap="wrap" gap="sm">
        <Title order={2}>Lines</Title>
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            size="xs"
            aria-label="Side"
            value={side}
            onChange={(v) => {
              setSide(v === 'ledger' ? 'ledger' : 'bank');
              reset();
            }}
            data={[
              { value: 'bank', label: 'Bank' },
              { value: 'ledger', label: 'Books' },
            ]}
          />
          <SegmentedControl
            size="xs"
            aria-label="Reconciled"
            value={state}
            onChange={(v) => {
              setState(v === 'unreconciled' || v === 'reconciled' ? v : 'all');
              reset();
            }}
            data={[
              { value: 'all', label: 'All' },
              { value: 'unreconciled', label: 'Unreconciled' },
              { value: 'reconciled', label: 'Reconciled' },
            ]}
          />
          <TextInput
            size="xs"
            type="date"
            aria-label="From"
            value={from}
            onChange={(e) => {
              setFrom(e.currentTarget.value);
              reset();
            }}
            w={140}
          />
          <TextInput
            size="xs"
            type="date"
            aria-label="To"
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value);
              reset();
            }}
            w={140}
          />
          <SearchInput
            label="Search lines"
            placeholder="Description or reference"
            value={q}
            onChange={(v) => {
              setQ(v);
              reset();
            }}
            width={220}
          />
        </Group>
      </Group>
      {lines.error ? (
        <Stack px="md" pb="md">
          <ProblemAlert error={lines.error} onRetry={() => void lines.refetch()} />
        </Stack>
      ) : lines.data && total === 0 ? (
        <Text fz="sm" c="dimmed" px="md" pb="md">
          No lines.
        </Text>
      ) : (
        <Table className="tm-dense tm-fixed" horizontalSpacing="md" stickyHeader aria-label="Account lines">
          <colgroup>
            <col style={{ width: 110 }} />
            <col />
            <col style={{ width: 120 }} />
            <col style={{ width: 130 }} />
            <col style={{ width: 120 }} />
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(lines.data?.items ?? []).map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td fz="sm" className="tm-num">
                  {formatLocalDate(line.bookedOn, settings.dateFormat)}
                </Table.Td>
                <Table.Td fz="sm">
                  <span className="tm-truncate" title={line.description}>
                    {line.description}
                  </span>
                </Table.Td>
                <Table.Td fz="sm" c="dimmed">
                  {line.reference ?? ''}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount minor={line.amountMinor} currency={account.currency} />
                </Table.Td>
                <Table.Td>
                  {line.isReconciled && line.reconciledIn ? (
                    <Anchor component={Link} to={`/reconciliations/${line.reconciledIn}`} fz="sm">
                      Reconciled
                    </Anchor>
                  ) : line.matchId ? (
                    <Text fz="sm">Matched</Text>
                  ) : (
                    <Text fz="sm" c="dimmed">
                      Open
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {total > LINES_PAGE_SIZE ? (
        <Group justify="space-between" px="md" py="sm">
          <Text fz="xs" c="dimmed" className="tm-num">
            {total.toLocaleString('en-US')} lines
          </Text>
          <Pagination size="sm" total={Math.ceil(total / LINES_PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      ) : null}
    </Card>
  );
}
