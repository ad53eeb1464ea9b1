import { useEffect, useState } from 'react';
import { Anchor, Badge, Box, Button, Checkbox, FileButton, Group, Select, Stack, Text, Textarea, TextInput, ThemeIcon, Tooltip } from '@mantine/core';
import { IconCheck, IconFile, IconMessagePlus, IconUpload } from '@tabler/icons-react';
import type { ChecklistItemDto, ChecklistItemUpdateBody, TaskDetailDto } from '../../../../shared/tasks';
import { errorDetail, isProblem } from '../../../api/api-error';
import { documentContentUrl } from '../../../api/client';
import { DateTime } from '../../../components/DateTime';
import { EVIDENCE_LABELS, formatBytes, formatFigure, parseFigure, plural } from '../../../lib/tracker-copy';
import { useUpdateChecklistItem, useUploadDocument } from '../use-tasks';
import classes from './Checklist.module.css';

export interface ChecklistItemRowProps {
  task: TaskDetailDto;
  item: ChecklistItemDto;
  /** Review notes on this item that are not cleared yet. */
  openNotes: number;
  onAddNote?: (itemId: string) => void;
}

/**
 * One checklist item: the tick (the preparer's, while working), what evidence it needs and the
 * input for it, and who completed it when. The evidence typed stays local until the tick sends it.
 */
