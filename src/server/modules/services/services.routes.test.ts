import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirmRow } from '../../db/schema';
import { auditEventsOf, buildClient, buildFirm, buildUser, buildWorkflows } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { ServiceDto } from '../../../shared/workflows';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A firm with one client, its preparer, reviewer and partner, and the workflow library. */
async function setup() {
  const firm = await buildFirm(t.db);
  const client = await buildClient(t.db, firm, { name: 'Acme Holdings' });
  const workflows = await buildWorkflows(t.db, firm);
  const admin = (await buildUser(t.db, firm, { role: 'admin' })).user;
  const partner = (await buildUser(t.db, firm, { role: 'partner', clients: [client] })).user;
  const reviewer = (await buildUser(t.db, firm, { role: 'reviewer', name: 'Rita Reviewer', clients: [client] })).user;
  const preparer = (await buildUser(t.db, firm, { role: 'preparer', name: 'Priya Preparer', clients: [client] })).user;
  const http = { admin: await t.as(admin), partner: await t.as(partner) };
  const serviceBody = (overrides: Record<string, unknown> = {}) => ({
    clientId: client.id,
    workflowId: workflows['bank-reconciliation'].id,
    frequency: 'monthly',
    dueRule: { kind: 'business_days', days: 3 },
    preparerId: preparer.id,
    reviewerId: reviewer.id,
    startsOn: '2026-01-01',
    ...overrides,
  });
  return { firm, client, workflows, admin, partner, reviewer, preparer, http, serviceBody };
}

const tasksOf = (firm: FirmRow) => t.db.selectFrom('tasks').selectAll().where('firmId', '=', firm.id).orderBy('periodEnd').orderBy('title').execute();
const countRows = async (firm: FirmRow) => ({
  services: (await t.db.selectFrom('services').select('id').where('firmId', '=', firm.id).execute()).length,
  audit: (await auditEventsOf(t.db, firm.id)).length,
});

