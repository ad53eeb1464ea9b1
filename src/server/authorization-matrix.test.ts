import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { ClientRow, FirmRow, Role, UserRow } from './db/schema';
import { buildClient, buildFirm, buildUser, TEST_PASSWORD } from './test/factories';
import { createTestApp, type HttpClient, type TestApp } from './test/test-app';
import { hashToken, newId, newSecret } from './ids';

/**
 * The authorization matrix: every registered route × every role (and anonymous) × whose object it
 * is (the actor's own client, another client of the same firm, another firm). The route table is
 * read from the server itself, so a new route without an entry here fails this test.
 */

type Who = Role | 'anonymous';
type Scope = 'own' | 'otherClient' | 'otherFirm';
/** ok: 2xx · denied: 403 · hidden: 404 · signIn: 401 · a number: that exact status. */
type Outcome = 'ok' | 'denied' | 'hidden' | 'signIn' | number;

interface World {
  firm: FirmRow;
  other: FirmRow;
  own: ClientRow;
  otherClient: ClientRow;
  foreign: ClientRow;
  users: Record<Role, UserRow>;
  foreignAdmin: UserRow;
}

interface Request {
  url: string;
  body?: unknown;
}

interface RouteCase {
  scopes?: Scope[];
  /** Builds the request for one attempt (fresh objects where the call consumes them). */
  request(w: World, scope: Scope, who: Who): Promise<Request> | Request;
  expect(who: Who, scope: Scope): Outcome;
}

const ROLES: Role[] = ['admin', 'partner', 'reviewer', 'preparer', 'client', 'auditor'];
const EVERYONE: Who[] = [...ROLES, 'anonymous'];

let t: TestApp;
let w: World;

const signedIn = (who: Who): Outcome => (who === 'anonymous' ? 'signIn' : 'ok');
const only =
  (...allowed: Role[]) =>
  (who: Who): Outcome =>
    who === 'anonymous' ? 'signIn' : allowed.includes(who) ? 'ok' : 'denied';
/** Objects of the firm's people: admin acts, partner only reads (403 on change), others cannot see them. */
const userObject =
  (partner: Outcome) =>
  (who: Who, scope: Scope): Outcome => {
    if (who === 'anonymous') {
      return 'signIn';
    }
    if (scope === 'otherFirm') {
      return 'hidden';
    }
    return who === 'admin' ? 'ok' : who === 'partner' ? partner : 'hidden';
  };
const clientScoped =
  (canChange: (who: Role) => boolean) =>
  (who: Who, scope: Scope): Outcome => {
    if (who === 'anonymous') {
      return 'signIn';
    }
    if (scope === 'otherFirm' || (scope === 'otherClient' && who !== 'admin')) {
      return 'hidden';
    }
    return canChange(who) ? 'ok' : 'denied';
  };

async function freshUser(firm: FirmRow, patch: Partial<UserRow> = {}): Promise<UserRow> {
  const { user } = await buildUser(t.db, firm, { role: 'preparer' });
  if (Object.keys(patch).length > 0) {
    return t.db.updateTable('users').set(patch).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow();
  }
  return user;
}

async function freshInvitation(firm: FirmRow, inviter: UserRow): Promise<{ id: string; token: string }> {
  const token = newSecret(32);
  const id = newId();
  await t.db
    .insertInto('invitations')
    .values({ id, firmId: firm.id, email: `invitee-${id.slice(-8)}@test.example`, name: 'Invitee', role: 'preparer', clientIds: '[]', accessExpiresAt: null, tokenHash: hashToken(token), invitedBy: inviter.id, expiresAt: new Date(Date.now() + 86_400_000), acceptedAt: null, acceptedUserId: null, revokedAt: null })
    .execute();
  return { id, token };
}

const firmOf = (scope: Scope) => (scope === 'otherFirm' ? w.other : w.firm);
const clientOf = (scope: Scope) => (scope === 'own' ? w.own : scope === 'otherClient' ? w.otherClient : w.foreign);
const targetUser = (scope: Scope, patch: Partial<UserRow> = {}) => freshUser(firmOf(scope), patch);

