import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconUsers } from '@tabler/icons-react';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { DateTime } from '../../../components/DateTime';
import { DetailList } from '../../../components/DetailList';
import { DueDate } from '../../../components/DueDate';
import { PersonAvatar } from '../../../components/PersonAvatar';
import { StateBadge } from '../../../components/StateBadge';
import { PRIORITY_COLORS } from '../../../components/status-colors';
import { PRIORITY_LABELS, formatPeriod, plural } from '../../../lib/tracker-copy';
import { EditTaskModal } from './EditTaskModal';
import { ReassignModal } from './ReassignModal';

export interface TaskDetailsCardProps {
  task: TaskDetailDto;
}

/** The task's facts (people, dates, time), with editing and reassignment for those allowed. */
export function TaskDetailsCard({ task }: TaskDetailsCardProps) {
  const [isEditing, { open: handleOpenEdit, close: handleCloseEdit }] = useDisclosure(false);
  const [isReassigning, { open: handleOpenReassign, close: handleCloseReassign }] = useDisclosure(false);

  return (
    <Card component="section" aria-labelledby="details-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} id="details-heading">
          Details
        </Title>
        <Group gap={4}>
          {task.abilities.reassign ? (
            <Button size="compact-sm" variant="subtle" leftSection={<IconUsers size={14} aria-hidden="true" />} onClick={handleOpenReassign}>
              Reassign
            </Button>
          ) : null}
          {task.abilities.edit ? (
            <Button size="compact-sm" variant="subtle" leftSection={<IconEdit size={14} aria-hidden="true" />} onClick={handleOpenEdit}>
              Edit
            </Button>
          ) : null}
        </Group>
      </Group>
      <DetailList
        labelWidth={112}
        items={[
          { label: 'Preparer', value: <Person name={task.preparer.name} role="Preparer" color="cyan" /> },
          { label: 'Reviewer', value: <Person name={task.reviewer.name} role="Reviewer" color="violet" /> },
          { label: 'Due', value: <DueDate dueOn={task.dueOn} isOverdue={task.isOverdue} /> },
          { label: 'Period', value: `${formatPeriod(task.period)}` },
          { label: 'Priority', value: <StateBadge color={PRIORITY_COLORS[task.priority]}>{PRIORITY_LABELS[task.priority]}</StateBadge> },
          { label: 'Rework', value: task.reworkCount === 0 ? 'None' : `Returned ${plural(task.reworkCount, 'time')}` },
          { label: 'Time', value: timeText(task) },
          ...(task.startedAt ? [{ label: 'Started', value: <DateTime value={task.startedAt} /> }] : []),
          ...(task.submittedAt ? [{ label: 'Submitted', value: <DateTime value={task.submittedAt} /> }] : []),
          ...(task.approvedAt ? [{ label: 'Approved', value: <ApprovedBy task={task} approvedAt={task.approvedAt} /> }] : []),
        ]}
      />
      {task.abilities.edit ? <EditTaskModal task={task} opened={isEditing} onClose={handleCloseEdit} /> : null}
      {task.abilities.reassign ? <ReassignModal task={task} opened={isReassigning} onClose={handleCloseReassign} /> : null}
    </Card>
  );
}

function Person({ name, role, color }: { name: string; role: string; color: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <PersonAvatar name={name} role={role} color={color} size={22} />
      <Text fz="sm" fw={500} truncate="end">
        {name}
      </Text>
    </Group>
  );
}

function ApprovedBy({ task, approvedAt }: { task: TaskDetailDto; approvedAt: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <DateTime value={approvedAt} />
      {task.approvedBy ? (
        <Text fz="sm" c="dimmed" truncate="end">
          by {task.approvedBy.name}
        </Text>
      ) : null}
    </Group>
  );
}

function timeText(task: TaskDetailDto): string {
  const estimate = task.estimatedMinutes === null ? null : formatMinutes(task.estimatedMinutes);
  const actual = task.actualMinutes === null ? null : formatMinutes(task.actualMinutes);
  if (estimate && actual) {
    return `${actual} spent of ${estimate} estimated`;
  }
  if (estimate) {
    return `${estimate} estimated`;
  }
  return actual ? `${actual} spent` : 'Not estimated';
}

function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return `${rest} min`;
  }
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
