import type { Db } from '../db/database';
import type { BackgroundJobRow } from '../db/schema';
import type { FileStorage } from '../storage/file-storage';
import { onJobCancel, onJobQueued, runningJobIds } from './job-queue';
import { claimNextJob, finishJob, recordProgress, requeueJob, requeueStaleJobs } from './jobs.repository';
import { JobCancelledError, JobFailedError, type JobContext, type JobHandlers, type JobLogger } from './types';

export interface JobRunnerOptions {
  db: Db;
  /** The kinds this runner takes, by name (`src/server/jobs/handlers.ts`); other kinds stay queued for other runners. */
  handlers: JobHandlers;
  log: JobLogger;
  files?: FileStorage | null;
  now?: () => Date;
  /** How often an idle runner looks for queued jobs (a wake-up from this process comes sooner). */
  pollIntervalMs?: number;
  /** How often a running job's heartbeat is written when it reports no progress. */
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this is taken to be orphaned and re-queued. */
  staleAfterMs?: number;
  /** At most one progress write per job per this many milliseconds. */
  progressIntervalMs?: number;
  /** Called on every progress report, unthrottled (tests use it to act at a given phase). */
  onProgress?: (report: ProgressReport) => void;
}

export interface ProgressReport {
  jobId: string;
  kind: string;
  phase: string;
  done: number;
  total: number;
}

export interface JobRunner {
  /** Stops taking jobs; a job still running is stopped and put back in the queue. */
  stop(): Promise<void>;
}

/** Jobs left running longer than this without a heartbeat belong to a process that died. */
export const STALE_JOB_MS = 2 * 60_000;

const DEFAULTS = { pollIntervalMs: 1_000, heartbeatMs: 15_000, staleAfterMs: STALE_JOB_MS, progressIntervalMs: 500 };

type Resolved = Required<Omit<JobRunnerOptions, 'onProgress' | 'files'>> & { files: FileStorage | null; onProgress: JobRunnerOptions['onProgress'] | undefined };

/**
 * Starts an in-process runner: at start-up it re-queues orphaned jobs, then claims the oldest
 * queued job (several processes may run runners: each job goes to one of them), runs its handler
 * and records the outcome. One job at a time; between jobs it sleeps until the next poll or a
 * wake-up from `wakeJobRunners()`.
 */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const o = resolve(options);
  const stopping = new AbortController();
  let wake: (() => void) | null = null;
  const stopListening = onJobQueued(() => wake?.());
  const sleep = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wake = null;
        done();
      }
      wake = finish;
    });

  const loop = (async () => {
    let lastSweep = 0;
    while (!stopping.signal.aborted) {
      let job: BackgroundJobRow | undefined;
      try {
        if (Date.now() - lastSweep >= o.staleAfterMs / 2) {
          await sweepStaleJobs(o);
          lastSweep = Date.now();
        }
        job = await claimNextJob(o.db, Object.keys(o.handlers), o.now());
      } catch (error) {
        o.log.error({ err: error }, 'job queue unavailable');
      }
      if (job) {
        // The outcome could not be recorded (the database went away): the job stays running and
        // is re-queued as stale later; this runner carries on.
        await runClaimedJob(job, o, stopping.signal).catch((error: unknown) => o.log.error({ err: error, jobId: job.id }, 'job outcome not recorded'));
      } else if (!stopping.signal.aborted) {
        await sleep(o.pollIntervalMs);
      }
    }
  })();

  return {
    async stop() {
      stopping.abort();
      wake?.();
      await loop;
      stopListening();
    },
  };
}

/**
 * Runs queued jobs one after another until none is left, and answers the finished rows in the
 * order they ran. Tests use it to run the jobs their requests queued, deterministically.
 */
export async function runQueuedJobs(options: JobRunnerOptions): Promise<BackgroundJobRow[]> {
  const o = resolve(options);
  const finished: BackgroundJobRow[] = [];
  const never = new AbortController().signal;
  for (;;) {
    const job = await claimNextJob(o.db, Object.keys(o.handlers), o.now());
    if (!job) {
      return finished;
    }
    const row = await runClaimedJob(job, o, never);
    if (row) {
      finished.push(row);
    }
  }
}

function resolve(options: JobRunnerOptions): Resolved {
  return {
    db: options.db,
    handlers: options.handlers,
    log: options.log,
    files: options.files ?? null,
    now: options.now ?? (() => new Date()),
    pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
    staleAfterMs: options.staleAfterMs ?? DEFAULTS.staleAfterMs,
    progressIntervalMs: options.progressIntervalMs ?? DEFAULTS.progressIntervalMs,
    onProgress: options.onProgress,
  };
}

async function sweepStaleJobs(o: Resolved): Promise<void> {
  const requeued = await requeueStaleJobs(o.db, new Date(o.now().getTime() - o.staleAfterMs), runningJobIds());
  if (requeued.length > 0) {
    o.log.warn({ jobIds: requeued }, 'orphaned jobs re-queued');
  }
}

