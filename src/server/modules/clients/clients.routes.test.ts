import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FirmRow } from '../../db/schema';
import { auditEventsOf, buildClient, buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { ClientDto } from '../../../shared/clients';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(() => {
  t.clock.set(new Date()); // a test that moved time does not move it for the next one
});
afterAll(async () => {
  await t.close();
});

const DAY = 86_400_000;

function newClientBody(name: string) {
  return {
    name,
    legalName: `${name} LLC`,
    timeZone: 'Europe/Berlin',
    fiscalYearEnd: '06-30',
    contacts: [{ name: 'Ana Controller', email: 'ana@acme.example', title: 'Controller' }],
  };
}

/** The PostgreSQL transaction that last wrote a row: equal ids mean the rows committed together. */
async function writtenBy(table: 'clients' | 'auditEvents', id: string): Promise<string> {
  const row = await t.db.selectFrom(table).select(sql<string>`xmin::text`.as('xmin')).where('id', '=', id).executeTakeFirstOrThrow();
  return row.xmin;
}

async function countRows(firm: FirmRow): Promise<{ clients: number; audit: number }> {
  const clients = await t.db.selectFrom('clients').select('id').where('firmId', '=', firm.id).execute();
  return { clients: clients.length, audit: (await auditEventsOf(t.db, firm.id)).length };
}

const namesOf = (res: { json(): { items: ClientDto[] } }) => res.json().items.map((c) => c.name);

describe('POST /api/clients', () => {
  it('adds a client and records client.created by the admin in the same transaction', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const http = await t.as(admin);

    const res = await http.post('/clients', newClientBody('Acme Holdings'));

    expect(res.statusCode).toBe(201);
    const dto = res.json<ClientDto>();
    expect(dto).toMatchObject({
      name: 'Acme Holdings',
      legalName: 'Acme Holdings LLC',
      timeZone: 'Europe/Berlin',
      fiscalYearEnd: '06-30',
      contacts: [{ name: 'Ana Controller', email: 'ana@acme.example', title: 'Controller' }],
      status: 'active',
      version: 1,
      team: [],
      abilities: { read: true, update: true, archive: true },
    });
    const stored = await t.db.selectFrom('clients').selectAll().where('id', '=', dto.id).executeTakeFirstOrThrow();
    expect(stored.firmId).toBe(firm.id);
    const [created, ...others] = await auditEventsOf(t.db, firm.id, 'client.created');
    expect(others).toHaveLength(0);
    expect(created).toMatchObject({ actorId: admin.id, actorKind: 'user', subjectType: 'client', subjectId: dto.id, clientId: dto.id });
    expect(created?.data).toMatchObject({ after: { name: 'Acme Holdings', timeZone: 'Europe/Berlin', fiscalYearEnd: '06-30', status: 'active' } });
    expect(await writtenBy('auditEvents', created?.id ?? '')).toBe(await writtenBy('clients', dto.id));
  });

  it('refuses a second client with the same name in any letter case and writes nothing', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    await buildClient(t.db, firm, { name: 'Acme Holdings' });
    const http = await t.as(admin);
    const before = await countRows(firm);

    const res = await http.post('/clients', newClientBody('  ACME holdings '));

    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'duplicate_name' });
    expect(await countRows(firm)).toEqual(before);
  });

  it('answers 409, not 500, to the loser of two simultaneous adds of the same name', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const first = await t.as(admin);
    const second = await t.as(admin);

    const results = await Promise.all([first.post('/clients', newClientBody('Race Co')), second.post('/clients', newClientBody('Race Co'))]);

    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('duplicate_name');
    expect(await countRows(firm)).toEqual({ clients: 1, audit: 2 }); // firm.created + one client.created
  });

  it('allows a name another firm already uses', async () => {
    const firm = await buildFirm(t.db);
    const other = await buildFirm(t.db);
    await buildClient(t.db, other, { name: 'Shared Name Inc' });
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });

    const res = await (await t.as(admin)).post('/clients', newClientBody('Shared Name Inc'));

    expect(res.statusCode).toBe(201);
  });

  it('refuses an unknown time zone, an impossible fiscal year end and an unknown field, naming the field, and writes nothing', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const http = await t.as(admin);
    const before = await countRows(firm);

    const badZone = await http.post('/clients', { ...newClientBody('Mars Mining'), timeZone: 'Mars/Olympus' });
    const badDay = await http.post('/clients', { ...newClientBody('Leap Co'), fiscalYearEnd: '02-30' });
    const badMonth = await http.post('/clients', { ...newClientBody('Month Co'), fiscalYearEnd: '13-01' });
    const unknownField = await http.post('/clients', { ...newClientBody('Extra Co'), firmId: firm.id });

    for (const res of [badZone, badDay, badMonth, unknownField]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().code).toBe('validation_failed');
    }
    expect(badZone.json().errors).toEqual([{ path: 'body.timeZone', message: 'must be a time zone such as America/New_York' }]);
    expect(badDay.json().errors).toEqual([{ path: 'body.fiscalYearEnd', message: 'is not a day of that month' }]);
    expect(badMonth.json().errors).toEqual([{ path: 'body.fiscalYearEnd', message: 'must be a month and day such as 12-31' }]);
    expect(unknownField.json().errors).toHaveLength(1);
    expect(unknownField.json().errors[0].message).toContain('firmId');
    expect(await countRows(firm)).toEqual(before);
  });
});

