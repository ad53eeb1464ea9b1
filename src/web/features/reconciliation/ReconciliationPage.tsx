import { Button, Skeleton, Stack } from '@mantine/core';
import { IconArrowLeft, IconLock } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/api-error';
import { EmptyState } from '../../components/EmptyState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useTask } from '../tasks/use-tasks';
import { ReconciliationWorkspace } from './ReconciliationWorkspace';
import { StartReconciliation } from './components/StartReconciliation';
import { useReconciliation, useTaskReconciliation } from './use-reconciliation';

/** `/tasks/:id/reconciliation`: the task's reconciliation, or the form that starts it. */
export function TaskReconciliationPage() {
  const { id = '' } = useParams();
  const recQuery = useTaskReconciliation(id);
  const isMissing = isProblem(recQuery.error, 404);
  const taskQuery = useTask(id);

  if (recQuery.isPending || (isMissing && taskQuery.isPending)) {
    return <WorkspaceSkeleton />;
  }
  if (isMissing) {
    if (!taskQuery.data) {
      return <NotFound />;
    }
    return <StartReconciliation task={taskQuery.data} />;
  }
  if (isProblem(recQuery.error, 400)) {
    return <NotFound />;
  }
  if (recQuery.error || !recQuery.data) {
    return <ProblemAlert error={recQuery.error} onRetry={() => void recQuery.refetch()} />;
  }
  return <ReconciliationWorkspace rec={recQuery.data} />;
}

/** `/reconciliations/:id`: a reconciliation by its own id (links from the workpaper, the account page). */
export function ReconciliationByIdPage() {
  const { id = '' } = useParams();
  const recQuery = useReconciliation(id);
  if (recQuery.isPending) {
    return <WorkspaceSkeleton />;
  }
  if (isProblem(recQuery.error, 404) || isProblem(recQuery.error, 400)) {
    return <NotFound />;
  }
  if (recQuery.error || !recQuery.data) {
    return <ProblemAlert error={recQuery.error} onRetry={() => void recQuery.refetch()} />;
  }
  return <ReconciliationWorkspace rec={recQuery.data} />;
}

function WorkspaceSkeleton() {
  return (
    <Stack gap="md" aria-busy="true">
      <Skeleton h={60} w={520} />
      <Skeleton h={88} />
      <Skeleton h={36} w={640} />
      <Skeleton h={420} />
    </Stack>
  );
}

function NotFound() {
  return (
    <EmptyState
      icon={<IconLock size={28} aria-hidden="true" />}
      title="Reconciliation not found or you do not have access"
      titleOrder={1}
      description="The link may be wrong, or the reconciliation belongs to a client you are not assigned to."
      action={
        <Button component={Link} to="/tasks" variant="default" leftSection={<IconArrowLeft size={16} aria-hidden="true" />}>
          Back to the tracker
        </Button>
      }
    />
  );
}
