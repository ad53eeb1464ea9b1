import { useState } from 'react';
import { ActionIcon, Anchor, Button, Group, Menu, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconCalendar, IconCheck, IconDownload, IconFileSpreadsheet, IconFileTypePdf, IconPencil, IconSend, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { STATUS_LABELS as RECONCILIATION_STATUS_LABELS, type ReconciliationDto, type ReconciliationStatus } from '../../../../shared/reconciliation';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { useCurrentSession } from '../../../app/use-session';
import { useFirmSettings } from '../../../app/use-firm';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StateBadge } from '../../../components/StateBadge';
import { TASK_STATE_COLORS } from '../../../components/status-colors';
import { formatLocalDate } from '../../../lib/time';
import { formatPeriod } from '../../../lib/tracker-copy';
import { useTask, useTransitionTask } from '../../tasks/use-tasks';
import { workpaperUrl } from '../api/reconciliation-api';
import { recKeys, useUpdateReconciliation } from '../use-reconciliation';

/** A reconciliation's status in the work-state colours: draft is work in progress, in review is ready for review … */
export const RECONCILIATION_STATUS_COLORS: Record<ReconciliationStatus, string> = {
  draft: TASK_STATE_COLORS.in_progress,
  in_review: TASK_STATE_COLORS.ready_for_review,
  approved: TASK_STATE_COLORS.approved,
  suspended: TASK_STATE_COLORS.returned,
};

export interface ReconciliationHeaderProps {
  rec: ReconciliationDto;
}

/** Client, account, period and statement date, who prepares and reviews, the workpapers and the primary action. */
export function ReconciliationHeader({ rec }: ReconciliationHeaderProps) {
  const settings = useFirmSettings();
  const taskId = rec.task?.id ?? '';
  const task = useTask(taskId);
  const account = rec.bankAccount;
  const accountLabel = `${account.name}${account.institution ? ` · ${account.institution}` : ''}${account.accountNumberLast4 ? ` ••${account.accountNumberLast4}` : ''}`;
  return (
    <PageHeader
      title={`Bank reconciliation · ${account.name}`}
      documentTitle={`Reconciliation ${account.name} ${rec.statementDate}`}
      breadcrumbs={[{ label: 'Tracker', to: '/tasks' }, ...(rec.task ? [{ label: rec.task.title, to: `/tasks/${rec.task.id}` }] : [])]}
      badges={
        <StateBadge color={RECONCILIATION_STATUS_COLORS[rec.status]} size="md">
          {RECONCILIATION_STATUS_LABELS[rec.status]}
        </StateBadge>
      }
      description={
        <>
          <Anchor component={Link} to={`/clients/${rec.client.id}`} fz="sm" underline="always">
            {rec.client.name}
          </Anchor>
          {` · ${accountLabel} · ${rec.bankAccount.currency}`}
          {rec.bankAccount.glAccount ? ` · GL ${rec.bankAccount.glAccount}` : ''}
          {rec.task ? ` · ${formatPeriod(rec.task.period)}` : ''}
          <Sep />
          <StatementDate rec={rec} dateText={formatLocalDate(rec.statementDate, settings.dateFormat)} />
          <Sep />
          <Text span fz="sm" c="var(--mantine-color-text)" fw={500}>
            {rec.preparer?.name ?? 'No preparer'}
          </Text>
          {' → '}
          <Text span fz="sm" c="var(--mantine-color-text)" fw={500}>
            {rec.reviewer?.name ?? 'No reviewer'}
          </Text>
        </>
      }
      actions={
        <>
          {rec.abilities.downloadWorkpaper ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} aria-hidden="true" />}>
                  Workpaper
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={workpaperUrl(rec.id, 'pdf')} leftSection={<IconFileTypePdf size={16} aria-hidden="true" />}>
                  Download PDF
                </Menu.Item>
                <Menu.Item component="a" href={workpaperUrl(rec.id, 'xlsx')} leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}>
                  Download Excel (XLSX)
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
          {task.data ? <PrimaryAction rec={rec} task={task.data} /> : null}
        </>
      }
    />
  );
}

