import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UserRow } from '../../db/schema';
import { newId } from '../../ids';
import { auditEventsOf, buildClient, buildFirm, buildUser, TEST_PASSWORD } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { UserDto } from '../../../shared/users';

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

async function freshUser(id: string): Promise<UserRow> {
  return t.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function accessOf(userId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('clientAccess').select('clientId').where('userId', '=', userId).execute();
  return rows.map((r) => r.clientId).sort();
}

async function liveSessions(userId: string): Promise<number> {
  const rows = await t.db.selectFrom('sessions').select('id').where('userId', '=', userId).where('revokedAt', 'is', null).execute();
  return rows.length;
}

describe('GET /api/users', () => {
  it("lists the firm's people with the clients each may see, and nobody from another firm", async () => {
    const firm = await buildFirm(t.db);
    const other = await buildFirm(t.db);
    const acme = await buildClient(t.db, firm, { name: 'Acme' });
    const zeta = await buildClient(t.db, firm, { name: 'Zeta' });
    const expiresAt = new Date(t.clock.now().getTime() + 30 * DAY);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin', name: 'Ada Admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', name: 'Pete Preparer', clients: [zeta, acme] });
    const { user: auditor } = await buildUser(t.db, firm, { role: 'auditor', name: 'Aude Auditor', clients: [acme], accessExpiresAt: expiresAt });
    const { user: foreigner } = await buildUser(t.db, other, { role: 'preparer' });

    const res = await (await t.as(admin)).get('/users');

    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: UserDto[]; total: number }>().items;
    expect(items.map((u) => u.name)).toEqual(['Ada Admin', 'Aude Auditor', 'Pete Preparer']);
    expect(items.map((u) => u.id)).not.toContain(foreigner.id);
    expect(items.find((u) => u.id === preparer.id)?.clientAccess).toEqual([
      { clientId: acme.id, clientName: 'Acme', expiresAt: null },
      { clientId: zeta.id, clientName: 'Zeta', expiresAt: null },
    ]);
    expect(items.find((u) => u.id === auditor.id)?.clientAccess).toEqual([{ clientId: acme.id, clientName: 'Acme', expiresAt: expiresAt.toISOString() }]);
    expect(items.find((u) => u.id === admin.id)?.abilities).toMatchObject({ update: true, changeRole: false, deactivate: false });
    expect(items.find((u) => u.id === preparer.id)?.abilities).toMatchObject({ update: true, changeRole: true, deactivate: true, unlock: false, resetMfa: false });
  });

  it('lets a partner read the list but act on nobody', async () => {
    const firm = await buildFirm(t.db);
    const { user: partner } = await buildUser(t.db, firm, { role: 'partner' });
    await buildUser(t.db, firm, { role: 'preparer' });

    const res = await (await t.as(partner)).get('/users');

    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    for (const item of res.json<{ items: UserDto[] }>().items) {
      expect(Object.entries(item.abilities).filter(([action, allowed]) => action !== 'read' && allowed)).toEqual([]);
    }
  });
});