describe('PATCH /api/clients/:id', () => {
  it('applies an edit made on the current version, bumps the version and records only the changed fields', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const client = await buildClient(t.db, firm, { name: 'Before Name' });
    const http = await t.as(admin);

    const res = await http.patch(`/clients/${client.id}`, { name: 'After Name', timeZone: 'America/New_York', fiscalYearEnd: '03-31', version: client.version });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'After Name', fiscalYearEnd: '03-31', version: client.version + 1, legalName: client.legalName });
    const updated = await auditEventsOf(t.db, firm.id, 'client.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ actorId: admin.id, subjectId: client.id, clientId: client.id });
    // the time zone was sent unchanged, so it is not in the record
    expect(updated[0]?.data).toEqual({ before: { name: 'Before Name', fiscalYearEnd: '12-31' }, after: { name: 'After Name', fiscalYearEnd: '03-31' } });
    expect(await writtenBy('auditEvents', updated[0]?.id ?? '')).toBe(await writtenBy('clients', client.id));
  });

  it('refuses an edit made on a stale version and leaves the client as it was', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const client = await buildClient(t.db, firm, { name: 'Stable Co' });
    const http = await t.as(admin);
    expect((await http.patch(`/clients/${client.id}`, { legalName: 'First Edit LLC', version: 1 })).statusCode).toBe(200);
    const before = await countRows(firm);

    const stale = await http.patch(`/clients/${client.id}`, { legalName: 'Second Edit LLC', version: 1 });

    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const row = await t.db.selectFrom('clients').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ legalName: 'First Edit LLC', version: 2 });
    expect(await countRows(firm)).toEqual(before);
  });

  it('lets exactly one of two simultaneous edits of the same version through', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const client = await buildClient(t.db, firm);
    const first = await t.as(admin);
    const second = await t.as(admin);

    const results = await Promise.all([
      first.patch(`/clients/${client.id}`, { legalName: 'Edit A LLC', version: 1 }),
      second.patch(`/clients/${client.id}`, { legalName: 'Edit B LLC', version: 1 }),
    ]);

    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('stale_version');
    const winner = results.find((r) => r.statusCode === 200)?.json<ClientDto>();
    const row = await t.db.selectFrom('clients').selectAll().where('id', '=', client.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ version: 2, legalName: winner?.legalName });
    expect(await auditEventsOf(t.db, firm.id, 'client.updated')).toHaveLength(1);
  });

  it('refuses renaming a client to the name of another client of the firm', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    await buildClient(t.db, firm, { name: 'Taken Name' });
    const client = await buildClient(t.db, firm, { name: 'Free Name' });

    const res = await (await t.as(admin)).patch(`/clients/${client.id}`, { name: 'taken name', version: 1 });

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('duplicate_name');
    expect((await t.db.selectFrom('clients').select('name').where('id', '=', client.id).executeTakeFirstOrThrow()).name).toBe('Free Name');
  });

  it('archives a client: it leaves the default list and is listed under status=archived', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const client = await buildClient(t.db, firm, { name: 'Old Client' });
    await buildClient(t.db, firm, { name: 'Current Client' });
    const http = await t.as(admin);

    const res = await http.patch(`/clients/${client.id}`, { status: 'archived', version: 1 });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'archived', version: 2 });
    expect((await auditEventsOf(t.db, firm.id, 'client.updated'))[0]?.data).toEqual({ before: { status: 'active' }, after: { status: 'archived' } });
    expect(namesOf(await http.get('/clients'))).toEqual(['Current Client']);
    expect(namesOf(await http.get('/clients?status=archived'))).toEqual(['Old Client']);
    expect(namesOf(await http.get('/clients?status=all'))).toEqual(['Current Client', 'Old Client']);
  });
});

