import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirmRow, UserRow } from '../../db/schema';
import { auditEventsOf, buildClient, buildFirm, buildTask, buildUser, buildWorkflows } from '../../test/factories';
import { createTestApp, type HttpClient, type TestApp } from '../../test/test-app';
import { drawSpotCheckSample } from '../../../domain/tasks/spot-check';
import type { SpotCheckDto } from '../../../shared/spot-checks';
import type { TaskDetailDto } from '../../../shared/tasks';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/**
 * A firm whose spot-check rate is `ratePercent` with `minimum`, and `approved` tasks approved in
 * March 2026 (one each day from the 2nd), plus work approved in April and work not approved,
 * which are not March's population. Nobody has rework history, so every preparer weighs the same.
 */
async function setup(options: { approved: number; ratePercent: number; minimum: number; preparedByPartner?: number }) {
  const firm = await buildFirm(t.db);
  await t.db
    .updateTable('firms')
    .set({ settings: JSON.stringify({ ...firm.settings, quality: { reworkThresholdPercent: 20, spotCheckRatePercent: options.ratePercent, spotCheckMinimum: options.minimum } }) })
    .where('id', '=', firm.id)
    .execute();
  const client = await buildClient(t.db, firm, { name: 'Acme Holdings' });
  const workflows = await buildWorkflows(t.db, firm);
  const partner = (await buildUser(t.db, firm, { role: 'partner', name: 'Pat Partner', clients: [client] })).user;
  const secondPartner = (await buildUser(t.db, firm, { role: 'partner', name: 'Quinn Partner', clients: [client] })).user;
  const reviewer = (await buildUser(t.db, firm, { role: 'reviewer', clients: [client] })).user;
  const preparer = (await buildUser(t.db, firm, { role: 'preparer', clients: [client] })).user;
  const task = (n: number, preparedBy: UserRow, status: 'approved' | 'in_progress', approvedAt: string) =>
    buildTask(t.db, { firm, client, workflow: workflows['journal-entries'], preparer: preparedBy, reviewer, status, title: `Entries ${n}`, approvedAt: new Date(approvedAt) });
  const population = [];
  for (let n = 0; n < options.approved; n++) {
    const preparedBy = n < (options.preparedByPartner ?? 0) ? secondPartner : preparer;
    population.push(await task(n, preparedBy, 'approved', `2026-03-${String(n + 2).padStart(2, '0')}T15:00:00Z`));
  }
  await task(100, preparer, 'approved', '2026-04-01T00:00:00Z');
  await task(101, preparer, 'in_progress', '2026-03-05T00:00:00Z');
  const http = { partner: await t.as(partner), secondPartner: await t.as(secondPartner), reviewer: await t.as(reviewer), preparer: await t.as(preparer) };
  return { firm, client, partner, secondPartner, reviewer, preparer, population, http };
}

const taskRow = (id: string) => t.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const spotChecksOf = (firm: FirmRow) => t.db.selectFrom('spotChecks').selectAll().where('firmId', '=', firm.id).execute();

async function draw(http: HttpClient, month = '2026-03'): Promise<SpotCheckDto> {
  const res = await http.post('/spot-checks', { month });
  if (res.statusCode !== 200) {
    throw new Error(`draw failed: ${res.statusCode} ${res.body}`);
  }
  return res.json<SpotCheckDto>();
}

describe('GET /api/spot-checks', () => {
  it('keeps listing sampled tasks after they are closed (closed work is the usual population)', async () => {
    const { http, population } = await setup({ approved: 6, ratePercent: 50, minimum: 1 });
    const drawn = await draw(http.partner);
    expect(drawn.items).toHaveLength(3);
    await t.db.updateTable('tasks').set({ status: 'closed', closedAt: new Date('2026-04-02T10:00:00Z') }).where('id', 'in', population.map((p) => p.id)).execute();

    const res = await http.reviewer.get('/spot-checks?month=2026-03');

    expect(res.statusCode).toBe(200);
    expect(res.json<SpotCheckDto>().items.map((i) => i.task.status)).toEqual(['closed', 'closed', 'closed']);
  });
});

