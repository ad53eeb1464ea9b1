import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, List, Menu, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck, IconDots, IconHandStop, IconInfoCircle, IconLockOpen, IconPlayerPlay, IconRotateClockwise, IconSend, IconShieldCheck } from '@tabler/icons-react';
import type { TaskAction } from '../../../../domain/tasks/task-states';
import type { TaskDetailDto, TransitionBody } from '../../../../shared/tasks';
import { useCurrentSession } from '../../../app/use-session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { taskStateCssColor } from '../../../components/status-colors';
import { STATUS_LABELS } from '../../../lib/tracker-copy';
import { useTransitionTask } from '../use-tasks';
import { ReasonModal } from './ReasonModal';

export interface NextActionPanelProps {
  task: TaskDetailDto;
  /** Takes the reviewer to the note form (returning needs an open note). */
  onAddNote?: () => void;
  onReload: () => void;
}

type ModalKind = 'block' | 'reopen' | 'override' | null;

const PREPARER_ACTIONS = new Set<TaskAction>(['start', 'submit', 'resume']);
const REVIEWER_ACTIONS = new Set<TaskAction>(['return', 'approve', 'close']);

const ACTION_ICONS: Record<TaskAction, React.ReactNode> = {
  start: <IconPlayerPlay size={16} aria-hidden="true" />,
  submit: <IconSend size={16} aria-hidden="true" />,
  return: <IconArrowBackUp size={16} aria-hidden="true" />,
  resume: <IconPlayerPlay size={16} aria-hidden="true" />,
  approve: <IconCheck size={16} aria-hidden="true" />,
  close: <IconShieldCheck size={16} aria-hidden="true" />,
  block: <IconHandStop size={16} aria-hidden="true" />,
  unblock: <IconLockOpen size={16} aria-hidden="true" />,
  reopen: <IconRotateClockwise size={16} aria-hidden="true" />,
};

/**
 * What happens next on the task and who does it, with the moves this person may make now as
 * buttons (the server's `actions`, allowed ones only). Moves the person could make once something
 * is done (clear the notes, add a note first) are explained underneath; moves that are not theirs
 * at all (the preparer's view of approve) are not shown.
 */
