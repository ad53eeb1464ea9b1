import { Alert, Card, Group, Progress, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconListCheck } from '@tabler/icons-react';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { EmptyState } from '../../../components/EmptyState';
import { ChecklistItemRow } from './ChecklistItemRow';
import classes from './Checklist.module.css';

export interface ChecklistCardProps {
  task: TaskDetailDto;
  /** Opens the note form on an item (reviewers). */
  onAddNote?: (itemId: string) => void;
}

/** The task's own copy of the workflow checklist, its progress and version. */
export function ChecklistCard({ task, onAddNote }: ChecklistCardProps) {
  const items = [...task.checklistItems].sort((a, b) => a.position - b.position);
  const done = items.filter((item) => item.completedAt !== null).length;
  const required = items.filter((item) => item.required);
  const requiredOpen = required.filter((item) => item.completedAt === null).length;
  const openNotesByItem = new Map<string, number>();
  for (const note of task.notes) {
    if (note.checklistItemId && note.status !== 'cleared') {
      openNotesByItem.set(note.checklistItemId, (openNotesByItem.get(note.checklistItemId) ?? 0) + 1);
    }
  }
  const isOutdated = task.checklistVersion !== null && task.checklistVersion < task.currentChecklistVersion;

  return (
    <Card padding={0} component="section" aria-labelledby="checklist-heading">
      <Group justify="space-between" px="md" pt="md" pb="sm" align="flex-end">
        <div>
          <Title order={2} id="checklist-heading">
            Checklist
          </Title>
          <Text fz="xs" c="dimmed">
            {task.checklistVersion !== null ? `Checklist version ${task.checklistVersion}` : `Checklist version ${task.currentChecklistVersion} is copied in when work starts`}
          </Text>
        </div>
        {items.length > 0 ? (
          <Group gap="sm" wrap="nowrap">
            <Text fz="sm" fw={600} className="tm-num">
              {done} of {items.length} done
            </Text>
            <Progress value={(done / items.length) * 100} w={120} size="sm" color={done === items.length ? 'green' : 'blue'} aria-label={`Checklist ${done} of ${items.length} done`} />
          </Group>
        ) : null}
      </Group>
      {isOutdated ? (
        <Alert mx="md" mb="sm" color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />} title="An older checklist">
          This task started on version {task.checklistVersion}; the checklist is now version {task.currentChecklistVersion}. The task keeps the version it started with.
        </Alert>
      ) : null}
      {task.abilities.completeChecklist && requiredOpen > 0 ? (
        <Text fz="xs" c="dimmed" px="md" pb="xs">
          {requiredOpen === 1 ? '1 required item is' : `${requiredOpen} required items are`} still open. Tick each item once its evidence is in; the task can be submitted when every required item is done.
        </Text>
      ) : null}
      {items.length === 0 ? (
        <EmptyState size="sm" icon={<IconListCheck size={24} aria-hidden="true" />} title="No checklist yet" description="The workflow's checklist is copied into the task when the preparer starts the work." />
      ) : (
        <ul className={classes.list} aria-label="Checklist items">
          {items.map((item) => (
            <ChecklistItemRow key={item.id} task={task} item={item} openNotes={openNotesByItem.get(item.id) ?? 0} {...(onAddNote ? { onAddNote } : {})} />
          ))}
        </ul>
      )}
    </Card>
  );
}