describe('PATCH /api/users/:id', () => {
  it('promotes a preparer, records user.role_changed, and the promotion applies to their next request without signing in again', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer' });
    const preparerHttp = await t.as(preparer);
    expect((await preparerHttp.get('/users')).statusCode).toBe(403);

    const res = await (await t.as(admin)).patch(`/users/${preparer.id}`, { role: 'admin', version: preparer.version });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'admin', version: preparer.version + 1 });
    const [changed, ...more] = await auditEventsOf(t.db, firm.id, 'user.role_changed');
    expect(more).toHaveLength(0);
    expect(changed).toMatchObject({ actorId: admin.id, subjectType: 'user', subjectId: preparer.id, data: { before: { role: 'preparer' }, after: { role: 'admin' } } });
    expect(await auditEventsOf(t.db, firm.id, 'user.updated')).toHaveLength(0); // nothing else changed
    expect((await preparerHttp.get('/users')).statusCode).toBe(200);
    expect((await preparerHttp.get('/session')).json().user.role).toBe('admin');
  });

  it('takes administration away from a demoted admin on their next request', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: second } = await buildUser(t.db, firm, { role: 'admin' });
    const secondHttp = await t.as(second);
    expect((await secondHttp.get('/users')).statusCode).toBe(200);

    expect((await (await t.as(admin)).patch(`/users/${second.id}`, { role: 'reviewer', version: second.version })).statusCode).toBe(200);

    expect((await secondHttp.get('/users')).statusCode).toBe(403);
    expect((await secondHttp.post('/clients', { name: 'Sneaky', legalName: 'Sneaky LLC', timeZone: 'UTC', fiscalYearEnd: '12-31', contacts: [] })).statusCode).toBe(403);
    expect((await secondHttp.get('/session')).json().abilities.manageUsers).toBe(false);
  });

  it('refuses an admin changing their own role, and changes nothing', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const auditBefore = (await auditEventsOf(t.db, firm.id)).length;

    const res = await (await t.as(admin)).patch(`/users/${admin.id}`, { role: 'partner', version: admin.version });

    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect(await freshUser(admin.id)).toMatchObject({ role: 'admin', version: admin.version });
    expect(await auditEventsOf(t.db, firm.id)).toHaveLength(auditBefore);
  });

  it('records a change of name or time zone as user.updated with only what changed', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: reviewer } = await buildUser(t.db, firm, { role: 'reviewer', name: 'Old Name' });

    const res = await (await t.as(admin)).patch(`/users/${reviewer.id}`, { name: 'New Name', timeZone: 'Asia/Kolkata', version: reviewer.version });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'New Name', timeZone: 'Asia/Kolkata', role: 'reviewer' });
    expect((await auditEventsOf(t.db, firm.id, 'user.updated'))[0]?.data).toEqual({
      before: { name: 'Old Name', timeZone: reviewer.timeZone },
      after: { name: 'New Name', timeZone: 'Asia/Kolkata' },
    });
    expect(await auditEventsOf(t.db, firm.id, 'user.role_changed')).toHaveLength(0);
  });

  it('refuses an edit made on a stale version and leaves the person as they were', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', name: 'Original' });
    const http = await t.as(admin);
    expect((await http.patch(`/users/${preparer.id}`, { name: 'First Edit', version: preparer.version })).statusCode).toBe(200);
    const auditBefore = (await auditEventsOf(t.db, firm.id)).length;

    const stale = await http.patch(`/users/${preparer.id}`, { role: 'reviewer', version: preparer.version });

    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect(await freshUser(preparer.id)).toMatchObject({ name: 'First Edit', role: 'preparer', version: preparer.version + 1 });
    expect(await auditEventsOf(t.db, firm.id)).toHaveLength(auditBefore);
  });
});

