import { useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Grid, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconHandStop, IconLock } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { TaskDetailDto } from '../../../shared/tasks';
import { isProblem } from '../../api/api-error';
import { useFirmSettings } from '../../app/use-firm';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PRIORITY_COLORS } from '../../components/status-colors';
import { TaskStatusBadge } from '../../components/TaskStatusBadge';
import { formatLocalDate } from '../../lib/time';
import { BLOCKED_ON_LABELS, PRIORITY_LABELS, formatPeriod, plural } from '../../lib/tracker-copy';
import { ReconciliationTaskCard } from '../reconciliation/components/ReconciliationTaskCard';
import { ChecklistCard } from './components/ChecklistCard';
import { FilesCard } from './components/FilesCard';
import { NextActionPanel } from './components/NextActionPanel';
import { NoteComposer } from './components/NoteComposer';
import { ReviewNotesCard } from './components/ReviewNotesCard';
import { TaskDetailsCard } from './components/TaskDetailsCard';
import { TimelineCard } from './components/TimelineCard';
import { useTask } from './use-tasks';

/** One task: what to do next, the checklist, the review conversation, files and history. */
export function TaskDetailPage() {
  const { id = '' } = useParams();
  const taskQuery = useTask(id);

  if (taskQuery.isPending) {
    return (
      <Stack gap="lg" aria-busy="true">
        <Skeleton h={60} w={420} />
        <Skeleton h={96} />
        <Skeleton h={320} />
      </Stack>
    );
  }
  if (isProblem(taskQuery.error, 404) || isProblem(taskQuery.error, 400)) {
    return (
      <EmptyState
        icon={<IconLock size={28} aria-hidden="true" />}
        title="Task not found or you do not have access"
        titleOrder={1}
        description="The link may be wrong, or the task belongs to a client you are not assigned to."
        action={
          <Button component={Link} to="/tasks" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />}>
            Back to the tracker
          </Button>
        }
      />
    );
  }
  if (taskQuery.error || !taskQuery.data) {
    return <ProblemAlert error={taskQuery.error} onRetry={() => void taskQuery.refetch()} />;
  }
  return <TaskDetail task={taskQuery.data} onReload={() => void taskQuery.refetch()} />;
}

interface TaskDetailProps {
  task: TaskDetailDto;
  onReload: () => void;
}

function TaskDetail({ task, onReload }: TaskDetailProps) {
  const settings = useFirmSettings();
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const [noteItemId, setNoteItemId] = useState<string | null>(null);

  function handleGoToNoteForm() {
    const field = composerRef.current;
    field?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    field?.focus({ preventScroll: true });
  }

  const noteItem = noteItemId ? task.checklistItems.find((item) => item.id === noteItemId) : undefined;

  return (
    <>
      <PageHeader
        title={task.title}
        breadcrumbs={[{ label: 'Tracker', to: '/tasks' }]}
        badges={
          <>
            <TaskStatusBadge status={task.status} size="md" />
            {task.isOverdue ? (
              <Badge color="red" variant="light" size="md">
                Overdue
              </Badge>
            ) : null}
            {task.priority === 'high' || task.priority === 'urgent' ? (
              <Badge color={PRIORITY_COLORS[task.priority]} variant="light" size="md">
                {PRIORITY_LABELS[task.priority]} priority
              </Badge>
            ) : null}
          </>
        }
        description={
          <>
            <Anchor component={Link} to={`/clients/${task.client.id}`} fz="sm" underline="always">
              {task.client.name}
            </Anchor>
            {` · ${task.workflow.name} · ${formatPeriod(task.period)}`}
            <Separator />
            Due{' '}
            <Text span fz="sm" className="tm-num" {...(task.isOverdue ? { c: 'var(--mantine-color-error)', fw: 700 } : { c: 'var(--mantine-color-text)', fw: 500 })}>
              <time dateTime={task.dueOn}>{formatLocalDate(task.dueOn, settings.dateFormat)}</time>
            </Text>
            <Separator />
            <Text span fz="sm" c="var(--mantine-color-text)" fw={500}>
              {task.preparer.name}
            </Text>
            {' → '}
            <Text span fz="sm" c="var(--mantine-color-text)" fw={500}>
              {task.reviewer.name}
            </Text>
            <Separator />
            {task.reworkCount > 0 ? (
              <Text span fz="sm" c="var(--mantine-color-orange-light-color)" fw={600}>
                Returned {plural(task.reworkCount, 'time')}
              </Text>
            ) : (
              'No rework'
            )}
          </>
        }
      />

      {task.status === 'blocked' ? (
        <Alert color="red" variant="light" icon={<IconHandStop size={18} aria-hidden="true" />} title={task.blockedOn ? `Blocked: waiting on ${BLOCKED_ON_LABELS[task.blockedOn].toLowerCase()}` : 'Blocked'} mb="md">
          {task.blockedReason ?? 'No reason was given.'}
        </Alert>
      ) : null}

      <NextActionPanel task={task} onReload={onReload} {...(task.abilities.addNote ? { onAddNote: handleGoToNoteForm } : {})} />

      {task.workflow.key === 'bank-reconciliation' ? <ReconciliationTaskCard task={task} /> : null}

      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <ChecklistCard task={task} {...(task.abilities.addNote ? { onAddNote: setNoteItemId } : {})} />
            <ReviewNotesCard ref={composerRef} task={task} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <TaskDetailsCard task={task} />
            <FilesCard task={task} />
            <TimelineCard task={task} />
          </Stack>
        </Grid.Col>
      </Grid>

      <Modal opened={noteItem !== undefined} onClose={() => setNoteItemId(null)} title="Add a review note" size="lg">
        {noteItem ? (
          <Stack gap="sm">
            <Text fz="sm" c="dimmed">
              On checklist item: {noteItem.text}
            </Text>
            <NoteComposer task={task} initialItemId={noteItem.id} onAdded={() => setNoteItemId(null)} onCancel={() => setNoteItemId(null)} />
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}

function Separator() {
  return (
    <Text span mx={8} c="dimmed" aria-hidden="true">
      |
    </Text>
  );
}
