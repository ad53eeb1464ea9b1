import { useEffect, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NOTE_CATEGORIES, type NoteCategory } from '../../../../domain/tasks/task-states';
import type { ReconciliationDto, ReconciliationLineDto } from '../../../../shared/reconciliation';
import { addTaskNote } from '../../../api/client';
import { queryKeys } from '../../../app/query-keys';
import { useFirmSettings } from '../../../app/use-firm';
import { Amount } from '../../../components/Amount';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatLocalDate } from '../../../lib/time';
import { NOTE_CATEGORY_LABELS } from '../../../lib/tracker-copy';
import { confidencePercent, matchReasonLabel } from '../line-state';
import { recKeys, useDocumentItem, useRemoveMatch } from '../use-reconciliation';

interface LineModalProps {
  rec: ReconciliationDto;
  /** The line the dialog is about; null when closed. */
  line: ReconciliationLineDto | null;
  onClose: () => void;
}

/** Unmatching needs a note saying why; it goes to the audit log with the match it undoes. */
export function UnmatchModal({ rec, line, onClose }: LineModalProps) {
  const remove = useRemoveMatch(rec.id);
  const [note, setNote] = useState('');
  const [isTouched, setTouched] = useState(false);
  useReset(line, () => {
    setNote('');
    setTouched(false);
    remove.reset();
  });
  const match = line?.match ?? null;
  const isMissing = note.trim() === '';

  function handleSubmit() {
    setTouched(true);
    if (!match || isMissing) {
      return;
    }
    remove.mutate({ matchId: match.id, note: note.trim() }, { onSuccess: onClose });
  }

  return (
    <Modal opened={line !== null} onClose={onClose} title="Unmatch" size="md">
      <Stack gap="md">
        {line && match ? (
          <>
            <LineSummary rec={rec} line={line} />
            <Text fz="sm">
              This undoes the whole match ({matchReasonLabel(match.reason)}, {confidencePercent(match.confidence)}%): every line in it goes back to unmatched.
              {match.adjustment ? ' Its proposed adjustment is removed too.' : ''}
            </Text>
          </>
        ) : null}
        <Textarea
          label="Why are you unmatching?"
          required
          withAsterisk
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          data-autofocus
          error={isTouched && isMissing ? 'Say why, for the reviewer and the audit log' : null}
          onChange={(event) => setNote(event.currentTarget.value)}
          onKeyDown={(event) => submitOnCtrlEnter(event, handleSubmit)}
        />
        {remove.error ? <ProblemAlert error={remove.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button color="red" onClick={handleSubmit} loading={remove.isPending}>
            Unmatch
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Documents an outstanding item: what it is and why it has not cleared yet. */
export function ItemNoteModal({ rec, line, onClose }: LineModalProps) {
  const save = useDocumentItem(rec.id);
  const [note, setNote] = useState('');
  const [isTouched, setTouched] = useState(false);
  useReset(line, () => {
    setNote(line?.itemNote?.note ?? '');
    setTouched(false);
    save.reset();
  });
  const isMissing = note.trim() === '';

  function handleSubmit() {
    setTouched(true);
    if (!line || isMissing) {
      return;
    }
    save.mutate({ lineId: line.id, note: note.trim() }, { onSuccess: onClose });
  }

  return (
    <Modal opened={line !== null} onClose={onClose} title="Document the outstanding item" size="md">
      <Stack gap="md">
        {line ? <LineSummary rec={rec} line={line} /> : null}
        <Textarea
          label="Note"
          description="What the item is and why it has not cleared (e.g. check mailed 10/29, cleared 11/03)"
          required
          withAsterisk
          autosize
          minRows={3}
          maxLength={2000}
          value={note}
          data-autofocus
          error={isTouched && isMissing ? 'Write the note' : null}
          onChange={(event) => setNote(event.currentTarget.value)}
          onKeyDown={(event) => submitOnCtrlEnter(event, handleSubmit)}
        />
        {save.error ? <ProblemAlert error={save.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button onClick={handleSubmit} loading={save.isPending}>
            Save note
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const CATEGORY_OPTIONS = NOTE_CATEGORIES.map((category) => ({
  value: category,
  label: NOTE_CATEGORY_LABELS[category],
}));

/** A reviewer's note on one line: it joins the task's review notes, which the preparer answers. */
export function ReviewNoteModal({ rec, line, onClose }: LineModalProps) {
  const queryClient = useQueryClient();
  const taskId = rec.task?.id ?? '';
  const add = useMutation({
    mutationFn: (input: { category: NoteCategory; body: string; statementLineId: string }) => addTaskNote(taskId, input),
    onSuccess: (task) => {
      queryClient.setQueryData(queryKeys.task(task.id), task);
      void queryClient.invalidateQueries({ queryKey: recKeys.lines(rec.id) });
      void queryClient.invalidateQueries({
        queryKey: queryKeys.taskTimeline(task.id),
      });
      onClose();
    },
  });
  const [category, setCategory] = useState<NoteCategory>('missing_documentation');
  const [body, setBody] = useState('');
  const [isTouched, setTouched] = useState(false);
  useReset(line, () => {
    setBody('');
    setTouched(false);
    add.reset();
  });
  const isMissing = body.trim() === '';

  function handleSubmit() {
    setTouched(true);
    if (!line || isMissing || !taskId) {
      return;
    }
    add.mutate({ category, body: body.trim(), statementLineId: line.id });
  }

  return (
    <Modal opened={line !== null} onClose={onClose} title="Add a review note on this line" size="md">
      <Stack gap="md">
        {line ? <LineSummary rec={rec} line={line} /> : null}
        <Select label="Category" data={CATEGORY_OPTIONS} value={category} allowDeselect={false} onChange={(value) => setCategory(CATEGORY_OPTIONS.find((o) => o.value === value)?.value ?? 'other')} />
        <Textarea
          label="Note"
          required
          withAsterisk
          autosize
          minRows={3}
          maxLength={5000}
          value={body}
          data-autofocus
          error={isTouched && isMissing ? 'Write the note' : null}
          onChange={(event) => setBody(event.currentTarget.value)}
          onKeyDown={(event) => submitOnCtrlEnter(event, handleSubmit)}
        />
        {add.error ? <ProblemAlert error={add.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={add.isPending}>
            Cancel
          </Button>
          <Button onClick={handleSubmit} loading={add.isPending}>
            Add note
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function LineSummary({ rec, line }: { rec: ReconciliationDto; line: ReconciliationLineDto }) {
  const settings = useFirmSettings();
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      gap="md"
      p="xs"
      style={{
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      <Text fz="sm" truncate="end">
        <Text span fz="sm" c="dimmed" className="tm-num">
          {line.side === 'bank' ? 'Bank' : 'Books'} · {formatLocalDate(line.date, settings.dateFormat)} ·{' '}
        </Text>
        {line.description}
      </Text>
      <Amount minor={line.amountMinor} currency={rec.bankAccount.currency} fw={600} />
    </Group>
  );
}

/** Runs `reset` each time the dialog opens for another line. */
function useReset(line: ReconciliationLineDto | null, reset: () => void) {
  const id = line?.id ?? null;
  useEffect(() => {
    if (id !== null) {
      reset();
    }
  }, [id]); // only a newly opened dialog starts over
}

function submitOnCtrlEnter(event: React.KeyboardEvent, submit: () => void) {
  if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
    event.preventDefault();
    submit();
  }
}
