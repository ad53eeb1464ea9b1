import { useEffect, useState } from 'react';
import { ActionIcon, Button, Group, Modal, Select, Stack, Switch, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../../../domain/tasks/task-states';
import { NewChecklistVersionBodySchema, type WorkflowDto } from '../../../../shared/workflows';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { fieldMessage } from '../../../lib/form-errors';
import { EVIDENCE_LABELS } from '../../../lib/tracker-copy';
import { usePublishChecklistVersion } from '../use-workflows';
import classes from './Workflows.module.css';

export interface ChecklistVersionModalProps {
  workflow: WorkflowDto;
  opened: boolean;
  onClose: () => void;
}

interface DraftItem {
  /** A stable id for React while editing; new items get their key from their text on save. */
  draftId: string;
  key: string;
  text: string;
  help: string;
  evidence: EvidenceKind;
  required: boolean;
}

const EVIDENCE_OPTIONS = EVIDENCE_KINDS.map((value) => ({ value, label: EVIDENCE_LABELS[value] }));

/**
 * Edits the checklist and publishes it as the next version, with a change note. Tasks already
 * started keep their version; work started afterwards gets this one.
 */
export function ChecklistVersionModal({ workflow, opened, onClose }: ChecklistVersionModalProps) {
  const publish = usePublishChecklistVersion(workflow.id);
  const [items, setItems] = useState<DraftItem[]>([]);
  const [changeNote, setChangeNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setItems(workflow.checklist.map((item, index) => ({ draftId: `${item.key}-${index}`, key: item.key, text: item.text, help: item.help, evidence: item.evidence, required: item.required })));
      setChangeNote('');
      setErrors({});
      publish.reset();
    }
    // Reset when the dialog opens, not on every refetch while it is open.
  }, [opened]);

  function handleChange(index: number, patch: Partial<DraftItem>) {
    setItems((current) => current.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  }

  function handleMove(index: number, offset: -1 | 1) {
    setItems((current) => {
      const next = [...current];
      const [moved] = next.splice(index, 1);
      if (moved) {
        next.splice(index + offset, 0, moved);
      }
      return next;
    });
  }

  function handleAdd() {
    setItems((current) => [...current, { draftId: `new-${Date.now()}`, key: '', text: '', help: '', evidence: 'none', required: true }]);
  }

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    const taken = new Set(items.map((item) => item.key).filter(Boolean));
    const body = {
      items: items.map((item) => ({ key: item.key || uniqueKey(item.text, taken), text: item.text, help: item.help, evidence: item.evidence, required: item.required })),
      changeNote,
      version: workflow.version,
    };
    const parsed = NewChecklistVersionBodySchema.safeParse(body);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.') || 'items';
        next[path] ??= path === 'changeNote' ? 'Say what changed and why.' : fieldMessage(path, issue.message, { text: 'Item text', items: 'The checklist' });
      }
      setErrors(next);
      return;
    }
    setErrors({});
    publish.mutate(body, {
      onSuccess: (updated) => {
        onClose();
        notifications.show({ color: 'green', title: 'Checklist published', message: `${updated.name} now uses checklist version ${updated.checklistVersion}.` });
      },
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={`New checklist version for ${workflow.name}`} size="xl">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            This publishes version {workflow.checklistVersion + 1}. Tasks already started keep version {workflow.checklistVersion}.
          </Text>
          <Stack gap="sm">
            {items.map((item, index) => (
              <div key={item.draftId} className={classes.editorItem}>
                <Group align="flex-start" gap="sm" wrap="nowrap">
                  <Text fz="sm" fw={700} c="dimmed" mt={30} w={20} className="tm-num">
                    {index + 1}
                  </Text>
                  <Stack gap="xs" style={{ flex: 1 }}>
                    <TextInput label={`Item ${index + 1}`} value={item.text} onChange={(event) => handleChange(index, { text: event.currentTarget.value })} maxLength={300} error={errors[`items.${index}.text`]} required />
                    <Textarea label="Help" value={item.help} onChange={(event) => handleChange(index, { help: event.currentTarget.value })} autosize minRows={1} maxLength={1000} aria-label={`Help for item ${index + 1}`} />
                    <Group gap="md" align="flex-end">
                      <Select
                        label="Evidence"
                        aria-label={`Evidence for item ${index + 1}`}
                        data={EVIDENCE_OPTIONS}
                        value={item.evidence}
                        onChange={(value) => handleChange(index, { evidence: value ?? 'none' })}
                        allowDeselect={false}
                        w={180}
                        comboboxProps={{ withinPortal: true }}
                      />
                      <Switch label="Required" aria-label={`Item ${index + 1} is required`} checked={item.required} onChange={(event) => handleChange(index, { required: event.currentTarget.checked })} mb={8} />
                    </Group>
                  </Stack>
                  <Stack gap={4} mt={26}>
                    <Tooltip label="Move up">
                      <ActionIcon variant="subtle" color="gray" aria-label={`Move item ${index + 1} up`} disabled={index === 0} onClick={() => handleMove(index, -1)}>
                        <IconArrowUp size={16} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Move down">
                      <ActionIcon variant="subtle" color="gray" aria-label={`Move item ${index + 1} down`} disabled={index === items.length - 1} onClick={() => handleMove(index, 1)}>
                        <IconArrowDown size={16} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Remove">
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove item ${index + 1}`} onClick={() => setItems((current) => current.filter((_, i) => i !== index))}>
                        <IconTrash size={16} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </Stack>
                </Group>
              </div>
            ))}
          </Stack>
          {errors.items ? (
            <Text fz="sm" c="var(--mantine-color-error)" role="alert">
              {errors.items}
            </Text>
          ) : null}
          <Group>
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={handleAdd}>
              Add item
            </Button>
          </Group>
          <Textarea
            label="Change note"
            description="What changed and why (for example: added a check for duplicate bills after three review notes about them)"
            value={changeNote}
            onChange={(event) => setChangeNote(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            required
            error={errors.changeNote}
          />
          {publish.error ? <ProblemAlert error={publish.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={publish.isPending}>
              Publish version {workflow.checklistVersion + 1}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Tie out the AP aging" → "tie-out-the-ap-aging", unique among `taken` (which it joins). */
function uniqueKey(text: string, taken: Set<string>): string {
  const base = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n += 1) {
    key = `${base}-${n}`;
  }
  taken.add(key);
  return key;
}
