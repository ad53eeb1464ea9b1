import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../context';
import type { Database } from '../db/database';
import type { BackgroundJobRow, ClientRow, UserRow } from '../db/schema';
import { buildClient, buildFirm, buildUser } from '../test/factories';
import { openTestDatabase } from '../test/test-database';
import { enqueueJob, signalJobCancel } from './job-queue';
import { runQueuedJobs, startJobRunner, type JobRunnerOptions } from './job-runner';
import { JobFailedError, type JobHandler, type JobHandlers } from './types';

let database: Database;
let client: ClientRow;
let user: UserRow;

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  database = await openTestDatabase();
  const firm = await buildFirm(database.db);
  client = await buildClient(database.db, firm);
  user = (await buildUser(database.db, firm, { role: 'preparer', clients: [client] })).user;
});

afterAll(async () => {
  await database.close();
});

function contextOf(): RequestContext {
  const actor = { userId: user.id, firmId: user.firmId, role: user.role, email: user.email, name: user.name, sessionId: 'test', clientIds: new Set([client.id]), mustEnrolMfa: false };
  return { db: database.db, actor, requestId: 'test', ip: null, userAgent: null, now: () => new Date() };
}

/** Queues a job of `kind` in a transaction of its own (committed). */
async function enqueue(kind: string, payload: Record<string, unknown> = {}): Promise<BackgroundJobRow> {
  return database.db.transaction().execute((trx) => enqueueJob(trx, contextOf(), { kind, clientId: client.id, payload }));
}

