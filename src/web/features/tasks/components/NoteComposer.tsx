import { forwardRef, useEffect, useState } from 'react';
import { Button, Group, Select, Stack, Textarea } from '@mantine/core';
import { IconMessagePlus } from '@tabler/icons-react';
import { NOTE_CATEGORIES, type NoteCategory } from '../../../../domain/tasks/task-states';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { NOTE_CATEGORY_LABELS } from '../../../lib/tracker-copy';
import { useAddNote } from '../use-tasks';

export interface NoteComposerProps {
  task: TaskDetailDto;
  /** The checklist item the note starts on ('' for the whole task). */
  initialItemId?: string;
  onAdded?: () => void;
  onCancel?: () => void;
}

const CATEGORY_OPTIONS = NOTE_CATEGORIES.map((value) => ({ value, label: NOTE_CATEGORY_LABELS[value] }));

/** The reviewer's form for a review note: a category, the note, and optionally the checklist item it is about. */
export const NoteComposer = forwardRef<HTMLTextAreaElement, NoteComposerProps>(function NoteComposer({ task, initialItemId = '', onAdded, onCancel }, bodyRef) {
  const addNote = useAddNote(task.id);
  const [category, setCategory] = useState<NoteCategory | null>(null);
  const [itemId, setItemId] = useState<string>(initialItemId);
  const [body, setBody] = useState('');
  const [hasTried, setHasTried] = useState(false);

  useEffect(() => {
    setItemId(initialItemId);
  }, [initialItemId]);

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    setHasTried(true);
    if (!category || body.trim() === '') {
      return;
    }
    addNote.mutate(
      { category, body: body.trim(), ...(itemId ? { checklistItemId: itemId } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setCategory(null);
          setItemId('');
          setHasTried(false);
          onAdded?.();
        },
      },
    );
  }

  const itemOptions = [...task.checklistItems].sort((a, b) => a.position - b.position).map((item) => ({ value: item.id, label: item.text }));

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Add a review note">
      <Stack gap="sm">
        <Group gap="sm" grow align="flex-start">
          <Select
            label="Category"
            placeholder="What kind of problem"
            data={CATEGORY_OPTIONS}
            value={category}
            onChange={(value) => setCategory(value)}
            required
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={hasTried && !category ? 'Choose a category' : undefined}
          />
          {itemOptions.length > 0 ? (
            <Select
              label="Checklist item"
              placeholder="The whole task"
              data={itemOptions}
              value={itemId || null}
              onChange={(value) => setItemId(value ?? '')}
              clearable
              comboboxProps={{ withinPortal: true }}
              clearButtonProps={{ 'aria-label': 'Note on the whole task' }}
            />
          ) : null}
        </Group>
        <Textarea
          ref={bodyRef}
          label="Review note"
          placeholder="What needs fixing, and where"
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={5000}
          required
          error={hasTried && body.trim() === '' ? 'Write what needs fixing' : undefined}
        />
        {addNote.error ? <ProblemAlert error={addNote.error} /> : null}
        <Group justify="flex-end" gap="sm">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" leftSection={<IconMessagePlus size={16} aria-hidden="true" />} loading={addNote.isPending}>
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
});