/**
 * Runs one claimed job to its end: succeeded with the handler's result, failed with one line for
 * the user, cancelled, or (when this runner is stopping) back in the queue.
 */
async function runClaimedJob(job: BackgroundJobRow, o: Resolved, stopping: AbortSignal): Promise<BackgroundJobRow | undefined> {
  const controller = new AbortController();
  let isUserCancel = false;
  const cancel = (byUser: boolean) => {
    isUserCancel ||= byUser;
    if (!controller.signal.aborted) {
      controller.abort(new JobCancelledError());
    }
  };
  const stopListening = onJobCancel(job.id, () => cancel(true));
  const onStop = () => cancel(false);
  stopping.addEventListener('abort', onStop);
  if (job.cancelRequested) {
    cancel(true);
  }
  const progress = { done: 0, total: 0, phase: '' };
  const writer = createProgressWriter(o, job.id, progress, () => cancel(true));
  const context: JobContext = {
    id: job.id,
    kind: job.kind,
    firmId: job.firmId,
    clientId: job.clientId,
    createdBy: job.createdBy,
    payload: job.payload,
    db: o.db,
    ctx: { db: o.db, actor: null, requestId: `job-${job.id}`, ip: null, userAgent: 'tickmark-job', now: o.now, files: o.files },
    files: o.files,
    signal: controller.signal,
    log: o.log,
    reportProgress(done, total, phase) {
      const isNewPhase = phase !== undefined && phase !== progress.phase;
      Object.assign(progress, { done, total, phase: phase ?? progress.phase });
      o.onProgress?.({ jobId: job.id, kind: job.kind, ...progress });
      writer.report(isNewPhase);
    },
    isCancelled: () => controller.signal.aborted,
    throwIfCancelled() {
      if (controller.signal.aborted) {
        throw new JobCancelledError();
      }
    },
  };

  try {
    // A job re-queued after its process died may have been cancelled meanwhile: do not start it.
    context.throwIfCancelled();
    const handler = o.handlers[job.kind];
    if (!handler) {
      throw new JobFailedError(`This server cannot run jobs of kind ${job.kind}.`);
    }
    const result = await handler(context);
    await writer.stop();
    return await finishJob(o.db, job.id, { status: 'succeeded', result, error: null, progress }, o.now());
  } catch (error) {
    await writer.stop();
    if (error instanceof JobCancelledError || (controller.signal.aborted && controller.signal.reason === error)) {
      if (!isUserCancel) {
        await requeueJob(o.db, job.id);
        return undefined;
      }
      return await finishJob(o.db, job.id, { status: 'cancelled', result: null, error: null, progress }, o.now());
    }
    if (!(error instanceof JobFailedError)) {
      o.log.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
    }
    const message = error instanceof JobFailedError ? error.message : `The job stopped because of an error on our side. Quote job ${job.id} when you report it.`;
    return await finishJob(o.db, job.id, { status: 'failed', result: null, error: message, progress }, o.now());
  } finally {
    stopListening();
    stopping.removeEventListener('abort', onStop);
  }
}

/**
 * Writes a job's progress and heartbeat in short statements of their own, at most one at a time
 * and at most one per interval (a new phase is written at once). Writes are never awaited by the
 * handler: on PGlite, whose one connection the handler's transaction may hold, they simply wait
 * their turn. Each write also reads the cancel flag another process may have set.
 */
function createProgressWriter(o: Resolved, jobId: string, progress: { done: number; total: number; phase: string }, onCancelFlag: () => void) {
  let inFlight: Promise<void> | null = null;
  let isPending = false;
  let lastWrite = Date.now();
  const write = () => {
    if (inFlight) {
      isPending = true;
      return;
    }
    isPending = false;
    lastWrite = Date.now();
    inFlight = recordProgress(o.db, jobId, { ...progress }, o.now())
      .then((row) => {
        if (row?.cancelRequested) {
          onCancelFlag();
        }
      })
      .catch((error: unknown) => o.log.warn({ err: error, jobId }, 'job progress not recorded'))
      .finally(() => {
        inFlight = null;
        if (isPending) {
          write();
        }
      });
  };
  const timer = setInterval(
    () => {
      if (isPending || Date.now() - lastWrite >= o.heartbeatMs) {
        write();
      }
    },
    Math.min(o.progressIntervalMs, o.heartbeatMs),
  );
  timer.unref();
  return {
    report(isNewPhase: boolean) {
      if (isNewPhase || Date.now() - lastWrite >= o.progressIntervalMs) {
        write();
      } else {
        isPending = true;
      }
    },
    /** Stops writing and waits for a write in flight (the final state is written with the outcome). */
    async stop() {
      clearInterval(timer);
      isPending = false;
      while (inFlight) {
        await inFlight;
      }
    },
  };
}
