import { Anchor, Badge, Card, Group, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { TaskListDto, TaskSummaryDto } from '../../../shared/tasks';
import { useCurrentSession } from '../../app/use-session';
import { ChecklistProgress } from '../../components/ChecklistProgress';
import { DueDate } from '../../components/DueDate';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TaskStatusBadge } from '../../components/TaskStatusBadge';
import { formatPeriod, plural } from '../../lib/tracker-copy';
import { useMyWork } from './use-my-work';
import { trackerHref } from './use-tracker-filters';
import classes from './components/TaskTable.module.css';

type QueueKind = 'prepare' | 'review';

/** "My work": what the person has to prepare and to review, soonest due first, overdue marked. */
export function MyWorkPage() {
  const session = useCurrentSession();
  const { prepare, review } = useMyWork();
  const overdue = [...(prepare.data?.items ?? []), ...(review.data?.items ?? [])].filter((task) => task.isOverdue).length;
  const isReviewerFirst = session.user.role === 'reviewer' || session.user.role === 'partner';

  const sections = [
    <QueueSection key="prepare" kind="prepare" title="To prepare" query={prepare} />,
    <QueueSection key="review" kind="review" title="To review" query={review} />,
  ];

  return (
    <>
      <PageHeader
        title="My work"
        description={
          prepare.data && review.data
            ? `${plural(prepare.data.total, 'task')} to prepare · ${plural(review.data.total, 'task')} to review${overdue > 0 ? ` · ${overdue} overdue` : ''}`
            : 'What is waiting for you, soonest due first.'
        }
        actions={
          <Anchor component={Link} to={trackerHref({ queue: 'all' })} fz="sm">
            Open in the tracker
          </Anchor>
        }
      />
      <Stack gap="lg">{isReviewerFirst ? sections.reverse() : sections}</Stack>
    </>
  );
}

interface QueueSectionProps {
  kind: QueueKind;
  title: string;
  query: { data: TaskListDto | undefined; error: unknown; isPending: boolean; refetch: () => Promise<unknown> };
}

function QueueSection({ kind, title, query }: QueueSectionProps) {
  const navigate = useNavigate();
  const headingId = `queue-${kind}`;
  const tasks = query.data?.items ?? [];
  const overdue = tasks.filter((task) => task.isOverdue).length;

  return (
    <Card padding={0} component="section" aria-labelledby={headingId}>
      <Group justify="space-between" px="md" py="md">
        <Group gap="sm">
          <Title order={2} id={headingId}>
            {title}
          </Title>
          {query.data ? (
            <Badge size="lg" variant="light" color={query.data.total > 0 ? 'brand' : 'gray'} className="tm-num">
              {query.data.total}
              <VisuallyHidden> {query.data.total === 1 ? 'task' : 'tasks'}</VisuallyHidden>
            </Badge>
          ) : null}
          {overdue > 0 ? (
            <Badge size="lg" variant="light" color="red">
              {overdue} overdue
            </Badge>
          ) : null}
        </Group>
        {query.data && query.data.total > 0 ? (
          <Anchor component={Link} to={trackerHref({ queue: kind })} fz="sm">
            View in the tracker
          </Anchor>
        ) : null}
      </Group>
      {query.error ? (
        <Stack px="md" pb="md">
          <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
        </Stack>
      ) : null}
      {query.isPending ? (
        <Stack px="md" pb="md" gap="xs" aria-busy="true">
          <Skeleton h={32} />
          <Skeleton h={32} />
        </Stack>
      ) : tasks.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconChecks size={24} aria-hidden="true" />}
          title={kind === 'prepare' ? 'Nothing to prepare' : 'Nothing to review'}
          description={kind === 'prepare' ? 'New tasks appear here when a period ends or a reviewer returns work to you.' : 'Tasks appear here when a preparer submits work you review.'}
        />
      ) : (
        <Table highlightOnHover horizontalSpacing={8} className={`tm-dense ${classes.table} ${classes.fixed}`} aria-labelledby={headingId}>
          <colgroup>
            <col style={{ width: '24%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: 76 }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: 156 }} />
            <col style={{ width: 124 }} />
            <col style={{ width: 80 }} />
            <col />
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Task</Table.Th>
              <Table.Th>Client</Table.Th>
              <Table.Th>Period</Table.Th>
              <Table.Th>{kind === 'prepare' ? 'Reviewer' : 'Preparer'}</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Checklist</Table.Th>
              <Table.Th>Next step</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => (
              <Table.Tr key={task.id} className={`tm-row-link ${task.isOverdue ? classes.overdue : ''}`} onClick={() => void navigate(`/tasks/${task.id}`)}>
                <Table.Td>
                  <Anchor component={Link} to={`/tasks/${task.id}`} fw={600} fz="sm" className={classes.truncate} title={task.title} onClick={(event) => event.stopPropagation()}>
                    {task.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Truncated text={task.client.name} />
                </Table.Td>
                <Table.Td fz="sm" className="tm-num">
                  {formatPeriod(task.period)}
                </Table.Td>
                <Table.Td>
                  <Truncated text={kind === 'prepare' ? task.reviewer.name : task.preparer.name} />
                </Table.Td>
                <Table.Td>
                  <DueDate dueOn={task.dueOn} isOverdue={task.isOverdue} />
                </Table.Td>
                <Table.Td>
                  <TaskStatusBadge status={task.status} size="xs" />
                </Table.Td>
                <Table.Td>
                  <ChecklistProgress done={task.checklist.done} total={task.checklist.total} status={task.status} />
                </Table.Td>
                <Table.Td>
                  <Truncated text={nextStepOf(task)} dimmed />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function Truncated({ text, dimmed = false }: { text: string; dimmed?: boolean }) {
  return (
    <Text fz="sm" className={classes.truncate} title={text} {...(dimmed ? { c: 'dimmed' } : {})}>
      {text}
    </Text>
  );
}

/** A short reminder of what the queue owner does next; the task page has the full rules. */
function nextStepOf(task: TaskSummaryDto): string {
  switch (task.status) {
    case 'not_started':
      return 'Start the work';
    case 'in_progress':
      return task.checklist.total > 0 && task.checklist.done === task.checklist.total ? 'Submit for review' : 'Complete the checklist';
    case 'returned':
      return task.openNotes > 0 ? `Answer ${plural(task.openNotes, 'review note')}` : 'Resume and resubmit';
    case 'blocked':
      return task.blockedReason ? `Blocked: ${task.blockedReason}` : 'Blocked';
    case 'ready_for_review':
      return task.openNotes > 0 ? `Review; ${plural(task.openNotes, 'note')} not cleared` : 'Review, then approve or return';
    case 'approved':
      return 'Close the task';
    case 'closed':
      return 'Done';
  }
}
