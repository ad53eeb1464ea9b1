import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FirmRow } from '../../db/schema';
import { auditEventsOf, buildClient, buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type HttpClient, type TestApp } from '../../test/test-app';
import type { FirmDto, FirmSettings } from '../../../shared/firm';
import type { HomeDto } from '../../../shared/home';

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

async function readFirm(http: HttpClient): Promise<FirmDto> {
  const res = await http.get('/firm');
  expect(res.statusCode).toBe(200);
  return res.json<FirmDto>();
}

async function storedFirm(firm: FirmRow): Promise<FirmRow> {
  return t.db.selectFrom('firms').selectAll().where('id', '=', firm.id).executeTakeFirstOrThrow();
}

describe('GET /api/firm', () => {
  it('shows the firm and its settings, and tells only the admin they may change them', async () => {
    const firm = await buildFirm(t.db, { name: 'Ledger & Sons', mfaRequiredRoles: ['admin'] });
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin', mfa: true });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer' });

    const asAdmin = await readFirm(await t.as(admin));
    const asPreparer = await readFirm(await t.as(preparer));

    expect(asAdmin).toMatchObject({ id: firm.id, name: 'Ledger & Sons', version: 1, abilities: { manageSettings: true } });
    expect(asAdmin.settings).toMatchObject({ mfaRequiredRoles: ['admin'], sessionIdleMinutes: 60, onshore: { timeZone: 'America/New_York' } });
    expect(asPreparer).toMatchObject({ id: firm.id, abilities: { manageSettings: false } });
  });
});

describe('PUT /api/firm/settings', () => {
  it('saves settings sent with the current version and records only the changed keys', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const http = await t.as(admin);
    const current = await readFirm(http);
    const settings: FirmSettings = { ...current.settings, mfaRequiredRoles: ['admin', 'partner'], sessionIdleMinutes: 30 };

    const res = await http.put('/firm/settings', { settings, version: current.version });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: current.version + 1, settings: { mfaRequiredRoles: ['admin', 'partner'], sessionIdleMinutes: 30 } });
    expect((await storedFirm(firm)).settings).toEqual(settings);
    const events = await auditEventsOf(t.db, firm.id, 'firm.settings_updated');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, subjectType: 'firm', subjectId: firm.id });
    // team hours were sent back unchanged (in another key order than jsonb keeps): not a change
    expect(events[0]?.data).toEqual({
      before: { mfaRequiredRoles: [], sessionIdleMinutes: 60 },
      after: { mfaRequiredRoles: ['admin', 'partner'], sessionIdleMinutes: 30 },
    });
  });

  it('applies a shorter idle timeout to sessions that are already open', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer' });
    const http = await t.as(admin);
    const current = await readFirm(http);
    expect((await http.put('/firm/settings', { settings: { ...current.settings, sessionIdleMinutes: 10 }, version: current.version })).statusCode).toBe(200);
    const preparerHttp = await t.as(preparer);

    t.clock.advance(11 * 60_000);

    expect((await preparerHttp.get('/clients')).statusCode).toBe(401);
  });

  it('refuses settings sent with a stale version and keeps the newer ones', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const http = await t.as(admin);
    const read = await readFirm(http);
    expect((await http.put('/firm/settings', { settings: { ...read.settings, dateFormat: 'YYYY-MM-DD' }, version: read.version })).statusCode).toBe(200);

    const stale = await http.put('/firm/settings', { settings: { ...read.settings, sessionAbsoluteHours: 4 }, version: read.version });

    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const stored = await storedFirm(firm);
    expect(stored.version).toBe(read.version + 1);
    expect(stored.settings).toMatchObject({ dateFormat: 'YYYY-MM-DD', sessionAbsoluteHours: read.settings.sessionAbsoluteHours });
    expect(await auditEventsOf(t.db, firm.id, 'firm.settings_updated')).toHaveLength(1);
  });

  it('refuses invalid settings, naming each field, and changes nothing', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const http = await t.as(admin);
    const read = await readFirm(http);

    const res = await http.put('/firm/settings', {
      settings: { ...read.settings, onshore: { timeZone: 'America/New_York', workStart: '18:00', workEnd: '09:00' }, mfaRequiredRoles: ['admin', 'boss'], sessionIdleMinutes: 1 },
      version: read.version,
    });
    const hoursOnly = await http.put('/firm/settings', { settings: { ...read.settings, offshore: { timeZone: 'Asia/Kolkata', workStart: '10:00', workEnd: '10:00' } }, version: read.version });

    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.settings.mfaRequiredRoles.1', 'body.settings.onshore.workEnd', 'body.settings.sessionIdleMinutes']);
    expect(res.json().errors).toContainEqual({ path: 'body.settings.sessionIdleMinutes', message: 'must be at least 5 minutes' });
    expect(hoursOnly.json().errors).toEqual([{ path: 'body.settings.offshore.workEnd', message: 'must end after it starts' }]);
    const stored = await storedFirm(firm);
    expect(stored.version).toBe(read.version);
    expect(stored.settings).toEqual(read.settings);
    expect(await auditEventsOf(t.db, firm.id, 'firm.settings_updated')).toEqual([]);
  });

  it("makes a preparer without MFA enrol before anything else on their next request once the firm requires it", async () => {
    const firm = await buildFirm(t.db);
    const client = await buildClient(t.db, firm);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', clients: [client] });
    const { user: enrolled } = await buildUser(t.db, firm, { role: 'preparer', clients: [client], mfa: true });
    const preparerHttp = await t.as(preparer);
    const enrolledHttp = await t.as(enrolled);
    expect((await preparerHttp.get('/clients')).statusCode).toBe(200);
    const adminHttp = await t.as(admin);
    const read = await readFirm(adminHttp);

    expect((await adminHttp.put('/firm/settings', { settings: { ...read.settings, mfaRequiredRoles: ['preparer'] }, version: read.version })).statusCode).toBe(200);

    for (const res of [await preparerHttp.get('/clients'), await preparerHttp.get(`/clients/${client.id}`), await preparerHttp.get('/home')]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('mfa_enrolment_required');
    }
    const session = await preparerHttp.get('/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().mustEnrolMfa).toBe(true);
    expect((await enrolledHttp.get('/clients')).statusCode).toBe(200);
    expect((await adminHttp.get('/clients')).statusCode).toBe(200); // admins were not added to the list
  });
});

