import { requireActor, type RequestContext } from '../context';
import type { Trx } from '../db/database';
import type { BackgroundJobRow } from '../db/schema';
import { newId } from '../ids';
import { insertJob } from './jobs.repository';

/**
 * Adds a job to the queue inside the caller's transaction, so that the job exists only if the
 * request that asked for it commits. Call `wakeJobRunners()` after the commit to start it at once
 * instead of at the runners' next poll.
 */
export function enqueueJob(trx: Trx, ctx: RequestContext, input: { kind: string; clientId: string | null; payload: Record<string, unknown> }): Promise<BackgroundJobRow> {
  const actor = requireActor(ctx);
  return insertJob(trx, { id: newId(), firmId: actor.firmId, clientId: input.clientId, kind: input.kind, payload: input.payload, createdBy: actor.userId, createdAt: ctx.now() });
}

// In-process signals between requests and the runners of this process. Runners in other
// processes learn the same facts from the database (their poll, the cancel flag).
const wakers = new Set<() => void>();
const cancellers = new Map<string, () => void>();

/** Tells this process's runners that a job was queued (after the enqueuing transaction committed). */
export function wakeJobRunners(): void {
  for (const wake of wakers) {
    wake();
  }
}

/** Tells the runner of this process that runs `jobId`, if any, that it was cancelled (after the flag committed). */
export function signalJobCancel(jobId: string): void {
  cancellers.get(jobId)?.();
}

/** For runners: listen for wake-ups; returns the function that stops listening. */
export function onJobQueued(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

/** For runners: listen for the cancel signal of a running job; returns the function that stops listening. */
export function onJobCancel(jobId: string, cancel: () => void): () => void {
  cancellers.set(jobId, cancel);
  return () => cancellers.delete(jobId);
}

/** The jobs this process is running now (never re-queued as orphans by its own sweep). */
export function runningJobIds(): string[] {
  return [...cancellers.keys()];
}