export function ChecklistItemRow({ task, item, openNotes, onAddNote }: ChecklistItemRowProps) {
  const canComplete = task.abilities.completeChecklist;
  const isDone = item.completedAt !== null;
  const update = useUpdateChecklistItem(task.id);
  const upload = useUploadDocument(task.id);
  const [note, setNote] = useState(item.note ?? '');
  const [figure, setFigure] = useState(item.figure ?? '');
  const [documentId, setDocumentId] = useState<string | null>(item.document?.id ?? null);
  const [evidenceError, setEvidenceError] = useState<string | null>(null);
  /** The tick as the person just set it, shown until the server answers (then the item's own state). */
  const [pendingChecked, setPendingChecked] = useState<boolean | null>(null);

  // A new version of the item (ours or someone else's) replaces what was typed.
  useEffect(() => {
    setNote(item.note ?? '');
    setFigure(item.figure ?? '');
    setDocumentId(item.document?.id ?? null);
    setEvidenceError(null);
  }, [item.version, item.note, item.figure, item.document?.id]);

  function send(body: ChecklistItemUpdateBody) {
    setPendingChecked(body.completed);
    update.mutate({ itemId: item.id, body }, { onSettled: () => setPendingChecked(null) });
  }

  function handleToggle(checked: boolean) {
    setEvidenceError(null);
    update.reset();
    if (!checked) {
      send({ completed: false, version: item.version });
      return;
    }
    switch (item.evidence) {
      case 'none':
        send({ completed: true, version: item.version });
        return;
      case 'note':
        if (note.trim() === '') {
          setEvidenceError('Write the note this item needs, then tick it.');
          return;
        }
        send({ completed: true, note: note.trim(), version: item.version });
        return;
      case 'figure': {
        const parsed = parseFigure(figure);
        if (parsed === null) {
          setEvidenceError(figure.trim() === '' ? 'Enter the figure this item needs, then tick it.' : 'Enter a number such as 1234.56.');
          return;
        }
        send({ completed: true, figure: parsed, version: item.version });
        return;
      }
      case 'attachment':
        if (!documentId) {
          setEvidenceError('Upload or choose the file this item needs, then tick it.');
          return;
        }
        send({ completed: true, documentId, version: item.version });
        return;
    }
  }

  function handleUpload(file: File | null) {
    if (!file) {
      return;
    }
    setEvidenceError(null);
    upload.mutate(file, { onSuccess: (uploaded) => setDocumentId(uploaded.id) });
  }

  const serverError = update.error && !isProblem(update.error, 409, 'stale_version') ? errorDetail(update.error) : null;
  const uploadError = upload.error ? (isProblem(upload.error, 404) ? 'File uploads are not available on this server yet.' : errorDetail(upload.error)) : null;
  const error = evidenceError ?? serverError ?? uploadError;
  const showInput = canComplete && !isDone;
  const errorId = `checklist-error-${item.id}`;

  return (
    <Box component="li" className={classes.item} data-done={isDone || undefined}>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
            <Group gap={8} wrap="wrap" style={{ minWidth: 0 }}>
              {canComplete ? (
                <Checkbox
                  checked={pendingChecked ?? isDone}
                  disabled={update.isPending}
                  onChange={(event) => handleToggle(event.currentTarget.checked)}
                  label={item.text}
                  aria-describedby={error ? errorId : undefined}
                  color="green"
                  classNames={{ label: classes.checkLabel }}
                />
              ) : (
                <Group gap={8} wrap="nowrap" align="flex-start">
                  <ThemeIcon size={20} radius="xl" variant={isDone ? 'filled' : 'default'} color={isDone ? 'green' : 'gray'} role="img" aria-label={isDone ? 'Done' : 'Not done'}>
                    {isDone ? <IconCheck size={13} aria-hidden="true" /> : <span />}
                  </ThemeIcon>
                  <Text fz="sm" fw={600}>
                    {item.text}
                  </Text>
                </Group>
              )}
              {item.required ? (
                <Badge size="xs" color="red" variant="light">
                  Required
                </Badge>
              ) : (
                <Badge size="xs" color="gray" variant="light">
                  Optional
                </Badge>
              )}
              {item.evidence !== 'none' ? (
                <Badge size="xs" variant="default">
                  {EVIDENCE_LABELS[item.evidence]}
                </Badge>
              ) : null}
              {openNotes > 0 ? (
                <Badge size="xs" color="orange" variant="light">
                  {plural(openNotes, 'open note')}
                </Badge>
              ) : null}
            </Group>
            {onAddNote ? (
              <Tooltip label="Add a review note on this item">
                <Button variant="subtle" size="compact-xs" color="gray" leftSection={<IconMessagePlus size={14} aria-hidden="true" />} onClick={() => onAddNote(item.id)} aria-label={`Add review note on ${item.text}`}>
                  Note
                </Button>
              </Tooltip>
            ) : null}
          </Group>
          <Stack gap={6} pl={30}>
          {item.help ? (
            <Text fz="xs" c="dimmed">
              {item.help}
            </Text>
          ) : null}

          {showInput && item.evidence === 'note' ? (
            <Textarea
              label="Note"
              aria-label={`Note for ${item.text}`}
              placeholder="What you checked and what you found"
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={5000}
              size="sm"
              error={evidenceError ? true : undefined}
            />
          ) : null}
          {showInput && item.evidence === 'figure' ? (
            <TextInput
              label="Figure"
              aria-label={`Figure for ${item.text}`}
              placeholder="0.00"
              value={figure}
              onChange={(event) => setFigure(event.currentTarget.value)}
              inputMode="decimal"
              w={220}
              size="sm"
              classNames={{ input: classes.figureInput }}
              error={evidenceError ? true : undefined}
            />
          ) : null}
          {showInput && item.evidence === 'attachment' ? (
            <Group gap="xs" align="flex-end">
              {task.documents.length > 0 ? (
                <Select
                  label="File"
                  aria-label={`File for ${item.text}`}
                  placeholder="Choose a file of this task"
                  data={task.documents.map((doc) => ({ value: doc.id, label: doc.filename }))}
                  value={documentId}
                  onChange={setDocumentId}
                  size="sm"
                  w={280}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                  error={evidenceError ? true : undefined}
                />
              ) : null}
              {task.abilities.attach ? (
                <FileButton onChange={handleUpload}>
                  {(props) => (
                    <Button {...props} variant="default" size="sm" leftSection={<IconUpload size={14} aria-hidden="true" />} loading={upload.isPending} aria-label={`Upload file for ${item.text}`}>
                      Upload file
                    </Button>
                  )}
                </FileButton>
              ) : null}
            </Group>
          ) : null}

          {isDone ? <CompletedEvidence item={item} /> : null}
          {error ? (
            <Text id={errorId} fz="xs" c="var(--mantine-color-error)" role="alert">
              {error}
            </Text>
          ) : null}
          </Stack>
        </Stack>
      </Group>
    </Box>
  );
}

function CompletedEvidence({ item }: { item: ChecklistItemDto }) {
  return (
    <Stack gap={4}>
      {item.evidence === 'note' && item.note ? (
        <Text fz="sm" className={classes.evidenceNote}>
          {item.note}
        </Text>
      ) : null}
      {item.evidence === 'figure' && item.figure ? (
        <Text fz="sm" fw={600} className={`tm-num ${classes.figure}`}>
          {formatFigure(item.figure)}
        </Text>
      ) : null}
      {item.document ? (
        <Group gap={6} wrap="nowrap">
          <IconFile size={14} aria-hidden="true" />
          <Anchor href={documentContentUrl(item.document.id)} fz="sm" download>
            {item.document.filename}
          </Anchor>
          <Text fz="xs" c="dimmed">
            {formatBytes(item.document.sizeBytes)}
          </Text>
        </Group>
      ) : null}
      {item.completedAt ? (
        <Group gap={4} wrap="nowrap">
          <Text fz="xs" c="dimmed">
            Completed by {item.completedBy?.name ?? 'a former member'} ·
          </Text>
          <DateTime value={item.completedAt} fz="xs" c="dimmed" />
        </Group>
      ) : null}
    </Stack>
  );
}
