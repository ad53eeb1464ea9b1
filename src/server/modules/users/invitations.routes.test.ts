import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRow, FirmRow, Role, UserRow } from '../../db/schema';
import { hashToken } from '../../ids';
import { auditEventsOf, buildClient, buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type HttpClient, type TestApp } from '../../test/test-app';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/authentication';
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
const GOOD_PASSWORD = 'plum orchard under winter light';

interface Invited {
  token: string;
  invitationId: string;
  acceptUrl: string;
}

async function adminOf(firm: FirmRow): Promise<{ admin: UserRow; http: HttpClient }> {
  const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
  return { admin, http: await t.as(admin) };
}

async function invite(http: HttpClient, body: { email: string; role: Role; clientIds?: string[]; accessExpiresAt?: string | null; name?: string }): Promise<Invited> {
  const res = await http.post('/invitations', { name: 'Nina Newcomer', ...body });
  expect(res.statusCode).toBe(201);
  const json = res.json<{ token: string; acceptUrl: string; invitation: { id: string } }>();
  return { token: json.token, invitationId: json.invitation.id, acceptUrl: json.acceptUrl };
}

function uniqueEmail(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}@test.example`;
}

async function usersWithEmail(email: string): Promise<UserRow[]> {
  return t.db.selectFrom('users').selectAll().where('email', '=', email).execute();
}

function signedInAs(res: { cookies: Array<{ name: string; value: string }>; json(): { csrfToken: string } }): HttpClient {
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  return t.withCookies(cookies, res.json().csrfToken);
}

describe('POST /api/invitations', () => {
  it('returns a single-use link once and stores only the hash of its token', async () => {
    const firm = await buildFirm(t.db);
    const { admin, http } = await adminOf(firm);
    const email = uniqueEmail('new');

    const res = await http.post('/invitations', { email: email.toUpperCase(), name: 'Nina Newcomer', role: 'preparer' });

    expect(res.statusCode).toBe(201);
    const { token, acceptUrl, invitation } = res.json<{ token: string; acceptUrl: string; invitation: { id: string } }>();
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(acceptUrl).toMatch(new RegExp(`/invitation/${token}$`));
    expect(res.json().invitation).toMatchObject({ email, role: 'preparer', status: 'pending', invitedBy: admin.id, abilities: { read: true, revoke: true } });
    const stored = await t.db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toBe(token);
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - t.clock.now().getTime()).toBe(7 * DAY);
    expect((await auditEventsOf(t.db, firm.id, 'user.invited'))[0]).toMatchObject({ actorId: admin.id, subjectId: invitation.id, data: { email, role: 'preparer', clientIds: [] } });
    expect(JSON.stringify(await auditEventsOf(t.db, firm.id))).not.toContain(token);
  });

  it('refuses an e-mail address that already has an account, in any firm', async () => {
    const firm = await buildFirm(t.db);
    const other = await buildFirm(t.db);
    const { user: existing } = await buildUser(t.db, other, { role: 'preparer' });
    const { http } = await adminOf(firm);

    const res = await http.post('/invitations', { email: existing.email, name: 'Someone', role: 'preparer' });

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('email_taken');
    expect(await t.db.selectFrom('invitations').select('id').where('firmId', '=', firm.id).execute()).toEqual([]);
  });

  it('refuses a second pending invitation to the same address, but allows a new one once the first is revoked', async () => {
    const firm = await buildFirm(t.db);
    const { http } = await adminOf(firm);
    const email = uniqueEmail('twice');
    const first = await invite(http, { email, role: 'preparer' });

    const again = await http.post('/invitations', { email, name: 'Nina Again', role: 'reviewer' });

    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invitation_pending');
    expect((await http.delete(`/invitations/${first.invitationId}`)).statusCode).toBe(200);
    expect((await http.post('/invitations', { email, name: 'Nina Again', role: 'reviewer' })).statusCode).toBe(201);
  });

  it('requires exactly one client for a client user and an end date for an auditor', async () => {
    const firm = await buildFirm(t.db);
    const { http } = await adminOf(firm);
    const a = await buildClient(t.db, firm);
    const b = await buildClient(t.db, firm);

    const noClient = await http.post('/invitations', { email: uniqueEmail('c0'), name: 'Client User', role: 'client' });
    const twoClients = await http.post('/invitations', { email: uniqueEmail('c2'), name: 'Client User', role: 'client', clientIds: [a.id, b.id] });
    const auditorWithoutEnd = await http.post('/invitations', { email: uniqueEmail('au'), name: 'Auditor', role: 'auditor', clientIds: [a.id] });
    const auditorPastEnd = await http.post('/invitations', {
      email: uniqueEmail('au'),
      name: 'Auditor',
      role: 'auditor',
      clientIds: [a.id],
      accessExpiresAt: new Date(t.clock.now().getTime() - DAY).toISOString(),
    });

    expect(noClient.statusCode).toBe(400);
    expect(noClient.json().errors).toEqual([{ path: 'body.clientIds', message: 'a client user belongs to exactly one client' }]);
    expect(twoClients.statusCode).toBe(400);
    expect(twoClients.json().errors[0].path).toBe('body.clientIds');
    expect(auditorWithoutEnd.statusCode).toBe(400);
    expect(auditorWithoutEnd.json().errors).toEqual([{ path: 'body.accessExpiresAt', message: 'auditor access needs an end date' }]);
    expect(auditorPastEnd.statusCode).toBe(400);
    expect(auditorPastEnd.json().errors).toEqual([{ path: 'accessExpiresAt', message: 'must be in the future' }]);
    expect(await t.db.selectFrom('invitations').select('id').where('firmId', '=', firm.id).execute()).toEqual([]);
  });

  it("refuses a client of another firm", async () => {
    const firm = await buildFirm(t.db);
    const other = await buildFirm(t.db);
    const foreign = await buildClient(t.db, other);
    const { http } = await adminOf(firm);

    const res = await http.post('/invitations', { email: uniqueEmail('x'), name: 'Client User', role: 'client', clientIds: [foreign.id] });

    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'clientIds', message: 'contains an unknown client' }]);
  });
});

describe('GET /api/invitation-tokens/:token', () => {
  it('shows the firm, the role and the minimum password length for the firm’s MFA policy', async () => {
    const firm = await buildFirm(t.db, { name: 'Ledger & Sons', mfaRequiredRoles: ['reviewer'] });
    const { http } = await adminOf(firm);
    const preparer = await invite(http, { email: uniqueEmail('p'), role: 'preparer' });
    const reviewer = await invite(http, { email: uniqueEmail('r'), role: 'reviewer' });

    const withoutMfa = await t.anon.get(`/invitation-tokens/${preparer.token}`);
    const withMfa = await t.anon.get(`/invitation-tokens/${reviewer.token}`);

    expect(withoutMfa.statusCode).toBe(200);
    expect(withoutMfa.json()).toMatchObject({ firmName: 'Ledger & Sons', role: 'preparer', name: 'Nina Newcomer', minPasswordLength: 15, mfaRequired: false });
    expect(withMfa.json()).toMatchObject({ firmName: 'Ledger & Sons', role: 'reviewer', minPasswordLength: 8, mfaRequired: true });
  });

  it('answers 404 for a token that was never issued', async () => {
    const res = await t.anon.get(`/invitation-tokens/${'x'.repeat(43)}`);
    expect(res.statusCode).toBe(404);
  });
});

describe('POST /api/invitation-tokens/:token/acceptance', () => {
  async function invitedToClient(options: { role?: Role } = {}): Promise<{ firm: FirmRow; admin: UserRow; assigned: ClientRow; other: ClientRow; invited: Invited; email: string }> {
    const firm = await buildFirm(t.db);
    const { admin, http } = await adminOf(firm);
    const assigned = await buildClient(t.db, firm, { name: 'Assigned Client' });
    const other = await buildClient(t.db, firm, { name: 'Other Client' });
    const email = uniqueEmail('joiner');
    const invited = await invite(http, { email, role: options.role ?? 'preparer', clientIds: [assigned.id] });
    return { firm, admin, assigned, other, invited, email };
  }

  it('refuses a weak or common password, says why, and creates nobody', async () => {
    const { invited, email } = await invitedToClient();

    const short = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina Newcomer', password: 'short pass' });
    const common = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina Newcomer', password: '1qaz2wsx3edc4rfv' });
    const ownName = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina Newcomer', password: 'newcomer newcomer newcomer' });

    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([{ path: 'password', message: expect.stringContaining('at least 15 characters') }]);
    expect(common.statusCode).toBe(400);
    expect(common.json().errors).toEqual([{ path: 'password', message: expect.stringContaining('commonly used') }]);
    expect(ownName.statusCode).toBe(400);
    expect(ownName.json().errors).toEqual([{ path: 'password', message: expect.stringContaining('your name') }]);
    expect(await usersWithEmail(email)).toEqual([]);
    expect((await t.anon.get(`/invitation-tokens/${invited.token}`)).statusCode).toBe(200); // still usable
  });

  it('creates the account with the invited role and clients, signs the person in and records the acceptance', async () => {
    const { firm, admin, assigned, invited, email } = await invitedToClient();

    const res = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina N. Newcomer', password: GOOD_PASSWORD });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { email, name: 'Nina N. Newcomer', role: 'preparer', mfaEnabled: false }, firm: { id: firm.id }, mustEnrolMfa: false });
    expect(res.cookies.find((c) => c.name === SESSION_COOKIE)).toMatchObject({ httpOnly: true });
    expect(res.cookies.find((c) => c.name === CSRF_COOKIE)?.value).toBe(res.json().csrfToken);
    const [user, ...more] = await usersWithEmail(email);
    expect(more).toEqual([]);
    expect(user).toMatchObject({ firmId: firm.id, role: 'preparer', status: 'active', timeZone: 'Asia/Kolkata' }); // preparers work offshore
    const access = await t.db.selectFrom('clientAccess').selectAll().where('userId', '=', user?.id ?? '').execute();
    expect(access).toEqual([expect.objectContaining({ clientId: assigned.id, expiresAt: null, grantedBy: admin.id })]);
    expect(await auditEventsOf(t.db, firm.id, 'invitation.accepted')).toEqual([
      expect.objectContaining({ actorId: user?.id, subjectId: user?.id, data: { invitationId: invited.invitationId, email, role: 'preparer' } }),
    ]);
    expect((await signedInAs(res).get('/session')).json().user.id).toBe(user?.id);
  });

  it('lets the new person see only the assigned client, and answers 404 for another client of the firm', async () => {
    const { assigned, other, invited } = await invitedToClient({ role: 'reviewer' });
    const res = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina Newcomer', password: GOOD_PASSWORD });
    const http = signedInAs(res);

    const list = await http.get('/clients');

    expect(list.json<{ items: ClientDto[] }>().items.map((c) => c.id)).toEqual([assigned.id]);
    expect((await http.get(`/clients/${assigned.id}`)).statusCode).toBe(200);
    expect((await http.get(`/clients/${other.id}`)).statusCode).toBe(404);
  });

  it('gives an invited auditor access that ends on the invited date', async () => {
    const firm = await buildFirm(t.db);
    const { http } = await adminOf(firm);
    const client = await buildClient(t.db, firm);
    const end = new Date(t.clock.now().getTime() + 10 * DAY);
    const invited = await invite(http, { email: uniqueEmail('aud'), role: 'auditor', clientIds: [client.id], accessExpiresAt: end.toISOString() });

    const res = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Audrey Auditor', password: GOOD_PASSWORD });

    expect(res.statusCode).toBe(200);
    const access = await t.db.selectFrom('clientAccess').selectAll().where('userId', '=', res.json().user.id).execute();
    expect(access.map((a) => a.expiresAt?.toISOString())).toEqual([end.toISOString()]);
  });

  it('refuses a link that was already used, and opens no second account', async () => {
    const { invited, email } = await invitedToClient();
    expect((await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina Newcomer', password: GOOD_PASSWORD })).statusCode).toBe(200);

    const again = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Someone Else', password: GOOD_PASSWORD });

    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('invitation_used');
    expect(again.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect(await usersWithEmail(email)).toHaveLength(1);
    expect((await t.anon.get(`/invitation-tokens/${invited.token}`)).json().code).toBe('invitation_used');
  });

  it('refuses a link after its seven days', async () => {
    const { invited, email } = await invitedToClient();
    t.clock.advance(8 * DAY);

    const preview = await t.anon.get(`/invitation-tokens/${invited.token}`);
    const res = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina Newcomer', password: GOOD_PASSWORD });

    expect(preview.statusCode).toBe(410);
    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('invitation_expired');
    expect(await usersWithEmail(email)).toEqual([]);
  });

  it('refuses a revoked link', async () => {
    const firm = await buildFirm(t.db);
    const { admin, http } = await adminOf(firm);
    const email = uniqueEmail('revoked');
    const invited = await invite(http, { email, role: 'preparer' });
    const revoked = await http.delete(`/invitations/${invited.invitationId}`);
    expect(revoked.json()).toMatchObject({ status: 'revoked', abilities: { revoke: false } });
    expect((await auditEventsOf(t.db, firm.id, 'invitation.revoked'))[0]).toMatchObject({ actorId: admin.id, subjectId: invited.invitationId, data: { email } });

    const res = await t.anon.post(`/invitation-tokens/${invited.token}/acceptance`, { name: 'Nina Newcomer', password: GOOD_PASSWORD });

    expect(res.statusCode).toBe(410);
    expect(res.json().code).toBe('invitation_used');
    expect(await usersWithEmail(email)).toEqual([]);
  });

  it('lets exactly one of two simultaneous acceptances of the same link through', async () => {
    const { firm, invited, email } = await invitedToClient();
    const url = `/invitation-tokens/${invited.token}/acceptance`;

    const results = await Promise.all([t.anon.post(url, { name: 'Tab One', password: GOOD_PASSWORD }), t.anon.post(url, { name: 'Tab Two', password: GOOD_PASSWORD })]);

    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    expect(results.find((r) => r.statusCode === 410)?.json().code).toBe('invitation_used');
    expect(await usersWithEmail(email)).toHaveLength(1);
    expect(await auditEventsOf(t.db, firm.id, 'invitation.accepted')).toHaveLength(1);
  });
});
