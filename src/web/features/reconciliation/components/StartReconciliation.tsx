import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBuildingBank, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { useCurrentSession } from '../../../app/use-session';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatPeriod } from '../../../lib/tracker-copy';
import { BankAccountFormModal } from '../../bank-accounts/components/BankAccountFormModal';
import { useBankAccounts } from '../../bank-accounts/use-bank-accounts';
import { useStartReconciliation } from '../use-reconciliation';

export interface StartReconciliationProps {
  task: TaskDetailDto;
}

const STARTABLE = new Set(['not_started', 'in_progress', 'returned', 'blocked']);

/** A bank reconciliation task without a reconciliation yet: choose the bank account and the statement date. */
export function StartReconciliation({ task }: StartReconciliationProps) {
  const session = useCurrentSession();
  const accounts = useBankAccounts(task.client.id);
  const start = useStartReconciliation(task.id);
  const active = (accounts.data ?? []).filter((a) => a.active);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [statementDate, setStatementDate] = useState(task.periodEnd);
  const [isAdding, setAdding] = useState(false);
  const chosen = accountId ?? (active.length === 1 ? (active[0]?.id ?? null) : null);
  const canStart = session.user.id === task.preparer.id && STARTABLE.has(task.status);
  const canAddAccount = ['admin', 'partner', 'reviewer', 'preparer'].includes(session.user.role);

  const header = (
    <PageHeader
      title="Bank reconciliation"
      breadcrumbs={[
        { label: 'Tracker', to: '/tasks' },
        { label: task.title, to: `/tasks/${task.id}` },
      ]}
      description={`${task.client.name} · ${formatPeriod(task.period)}`}
    />
  );

  if (!canStart) {
    return (
      <>
        {header}
        <Card>
          <EmptyState
            icon={<IconBuildingBank size={28} aria-hidden="true" />}
            title="No reconciliation yet"
            description={`${task.preparer.name} starts the reconciliation when they begin the task.`}
          />
        </Card>
      </>
    );
  }

  return (
    <>
      {header}
      <Card maw={640}>
        <Title order={2} mb={4}>
          Start the reconciliation
        </Title>
        <Text fz="sm" c="dimmed" mb="md">
          Choose the account and the date of the bank statement you reconcile to. You import the statement and the ledger next.
        </Text>
        {accounts.isPending ? null : active.length === 0 ? (
          <EmptyState
            size="sm"
            icon={<IconBuildingBank size={24} aria-hidden="true" />}
            title={`${task.client.name} has no bank account yet`}
            description="Add the account first: its name, bank, currency and the GL cash account it reconciles to."
            action={
              canAddAccount ? (
                <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
                  Add bank account
                </Button>
              ) : undefined
            }
          />
        ) : (
          <Stack gap="md">
            <Select
              label="Bank account"
              placeholder="Choose the account"
              data={active.map((a) => ({
                value: a.id,
                label: `${a.name}${a.institution ? ` · ${a.institution}` : ''}${a.accountNumberLast4 ? ` ••${a.accountNumberLast4}` : ''} (${a.currency})`,
              }))}
              value={chosen}
              onChange={setAccountId}
              allowDeselect={false}
              required
            />
            <TextInput
              type="date"
              label="Statement date"
              description="Usually the last day of the period"
              value={statementDate}
              onChange={(event) => setStatementDate(event.currentTarget.value)}
              w={220}
              required
            />
            {start.error ? <ProblemAlert error={start.error} /> : null}
            <Group justify="space-between">
              {canAddAccount ? (
                <Button variant="subtle" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={() => setAdding(true)}>
                  Add another account
                </Button>
              ) : (
                <span />
              )}
              <Button
                leftSection={<IconPlayerPlay size={16} aria-hidden="true" />}
                disabled={!chosen || !statementDate}
                loading={start.isPending}
                onClick={() => chosen && start.mutate({ bankAccountId: chosen, statementDate })}
              >
                Start reconciliation
              </Button>
            </Group>
          </Stack>
        )}
        {accounts.error ? <ProblemAlert error={accounts.error} onRetry={() => void accounts.refetch()} /> : null}
      </Card>
      <BankAccountFormModal clientId={task.client.id} account={null} opened={isAdding} onClose={() => setAdding(false)} onSaved={(account) => setAccountId(account.id)} />
    </>
  );
}