describe('account actions', () => {
  it('refuses an admin deactivating themselves', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const http = await t.as(admin);

    const res = await http.post(`/users/${admin.id}/deactivation`);

    expect(res.statusCode).toBe(403);
    expect((await freshUser(admin.id)).status).toBe('active');
    expect((await http.get('/session')).statusCode).toBe(200);
  });

  it('deactivates a person: their open sessions stop working at once, and the audit counts them', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer' });
    const laptop = await t.as(preparer);
    const phone = await t.as(preparer);
    expect((await laptop.get('/clients')).statusCode).toBe(200);

    const res = await (await t.as(admin)).post(`/users/${preparer.id}/deactivation`);

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'deactivated', abilities: { deactivate: false, reactivate: true } });
    expect((await laptop.get('/clients')).statusCode).toBe(401);
    expect((await phone.get('/session')).statusCode).toBe(401);
    expect(await liveSessions(preparer.id)).toBe(0);
    expect((await auditEventsOf(t.db, firm.id, 'user.deactivated'))[0]).toMatchObject({ actorId: admin.id, subjectId: preparer.id, data: { sessionsRevoked: 2 } });
    expect((await t.anon.post('/session', { email: preparer.email, password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it('reactivates a deactivated person, who can then sign in again', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', status: 'deactivated' });
    const http = await t.as(admin);

    const res = await http.post(`/users/${preparer.id}/reactivation`);

    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active');
    expect(await auditEventsOf(t.db, firm.id, 'user.reactivated')).toEqual([expect.objectContaining({ actorId: admin.id, subjectId: preparer.id })]);
    expect((await t.anon.post('/session', { email: preparer.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await http.post(`/users/${preparer.id}/reactivation`)).statusCode).toBe(403); // already active
  });

  it('resets MFA: the person has no second factor or recovery codes left and their sessions end', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: reviewer } = await buildUser(t.db, firm, { role: 'reviewer', mfa: true });
    await t.db.insertInto('mfaRecoveryCodes').values({ id: newId(), firmId: firm.id, userId: reviewer.id, codeHash: 'not-a-real-hash', usedAt: null }).execute();
    const reviewerHttp = await t.as(reviewer);

    const res = await (await t.as(admin)).post(`/users/${reviewer.id}/mfa-reset`);

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mfaEnabled: false, abilities: { resetMfa: false } });
    expect(await freshUser(reviewer.id)).toMatchObject({ mfaSecret: null, mfaEnabledAt: null, mfaPendingSecret: null });
    expect(await t.db.selectFrom('mfaRecoveryCodes').select('id').where('userId', '=', reviewer.id).execute()).toEqual([]);
    expect((await reviewerHttp.get('/session')).statusCode).toBe(401);
    expect((await auditEventsOf(t.db, firm.id, 'user.mfa_reset'))[0]).toMatchObject({ actorId: admin.id, subjectId: reviewer.id, data: { sessionsRevoked: 1 } });
    const signIn = await t.anon.post('/session', { email: reviewer.email, password: TEST_PASSWORD });
    expect(signIn.statusCode).toBe(200); // no code asked for any more
  });

  it('unlocks a locked account so the person can sign in at once, and refuses to unlock one that is not locked', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer' });
    await t.db
      .updateTable('users')
      .set({ lockedUntil: new Date(t.clock.now().getTime() + 15 * 60_000), failedSignIns: 4 })
      .where('id', '=', preparer.id)
      .execute();
    expect((await t.anon.post('/session', { email: preparer.email, password: TEST_PASSWORD })).json().code).toBe('account_locked');
    const http = await t.as(admin);
    expect((await http.get(`/users/${preparer.id}`)).json()).toMatchObject({ lockedUntil: expect.any(String), abilities: { unlock: true } });

    const res = await http.post(`/users/${preparer.id}/unlock`);

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ lockedUntil: null, abilities: { unlock: false } });
    expect(await freshUser(preparer.id)).toMatchObject({ lockedUntil: null, failedSignIns: 0 });
    expect(await auditEventsOf(t.db, firm.id, 'user.unlocked')).toEqual([expect.objectContaining({ actorId: admin.id, subjectId: preparer.id })]);
    expect((await t.anon.post('/session', { email: preparer.email, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await http.post(`/users/${preparer.id}/unlock`)).statusCode).toBe(403);
  });
});

