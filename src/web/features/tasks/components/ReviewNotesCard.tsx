import { forwardRef, useState } from 'react';
import { Badge, Box, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconMessageCircle, IconSend } from '@tabler/icons-react';
import type { ReviewNoteDto, TaskDetailDto } from '../../../../shared/tasks';
import { DateTime } from '../../../components/DateTime';
import { EmptyState } from '../../../components/EmptyState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { NOTE_CATEGORY_COLORS, NOTE_STATUS_COLORS } from '../../../components/status-colors';
import { NOTE_CATEGORY_LABELS } from '../../../lib/tracker-copy';
import { useClearNote, useRespondToNote } from '../use-tasks';
import { NoteComposer } from './NoteComposer';
import classes from './ReviewNotes.module.css';

export interface ReviewNotesCardProps {
  task: TaskDetailDto;
}

const NOTE_STATUS_LABELS: Record<ReviewNoteDto['status'], string> = { open: 'Open', responded: 'Responded', cleared: 'Cleared' };

/**
 * The review conversation: notes by the reviewer (open → responded → cleared), the preparer's
 * responses, and the forms each side may use. The note form's text box takes `ref`, so "Add a
 * review note" elsewhere on the page can bring the reviewer here.
 */
export const ReviewNotesCard = forwardRef<HTMLTextAreaElement, ReviewNotesCardProps>(function ReviewNotesCard({ task }, composerRef) {
  const counts = { open: 0, responded: 0, cleared: 0 };
  for (const note of task.notes) {
    counts[note.status] += 1;
  }
  const summary = [counts.open > 0 ? `${counts.open} open` : null, counts.responded > 0 ? `${counts.responded} responded` : null, counts.cleared > 0 ? `${counts.cleared} cleared` : null].filter(Boolean).join(' · ');

  return (
    <Card padding={0} component="section" aria-labelledby="notes-heading">
      <Group justify="space-between" px="md" pt="md" pb="sm">
        <Title order={2} id="notes-heading">
          Review notes
        </Title>
        <Text fz="sm" c="dimmed">
          {summary || 'None yet'}
        </Text>
      </Group>
      {task.notes.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconMessageCircle size={24} aria-hidden="true" />}
          title="No review notes"
          description={task.abilities.addNote ? 'Add a note for each thing the preparer should fix; returning the task needs at least one open note.' : 'Notes from the reviewer appear here, with your responses.'}
        />
      ) : (
        <ul className={classes.list} aria-label="Review notes">
          {task.notes.map((note) => (
            <NoteItem key={note.id} task={task} note={note} />
          ))}
        </ul>
      )}
      {task.abilities.addNote ? (
        <Box px="md" py="md" className={classes.composer}>
          <NoteComposer ref={composerRef} task={task} />
        </Box>
      ) : null}
    </Card>
  );
});

interface NoteItemProps {
  task: TaskDetailDto;
  note: ReviewNoteDto;
}

function NoteItem({ task, note }: NoteItemProps) {
  const respond = useRespondToNote(task.id);
  const clear = useClearNote(task.id);
  const [response, setResponse] = useState('');
  const [hasTried, setHasTried] = useState(false);
  const item = note.checklistItemId ? task.checklistItems.find((i) => i.id === note.checklistItemId) : undefined;
  const canRespond = task.abilities.respondToNote && note.status === 'open';
  const canClear = task.abilities.clearNote && note.status !== 'cleared';

  function handleRespond(event: React.FormEvent) {
    event.preventDefault();
    setHasTried(true);
    if (response.trim() === '') {
      return;
    }
    respond.mutate({ noteId: note.id, response: response.trim(), version: note.version }, { onSuccess: () => setResponse('') });
  }

  return (
    <li className={classes.note} data-status={note.status}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Group gap={6} wrap="wrap">
          <Badge size="sm" color={NOTE_CATEGORY_COLORS[note.category]} variant="light">
            {NOTE_CATEGORY_LABELS[note.category]}
          </Badge>
          <Badge size="sm" color={NOTE_STATUS_COLORS[note.status]} variant="dot">
            {NOTE_STATUS_LABELS[note.status]}
          </Badge>
          {note.source === 'spot_check' ? (
            <Badge size="sm" color="grape" variant="outline">
              Partner spot-check
            </Badge>
          ) : null}
        </Group>
        {canClear ? (
          <Button size="compact-sm" variant="light" color="green" leftSection={<IconCheck size={14} aria-hidden="true" />} onClick={() => clear.mutate({ noteId: note.id, version: note.version })} loading={clear.isPending}>
            Clear note
          </Button>
        ) : null}
      </Group>
      {item ? (
        <Text fz="xs" c="dimmed" mt={6}>
          On checklist item: {item.text}
        </Text>
      ) : null}
      <Text fz="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
        {note.body}
      </Text>
      <Group gap={4} mt={4} wrap="nowrap">
        <Text fz="xs" c="dimmed">
          {note.author.name} ·
        </Text>
        <DateTime value={note.createdAt} fz="xs" c="dimmed" />
      </Group>

      {note.response ? (
        <Box className={classes.response} mt="sm">
          <Text fz="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.04em' }}>
            Response
          </Text>
          <Text fz="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
            {note.response}
          </Text>
          {note.respondedAt ? (
            <Group gap={4} mt={2} wrap="nowrap">
              <Text fz="xs" c="dimmed">
                {note.respondedBy?.name ?? 'The preparer'} ·
              </Text>
              <DateTime value={note.respondedAt} fz="xs" c="dimmed" />
            </Group>
          ) : null}
        </Box>
      ) : null}
      {note.clearedAt ? (
        <Group gap={4} mt={6} wrap="nowrap">
          <Text fz="xs" c="var(--mantine-color-green-light-color)">
            Cleared by {note.clearedBy?.name ?? 'the reviewer'} ·
          </Text>
          <DateTime value={note.clearedAt} fz="xs" c="var(--mantine-color-green-light-color)" />
        </Group>
      ) : null}

      {canRespond ? (
        <form onSubmit={handleRespond} noValidate>
          <Stack gap="xs" mt="sm">
            <Textarea
              label="Your response"
              placeholder="What you changed, or why it is right as it is"
              value={response}
              onChange={(event) => setResponse(event.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={5000}
              error={hasTried && response.trim() === '' ? 'Write your response' : undefined}
            />
            <Group justify="flex-end">
              <Button type="submit" size="sm" leftSection={<IconSend size={14} aria-hidden="true" />} loading={respond.isPending}>
                Send response
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      {respond.error ? <ProblemAlert error={respond.error} /> : null}
      {clear.error ? <ProblemAlert error={clear.error} /> : null}
    </li>
  );
}
