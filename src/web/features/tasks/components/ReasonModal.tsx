import { useEffect, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea, type MantineColor } from '@mantine/core';
import type { BlockedOn } from '../../../../domain/tasks/task-states';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { BLOCKED_ON_LABELS } from '../../../lib/tracker-copy';

export interface ReasonModalProps {
  opened: boolean;
  title: string;
  description: string;
  reasonLabel: string;
  confirmLabel: string;
  color?: MantineColor;
  /** Also ask what the task is waiting on (blocking). */
  askWaitingOn?: boolean;
  isPending: boolean;
  error: unknown;
  onConfirm: (values: { reason: string; waitingOn?: BlockedOn }) => void;
  onClose: () => void;
}

const WAITING_ON_OPTIONS = (Object.keys(BLOCKED_ON_LABELS) as BlockedOn[]).map((value) => ({ value, label: BLOCKED_ON_LABELS[value] }));

/** Asks for the reason an action needs (block, reopen, a partner's override) before taking it. */
export function ReasonModal({ opened, title, description, reasonLabel, confirmLabel, color = 'brand', askWaitingOn = false, isPending, error, onConfirm, onClose }: ReasonModalProps) {
  const [reason, setReason] = useState('');
  const [waitingOn, setWaitingOn] = useState<BlockedOn | null>(null);
  const [hasTried, setHasTried] = useState(false);

  useEffect(() => {
    if (opened) {
      setReason('');
      setWaitingOn(null);
      setHasTried(false);
    }
  }, [opened]);

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    setHasTried(true);
    if (reason.trim() === '' || (askWaitingOn && !waitingOn)) {
      return;
    }
    onConfirm({ reason: reason.trim(), ...(askWaitingOn && waitingOn ? { waitingOn } : {}) });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            {description}
          </Text>
          {askWaitingOn ? (
            <Select
              label="Waiting on"
              placeholder="Choose what is missing"
              data={WAITING_ON_OPTIONS}
              value={waitingOn}
              onChange={(value) => setWaitingOn(value)}
              error={hasTried && !waitingOn ? 'Choose what the task is waiting on' : undefined}
              required
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          ) : null}
          <Textarea
            label={reasonLabel}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            required
            data-autofocus={askWaitingOn ? undefined : true}
            error={hasTried && reason.trim() === '' ? 'A reason is required' : undefined}
          />
          {error ? <ProblemAlert error={error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={isPending}>
              Cancel
            </Button>
            <Button type="submit" color={color} loading={isPending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
