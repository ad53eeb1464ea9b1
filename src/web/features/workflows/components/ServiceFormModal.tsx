import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { PRIORITIES, type Priority } from '../../../../domain/tasks/task-states';
import { CreateServiceBodySchema, type CreateServiceBody } from '../../../../shared/workflows';
import { listClients, listUsers } from '../../../api/client';
import { queryKeys } from '../../../app/query-keys';
import { useCurrentSession } from '../../../app/use-session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { fieldMessage, problemFieldErrors } from '../../../lib/form-errors';
import { todayIn } from '../../../lib/time';
import { PRIORITY_LABELS, formatDueRule } from '../../../lib/tracker-copy';
import { useCreateService, useWorkflows } from '../use-workflows';

export interface ServiceFormModalProps {
  opened: boolean;
  onClose: () => void;
}

type Frequency = CreateServiceBody['frequency'];
type DueKind = 'business_days' | 'calendar_day';

const LABELS: Record<string, string> = { clientId: 'Client', workflowId: 'Workflow', preparerId: 'Preparer', reviewerId: 'Reviewer', startsOn: 'First period', days: 'Business days', day: 'Day' };
const FREQUENCY_OPTIONS = [
  { value: 'monthly', label: 'Monthly' },
  { value: 'quarterly', label: 'Quarterly' },
  { value: 'annual', label: 'Annual' },
];
const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({ value, label: PRIORITY_LABELS[value] }));