const reload = (id: string) => database.db.selectFrom('backgroundJobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const drain = (handlers: JobHandlers, extra: Partial<JobRunnerOptions> = {}) => runQueuedJobs({ db: database.db, handlers, log: silent, ...extra });

/** Waits until `check` holds (polling), or fails after a few seconds. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) {
      return;
    }
    await sleep(20);
  }
  throw new Error('condition not reached');
}

describe('enqueueJob', () => {
  it('queues a job only when the enqueuing transaction commits', async () => {
    const kind = `test.rollback.${Date.now()}`;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, contextOf(), { kind, clientId: client.id, payload: {} });
        throw new Error('the request failed after queuing');
      }),
    ).rejects.toThrow('the request failed');

    expect(await database.db.selectFrom('backgroundJobs').select('id').where('kind', '=', kind).execute()).toEqual([]);
  });
});

describe('runQueuedJobs', () => {
  it('runs a queued job and records its result, progress and timestamps', async () => {
    const job = await enqueue('test.ok', { n: 3 });
    const phases: string[] = [];
    const handler: JobHandler = (ctx) => {
      for (let i = 1; i <= 3; i += 1) {
        ctx.reportProgress(i, 3, 'counting');
      }
      return Promise.resolve({ counted: ctx.payload.n, by: ctx.createdBy });
    };

    const [finished] = await drain({ 'test.ok': handler }, { onProgress: (p) => phases.push(`${p.phase} ${p.done}/${p.total}`) });

    expect(finished).toMatchObject({ id: job.id, status: 'succeeded', result: { counted: 3, by: user.id }, error: null, phase: 'counting', progressDone: 3, progressTotal: 3 });
    expect(finished?.startedAt).toBeInstanceOf(Date);
    expect(finished?.finishedAt).toBeInstanceOf(Date);
    expect(phases).toEqual(['counting 1/3', 'counting 2/3', 'counting 3/3']);
  });

  it('fails a job with the one line its handler gave the user', async () => {
    const job = await enqueue('test.refused');

    await drain({
      'test.refused': () => Promise.reject(new JobFailedError('march.ofx, line 14: amount "12,3.4" is not a number')),
    });

    expect(await reload(job.id)).toMatchObject({ status: 'failed', error: 'march.ofx, line 14: amount "12,3.4" is not a number', result: null });
  });

  it('fails a job whose handler crashed with a message that names the job, and no internals', async () => {
    const job = await enqueue('test.crash');

    await drain({ 'test.crash': () => Promise.reject(new Error('relation "x" does not exist')) });

    const failed = await reload(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain(job.id);
    expect(failed.error).not.toContain('relation');
  });

  it('cancels a job whose cancel arrives while it runs, and keeps none of its work', async () => {
    const job = await enqueue('test.cancel');
    const marker = `cancel-${job.id}`;
    const handler: JobHandler = async (ctx) => {
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('savedViews').values({ id: crypto.randomUUID(), firmId: ctx.firmId, userId: user.id, name: marker, query: '{}' }).execute();
        for (let chunk = 0; chunk < 10; chunk += 1) {
          ctx.throwIfCancelled();
          ctx.reportProgress(chunk, 10, 'saving');
        }
      });
      return {};
    };

    await drain({ 'test.cancel': handler }, { onProgress: (p) => p.done === 4 && signalJobCancel(p.jobId) });

    expect(await reload(job.id)).toMatchObject({ status: 'cancelled', error: null, result: null });
    expect(await database.db.selectFrom('savedViews').select('id').where('name', '=', marker).execute()).toEqual([]);
  });

  it('sees a cancel flag set by another process through its progress writes', async () => {
    const job = await enqueue('test.flag');
    const handler: JobHandler = async (ctx) => {
      for (let i = 0; i < 500; i += 1) {
        ctx.throwIfCancelled();
        ctx.reportProgress(i, 500, 'waiting');
        if (i === 2) {
          await database.db.updateTable('backgroundJobs').set({ cancelRequested: true }).where('id', '=', ctx.id).execute();
        }
        await sleep(10);
      }
      return {};
    };

    await drain({ 'test.flag': handler }, { progressIntervalMs: 5 });

    expect((await reload(job.id)).status).toBe('cancelled');
  });

  it('writes progress beside a transaction the handler holds open, without waiting for it', async () => {
    const job = await enqueue('test.beside');
    const handler: JobHandler = async (ctx) =>
      ctx.db.transaction().execute(async (trx) => {
        for (let i = 1; i <= 20; i += 1) {
          ctx.reportProgress(i, 20, i < 10 ? 'first' : 'second');
          await trx.selectFrom('firms').select('id').where('id', '=', ctx.firmId).execute();
        }
        return { done: true };
      });

    await drain({ 'test.beside': handler }, { progressIntervalMs: 1 });

    expect(await reload(job.id)).toMatchObject({ status: 'succeeded', phase: 'second', progressDone: 20, progressTotal: 20 });
  });

  it('leaves jobs of kinds it has no handler for in the queue', async () => {
    const job = await enqueue('test.elsewhere');

    await drain({ 'test.ok': () => Promise.resolve({}) });

    expect((await reload(job.id)).status).toBe('queued');
    await database.db.deleteFrom('backgroundJobs').where('id', '=', job.id).execute();
  });

  it('gives each job to exactly one of several runners working at once', async () => {
    const jobs = await Promise.all(Array.from({ length: 12 }, () => enqueue('test.once')));
    const runs = new Map<string, number>();
    const handler: JobHandler = async (ctx) => {
      runs.set(ctx.id, (runs.get(ctx.id) ?? 0) + 1);
      await sleep(5);
      return {};
    };

    const finished = (await Promise.all([drain({ 'test.once': handler }), drain({ 'test.once': handler }), drain({ 'test.once': handler })])).flat();

    expect(finished.map((f) => f.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(runs.size).toBe(12);
  });
});

describe('startJobRunner', () => {
  it('re-queues a job left running by a dead process and runs it again', async () => {
    const job = await enqueue('test.orphan');
    const longAgo = new Date(Date.now() - 3 * 60_000);
    await database.db.updateTable('backgroundJobs').set({ status: 'running', startedAt: longAgo, heartbeatAt: longAgo }).where('id', '=', job.id).execute();
    const fresh = await enqueue('test.orphan');
    await database.db.updateTable('backgroundJobs').set({ status: 'running', startedAt: new Date(), heartbeatAt: new Date() }).where('id', '=', fresh.id).execute();

    const runner = startJobRunner({ db: database.db, handlers: { 'test.orphan': () => Promise.resolve({ rerun: true }) }, log: silent, pollIntervalMs: 10 });
    await eventually(async () => (await reload(job.id)).status === 'succeeded');
    await runner.stop();

    expect(await reload(job.id)).toMatchObject({ status: 'succeeded', result: { rerun: true } });
    expect((await reload(fresh.id)).status).toBe('running'); // its process is alive: its heartbeat is recent
    await database.db.deleteFrom('backgroundJobs').where('id', '=', fresh.id).execute();
  });

  it('starts a queued job without waiting for its next poll when woken', async () => {
    const runner = startJobRunner({ db: database.db, handlers: { 'test.woken': () => Promise.resolve({}) }, log: silent, pollIntervalMs: 60_000 });
    await sleep(50); // the runner has looked once and is asleep
    const job = await enqueue('test.woken');
    const { wakeJobRunners } = await import('./job-queue');
    wakeJobRunners();

    await eventually(async () => (await reload(job.id)).status === 'succeeded');
    await runner.stop();
  });

  it('puts the job it is running back in the queue when it stops', async () => {
    const job = await enqueue('test.shutdown');
    let started = false;
    const handler: JobHandler = async (ctx) => {
      started = true;
      for (;;) {
        ctx.throwIfCancelled();
        await sleep(5);
      }
    };
    const runner = startJobRunner({ db: database.db, handlers: { 'test.shutdown': handler }, log: silent, pollIntervalMs: 10 });
    await eventually(() => Promise.resolve(started));

    await runner.stop();

    expect(await reload(job.id)).toMatchObject({ status: 'queued', startedAt: null, cancelRequested: false });
    await database.db.deleteFrom('backgroundJobs').where('id', '=', job.id).execute();
  });
});