describe('POST /api/services', () => {
  it('subscribes a client to a workflow with its preparer and reviewer, recorded as service.created', async () => {
    const { firm, client, workflows, partner, preparer, reviewer, http, serviceBody } = await setup();

    const res = await http.partner.post('/services', serviceBody({ priority: 'high', estimatedMinutes: 90 }));

    expect(res.statusCode).toBe(201);
    const dto = res.json<ServiceDto>();
    expect(dto).toMatchObject({
      client: { id: client.id, name: 'Acme Holdings' },
      workflow: { id: workflows['bank-reconciliation'].id, name: 'Monthly bank reconciliation' },
      frequency: 'monthly',
      dueRule: { kind: 'business_days', days: 3 },
      preparer: { id: preparer.id, name: 'Priya Preparer' },
      reviewer: { id: reviewer.id, name: 'Rita Reviewer' },
      startsOn: '2026-01-01',
      priority: 'high',
      estimatedMinutes: 90,
      active: true,
      version: 1,
      abilities: { manage: true },
    });
    const [created, ...more] = await auditEventsOf(t.db, firm.id, 'service.created');
    expect(more).toHaveLength(0);
    expect(created).toMatchObject({ actorId: partner.id, subjectType: 'service', subjectId: dto.id, clientId: client.id, data: { after: { preparerId: preparer.id, reviewerId: reviewer.id, frequency: 'monthly' } } });
  });

  it('refuses the same person as preparer and reviewer, and anyone not assigned to the client, and writes nothing', async () => {
    const { firm, preparer, http, serviceBody } = await setup();
    const { user: outsider } = await buildUser(t.db, firm, { role: 'preparer' });
    const before = await countRows(firm);

    const same = await http.admin.post('/services', serviceBody({ reviewerId: preparer.id }));
    const notOnClient = await http.admin.post('/services', serviceBody({ preparerId: outsider.id }));

    expect(same.statusCode).toBe(400);
    expect(same.json().errors).toEqual([{ path: 'body.reviewerId', message: 'must differ from the preparer' }]);
    expect(notOnClient.statusCode).toBe(400);
    expect(notOnClient.json().errors).toEqual([{ path: 'preparerId', message: 'cannot be assigned to this task' }]);
    expect(await countRows(firm)).toEqual(before);
  });

  it('refuses a second service of the same workflow for the same client', async () => {
    const { firm, http, serviceBody } = await setup();
    expect((await http.admin.post('/services', serviceBody())).statusCode).toBe(201);
    const before = await countRows(firm);

    const res = await http.partner.post('/services', serviceBody({ frequency: 'quarterly' }));

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('duplicate_service');
    expect(await countRows(firm)).toEqual(before);
  });

  it('refuses a partner who is not on the client, and a client of another firm', async () => {
    const { firm, serviceBody } = await setup();
    const { user: otherPartner } = await buildUser(t.db, firm, { role: 'partner' });
    const other = await setup();

    const notOnClient = await (await t.as(otherPartner)).post('/services', serviceBody());
    const foreign = await other.http.admin.post('/services', { ...other.serviceBody(), clientId: serviceBody().clientId });

    expect(notOnClient.statusCode).toBe(400); // the same answer as for a client that does not exist: nothing leaks
    expect(notOnClient.json().errors).toEqual([{ path: 'clientId', message: 'is not a client of the firm' }]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([{ path: 'clientId', message: 'is not a client of the firm' }]);
    expect(await countRows(firm)).toMatchObject({ services: 0 });
  });
});

describe('POST /api/task-generation', () => {
  it('creates one task per ended month, due N business days after month end, skipping weekends and the firm’s holidays', async () => {
    const { firm, admin, preparer, reviewer, http, serviceBody } = await setup();
    const holidays = await http.admin.put('/holidays', { holidays: [{ date: '2026-02-03', name: 'Founders’ Day' }] });
    expect(holidays.statusCode).toBe(200);
    expect((await auditEventsOf(t.db, firm.id, 'holidays.updated'))[0]).toMatchObject({ actorId: admin.id, data: { before: { holidays: [] }, after: { holidays: [{ date: '2026-02-03', name: 'Founders’ Day' }] } } });
    const service = (await http.admin.post('/services', serviceBody())).json<ServiceDto>();

    const res = await http.partner.post('/task-generation', { asOf: '2026-03-31' });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 3, services: 1, asOf: '2026-03-31' });
    const tasks = await tasksOf(firm);
    // Jan 31 is a Saturday: Mon 2, (Tue 3 is the holiday), Wed 4, Thu 5. Feb 28 is a Saturday: Mon 2, Tue 3, Wed 4. Mar 31 is a Tuesday: Wed 1, Thu 2, Fri 3.
    expect(tasks.map((task) => [task.period, task.periodStart, task.periodEnd, task.dueOn, task.title])).toEqual([
      ['2026-01', '2026-01-01', '2026-01-31', '2026-02-05', 'Monthly bank reconciliation — Jan 2026'],
      ['2026-02', '2026-02-01', '2026-02-28', '2026-03-04', 'Monthly bank reconciliation — Feb 2026'],
      ['2026-03', '2026-03-01', '2026-03-31', '2026-04-03', 'Monthly bank reconciliation — Mar 2026'],
    ]);
    expect(tasks.every((task) => task.status === 'not_started' && task.serviceId === service.id && task.preparerId === preparer.id && task.reviewerId === reviewer.id)).toBe(true);
    expect(await auditEventsOf(t.db, firm.id, 'tasks.generated')).toMatchObject([{ subjectType: 'firm', subjectId: firm.id, data: { asOf: '2026-03-31', created: 3, services: 1 } }]);
  });

  it('leaves out a month that has not ended yet', async () => {
    const { firm, http, serviceBody } = await setup();
    await http.admin.post('/services', serviceBody());

    expect((await http.admin.post('/task-generation', { asOf: '2026-03-30' })).json()).toMatchObject({ created: 2 });
    expect((await tasksOf(firm)).map((task) => task.period)).toEqual(['2026-01', '2026-02']);
  });

  it('dates calendar-day rules on that day of the following month, clamped to the month and moved off weekends', async () => {
    const { firm, workflows, http, serviceBody } = await setup();
    await http.admin.post('/services', serviceBody({ dueRule: { kind: 'calendar_day', day: 31 } }));
    await http.admin.post('/services', serviceBody({ workflowId: workflows['month-end-close'].id, frequency: 'quarterly', dueRule: { kind: 'calendar_day', day: 15 } }));

    expect((await http.admin.post('/task-generation', { asOf: '2026-03-31' })).json()).toMatchObject({ created: 4, services: 2 });

    // Day 31 of February is the 28th, a Saturday: Monday 2 March. Day 31 of March is a Tuesday. 15 April 2026 is a Wednesday.
    expect((await tasksOf(firm)).map((task) => [task.period, task.dueOn, task.title])).toEqual([
      ['2026-01', '2026-03-02', 'Monthly bank reconciliation — Jan 2026'],
      ['2026-02', '2026-03-31', 'Monthly bank reconciliation — Feb 2026'],
      ['2026-Q1', '2026-04-15', 'Month-end close support — Q1 2026'],
      ['2026-03', '2026-04-30', 'Monthly bank reconciliation — Mar 2026'],
    ]);
  });

  it('creates nothing new when run again, and records nothing for a run that created nothing', async () => {
    const { firm, http, serviceBody } = await setup();
    await http.admin.post('/services', serviceBody());
    expect((await http.admin.post('/task-generation', { asOf: '2026-02-28' })).json()).toMatchObject({ created: 2 });
    const before = await tasksOf(firm);

    const again = await http.admin.post('/task-generation', { asOf: '2026-02-28' });

    expect(again.json()).toEqual({ created: 0, services: 1, asOf: '2026-02-28' });
    expect(await tasksOf(firm)).toEqual(before);
    expect(await auditEventsOf(t.db, firm.id, 'tasks.generated')).toHaveLength(1);
  });

  it('creates nothing for a deactivated service', async () => {
    const { firm, admin, http, serviceBody } = await setup();
    const service = (await http.admin.post('/services', serviceBody())).json<ServiceDto>();

    const paused = await http.admin.patch(`/services/${service.id}`, { active: false, version: service.version });

    expect(paused.statusCode).toBe(200);
    expect(paused.json<ServiceDto>()).toMatchObject({ active: false, version: service.version + 1 });
    expect((await auditEventsOf(t.db, firm.id, 'service.updated'))[0]).toMatchObject({ actorId: admin.id, subjectId: service.id, data: { before: { active: true }, after: { active: false } } });
    expect((await http.admin.post('/task-generation', { asOf: '2026-06-30' })).json()).toEqual({ created: 0, services: 0, asOf: '2026-06-30' });
    expect(await tasksOf(firm)).toEqual([]);
  });

  it('refuses the task run to a reviewer', async () => {
    const { firm, reviewer, http, serviceBody } = await setup();
    await http.admin.post('/services', serviceBody());

    const res = await (await t.as(reviewer)).post('/task-generation', { asOf: '2026-03-31' });

    expect(res.statusCode).toBe(403);
    expect(await tasksOf(firm)).toEqual([]);
  });
});