describe('PUT /api/users/:id/client-access', () => {
  it('replaces the clients a person may see, records what was added and removed, and applies on their next request', async () => {
    const firm = await buildFirm(t.db);
    const keep = await buildClient(t.db, firm, { name: 'Keep' });
    const drop = await buildClient(t.db, firm, { name: 'Drop' });
    const add = await buildClient(t.db, firm, { name: 'Add' });
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', clients: [keep, drop] });
    const preparerHttp = await t.as(preparer);
    expect((await preparerHttp.get(`/clients/${drop.id}`)).statusCode).toBe(200);

    const res = await (await t.as(admin)).put(`/users/${preparer.id}/client-access`, { clientIds: [keep.id, add.id, add.id] });

    expect(res.statusCode).toBe(200);
    expect(res.json<UserDto>().clientAccess.map((a) => a.clientName)).toEqual(['Add', 'Keep']);
    expect(res.json().version).toBe(preparer.version + 1);
    expect(await accessOf(preparer.id)).toEqual([keep.id, add.id].sort());
    expect((await auditEventsOf(t.db, firm.id, 'user.client_access_changed'))[0]).toMatchObject({
      actorId: admin.id,
      subjectId: preparer.id,
      data: { added: [add.id], removed: [drop.id], expiresAt: null },
    });
    expect((await preparerHttp.get(`/clients/${drop.id}`)).statusCode).toBe(404);
    expect((await preparerHttp.get(`/clients/${add.id}`)).statusCode).toBe(200);
  });

  it("refuses an unknown client or another firm's client and changes nothing", async () => {
    const firm = await buildFirm(t.db);
    const other = await buildFirm(t.db);
    const own = await buildClient(t.db, firm);
    const foreign = await buildClient(t.db, other);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: preparer } = await buildUser(t.db, firm, { role: 'preparer', clients: [own] });
    const http = await t.as(admin);
    const auditBefore = (await auditEventsOf(t.db, firm.id)).length;

    for (const clientIds of [[own.id, foreign.id], [newId()]]) {
      const res = await http.put(`/users/${preparer.id}/client-access`, { clientIds });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'clientIds', message: 'contains an unknown client' }]);
    }

    expect(await accessOf(preparer.id)).toEqual([own.id]);
    expect((await freshUser(preparer.id)).version).toBe(preparer.version);
    expect(await auditEventsOf(t.db, firm.id)).toHaveLength(auditBefore);
  });

  it('refuses more than one client for a client user', async () => {
    const firm = await buildFirm(t.db);
    const first = await buildClient(t.db, firm);
    const second = await buildClient(t.db, firm);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: clientUser } = await buildUser(t.db, firm, { role: 'client', clients: [first] });
    const http = await t.as(admin);

    const res = await http.put(`/users/${clientUser.id}/client-access`, { clientIds: [first.id, second.id] });

    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('clientIds');
    expect(await accessOf(clientUser.id)).toEqual([first.id]);
    expect((await http.put(`/users/${clientUser.id}/client-access`, { clientIds: [second.id] })).statusCode).toBe(200);
    expect(await accessOf(clientUser.id)).toEqual([second.id]);
  });

  it("requires a future end date for an auditor's access, and the access ends then", async () => {
    const firm = await buildFirm(t.db);
    const client = await buildClient(t.db, firm, { name: 'Audited' });
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: auditor } = await buildUser(t.db, firm, { role: 'auditor' });
    const http = await t.as(admin);
    const now = t.clock.now().getTime();

    for (const expiresAt of [null, new Date(now - 60_000).toISOString()]) {
      const res = await http.put(`/users/${auditor.id}/client-access`, { clientIds: [client.id], expiresAt });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    expect(await accessOf(auditor.id)).toEqual([]);

    const end = new Date(now + 2 * DAY);
    const granted = await http.put(`/users/${auditor.id}/client-access`, { clientIds: [client.id], expiresAt: end.toISOString() });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().clientAccess).toEqual([{ clientId: client.id, clientName: 'Audited', expiresAt: end.toISOString() }]);
    expect((await auditEventsOf(t.db, firm.id, 'user.client_access_changed'))[0]?.data).toEqual({ added: [client.id], removed: [], expiresAt: end.toISOString() });
    expect((await (await t.as(auditor)).get(`/clients/${client.id}`)).statusCode).toBe(200);

    t.clock.advance(3 * DAY);
    expect((await (await t.as(auditor)).get(`/clients/${client.id}`)).statusCode).toBe(404);
  });

  it("ignores an end date for staff, whose access does not expire", async () => {
    const firm = await buildFirm(t.db);
    const client = await buildClient(t.db, firm);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const { user: reviewer } = await buildUser(t.db, firm, { role: 'reviewer' });

    const res = await (await t.as(admin)).put(`/users/${reviewer.id}/client-access`, { clientIds: [client.id], expiresAt: new Date(t.clock.now().getTime() + DAY).toISOString() });

    expect(res.statusCode).toBe(200);
    expect(res.json().clientAccess[0].expiresAt).toBeNull();
  });
});
