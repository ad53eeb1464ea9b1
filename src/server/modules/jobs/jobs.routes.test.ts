import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema';
import type { JobHandler } from '../../jobs/types';
import { auditEventsOf, buildBankAccount, buildClient, buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { ImportAcceptedDto } from '../../../shared/bank-accounts';
import type { JobDto } from '../../../shared/jobs';
import { bankCsv, importForm } from '../imports/imports.test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.drainJobs();
});
afterAll(async () => {
  await t.close();
});

/** A firm whose preparer queued an import of its client's account (not run yet), and a way to sign in others. */
async function setup() {
  const firm = await buildFirm(t.db);
  const client = await buildClient(t.db, firm);
  const account = await buildBankAccount(t.db, client);
  const preparer = (await buildUser(t.db, firm, { role: 'preparer', clients: [client] })).user;
  const http = await t.as(preparer);
  const form = importForm({ side: 'bank' }, { name: 'march.csv', content: bankCsv([['2026-03-02', 'Coffee', -450]]) });
  const res = await http.post(`/bank-accounts/${account.id}/imports`, form.payload, form.headers);
  const jobId = res.json<ImportAcceptedDto>().job.id;
  const person = async (role: Role, options: { onClient?: boolean } = {}) =>
    t.as((await buildUser(t.db, firm, { role, clients: options.onClient === false ? [] : [client], ...(role === 'auditor' ? { accessExpiresAt: new Date(Date.now() + 86_400_000) } : {}) })).user);
  return { firm, client, preparer, http, jobId, person };
}

describe('GET /api/jobs/:id', () => {
  it('shows the job’s progress and, once done, its result to the person who started it', async () => {
    const { preparer, http, jobId } = await setup();

    const queued = await http.get(`/jobs/${jobId}`);
    await t.drainJobs();
    const done = await http.get(`/jobs/${jobId}`);

    expect(queued.json<JobDto>()).toMatchObject({ id: jobId, status: 'queued', phase: '', progress: { done: 0, total: 0 }, startedAt: null, createdBy: { id: preparer.id, name: preparer.name } });
    expect(done.json<JobDto>()).toMatchObject({ status: 'succeeded', phase: 'saving', progress: { done: 1, total: 1 }, result: { linesAdded: 1 }, error: null });
    expect(done.json<JobDto>().finishedAt).not.toBeNull();
  });

  it('shows a client’s job to its staff and auditors, and hides it from everyone else', async () => {
    const { jobId, person } = await setup();
    const other = await setup();

    expect((await (await person('reviewer')).get(`/jobs/${jobId}`)).statusCode).toBe(200);
    expect((await (await person('auditor')).get(`/jobs/${jobId}`)).statusCode).toBe(200);
    expect((await (await person('admin', { onClient: false })).get(`/jobs/${jobId}`)).statusCode).toBe(200);
    expect((await (await person('preparer', { onClient: false })).get(`/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await (await person('client')).get(`/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await other.http.get(`/jobs/${jobId}`)).statusCode).toBe(404);
  });
});

describe('POST /api/jobs/:id/cancel', () => {
  it('stops a running job between two chunks of its work and records who asked', async () => {
    const { firm, jobId, person } = await setup();
    const reviewer = await person('reviewer');
    let release!: () => void; // set synchronously by the promise below
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reachedChunk = false;
    const blocking: JobHandler = async (job) => {
      job.reportProgress(1, 2, 'waiting');
      reachedChunk = true;
      await released;
      job.throwIfCancelled();
      return { finished: true };
    };

    const running = t.drainJobs({ handlers: { 'statement.import': blocking } });
    while (!reachedChunk) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const res = await reviewer.post(`/jobs/${jobId}/cancel`);
    release();
    await running;

    expect(res.statusCode).toBe(200);
    expect(res.json<JobDto>()).toMatchObject({ status: 'running', cancelRequested: true });
    expect((await reviewer.get(`/jobs/${jobId}`)).json<JobDto>()).toMatchObject({ status: 'cancelled', result: null });
    expect(await auditEventsOf(t.db, firm.id, 'job.cancel_requested')).toMatchObject([{ subjectType: 'job', subjectId: jobId, data: { kind: 'statement.import' } }]);
  });

  it('answers 409 for a job that has finished, and records nothing', async () => {
    const { firm, http, jobId } = await setup();
    await t.drainJobs();

    const late = await http.post(`/jobs/${jobId}/cancel`);

    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('job_finished');
    expect(await auditEventsOf(t.db, firm.id, 'job.cancel_requested')).toEqual([]);
  });

  it('cancels a queued job once however often it is asked', async () => {
    const { firm, http, jobId } = await setup();

    const first = await http.post(`/jobs/${jobId}/cancel`);
    const second = await http.post(`/jobs/${jobId}/cancel`);

    expect(first.json<JobDto>().status).toBe('cancelled');
    expect(second.statusCode).toBe(409);
    expect(await auditEventsOf(t.db, firm.id, 'job.cancel_requested')).toHaveLength(1);
  });

  it('refuses a cancel by an auditor, and hides the job from another firm', async () => {
    const { http, jobId, person } = await setup();
    const other = await setup();

    expect((await (await person('auditor')).post(`/jobs/${jobId}/cancel`)).statusCode).toBe(403);
    expect((await other.http.post(`/jobs/${jobId}/cancel`)).statusCode).toBe(404);
    expect((await http.get(`/jobs/${jobId}`)).json<JobDto>().status).toBe('queued');
  });
});