export function NextActionPanel({ task, onAddNote, onReload }: NextActionPanelProps) {
  const session = useCurrentSession();
  const transition = useTransitionTask(task.id);
  const [modal, setModal] = useState<ModalKind>(null);
  const viewerId = session.user.id;
  const isPreparer = viewerId === task.preparer.id;
  const isReviewer = viewerId === task.reviewer.id;
  const isPartner = session.user.role === 'partner';

  const isTheirs = (action: TaskAction): boolean => {
    if (PREPARER_ACTIONS.has(action)) {
      return isPreparer;
    }
    if (REVIEWER_ACTIONS.has(action)) {
      return !isPreparer && (isReviewer || isPartner);
    }
    if (action === 'reopen') {
      return isPartner && !isPreparer;
    }
    return isPreparer || isReviewer || isPartner;
  };

  const allowed = task.actions.filter((a) => a.allowed);
  const waiting = task.actions.filter((a) => !a.allowed && a.reason && isTheirs(a.action));
  const approve = task.actions.find((a) => a.action === 'approve');
  const canOverrideApprove = isPartner && !isPreparer && approve !== undefined && !approve.allowed;
  const isMyTurn = allowed.some((a) => a.action === task.nextAction.action) && task.nextAction.who.includes(session.user.name);
  const returnWaitsForNote = waiting.some((a) => a.action === 'return') && task.abilities.addNote;

  function run(body: Omit<TransitionBody, 'version'>, done?: string) {
    transition.mutate(
      { ...body, version: task.version },
      {
        onSuccess: (updated) => {
          setModal(null);
          notifications.show({ color: 'green', title: done ?? 'Done', message: `The task is now ${STATUS_LABELS[updated.status].toLowerCase()}.` });
        },
      },
    );
  }

  function handleAction(action: TaskAction) {
    transition.reset();
    switch (action) {
      case 'block':
        setModal('block');
        return;
      case 'reopen':
        setModal('reopen');
        return;
      case 'start':
        run({ action }, 'Work started');
        return;
      case 'submit':
        run({ action }, 'Submitted for review');
        return;
      case 'return':
        run({ action }, 'Returned to the preparer');
        return;
      case 'resume':
        run({ action }, 'Work resumed');
        return;
      case 'approve':
        run({ action }, 'Approved');
        return;
      case 'close':
        run({ action }, 'Closed');
        return;
      case 'unblock':
        run({ action }, 'Unblocked');
        return;
    }
  }

  const primary = allowed.find((a) => a.action === task.nextAction.action);
  const others = allowed.filter((a) => a !== primary);

  return (
    <Paper withBorder p="md" mb="lg" style={{ borderLeft: `4px solid ${taskStateCssColor(task.status)}` }} aria-labelledby="next-action-heading" component="section">
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Group gap="xs">
            <Title order={2} id="next-action-heading" fz="xs" c="dimmed" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
              Next step
            </Title>
            {isMyTurn ? (
              <Badge size="sm" color="brand" variant="filled">
                Your turn
              </Badge>
            ) : null}
          </Group>
          <Text fz="lg" fw={650}>
            {task.nextAction.label}
          </Text>
          <Text fz="sm" c="dimmed">
            {task.nextAction.who === '—' ? 'Nobody: the work is finished.' : `Up to ${task.nextAction.who === session.user.name ? 'you' : task.nextAction.who}`}
          </Text>
        </Stack>
        <Group gap="sm" wrap="wrap">
          {primary ? (
            <Button size="md" leftSection={ACTION_ICONS[primary.action]} onClick={() => handleAction(primary.action)} loading={transition.isPending && transition.variables.action === primary.action}>
              {primary.label}
            </Button>
          ) : null}
          {others.map((action) => (
            <Button
              key={action.action}
              size="md"
              {...(action.action === 'return' ? { variant: 'light', color: 'orange' } : { variant: 'default' })}
              leftSection={ACTION_ICONS[action.action]}
              onClick={() => handleAction(action.action)}
              loading={transition.isPending && transition.variables.action === action.action}
            >
              {action.label}
            </Button>
          ))}
          {canOverrideApprove ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size={42} aria-label="More actions">
                  <IconDots size={18} aria-hidden="true" />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconShieldCheck size={16} aria-hidden="true" />} onClick={() => setModal('override')}>
                  Approve with partner override…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      </Group>

      {waiting.length > 0 ? (
        <List
          mt="sm"
          spacing={4}
          size="sm"
          icon={
            <ThemeIcon size={18} radius="xl" variant="light" color="gray">
              <IconInfoCircle size={12} aria-hidden="true" />
            </ThemeIcon>
          }
          aria-label="Not possible yet"
        >
          {waiting.map((action) => (
            <List.Item key={action.action}>
              <Text span fz="sm" fw={600}>
                {action.label}:
              </Text>{' '}
              <Text span fz="sm" c="dimmed">
                {action.reason}
              </Text>
              {action.action === 'return' && returnWaitsForNote && onAddNote ? (
                <Button variant="subtle" size="compact-sm" ml="xs" onClick={onAddNote}>
                  Add a review note
                </Button>
              ) : null}
            </List.Item>
          ))}
        </List>
      ) : null}

      {transition.error && modal === null ? (
        <Stack mt="sm">
          <ProblemAlert error={transition.error} title="That did not go through" onRetry={onReload} />
        </Stack>
      ) : null}

      <ReasonModal
        opened={modal === 'block'}
        title="Mark the task blocked"
        description="Say what the task is waiting on. It stays blocked, and visible in red on the board, until someone unblocks it."
        reasonLabel="Reason"
        confirmLabel="Mark blocked"
        color="red"
        askWaitingOn
        isPending={transition.isPending}
        error={transition.error}
        onConfirm={({ reason, waitingOn }) => run({ action: 'block', reason, ...(waitingOn ? { waitingOn } : {}) }, 'Marked blocked')}
        onClose={() => setModal(null)}
      />
      <ReasonModal
        opened={modal === 'reopen'}
        title="Reopen approved work"
        description="Reopening returns the task to its preparer and counts as rework. The reason goes to the audit log."
        reasonLabel="Reason for reopening"
        confirmLabel="Reopen"
        color="orange"
        isPending={transition.isPending}
        error={transition.error}
        onConfirm={({ reason }) => run({ action: 'reopen', reason }, 'Reopened')}
        onClose={() => setModal(null)}
      />
      <ReasonModal
        opened={modal === 'override'}
        title="Approve with partner override"
        description={approve?.reason ? `${approve.reason} As a partner you may approve anyway; your reason is kept in the audit log.` : 'As a partner you may approve anyway; your reason is kept in the audit log.'}
        reasonLabel="Reason for the override"
        confirmLabel="Approve with override"
        isPending={transition.isPending}
        error={transition.error}
        onConfirm={({ reason }) => run({ action: 'approve', override: true, reason }, 'Approved with override')}
        onClose={() => setModal(null)}
      />
    </Paper>
  );
}