function StatementDate({ rec, dateText }: { rec: ReconciliationDto; dateText: string }) {
  const [isEditing, setEditing] = useState(false);
  const [value, setValue] = useState(rec.statementDate);
  const update = useUpdateReconciliation(rec.id);
  if (!isEditing) {
    return (
      <>
        Statement date{' '}
        <Text span fz="sm" fw={600} c="var(--mantine-color-text)" className="tm-num">
          {dateText}
        </Text>
        {rec.abilities.edit ? (
          <ActionIcon
            size="xs"
            variant="subtle"
            color="gray"
            ml={4}
            aria-label="Change the statement date"
            onClick={() => {
              setValue(rec.statementDate);
              setEditing(true);
            }}
          >
            <IconPencil size={12} aria-hidden="true" />
          </ActionIcon>
        ) : null}
      </>
    );
  }
  return (
    <Group component="span" gap={4} style={{ display: 'inline-flex', verticalAlign: 'middle' }} wrap="nowrap">
      <TextInput
        size="xs"
        type="date"
        aria-label="Statement date"
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
        leftSection={<IconCalendar size={14} aria-hidden="true" />}
        w={170}
      />
      <ActionIcon
        size="sm"
        variant="filled"
        aria-label="Save statement date"
        loading={update.isPending}
        onClick={() => update.mutate({ statementDate: value, version: rec.version }, { onSuccess: () => setEditing(false) })}
      >
        <IconCheck size={14} aria-hidden="true" />
      </ActionIcon>
      <ActionIcon size="sm" variant="default" aria-label="Cancel" onClick={() => setEditing(false)}>
        <IconX size={14} aria-hidden="true" />
      </ActionIcon>
      {update.error ? <ProblemAlert error={update.error} /> : null}
    </Group>
  );
}

/**
 * The preparer's "Submit for review" (disabled with the reason while the reconciliation is not
 * ready or the task cannot move); the reviewer's "Approve" when the task allows it.
 */
function PrimaryAction({ rec, task }: { rec: ReconciliationDto; task: TaskDetailDto }) {
  const session = useCurrentSession();
  const queryClient = useQueryClient();
  const transition = useTransitionTask(task.id);
  const refreshRec = () => void queryClient.invalidateQueries({ queryKey: recKeys.all });
  const submit = task.actions.find((a) => a.action === 'submit');
  const approve = task.actions.find((a) => a.action === 'approve');
  const isPreparer = session.user.id === task.preparer.id;

  if (approve?.allowed && !isPreparer) {
    return (
      <Button
        color="green"
        leftSection={<IconCheck size={16} aria-hidden="true" />}
        loading={transition.isPending}
        onClick={() =>
          transition.mutate(
            { action: 'approve', version: task.version },
            {
              onSuccess: () => {
                refreshRec();
                notifications.show({
                  color: 'green',
                  title: 'Approved',
                  message: 'The reconciliation is approved and locked.',
                });
              },
            },
          )
        }
      >
        Approve
      </Button>
    );
  }
  if (!isPreparer || !submit || rec.status === 'in_review' || rec.status === 'approved') {
    return null;
  }
  const reasons = rec.readiness.isReady ? (submit.allowed ? [] : [submit.reason ?? 'The task cannot be submitted now.']) : rec.readiness.problems.map((p) => p.message);
  const isDisabled = reasons.length > 0;
  const button = (
    <Button
      leftSection={<IconSend size={16} aria-hidden="true" />}
      disabled={isDisabled}
      loading={transition.isPending}
      onClick={() =>
        transition.mutate(
          { action: 'submit', version: task.version },
          {
            onSuccess: () => {
              refreshRec();
              notifications.show({
                color: 'green',
                title: 'Submitted for review',
                message: `${task.reviewer.name} can review the reconciliation now.`,
              });
            },
          },
        )
      }
    >
      Submit for review
    </Button>
  );
  return (
    <>
      {isDisabled ? (
        <Tooltip
          multiline
          maw={340}
          label={
            <>
              {reasons.map((reason) => (
                <div key={reason}>{reason}</div>
              ))}
            </>
          }
        >
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {transition.error ? <SubmitError error={transition.error} /> : null}
    </>
  );
}

function SubmitError({ error }: { error: unknown }) {
  return (
    <div
      style={{
        position: 'absolute',
        right: 24,
        marginTop: 56,
        maxWidth: 420,
        zIndex: 40,
      }}
    >
      <ProblemAlert error={error} title="Not submitted" />
    </div>
  );
}

function Sep() {
  return (
    <Text span mx={8} c="dimmed" aria-hidden="true">
      |
    </Text>
  );
}