/** Subscribes a client to a workflow on a schedule, with its preparer and reviewer. */
export function ServiceFormModal({ opened, onClose }: ServiceFormModalProps) {
  const session = useCurrentSession();
  const create = useCreateService();
  const workflows = useWorkflows();
  const clients = useQuery({ queryKey: queryKeys.clientList('', 'active'), queryFn: () => listClients({ status: 'active' }), enabled: opened });
  const users = useQuery({ queryKey: queryKeys.userList({ status: 'active' }), queryFn: () => listUsers({ status: 'active' }), enabled: opened });
  const firstOfMonth = `${todayIn(session.user.timeZone).slice(0, 7)}-01`;

  const [clientId, setClientId] = useState<string | null>(null);
  const [workflowId, setWorkflowId] = useState<string | null>(null);
  const [frequency, setFrequency] = useState<Frequency>('monthly');
  const [dueKind, setDueKind] = useState<DueKind>('business_days');
  const [dueNumber, setDueNumber] = useState<number | string>(5);
  const [preparerId, setPreparerId] = useState<string | null>(null);
  const [reviewerId, setReviewerId] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState(firstOfMonth);
  const [priority, setPriority] = useState<Priority>('normal');
  const [estimate, setEstimate] = useState<number | string>('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setClientId(null);
      setWorkflowId(null);
      setFrequency('monthly');
      setDueKind('business_days');
      setDueNumber(5);
      setPreparerId(null);
      setReviewerId(null);
      setStartsOn(firstOfMonth);
      setPriority('normal');
      setEstimate('');
      setErrors({});
      create.reset();
    }
    // Reset when the dialog opens.
  }, [opened]);

  const staff = useMemo(
    () => (users.data ?? []).filter((user) => user.role !== 'client' && user.role !== 'auditor').map((user) => ({ value: user.id, label: `${user.name} (${user.role})` })),
    [users.data],
  );
  const dueNumberValue = typeof dueNumber === 'number' ? dueNumber : Number.NaN;
  const dueRule = dueKind === 'business_days' ? { kind: 'business_days' as const, days: dueNumberValue } : { kind: 'calendar_day' as const, day: dueNumberValue };

  function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      clientId: clientId ?? '',
      workflowId: workflowId ?? '',
      frequency,
      dueRule,
      preparerId: preparerId ?? '',
      reviewerId: reviewerId ?? '',
      startsOn,
      priority,
      estimatedMinutes: typeof estimate === 'number' ? estimate : null,
    };
    const parsed = CreateServiceBodySchema.safeParse(body);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      const picked = { clientId, workflowId, preparerId, reviewerId };
      for (const [path, value] of Object.entries(picked)) {
        if (!value) {
          next[path] = fieldMessage(path, 'is required', LABELS);
        }
      }
      for (const issue of parsed.error.issues) {
        const path = issue.path[0] === 'dueRule' ? 'dueRule' : issue.path.join('.');
        next[path] ??= fieldMessage(path, issue.message, LABELS);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(body, {
      onSuccess: (service) => {
        onClose();
        notifications.show({ color: 'green', title: 'Service set up', message: `${service.client.name} gets ${service.workflow.name}, due ${formatDueRule(service.dueRule, service.frequency)}. Use “Create due tasks now” to create ended periods’ tasks.` });
      },
      onError: (error) => setErrors(problemFieldErrors(error, LABELS)),
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title="New service" size="lg">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={2}>
            <Select label="Client" placeholder="Choose a client" data={(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={clientId} onChange={setClientId} searchable required error={errors.clientId} comboboxProps={{ withinPortal: true }} />
            <Select label="Workflow" placeholder="Choose a workflow" data={(workflows.data ?? []).map((w) => ({ value: w.id, label: w.name }))} value={workflowId} onChange={setWorkflowId} searchable required error={errors.workflowId} comboboxProps={{ withinPortal: true }} />
            <Select label="Frequency" data={FREQUENCY_OPTIONS} value={frequency} onChange={(value) => setFrequency((value as Frequency | null) ?? 'monthly')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <TextInput label="First period starts" type="date" value={startsOn} onChange={(event) => setStartsOn(event.currentTarget.value)} required error={errors.startsOn} />
          </SimpleGrid>
          <Stack gap={6}>
            <Text fz="sm" fw={500} id="due-rule-label">
              Due
            </Text>
            <Group gap="sm" align="flex-start">
              <SegmentedControl
                aria-labelledby="due-rule-label"
                value={dueKind}
                onChange={(value) => {
                  setDueKind(value === 'calendar_day' ? 'calendar_day' : 'business_days');
                  setDueNumber(value === 'calendar_day' ? 10 : 5);
                }}
                data={[
                  { value: 'business_days', label: 'Business days after period end' },
                  { value: 'calendar_day', label: 'Day of the next month' },
                ]}
              />
              <NumberInput
                aria-label={dueKind === 'business_days' ? 'Business days' : 'Day of the month'}
                value={dueNumber}
                onChange={setDueNumber}
                min={dueKind === 'business_days' ? 0 : 1}
                max={dueKind === 'business_days' ? 60 : 31}
                allowDecimal={false}
                w={100}
                error={errors.dueRule}
              />
            </Group>
            {Number.isInteger(dueNumberValue) ? (
              <Text fz="xs" c="dimmed">
                Shown as “{formatDueRule(dueRule, frequency)}”.
              </Text>
            ) : null}
          </Stack>
          <SimpleGrid cols={2}>
            <Select label="Preparer" placeholder="Who prepares" data={staff} value={preparerId} onChange={setPreparerId} searchable required error={errors.preparerId} comboboxProps={{ withinPortal: true }} />
            <Select label="Reviewer" placeholder="Who reviews" data={staff} value={reviewerId} onChange={setReviewerId} searchable required error={errors.reviewerId} comboboxProps={{ withinPortal: true }} />
            <Select label="Priority" data={PRIORITY_OPTIONS} value={priority} onChange={(value) => setPriority(value ?? 'normal')} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
            <NumberInput label="Estimate (minutes)" value={estimate} onChange={setEstimate} min={0} max={100000} allowDecimal={false} />
          </SimpleGrid>
          {users.error ? <ProblemAlert error={users.error} /> : null}
          {create.error && Object.keys(problemFieldErrors(create.error)).length === 0 ? <ProblemAlert error={create.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Set up service
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