describe('POST /api/spot-checks', () => {
  it('draws ceil(rate × population) of the month’s approved tasks, and records the sample', async () => {
    const { firm, partner, population, http } = await setup({ approved: 12, ratePercent: 25, minimum: 2 });

    const res = await http.partner.post('/spot-checks', { month: '2026-03' });

    expect(res.statusCode).toBe(200);
    const dto = res.json<SpotCheckDto>();
    expect(dto.spotCheck).toMatchObject({ month: '2026-03', seed: `${firm.id}:2026-03`, ratePercent: 25, minimum: 2, population: 12, drawnBy: { id: partner.id, name: 'Pat Partner' } });
    expect(dto.items).toHaveLength(3);
    const populationIds = population.map((task) => task.id);
    expect(dto.items.every((i) => populationIds.includes(i.task.id) && i.result === null && i.weight === 1)).toBe(true);
    expect(dto.abilities).toEqual({ draw: false, conclude: true });
    const [drawn, ...more] = await auditEventsOf(t.db, firm.id, 'spot_check.drawn');
    expect(more).toHaveLength(0);
    expect(drawn).toMatchObject({ actorId: partner.id, subjectType: 'spot_check', subjectId: dto.spotCheck?.id, data: { month: '2026-03', seed: `${firm.id}:2026-03`, population: 12, ratePercent: 25, minimum: 2 } });
    expect([...(drawn?.data as { sampled: string[] }).sampled].sort()).toEqual(dto.items.map((i) => i.task.id).sort());
  });

  it('draws a sample anyone can re-draw from the recorded seed and the same population', async () => {
    const { firm, population, preparer, http } = await setup({ approved: 12, ratePercent: 25, minimum: 2 });
    await draw(http.partner);
    const [drawn] = await auditEventsOf(t.db, firm.id, 'spot_check.drawn');
    const recorded = drawn?.data as { seed: string; sampled: string[]; ratePercent: number; minimum: number };

    const redrawn = drawSpotCheckSample(
      [...population].reverse().map((task) => ({ taskId: task.id, preparerId: task.preparerId })),
      { seed: recorded.seed, ratePercent: recorded.ratePercent, minimum: recorded.minimum, reworkRateByPreparer: new Map([[preparer.id, 0.2]]), reworkThreshold: 0.2 },
    );

    expect(redrawn.map((s) => s.taskId)).toEqual(recorded.sampled);
  });

  it('draws the firm’s minimum when the rate would give fewer', async () => {
    const { http } = await setup({ approved: 5, ratePercent: 25, minimum: 3 });

    const dto = await draw(http.partner);

    expect(dto.spotCheck).toMatchObject({ population: 5, minimum: 3 });
    expect(dto.items).toHaveLength(3);
  });

  it('refuses a second draw for the same month', async () => {
    const { firm, http } = await setup({ approved: 4, ratePercent: 25, minimum: 2 });
    const first = await draw(http.partner);

    const res = await http.secondPartner.post('/spot-checks', { month: '2026-03' });

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_drawn');
    expect(await spotChecksOf(firm)).toHaveLength(1);
    expect((await http.partner.get('/spot-checks?month=2026-03')).json<SpotCheckDto>().items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
  });

  it('refuses a draw by a preparer or a reviewer', async () => {
    const { firm, http } = await setup({ approved: 4, ratePercent: 25, minimum: 2 });

    expect((await http.preparer.post('/spot-checks', { month: '2026-03' })).statusCode).toBe(403);
    expect((await http.reviewer.post('/spot-checks', { month: '2026-03' })).statusCode).toBe(403);
    expect(await spotChecksOf(firm)).toEqual([]);
    expect((await http.reviewer.get('/spot-checks?month=2026-03')).json<SpotCheckDto>()).toEqual({ spotCheck: null, items: [], abilities: { draw: false, conclude: false } });
  });
});

describe('POST /api/spot-checks/:id/items/:itemId/conclusion', () => {
  it('turns findings into a spot-check review note and returns the task to its preparer as rework', async () => {
    const { firm, partner, preparer, http } = await setup({ approved: 3, ratePercent: 10, minimum: 1 });
    const drawn = await draw(http.partner);
    const item = drawn.items[0];
    const before = await taskRow(item?.task.id ?? '');

    const res = await http.partner.post(`/spot-checks/${drawn.spotCheck?.id}/items/${item?.id}/conclusion`, { result: 'findings', findings: 'Bank fees were not accrued.', version: item?.version });

    expect(res.statusCode).toBe(200);
    expect(res.json<SpotCheckDto>().items[0]).toMatchObject({ result: 'findings', findings: 'Bank fees were not accrued.', concludedBy: { id: partner.id }, version: 2 });
    expect(await taskRow(before.id)).toMatchObject({ status: 'returned', reworkCount: before.reworkCount + 1, approvedAt: null, approvedBy: null, version: before.version + 1 });
    const detail = (await http.preparer.get(`/tasks/${before.id}`)).json<TaskDetailDto>();
    expect(detail.notes).toMatchObject([{ source: 'spot_check', body: 'Bank fees were not accrued.', status: 'open', author: { id: partner.id } }]);
    expect(detail.preparer.id).toBe(preparer.id);
    const events = (await auditEventsOf(t.db, firm.id)).filter((e) => e.type !== 'spot_check.drawn' && e.actorId === partner.id);
    expect(events.map((e) => [e.type, e.subjectId])).toEqual([
      ['spot_check.concluded', drawn.spotCheck?.id],
      ['task.note_added', before.id],
      ['task.reopened', before.id],
    ]);
    expect(events[0]?.data).toEqual({ taskId: before.id, result: 'findings', findings: 'Bank fees were not accrued.' });
    expect(events[1]?.data).toMatchObject({ source: 'spot_check', body: 'Bank fees were not accrued.' });
    expect(events[2]?.data).toMatchObject({ from: 'approved', to: 'returned', reason: 'Spot-check findings (2026-03)', reworkCount: before.reworkCount + 1 });
  });

  it('records a pass and leaves the task alone', async () => {
    const { firm, http } = await setup({ approved: 3, ratePercent: 10, minimum: 1 });
    const drawn = await draw(http.partner);
    const item = drawn.items[0];
    const before = await taskRow(item?.task.id ?? '');

    const res = await http.secondPartner.post(`/spot-checks/${drawn.spotCheck?.id}/items/${item?.id}/conclusion`, { result: 'pass', version: item?.version });

    expect(res.statusCode).toBe(200);
    expect(res.json<SpotCheckDto>().items[0]).toMatchObject({ result: 'pass', findings: null });
    expect(await taskRow(before.id)).toEqual(before);
    expect(await t.db.selectFrom('reviewNotes').select('id').where('taskId', '=', before.id).execute()).toEqual([]);
    expect((await auditEventsOf(t.db, firm.id, 'spot_check.concluded'))[0]?.data).toEqual({ taskId: before.id, result: 'pass', findings: null });
    expect(await auditEventsOf(t.db, firm.id, 'task.reopened')).toEqual([]);
  });

  it('refuses a partner who prepared the sampled task, and concludes nothing', async () => {
    const { firm, secondPartner, http } = await setup({ approved: 3, ratePercent: 10, minimum: 3, preparedByPartner: 1 });
    const drawn = await draw(http.partner);
    const item = drawn.items.find((i) => i.task.preparer.id === secondPartner.id);
    expect(item).toBeDefined();

    const res = await http.secondPartner.post(`/spot-checks/${drawn.spotCheck?.id}/items/${item?.id}/conclusion`, { result: 'pass', version: item?.version });

    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('segregation_of_duties');
    expect(await auditEventsOf(t.db, firm.id, 'spot_check.concluded')).toEqual([]);
    expect((await http.partner.post(`/spot-checks/${drawn.spotCheck?.id}/items/${item?.id}/conclusion`, { result: 'pass', version: item?.version })).statusCode).toBe(200);
  });

  it('refuses to conclude an item twice', async () => {
    const { http } = await setup({ approved: 2, ratePercent: 10, minimum: 1 });
    const drawn = await draw(http.partner);
    const item = drawn.items[0];
    const url = `/spot-checks/${drawn.spotCheck?.id}/items/${item?.id}/conclusion`;
    expect((await http.partner.post(url, { result: 'pass', version: item?.version })).statusCode).toBe(200);

    const res = await http.secondPartner.post(url, { result: 'findings', findings: 'Second opinion', version: (item?.version ?? 0) + 1 });

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('already_concluded');
  });

  it('hides a sampled task of a client the partner is not assigned to', async () => {
    const { firm, http } = await setup({ approved: 2, ratePercent: 10, minimum: 1 });
    const drawn = await draw(http.partner);
    const item = drawn.items[0];
    const elsewhere = await buildClient(t.db, firm, { name: 'Beta Traders' });
    const { user: otherPartner } = await buildUser(t.db, firm, { role: 'partner', clients: [elsewhere] });
    const otherHttp = await t.as(otherPartner);

    const res = await otherHttp.post(`/spot-checks/${drawn.spotCheck?.id}/items/${item?.id}/conclusion`, { result: 'findings', findings: 'Looks wrong', version: item?.version });

    expect(res.statusCode).toBe(404);
    expect((await otherHttp.get('/spot-checks?month=2026-03')).json<SpotCheckDto>().items).toEqual([]);
    expect(await auditEventsOf(t.db, firm.id, 'spot_check.concluded')).toEqual([]);
  });
});