const matrix: Record<string, RouteCase> = {
  'GET /api/health': { request: () => ({ url: '/health' }), expect: () => 'ok' },
  'POST /api/session': {
    request: () => ({ url: '/session', body: { email: `nobody-${newId().slice(-8)}@test.example`, password: 'wrong' } }),
    expect: () => 401, // reachable without a session: the answer is about the credentials
  },
  'GET /api/session': { request: () => ({ url: '/session' }), expect: signedIn },
  'DELETE /api/session': { request: () => ({ url: '/session' }), expect: (who) => (who === 'anonymous' ? 'signIn' : 'ok') },
  'POST /api/session/mfa/enrolment': { request: () => ({ url: '/session/mfa/enrolment', body: {} }), expect: signedIn },
  'POST /api/session/mfa/confirmation': {
    request: () => ({ url: '/session/mfa/confirmation', body: { code: '000000' } }),
    expect: (who) => (who === 'anonymous' ? 'signIn' : 400), // signed-in: reaches validation of the code
  },
  'POST /api/session/password': {
    request: () => ({ url: '/session/password', body: { currentPassword: TEST_PASSWORD, newPassword: 'short' } }),
    expect: (who) => (who === 'anonymous' ? 'signIn' : 400),
  },
  'GET /api/clients': { request: () => ({ url: '/clients' }), expect: signedIn },
  'POST /api/clients': {
    request: () => ({ url: '/clients', body: { name: `New ${newId().slice(-8)}`, legalName: 'New LLC', timeZone: 'UTC', fiscalYearEnd: '12-31', contacts: [] } }),
    expect: only('admin'),
  },
  'GET /api/clients/:id': { scopes: ['own', 'otherClient', 'otherFirm'], request: (_, s) => ({ url: `/clients/${clientOf(s).id}` }), expect: clientScoped(() => true) },
  'PATCH /api/clients/:id': {
    scopes: ['own', 'otherClient', 'otherFirm'],
    async request(_, s) {
      const c = await t.db.selectFrom('clients').select(['id', 'version']).where('id', '=', clientOf(s).id).executeTakeFirstOrThrow();
      return { url: `/clients/${c.id}`, body: { legalName: `Renamed ${newId().slice(-6)}`, version: c.version } };
    },
    expect: clientScoped((who) => who === 'admin'),
  },
  'GET /api/users': { request: () => ({ url: '/users' }), expect: only('admin', 'partner') },
  'GET /api/users/:id': { scopes: ['own', 'otherFirm'], request: async (_, s) => ({ url: `/users/${(await targetUser(s)).id}` }), expect: userObject('ok') },
  'PATCH /api/users/:id': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/users/${(await targetUser(s)).id}`, body: { name: 'Changed Name', version: 1 } }),
    expect: userObject('denied'),
  },
  'PUT /api/users/:id/client-access': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/users/${(await targetUser(s)).id}/client-access`, body: { clientIds: [clientOf(s === 'otherFirm' ? 'otherFirm' : 'own').id], expiresAt: null } }),
    expect: userObject('denied'),
  },
  'POST /api/users/:id/deactivation': { scopes: ['own', 'otherFirm'], request: async (_, s) => ({ url: `/users/${(await targetUser(s)).id}/deactivation` }), expect: userObject('denied') },
  'POST /api/users/:id/reactivation': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/users/${(await targetUser(s, { status: 'deactivated' })).id}/reactivation` }),
    expect: userObject('denied'),
  },
  'POST /api/users/:id/mfa-reset': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/users/${(await targetUser(s, { mfaSecret: 'JBSWY3DPEHPK3PXP', mfaEnabledAt: new Date() })).id}/mfa-reset` }),
    expect: userObject('denied'),
  },
  'POST /api/users/:id/unlock': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/users/${(await targetUser(s, { lockedUntil: new Date(Date.now() + 3_600_000) })).id}/unlock` }),
    expect: userObject('denied'),
  },
  'GET /api/invitations': { request: () => ({ url: '/invitations' }), expect: only('admin') },
  'POST /api/invitations': {
    request: () => ({ url: '/invitations', body: { email: `new-${newId().slice(-8)}@test.example`, name: 'New Person', role: 'preparer', clientIds: [] } }),
    expect: only('admin'),
  },
  'DELETE /api/invitations/:id': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/invitations/${(await freshInvitation(firmOf(s), s === 'otherFirm' ? w.foreignAdmin : w.users.admin)).id}` }),
    expect: (who, s) => (who === 'anonymous' ? 'signIn' : who === 'admin' && s === 'own' ? 'ok' : 'hidden'),
  },
  'GET /api/invitation-tokens/:token': { request: async () => ({ url: `/invitation-tokens/${(await freshInvitation(w.firm, w.users.admin)).token}` }), expect: () => 'ok' },
  'POST /api/invitation-tokens/:token/acceptance': {
    request: async () => ({ url: `/invitation-tokens/${(await freshInvitation(w.firm, w.users.admin)).token}/acceptance`, body: { name: 'New Person', password: 'a long enough passphrase here' } }),
    expect: () => 'ok',
  },
  'GET /api/firm': { request: () => ({ url: '/firm' }), expect: signedIn },
  'PUT /api/firm/settings': {
    async request() {
      const firm = await t.db.selectFrom('firms').selectAll().where('id', '=', w.firm.id).executeTakeFirstOrThrow();
      return { url: '/firm/settings', body: { settings: firm.settings, version: firm.version } };
    },
    expect: only('admin'),
  },
  'GET /api/home': { request: () => ({ url: '/home' }), expect: signedIn },
  'GET /api/audit-events': { request: () => ({ url: '/audit-events' }), expect: only('admin', 'partner') },
};

