import { Button, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconBuildingBank, IconPlayerPlay } from '@tabler/icons-react';
import { Link } from 'react-router';
import { STATUS_LABELS as RECONCILIATION_STATUS_LABELS } from '../../../../shared/reconciliation';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { isProblem } from '../../../api/api-error';
import { useCurrentSession } from '../../../app/use-session';
import { Amount } from '../../../components/Amount';
import { StateBadge } from '../../../components/StateBadge';
import { plural } from '../../../lib/tracker-copy';
import { useTaskReconciliation } from '../use-reconciliation';
import { RECONCILIATION_STATUS_COLORS } from './ReconciliationHeader';

export interface ReconciliationTaskCardProps {
  task: TaskDetailDto;
}

const STARTABLE = new Set(['not_started', 'in_progress', 'returned', 'blocked']);

/** On a bank reconciliation task: the reconciliation's status and difference, and the way into it. */
export function ReconciliationTaskCard({ task }: ReconciliationTaskCardProps) {
  const session = useCurrentSession();
  const rec = useTaskReconciliation(task.id);
  const href = `/tasks/${task.id}/reconciliation`;
  const isMissing = isProblem(rec.error, 404);
  const canStart = session.user.id === task.preparer.id && STARTABLE.has(task.status);

  let body: React.ReactNode;
  let action: React.ReactNode = null;
  if (rec.isPending) {
    body = <Skeleton h={40} w={320} />;
  } else if (isMissing) {
    body = (
      <Text fz="sm" c="dimmed">
        {canStart ? 'Not started: choose the bank account and the statement date, then import the statement and the ledger.' : `Not started yet; ${task.preparer.name} starts it.`}
      </Text>
    );
    action = canStart ? (
      <Button component={Link} to={href} leftSection={<IconPlayerPlay size={16} aria-hidden="true" />}>
        Start reconciliation
      </Button>
    ) : null;
  } else if (rec.data) {
    const r = rec.data;
    body = (
      <Group gap="xl" wrap="wrap">
        <StateBadge color={RECONCILIATION_STATUS_COLORS[r.status]} size="md">
          {RECONCILIATION_STATUS_LABELS[r.status]}
        </StateBadge>
        <Stack gap={0}>
          <Text fz="xs" c="dimmed">
            Difference
          </Text>
          {r.proof.isComplete ? (
            <Amount minor={r.proof.differenceMinor} currency={r.bankAccount.currency} tone="difference" fw={700} fz="lg" />
          ) : (
            <Text fz="sm" fw={600} c="var(--mantine-color-orange-light-color)">
              Balances missing
            </Text>
          )}
        </Stack>
        <Stack gap={0}>
          <Text fz="xs" c="dimmed">
            {r.bankAccount.name}
          </Text>
          <Text fz="sm">
            {plural(r.counts.matches, 'match', 'matches')} · {plural(r.counts.bankLinesNeedingAction, 'bank line')} to resolve · {plural(r.counts.unmatchedLedger, 'outstanding item')}
          </Text>
        </Stack>
      </Group>
    );
    action = (
      <Button component={Link} to={href} rightSection={<IconArrowRight size={16} aria-hidden="true" />} variant={r.abilities.match || r.abilities.approveAdjustment ? 'filled' : 'default'}>
        Open reconciliation
      </Button>
    );
  } else {
    body = (
      <Text fz="sm" c="var(--mantine-color-error)">
        The reconciliation could not be loaded.
      </Text>
    );
  }

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="reconciliation-card-heading" style={{ borderLeft: '4px solid var(--mantine-color-brand-6)' }}>
      <Group justify="space-between" align="center" wrap="wrap" gap="md">
        <Group gap="md" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 420px' }}>
          <ThemeIcon size={40} radius="md" variant="light">
            <IconBuildingBank size={22} aria-hidden="true" />
          </ThemeIcon>
          <Stack gap={6} style={{ minWidth: 0 }}>
            <Title order={2} id="reconciliation-card-heading" fz="md">
              Bank reconciliation
            </Title>
            {body}
          </Stack>
        </Group>
        {action}
      </Group>
    </Paper>
  );
}
