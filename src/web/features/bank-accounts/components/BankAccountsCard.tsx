import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconBuildingBank, IconEdit, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { BankAccountDto, ImportSummaryDto } from '../../../../shared/bank-accounts';
import { useFirmSettings } from '../../../app/use-firm';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatLocalDate } from '../../../lib/time';
import { useBankAccounts } from '../use-bank-accounts';
import { BankAccountFormModal } from './BankAccountFormModal';

export interface BankAccountsCardProps {
  clientId: string;
  /** Whether the viewer may add accounts (the firm's staff on the client). */
  canAdd: boolean;
}

/** A client's bank accounts: the latest import on each side and how many lines are not reconciled yet. */
export function BankAccountsCard({ clientId, canAdd }: BankAccountsCardProps) {
  const accounts = useBankAccounts(clientId);
  const [editing, setEditing] = useState<BankAccountDto | null | 'new'>(null);
  const items = accounts.data ?? [];
  const showsActivity = items.some((a) => a.summary !== null);
  return (
    <Card padding={0}>
      <Group justify="space-between" px="md" py="md">
        <Title order={2}>Bank accounts</Title>
        {canAdd ? (
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setEditing('new')}>
            Add account
          </Button>
        ) : null}
      </Group>
      {accounts.isPending ? (
        <Stack px="md" pb="md" gap={6}>
          <Skeleton h={28} />
          <Skeleton h={28} />
        </Stack>
      ) : accounts.error ? (
        <Stack px="md" pb="md">
          <ProblemAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
        </Stack>
      ) : items.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconBuildingBank size={24} aria-hidden="true" />}
          title="No bank accounts yet"
          description={canAdd ? 'Add the accounts you reconcile for this client; statements and ledger files are imported into them.' : undefined}
          action={
            canAdd ? (
              <Button size="xs" onClick={() => setEditing('new')}>
                Add bank account
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Table className="tm-dense" horizontalSpacing="md" aria-label="Bank accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>GL account</Table.Th>
              {showsActivity ? (
                <>
                  <Table.Th>Last statement</Table.Th>
                  <Table.Th>Last ledger</Table.Th>
                  <Table.Th ta="right">Unreconciled</Table.Th>
                </>
              ) : null}
              <Table.Th w={40} aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((account) => (
              <Table.Tr key={account.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {account.abilities.readActivity ? (
                      <Anchor component={Link} to={`/bank-accounts/${account.id}`} fz="sm" fw={600}>
                        {account.name}
                      </Anchor>
                    ) : (
                      <Text fz="sm" fw={600}>
                        {account.name}
                      </Text>
                    )}
                    {!account.active ? (
                      <Badge size="xs" color="gray">
                        Inactive
                      </Badge>
                    ) : null}
                  </Group>
                  <Text fz="xs" c="dimmed">
                    {[account.institution, account.accountNumberLast4 ? `••${account.accountNumberLast4}` : null, account.currency].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td fz="sm">{account.glAccount || '—'}</Table.Td>
                {showsActivity ? (
                  <>
                    <Table.Td>
                      <LastImport summary={account.summary?.bank.lastImport ?? null} />
                    </Table.Td>
                    <Table.Td>
                      <LastImport summary={account.summary?.ledger.lastImport ?? null} />
                    </Table.Td>
                    <Table.Td ta="right" fz="sm" className="tm-num">
                      {account.summary ? (
                        <Tooltip label="Lines not yet in an approved reconciliation: bank · books">
                          <span>
                            {account.summary.bank.unreconciledLines.toLocaleString('en-US')} · {account.summary.ledger.unreconciledLines.toLocaleString('en-US')}
                          </span>
                        </Tooltip>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </>
                ) : null}
                <Table.Td>
                  {account.abilities.update ? (
                    <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${account.name}`} onClick={() => setEditing(account)}>
                      <IconEdit size={16} aria-hidden="true" />
                    </ActionIcon>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <BankAccountFormModal clientId={clientId} account={editing === 'new' ? null : editing} opened={editing !== null} onClose={() => setEditing(null)} />
    </Card>
  );
}

function LastImport({ summary }: { summary: ImportSummaryDto | null }) {
  const settings = useFirmSettings();
  if (!summary) {
    return (
      <Text fz="sm" c="dimmed">
        None yet
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text fz="sm" truncate="end" maw={200} title={summary.fileName}>
        {summary.endOn ? `to ${formatLocalDate(summary.endOn, settings.dateFormat)}` : summary.fileName}
      </Text>
      <DateTime value={summary.importedAt} display="relative" fz="xs" c="dimmed" />
    </Stack>
  );
}
