import type { Db, Trx } from '../db/database';
import type { BackgroundJobRow } from '../db/schema';

/**
 * The SQL of the job queue (`background_jobs`). Claiming uses `FOR UPDATE SKIP LOCKED` so that
 * several processes can run runners over one PostgreSQL database without taking the same job;
 * PGlite accepts the same statement (it has one connection, so nothing is ever skipped there).
 */

export interface NewJob {
  id: string;
  firmId: string;
  clientId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
}

export function insertJob(trx: Trx, job: NewJob): Promise<BackgroundJobRow> {
  return trx
    .insertInto('backgroundJobs')
    .values({ ...job, status: 'queued', payload: JSON.stringify(job.payload), result: null, error: null, startedAt: null, finishedAt: null, heartbeatAt: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findJob(db: Db | Trx, firmId: string, jobId: string): Promise<BackgroundJobRow | undefined> {
  return db.selectFrom('backgroundJobs').selectAll().where('firmId', '=', firmId).where('id', '=', jobId).executeTakeFirst();
}

/** A job with the name of the person who started it (null when nobody did, or they are gone). */
export function findJobWithCreator(db: Db | Trx, firmId: string, jobId: string): Promise<(BackgroundJobRow & { creatorName: string | null }) | undefined> {
  return db
    .selectFrom('backgroundJobs as j')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'j.createdBy').onRef('u.firmId', '=', 'j.firmId'))
    .selectAll('j')
    .select('u.name as creatorName')
    .where('j.firmId', '=', firmId)
    .where('j.id', '=', jobId)
    .executeTakeFirst();
}

export function findJobForUpdate(trx: Trx, firmId: string, jobId: string): Promise<BackgroundJobRow | undefined> {
  return trx.selectFrom('backgroundJobs').selectAll().where('firmId', '=', firmId).where('id', '=', jobId).forUpdate().executeTakeFirst();
}

/**
 * Takes the oldest queued job of one of `kinds` and marks it running, in one statement. Another
 * runner's claim in progress is skipped, not waited for.
 */
export function claimNextJob(db: Db, kinds: string[], now: Date): Promise<BackgroundJobRow | undefined> {
  if (kinds.length === 0) {
    return Promise.resolve(undefined);
  }
  return db
    .updateTable('backgroundJobs')
    .set({ status: 'running', startedAt: now, heartbeatAt: now, phase: '', progressDone: 0, progressTotal: 0 })
    .where('id', '=', (eb) =>
      eb.selectFrom('backgroundJobs').select('id').where('status', '=', 'queued').where('kind', 'in', kinds).orderBy('createdAt').orderBy('id').limit(1).forUpdate().skipLocked(),
    )
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Records progress and the heartbeat of a running job, and answers whether someone asked to
 * cancel it (undefined when the job is no longer running here).
 */
export async function recordProgress(db: Db, jobId: string, progress: { done: number; total: number; phase: string }, now: Date): Promise<{ cancelRequested: boolean } | undefined> {
  return db
    .updateTable('backgroundJobs')
    .set({ progressDone: progress.done, progressTotal: progress.total, phase: progress.phase, heartbeatAt: now })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .returning('cancelRequested')
    .executeTakeFirst();
}

/** Ends a running job; a job that is no longer running (re-queued as stale meanwhile) is left alone. */
export async function finishJob(
  db: Db,
  jobId: string,
  outcome: { status: 'succeeded' | 'failed' | 'cancelled'; result: Record<string, unknown> | null; error: string | null; progress: { done: number; total: number; phase: string } },
  now: Date,
): Promise<BackgroundJobRow | undefined> {
  return db
    .updateTable('backgroundJobs')
    .set({
      status: outcome.status,
      result: outcome.result === null ? null : JSON.stringify(outcome.result),
      error: outcome.error,
      phase: outcome.progress.phase,
      progressDone: outcome.progress.done,
      progressTotal: outcome.progress.total,
      finishedAt: now,
      heartbeatAt: now,
    })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
}

/** Puts a running job back in the queue (its runner is stopping); it starts over later. */
export async function requeueJob(db: Db, jobId: string): Promise<void> {
  await db
    .updateTable('backgroundJobs')
    .set({ status: 'queued', startedAt: null, heartbeatAt: null, phase: '', progressDone: 0, progressTotal: 0 })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Re-queues jobs left `running` by a process that died (no heartbeat since `staleBefore`),
 * except those this process is running itself. Their handlers must be safe to run again.
 */
export async function requeueStaleJobs(db: Db, staleBefore: Date, exceptIds: string[]): Promise<string[]> {
  let query = db
    .updateTable('backgroundJobs')
    .set({ status: 'queued', startedAt: null, heartbeatAt: null, phase: '', progressDone: 0, progressTotal: 0 })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeatAt', '<', staleBefore), eb.and([eb('heartbeatAt', 'is', null), eb('startedAt', '<', staleBefore)])]));
  if (exceptIds.length > 0) {
    query = query.where('id', 'not in', exceptIds);
  }
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

/** Cancels a job that has not started; answers the row when it was still queued. */
export function cancelQueuedJob(trx: Trx, firmId: string, jobId: string, now: Date): Promise<BackgroundJobRow | undefined> {
  return trx
    .updateTable('backgroundJobs')
    .set({ status: 'cancelled', cancelRequested: true, finishedAt: now })
    .where('firmId', '=', firmId)
    .where('id', '=', jobId)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** Asks a running job to stop; its runner sees the flag with its next progress or heartbeat. */
export function flagCancelRequested(trx: Trx, firmId: string, jobId: string): Promise<BackgroundJobRow | undefined> {
  return trx
    .updateTable('backgroundJobs')
    .set({ cancelRequested: true })
    .where('firmId', '=', firmId)
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();
}
