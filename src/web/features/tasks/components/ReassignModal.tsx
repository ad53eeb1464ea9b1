import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TaskDetailDto } from '../../../../shared/tasks';
import { listUsers } from '../../../api/client';
import { queryKeys } from '../../../app/query-keys';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useReassignTask } from '../use-tasks';

export interface ReassignModalProps {
  task: TaskDetailDto;
  opened: boolean;
  onClose: () => void;
}

/** Hands the task to another preparer or reviewer (admins and partners), with the reason for the audit log. */
export function ReassignModal({ task, opened, onClose }: ReassignModalProps) {
  const reassign = useReassignTask(task.id);
  const users = useQuery({ queryKey: queryKeys.userList({ status: 'active' }), queryFn: () => listUsers({ status: 'active' }), enabled: opened });
  const [preparerId, setPreparerId] = useState(task.preparer.id);
  const [reviewerId, setReviewerId] = useState(task.reviewer.id);
  const [reason, setReason] = useState('');
  const [hasTried, setHasTried] = useState(false);

  useEffect(() => {
    if (opened) {
      setPreparerId(task.preparer.id);
      setReviewerId(task.reviewer.id);
      setReason('');
      setHasTried(false);
      reassign.reset();
    }
    // Reset when the dialog opens, not on every live refetch while it is open.
  }, [opened]);

  const options = useMemo(() => {
    const staff = (users.data ?? []).filter((user) => user.role !== 'client' && user.role !== 'auditor').map((user) => ({ value: user.id, label: user.name }));
    for (const person of [task.preparer, task.reviewer]) {
      if (!staff.some((option) => option.value === person.id)) {
        staff.push({ value: person.id, label: person.name });
      }
    }
    return staff.sort((a, b) => a.label.localeCompare(b.label));
  }, [users.data, task.preparer, task.reviewer]);

  const isSame = preparerId === reviewerId;
  const isUnchanged = preparerId === task.preparer.id && reviewerId === task.reviewer.id;

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    setHasTried(true);
    if (reason.trim() === '' || isSame || isUnchanged) {
      return;
    }
    reassign.mutate(
      {
        reason: reason.trim(),
        version: task.version,
        ...(preparerId !== task.preparer.id ? { preparerId } : {}),
        ...(reviewerId !== task.reviewer.id ? { reviewerId } : {}),
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Reassign task" size="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            The preparer and the reviewer must be different people. Whoever already prepared this task cannot become its reviewer.
          </Text>
          <Select label="Preparer" data={options} value={preparerId} onChange={(value) => setPreparerId(value ?? task.preparer.id)} searchable allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          <Select
            label="Reviewer"
            data={options}
            value={reviewerId}
            onChange={(value) => setReviewerId(value ?? task.reviewer.id)}
            searchable
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={isSame ? 'The reviewer must differ from the preparer' : undefined}
          />
          <Textarea label="Reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={2} maxLength={2000} required error={hasTried && reason.trim() === '' ? 'A reason is required' : undefined} />
          {hasTried && isUnchanged ? (
            <Text fz="sm" c="var(--mantine-color-error)" role="alert">
              Choose a different preparer or reviewer.
            </Text>
          ) : null}
          {users.error ? <ProblemAlert error={users.error} /> : null}
          {reassign.error ? <ProblemAlert error={reassign.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={reassign.isPending}>
              Reassign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