describe('GET /api/clients', () => {
  it('shows a preparer only the clients assigned to them, with read-only abilities', async () => {
    const firm = await buildFirm(t.db);
    const mine = await buildClient(t.db, firm, { name: 'Assigned Co' });
    await buildClient(t.db, firm, { name: 'Unassigned Co' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', clients: [mine] });
    const http = await t.as(preparer);

    const res = await http.get('/clients');

    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items).toEqual([
      expect.objectContaining({ id: mine.id, abilities: { read: true, update: false, archive: false }, team: [{ userId: preparer.id, name: preparer.name, role: 'preparer' }] }),
    ]);
  });

  it("shows the admin every client of the firm and none of another firm's", async () => {
    const firm = await buildFirm(t.db);
    const other = await buildFirm(t.db);
    await buildClient(t.db, firm, { name: 'Beta Co' });
    await buildClient(t.db, firm, { name: 'alpha Co' });
    const foreign = await buildClient(t.db, other, { name: 'Foreign Co' });
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const http = await t.as(admin);

    expect(namesOf(await http.get('/clients?status=all'))).toEqual(['alpha Co', 'Beta Co']);
    expect((await http.get(`/clients/${foreign.id}`)).statusCode).toBe(404);
    expect(namesOf(await http.get('/clients?q=Foreign'))).toEqual([]);
  });

  it('shows a client user only their own company', async () => {
    const firm = await buildFirm(t.db);
    const company = await buildClient(t.db, firm, { name: 'Their Company' });
    const neighbour = await buildClient(t.db, firm, { name: 'Neighbour Company' });
    const { user } = await buildUser(t.db, firm, { role: 'client', clients: [company] });
    const http = await t.as(user);

    expect(namesOf(await http.get('/clients?status=all'))).toEqual(['Their Company']);
    expect((await http.get(`/clients/${company.id}`)).statusCode).toBe(200);
    const hidden = await http.get(`/clients/${neighbour.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('Neighbour');
  });

  it('shows an auditor nothing once the grant has ended, and answers 404 for the client', async () => {
    const firm = await buildFirm(t.db);
    const client = await buildClient(t.db, firm, { name: 'Audited Co' });
    const now = t.clock.now().getTime();
    const { user: expired } = await buildUser(t.db, firm, { role: 'auditor', clients: [client], accessExpiresAt: new Date(now - 60_000) });
    const { user: current } = await buildUser(t.db, firm, { role: 'auditor', clients: [client], accessExpiresAt: new Date(now + 2 * DAY) });
    const expiredHttp = await t.as(expired);

    expect(namesOf(await expiredHttp.get('/clients'))).toEqual([]);
    expect((await expiredHttp.get(`/clients/${client.id}`)).statusCode).toBe(404);

    t.clock.advance(DAY);
    const currentHttp = await t.as(current);
    expect(namesOf(await currentHttp.get('/clients'))).toEqual(['Audited Co']);
    const admin = await t.as((await buildUser(t.db, firm, { role: 'admin' })).user);
    expect((await admin.get(`/clients/${client.id}`)).json().team.map((m: { userId: string }) => m.userId)).toEqual([current.id]);

    t.clock.advance(2 * DAY);
    const laterHttp = await t.as(current);
    expect(namesOf(await laterHttp.get('/clients'))).toEqual([]);
    expect((await laterHttp.get(`/clients/${client.id}`)).statusCode).toBe(404);
  });

  it('finds clients by part of the name or the legal name, reading % and _ literally', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    await buildClient(t.db, firm, { name: 'Northwind Traders' });
    await buildClient(t.db, firm, { name: 'Contoso' }); // legal name "Contoso LLC"
    await buildClient(t.db, firm, { name: '100% Organic' });
    await buildClient(t.db, firm, { name: 'under_score' });
    await buildClient(t.db, firm, { name: 'Rose Garden' }); // "r_s" with _ as a wildcard would match "Ros"
    const http = await t.as(admin);

    expect(namesOf(await http.get('/clients?q=WIND'))).toEqual(['Northwind Traders']);
    expect(namesOf(await http.get('/clients?q=llc'))).toEqual(['100% Organic', 'Contoso', 'Northwind Traders', 'Rose Garden', 'under_score']);
    expect(namesOf(await http.get(`/clients?q=${encodeURIComponent('%')}`))).toEqual(['100% Organic']);
    expect(namesOf(await http.get('/clients?q=r_s'))).toEqual(['under_score']);
    expect(namesOf(await http.get('/clients?q=nobody'))).toEqual([]);
  });

  it('refuses an unknown status filter', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });

    const res = await (await t.as(admin)).get('/clients?status=deleted');

    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('querystring.status');
  });
});
