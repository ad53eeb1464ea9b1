import type { RequestContext } from '../context';
import type { Db } from '../db/database';
import type { FileStorage } from '../storage/file-storage';

/** What a job handler gets: its job, a context to write with, and the means to report and stop. */
export interface JobContext {
  readonly id: string;
  readonly kind: string;
  readonly firmId: string;
  readonly clientId: string | null;
  /** The person who started the job (audit entries name them), null for system jobs. */
  readonly createdBy: string | null;
  /** As stored; parse it with the handler's own zod schema (a JSON column is a boundary). */
  readonly payload: Record<string, unknown>;
  readonly db: Db;
  /** A system context (no actor) whose request id is `job-<id>`, for audit entries and hooks. */
  readonly ctx: RequestContext;
  readonly files: FileStorage | null;
  /** Aborted when the job is cancelled or its runner stops; pass it to stream readers. */
  readonly signal: AbortSignal;
  /**
   * Progress of the current phase (`done` of `total` units; total 0 when unknown). Cheap to call
   * often: the runner writes at most a few times a second, in its own short statement, never
   * inside the handler's transaction.
   */
  reportProgress(done: number, total: number, phase?: string): void;
  /** Whether the job should stop now (someone cancelled it, or the server is shutting down). */
  isCancelled(): boolean;
  /** Throws `JobCancelledError` when `isCancelled()`; call it between chunks of work. */
  throwIfCancelled(): void;
  readonly log: JobLogger;
}

/**
 * Runs one job and answers its result (stored as the job's `result`). To fail with a message the
 * user reads, throw `JobFailedError`; anything else is logged and shown as an internal failure.
 * A cancelled or failed job must leave no trace of its work (do it in one transaction), and a
 * handler must be safe to run again: a job left running by a dead process is re-queued.
 */
export type JobHandler = (job: JobContext) => Promise<Record<string, unknown>>;

export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** The part of pino/Fastify's logger the runner uses. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The user-facing failure of a job: `message` is the one line the person who started it reads. */
export class JobFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFailedError';
  }
}

/** Thrown by `throwIfCancelled()`; the runner records the job as cancelled (or re-queues it on shutdown). */
export class JobCancelledError extends Error {
  constructor() {
    super('The job was cancelled.');
    this.name = 'JobCancelledError';
  }
}
