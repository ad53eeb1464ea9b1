import { useEffect, useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { PRIORITIES, type Priority } from '../../../../domain/tasks/task-states';
import type { TaskDetailDto, UpdateTaskBody } from '../../../../shared/tasks';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemFieldErrors } from '../../../lib/form-errors';
import { PRIORITY_LABELS } from '../../../lib/tracker-copy';
import { useUpdateTask } from '../use-tasks';

export interface EditTaskModalProps {
  task: TaskDetailDto;
  opened: boolean;
  onClose: () => void;
}

const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({ value, label: PRIORITY_LABELS[value] }));

/** Priority, due date and time on a task. */
export function EditTaskModal({ task, opened, onClose }: EditTaskModalProps) {
  const update = useUpdateTask(task.id);
  const [priority, setPriority] = useState<Priority>(task.priority);
  const [dueOn, setDueOn] = useState(task.dueOn);
  const [estimated, setEstimated] = useState<number | string>(task.estimatedMinutes ?? '');
  const [actual, setActual] = useState<number | string>(task.actualMinutes ?? '');

  useEffect(() => {
    if (opened) {
      setPriority(task.priority);
      setDueOn(task.dueOn);
      setEstimated(task.estimatedMinutes ?? '');
      setActual(task.actualMinutes ?? '');
      update.reset();
    }
    // Reset when the dialog opens, not on every live refetch while it is open.
  }, [opened]);

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    const body: UpdateTaskBody = {
      version: task.version,
      ...(priority !== task.priority ? { priority } : {}),
      ...(dueOn !== task.dueOn ? { dueOn } : {}),
    };
    const estimatedMinutes = typeof estimated === 'number' ? estimated : null;
    const actualMinutes = typeof actual === 'number' ? actual : null;
    if (estimatedMinutes !== task.estimatedMinutes) {
      body.estimatedMinutes = estimatedMinutes;
    }
    if (actualMinutes !== task.actualMinutes) {
      body.actualMinutes = actualMinutes;
    }
    if (Object.keys(body).length === 1) {
      onClose(); // nothing changed
      return;
    }
    update.mutate(body, { onSuccess: onClose });
  }

  const fieldErrors = problemFieldErrors(update.error);

  return (
    <Modal opened={opened} onClose={onClose} title="Edit task" size="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={2}>
            <Select label="Priority" data={PRIORITY_OPTIONS} value={priority} onChange={(value) => setPriority(value ?? task.priority)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <TextInput label="Due date" type="date" value={dueOn} onChange={(event) => setDueOn(event.currentTarget.value)} error={fieldErrors.dueOn} />
            <NumberInput label="Estimate (minutes)" value={estimated} onChange={setEstimated} min={0} max={100000} allowDecimal={false} error={fieldErrors.estimatedMinutes} />
            <NumberInput label="Time spent (minutes)" value={actual} onChange={setActual} min={0} max={100000} allowDecimal={false} error={fieldErrors.actualMinutes} />
          </SimpleGrid>
          {update.error && Object.keys(fieldErrors).length === 0 ? <ProblemAlert error={update.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