describe('GET /api/home', () => {
  it('lists what waits for the admin: pending invitations and locked accounts', async () => {
    const firm = await buildFirm(t.db);
    await buildClient(t.db, firm, { name: 'Only Client' });
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin', mfa: true });
    const { user: locked } = await buildUser(t.db, firm, { role: 'reviewer', name: 'Lena Locked' });
    await t.db.updateTable('users').set({ lockedUntil: new Date(t.clock.now().getTime() + 10 * 60_000) }).where('id', '=', locked.id).execute();
    const http = await t.as(admin);
    expect((await http.post('/invitations', { email: `pending-${locked.id.slice(-6)}@test.example`, name: 'Paula Pending', role: 'preparer' })).statusCode).toBe(201);

    const res = await http.get('/home');

    expect(res.statusCode).toBe(200);
    const home = res.json<HomeDto>();
    expect(home.waiting.map((w) => w.kind).sort()).toEqual(['account_locked', 'invitation_pending']);
    expect(home.waiting).toContainEqual(expect.objectContaining({ kind: 'account_locked', title: 'Lena Locked is locked out', link: `/admin/users/${locked.id}` }));
    expect(home.waiting).toContainEqual(expect.objectContaining({ kind: 'invitation_pending', title: 'Paula Pending has not accepted yet' }));
    expect(home.counts).toEqual({ clients: 1, people: 2, pendingInvitations: 1 });
    expect(home.clients.map((c) => c.name)).toEqual(['Only Client']);

    t.clock.advance(11 * 60_000); // the lock has run out: nothing to do about it any more
    const later = await (await t.as(admin)).get('/home');
    expect(later.json<HomeDto>().waiting.map((w) => w.kind)).toEqual(['invitation_pending']);
  });

  it("shows a preparer only their own clients and none of the firm's administration", async () => {
    const firm = await buildFirm(t.db);
    const mine = await buildClient(t.db, firm, { name: 'Mine' });
    await buildClient(t.db, firm, { name: 'Not Mine' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', clients: [mine] });
    const { user: locked } = await buildUser(t.db, firm, { role: 'reviewer' });
    await t.db.updateTable('users').set({ lockedUntil: new Date(t.clock.now().getTime() + 10 * 60_000) }).where('id', '=', locked.id).execute();

    const res = await (await t.as(preparer)).get('/home');

    expect(res.statusCode).toBe(200);
    const home = res.json<HomeDto>();
    expect(home.clients).toEqual([expect.objectContaining({ id: mine.id, name: 'Mine', teamSize: 1 })]);
    expect(home.counts).toEqual({ clients: 1, people: null, pendingInvitations: null });
    expect(home.waiting.map((w) => w.kind)).toEqual(['mfa_recommended']);
  });
});
