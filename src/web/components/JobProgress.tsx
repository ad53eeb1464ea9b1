import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPlayerStop } from '@tabler/icons-react';
import type { JobDto } from '../../shared/jobs';

export interface JobProgressProps {
  job: JobDto;
  /** What the job does, in words ("Importing march.csv", "Matching"). */
  label: string;
  onCancel?: () => void;
  isCancelling?: boolean;
}

/**
 * A background job while it runs: its phase, a bar (moving stripes while the total is not known
 * yet), how far it got, and a Cancel button when the person may cancel it. A failed job shows its
 * one-line error; a cancelled one says that nothing was kept.
 */
export function JobProgress({ job, label, onCancel, isCancelling = false }: JobProgressProps) {
  if (job.status === 'failed') {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden="true" />} title={`${label} failed`} role="alert">
        {job.error ?? 'The job stopped without saying why.'}
      </Alert>
    );
  }
  if (job.status === 'cancelled') {
    return (
      <Alert color="gray" variant="light" title={`${label} was cancelled`}>
        Nothing of its work was kept.
      </Alert>
    );
  }
  if (job.status === 'succeeded') {
    return (
      <Group gap={6} c="var(--mantine-color-green-light-color)">
        <IconCheck size={16} aria-hidden="true" />
        <Text fz="sm" fw={600}>
          {label}: done
        </Text>
      </Group>
    );
  }
  const { done, total } = job.progress;
  const isKnown = total > 0;
  const percent = isKnown ? Math.min(100, Math.round((done / total) * 100)) : 100;
  return (
    <Stack gap={6} role="status" aria-live="polite">
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text fz="sm" fw={600} truncate="end">
          {label}
          <Text span fz="sm" c="dimmed" fw={400}>
            {' · '}
            {job.status === 'queued' ? 'waiting to start' : phaseLabel(job.phase)}
            {job.cancelRequested ? ' · cancelling…' : ''}
          </Text>
        </Text>
        <Group gap="sm" wrap="nowrap">
          {isKnown ? (
            <Text fz="xs" c="dimmed" className="tm-num">
              {formatProgress(job.phase, done, total)}
            </Text>
          ) : null}
          {onCancel && job.abilities.cancel && !job.cancelRequested ? (
            <Button size="compact-xs" variant="default" leftSection={<IconPlayerStop size={12} aria-hidden="true" />} onClick={onCancel} loading={isCancelling}>
              Cancel
            </Button>
          ) : null}
        </Group>
      </Group>
      <Progress value={percent} striped={!isKnown} animated={!isKnown} size="sm" aria-label={`${label} progress`} {...(isKnown ? { 'aria-valuenow': percent } : {})} />
    </Stack>
  );
}

function phaseLabel(phase: string): string {
  if (phase === '') {
    return 'starting';
  }
  return phase.replaceAll('_', ' ');
}

/** Bytes while a file is read, otherwise units of work (lines). */
function formatProgress(phase: string, done: number, total: number): string {
  if (phase === 'reading' || phase === 'uploading') {
    return `${formatMegabytes(done)} of ${formatMegabytes(total)}`;
  }
  return `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
}

function formatMegabytes(bytes: number): string {
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