beforeAll(async () => {
  t = await createTestApp();
  const firm = await buildFirm(t.db);
  const other = await buildFirm(t.db);
  const own = await buildClient(t.db, firm, { name: 'Own Client' });
  const otherClient = await buildClient(t.db, firm, { name: 'Other Client' });
  const foreign = await buildClient(t.db, other, { name: 'Foreign Client' });
  const users = {} as Record<Role, UserRow>; // filled for every role just below
  for (const role of ROLES) {
    const expiry = role === 'auditor' ? new Date(Date.now() + 30 * 86_400_000) : undefined;
    users[role] = (await buildUser(t.db, firm, { role, clients: role === 'admin' ? [] : [own], ...(expiry ? { accessExpiresAt: expiry } : {}) })).user;
  }
  const foreignAdmin = (await buildUser(t.db, other, { role: 'admin' })).user;
  w = { firm, other, own, otherClient, foreign, users, foreignAdmin };
});

afterAll(async () => {
  await t.close();
});

function classify(res: LightMyRequestResponse): Outcome {
  if (res.statusCode >= 200 && res.statusCode < 300) {
    return 'ok';
  }
  return ({ 401: 'signIn', 403: 'denied', 404: 'hidden' } as Record<number, Outcome>)[res.statusCode] ?? res.statusCode;
}

async function send(client: HttpClient, method: string, req: Request): Promise<LightMyRequestResponse> {
  switch (method) {
    case 'GET':
      return client.get(req.url);
    case 'POST':
      return client.post(req.url, req.body);
    case 'PUT':
      return client.put(req.url, req.body);
    case 'PATCH':
      return client.patch(req.url, req.body);
    case 'DELETE':
      return client.delete(req.url, req.body);
    default:
      throw new Error(`no sender for ${method}`);
  }
}

describe('authorization matrix', () => {
  it('has an entry for every registered route, and no entry for a route that does not exist', () => {
    const registered = t.app.routesTable.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered.filter((r) => !(r in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it('gives every registered route a policy tag', () => {
    expect(t.app.routesTable.filter((r) => !r.policy)).toEqual([]);
  });

  it('answers each role, on its own client, another client and another firm, as the matrix says', async () => {
    const mismatches: string[] = [];
    for (const [key, routeCase] of Object.entries(matrix)) {
      const [method = 'GET'] = key.split(' ');
      for (const scope of routeCase.scopes ?? (['own'] as Scope[])) {
        for (const who of EVERYONE) {
          const client = who === 'anonymous' ? t.anon : await t.as(w.users[who]);
          const req = await routeCase.request(w, scope, who);
          const res = await send(client, method, req);
          const expected = routeCase.expect(who, scope);
          const actual = classify(res);
          if (typeof expected === 'number' ? res.statusCode !== expected : actual !== expected) {
            mismatches.push(`${key} as ${who} on ${scope}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
          if (actual === 'hidden') {
            expect(res.body).not.toMatch(/Foreign Client|Other Client/); // a 404 leaks nothing about the object
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
