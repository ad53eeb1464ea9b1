import { useEffect, useState } from 'react';
import { Button, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconWand } from '@tabler/icons-react';
import type { ReconciliationDto } from '../../../../shared/reconciliation';
import { JobProgress } from '../../../components/JobProgress';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { recKeys, useCancelJob, useJob, useStartMatchRun } from '../use-reconciliation';

export interface MatchRunControlProps {
  rec: ReconciliationDto;
  /** Where the running job's progress is shown (under the toolbar). */
  renderProgress: (node: React.ReactNode) => void;
  isPrimary: boolean;
}

/**
 * "Run matching": starts the matching job and follows it. A run that was already going when the
 * page opened (the page was left and come back to) is picked up from the reconciliation.
 */
export function MatchRunControl({ rec, renderProgress, isPrimary }: MatchRunControlProps) {
  const queryClient = useQueryClient();
  const start = useStartMatchRun(rec.id);
  const cancel = useCancelJob();
  const running = rec.lastMatchRun && (rec.lastMatchRun.status === 'queued' || rec.lastMatchRun.status === 'running') ? rec.lastMatchRun.jobId : null;
  const [jobId, setJobId] = useState<string | null>(running);
  const job = useJob(jobId);
  const status = job.data?.status;
  const isRunning = status === 'queued' || status === 'running' || start.isPending;

  useEffect(() => {
    if (running && jobId === null) {
      setJobId(running);
    }
  }, [running, jobId]);

  useEffect(() => {
    if (status === 'succeeded' || status === 'failed' || status === 'cancelled') {
      void queryClient.invalidateQueries({ queryKey: recKeys.detail(rec.id) });
      void queryClient.invalidateQueries({
        queryKey: recKeys.ofTask(rec.task?.id ?? ''),
      });
      void queryClient.invalidateQueries({ queryKey: recKeys.lines(rec.id) });
      if (status === 'succeeded') {
        notifications.show({
          color: 'green',
          title: 'Matching finished',
          message: 'Review the suggestions and the lines still unmatched.',
        });
      }
    }
  }, [status]); // once per finished run

  useEffect(() => {
    if (job.data && (isRunning || status === 'failed')) {
      renderProgress(<JobProgress job={job.data} label="Matching" onCancel={() => cancel.mutate(job.data.id)} isCancelling={cancel.isPending} />);
    } else if (start.error) {
      renderProgress(<ProblemAlert error={start.error} title="Matching did not start" />);
    } else {
      renderProgress(null);
    }
  }, [job.data, isRunning, status, start.error, cancel.isPending]); // the progress follows the job

  function handleRun() {
    start.mutate(undefined, { onSuccess: (started) => setJobId(started.id) });
  }

  const hasBothSides = rec.counts.matchedBank + rec.counts.unmatchedBank > 0 && rec.counts.matchedLedger + rec.counts.unmatchedLedger > 0;
  const button = (
    <Button variant={isPrimary ? 'filled' : 'default'} leftSection={<IconWand size={16} aria-hidden="true" />} onClick={handleRun} loading={isRunning} disabled={!hasBothSides}>
      Run matching
    </Button>
  );
  return hasBothSides ? button : <Tooltip label="Import both the bank statement and the ledger first">{button}</Tooltip>;
}