describe('PATCH /api/services/:id', () => {
  it('changes the reviewer only to someone assigned to the client, and refuses a stale version', async () => {
    const { firm, client, http, serviceBody } = await setup();
    const service = (await http.admin.post('/services', serviceBody())).json<ServiceDto>();
    const { user: outsider } = await buildUser(t.db, firm, { role: 'reviewer' });
    const { user: second } = await buildUser(t.db, firm, { role: 'reviewer', name: 'Sam Second', clients: [client] });

    const refused = await http.partner.patch(`/services/${service.id}`, { reviewerId: outsider.id, version: service.version });
    const changed = await http.partner.patch(`/services/${service.id}`, { reviewerId: second.id, version: service.version });
    const stale = await http.partner.patch(`/services/${service.id}`, { priority: 'low', version: service.version });

    expect(refused.statusCode).toBe(400);
    expect(changed.statusCode).toBe(200);
    expect(changed.json<ServiceDto>().reviewer).toEqual({ id: second.id, name: 'Sam Second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect(await auditEventsOf(t.db, firm.id, 'service.updated')).toHaveLength(1);
  });
});

describe('the holiday calendar', () => {
  it('replaces the whole calendar and lists it in date order', async () => {
    const { http } = await setup();
    await http.admin.put('/holidays', { holidays: [{ date: '2026-07-04', name: 'Independence Day' }] });

    const res = await http.admin.put('/holidays', {
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2026-01-01', name: 'New Year’s Day' },
      ],
    });

    expect(res.statusCode).toBe(200);
    expect((await http.partner.get('/holidays')).json()).toEqual({
      holidays: [
        { date: '2026-01-01', name: 'New Year’s Day' },
        { date: '2026-12-25', name: 'Christmas Day' },
      ],
    });
  });

  it('keeps each firm’s calendar to itself', async () => {
    const { http } = await setup();
    const other = await setup();
    await http.admin.put('/holidays', { holidays: [{ date: '2026-07-04', name: 'Independence Day' }] });

    expect((await other.http.partner.get('/holidays')).json()).toEqual({ holidays: [] });
  });
});
