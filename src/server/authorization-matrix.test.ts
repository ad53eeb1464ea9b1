import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRow, FirmRow, Role, TaskRow, UserRow, WorkflowRow } from './db/schema';
import { buildBankAccount, buildClient, buildFirm, buildTask, buildUser, buildWorkflows, TEST_PASSWORD, type LibraryKey } from './test/factories';
import { createTestApp, type HttpClient, type TestApp } from './test/test-app';
import { buildMatrixRecs, freshMatch, freshPair, freshRecTask, freshRule, freshSuggestion, type MatrixRecs } from './test/reconciliation';
import { openEventStream } from './test/event-stream';
import { multipartFile, SMALL_PDF } from './test/multipart';
import { driveTask, mustTransition, taskVersion, uploadPdf } from './test/tracker';
import { hashToken, newId, newSecret } from './ids';
import { importForm } from './modules/imports/imports.test-helpers';
import type { TaskDetailDto } from '../shared/tasks';

/**
 * The authorization matrix: every registered route × every role (and anonymous) × whose object it
 * is (the actor's own client, another client of the same firm, another firm). The route table is
 * read from the server itself, so a new route without an entry here fails this test.
 */

type Who = Role | 'anonymous';
/** Whose object: the actor's own client, another client of the firm, another firm; `otherUser`: a personal object of someone else in the firm. */
type Scope = 'own' | 'otherClient' | 'otherFirm' | 'otherUser';
type Place = Exclude<Scope, 'otherUser'>;
/** ok: 2xx · denied: 403 · hidden: 404 · signIn: 401 · a number: that exact status · { status, code }: that status with that problem code. */
type Outcome = 'ok' | 'denied' | 'hidden' | 'signIn' | number | { status: number; code: string };

/** The people working on one place's client: its preparer, its reviewer, and a second reviewer to reassign to. */
interface Team {
  preparer: UserRow;
  reviewer: UserRow;
  altReviewer: UserRow;
}

interface World {
  firm: FirmRow;
  other: FirmRow;
  own: ClientRow;
  otherClient: ClientRow;
  foreign: ClientRow;
  users: Record<Role, UserRow>;
  foreignAdmin: UserRow;
  /** The workflow library of the firm (`own`) and of the other firm. */
  workflows: Record<'own' | 'otherFirm', Record<LibraryKey, WorkflowRow>>;
  teams: Record<Place, Team>;
  /** Per place: a task in progress (files go to it), one ready for review (notes go on it), a file of the first, a service. */
  working: Record<Place, TaskRow>;
  inReview: Record<Place, TaskRow>;
  documentIds: Record<Place, string>;
  serviceIds: Record<Place, string>;
}

interface Request {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Answer {
  statusCode: number;
  body: string;
}

interface RouteCase {
  /** What this case tries, when a route has several (e.g. two transitions). */
  label?: string;
  scopes?: Scope[];
  /** Builds the request for one attempt (fresh objects where the call consumes them). */
  request(w: World, scope: Scope, who: Who): Promise<Request> | Request;
  expect(who: Who, scope: Scope): Outcome;
  /** Sends the request another way than `inject` (an endless event stream). */
  send?(client: HttpClient, req: Request): Promise<Answer>;
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
const clientOf = (scope: Scope) => (scope === 'otherClient' ? w.otherClient : scope === 'otherFirm' ? w.foreign : w.own);
const placeOf = (scope: Scope): Place => (scope === 'otherUser' ? 'own' : scope);
const targetUser = (scope: Scope, patch: Partial<UserRow> = {}) => freshUser(firmOf(scope), patch);
const refused = (code: string): Outcome => ({ status: 403, code });

/**
 * The work of one client (tasks, their files, services). The firm's people assigned to the
 * client answer as `onClient` says (a role left out: 403); on another client of the firm only
 * the admin sees the object, and gets the same answer; client users never see the firm's work;
 * another firm's objects are hidden from everyone.
 */
const clientWork =
  (onClient: Partial<Record<Role, Outcome>>) =>
  (who: Who, scope: Scope): Outcome => {
    if (who === 'anonymous') {
      return 'signIn';
    }
    if (scope === 'otherFirm' || who === 'client' || (scope === 'otherClient' && who !== 'admin')) {
      return 'hidden';
    }
    return onClient[who] ?? 'denied';
  };
/** Firm-wide objects of the staff (workflows): `onFirm` for staff; hidden from client users, auditors and other firms. */
const staffObject =
  (onFirm: Partial<Record<Role, Outcome>>) =>
  (who: Who, scope: Scope): Outcome => {
    if (who === 'anonymous') {
      return 'signIn';
    }
    if (scope === 'otherFirm' || who === 'client' || who === 'auditor') {
      return 'hidden';
    }
    return onFirm[who] ?? 'denied';
  };

const sessions = new Map<string, HttpClient>();
/** A signed-in client for driving the world's tasks (one session per person). */
async function sessionOf(user: UserRow): Promise<HttpClient> {
  const known = sessions.get(user.id);
  if (known) {
    return known;
  }
  const http = await t.as(user);
  sessions.set(user.id, http);
  return http;
}

const journalOf = (place: Place) => w.workflows[place === 'otherFirm' ? 'otherFirm' : 'own']['journal-entries'];

/** A new not-started task of a place, prepared and reviewed by that place's team. */
function freshTask(scope: Scope): Promise<TaskRow> {
  const place = placeOf(scope);
  const team = w.teams[place];
  return buildTask(t.db, { firm: firmOf(place), client: clientOf(place), workflow: journalOf(place), preparer: team.preparer, reviewer: team.reviewer });
}

/** A new task of a place, moved to `to` through the API by its own preparer and reviewer. */
async function taskAt(scope: Scope, to: 'in_progress' | 'ready_for_review'): Promise<TaskRow> {
  const task = await freshTask(scope);
  const team = w.teams[placeOf(scope)];
  await driveTask(t.db, task.id, to, { preparer: await sessionOf(team.preparer), reviewer: await sessionOf(team.reviewer) });
  return task;
}

/** A new open review note, written by the place's reviewer on its task in review. */
async function freshNote(scope: Scope): Promise<{ taskId: string; noteId: string }> {
  const place = placeOf(scope);
  const task = w.inReview[place];
  const res = await (await sessionOf(w.teams[place].reviewer)).post(`/tasks/${task.id}/notes`, { category: 'other', body: `Note ${newId().slice(-8)}` });
  const note = res.statusCode === 200 ? res.json<TaskDetailDto>().notes.at(-1) : undefined;
  if (!note) {
    throw new Error(`could not add a note: ${res.body}`);
  }
  return { taskId: task.id, noteId: note.id };
}

/** A new client of the firm, with the world's people assigned to it exactly as to the own client. */
async function freshOwnClient(): Promise<ClientRow> {
  const client = await buildClient(t.db, w.firm, { name: `Fresh ${newId().slice(-8)}` });
  const people = [w.users.partner, w.users.reviewer, w.users.preparer, w.users.client, w.users.auditor];
  await t.db
    .insertInto('clientAccess')
    .values(people.map((u) => ({ firmId: w.firm.id, userId: u.id, clientId: client.id, expiresAt: u.role === 'auditor' ? new Date(Date.now() + 30 * 86_400_000) : null, grantedBy: null })))
    .execute();
  return client;
}

let months = 0;
/** A month nothing has used yet (a firm has one spot-check per month). */
const freshMonth = () => {
  months += 1;
  return `${2100 + Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
};

/** A drawn spot-check with one unconcluded item: the place's task in review. */
async function freshSpotCheckItem(scope: Scope): Promise<{ spotCheckId: string; itemId: string }> {
  const place = placeOf(scope);
  const firm = firmOf(place);
  const spotCheckId = newId();
  const itemId = newId();
  await t.db.insertInto('spotChecks').values({ id: spotCheckId, firmId: firm.id, month: freshMonth(), seed: 'matrix', ratePercent: 10, minimum: 1, population: 1, drawnBy: null, drawnAt: new Date() }).execute();
  await t.db.insertInto('spotCheckItems').values({ id: itemId, firmId: firm.id, spotCheckId, taskId: w.inReview[place].id, weight: 1, result: null, findings: null, concludedBy: null, concludedAt: null }).execute();
  return { spotCheckId, itemId };
}

/** A saved view of the actor (`own`), of someone else in the firm (`otherUser`), or of a person of another firm. */
async function freshView(scope: Scope, who: Who): Promise<string> {
  const owner = scope === 'otherFirm' ? w.foreignAdmin : scope === 'own' && who !== 'anonymous' ? w.users[who] : w.teams.own.altReviewer;
  const id = newId();
  await t.db.insertInto('savedViews').values({ id, firmId: owner.firmId, userId: owner.id, name: `View ${id.slice(-8)}`, query: JSON.stringify({ status: 'in_progress' }) }).execute();
  return id;
}

/** Opens the event stream on a real port, reads only the status (and a refusal's body), and hangs up. */
async function sendToStream(client: HttpClient, req: Request): Promise<Answer> {
  const stream = await openEventStream(`${await t.baseUrl()}/api${req.url}`, client.cookieHeader);
  stream.close();
  if (stream.status === 200 && !stream.headers.get('content-type')?.startsWith('text/event-stream')) {
    return { statusCode: 500, body: `not an event stream: ${stream.headers.get('content-type') ?? ''}` };
  }
  return { statusCode: stream.status, body: stream.body };
}

const PLACES: Place[] = ['own', 'otherClient', 'otherFirm'];
const STAFF_AND_AUDITOR_READ: Partial<Record<Role, Outcome>> = { admin: 'ok', partner: 'ok', reviewer: 'ok', preparer: 'ok', auditor: 'ok' };

const matrix: Record<string, RouteCase | RouteCase[]> = {
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

  'GET /api/tasks': { request: () => ({ url: '/tasks' }), expect: only('admin', 'partner', 'reviewer', 'preparer', 'auditor') },
  'GET /api/tasks/:id': { scopes: PLACES, request: (_, s) => ({ url: `/tasks/${w.working[placeOf(s)].id}` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'GET /api/tasks/:id/timeline': { scopes: PLACES, request: (_, s) => ({ url: `/tasks/${w.working[placeOf(s)].id}/timeline` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'POST /api/tasks/:id/transitions': [
    {
      label: 'start a not-started task',
      scopes: PLACES,
      async request(_, s) {
        const task = await freshTask(s);
        return { url: `/tasks/${task.id}/transitions`, body: { action: 'start', version: task.version } };
      },
      expect: clientWork({ preparer: 'ok', reviewer: refused('not_your_task'), partner: refused('not_your_task'), admin: refused('not_your_task'), auditor: refused('forbidden') }),
    },
    {
      label: 'approve a task ready for review',
      scopes: PLACES,
      async request(_, s) {
        const task = await taskAt(s, 'ready_for_review');
        return { url: `/tasks/${task.id}/transitions`, body: { action: 'approve', version: await taskVersion(t.db, task.id) } };
      },
      expect: clientWork({ reviewer: 'ok', partner: 'ok', preparer: refused('segregation_of_duties'), admin: refused('not_your_task'), auditor: refused('forbidden') }),
    },
  ],
  'PATCH /api/tasks/:id': {
    scopes: PLACES,
    async request(_, s) {
      const task = await freshTask(s);
      return { url: `/tasks/${task.id}`, body: { priority: 'high', version: task.version } };
    },
    expect: clientWork({ admin: 'ok', partner: 'ok', reviewer: 'ok', preparer: 'ok' }),
  },
  'PUT /api/tasks/:id/assignment': {
    scopes: PLACES,
    async request(_, s) {
      const task = await freshTask(s);
      return { url: `/tasks/${task.id}/assignment`, body: { reviewerId: w.teams[placeOf(s)].altReviewer.id, reason: 'Workload', version: task.version } };
    },
    expect: clientWork({ admin: 'ok', partner: 'ok' }),
  },
  'PUT /api/tasks/:id/checklist/:itemId': {
    scopes: PLACES,
    async request(_, s) {
      const task = await taskAt(s, 'in_progress');
      const item = await t.db.selectFrom('taskChecklistItems').select(['id', 'version']).where('taskId', '=', task.id).where('evidence', '=', 'none').executeTakeFirstOrThrow();
      return { url: `/tasks/${task.id}/checklist/${item.id}`, body: { completed: true, version: item.version } };
    },
    expect: clientWork({ preparer: 'ok' }),
  },
  'POST /api/tasks/:id/notes': {
    scopes: PLACES,
    request: (_, s) => ({ url: `/tasks/${w.inReview[placeOf(s)].id}/notes`, body: { category: 'calculation_error', body: 'The total is off by 10.' } }),
    expect: clientWork({ reviewer: 'ok', partner: 'ok' }),
  },
  'POST /api/tasks/:id/notes/:noteId/response': {
    scopes: PLACES,
    async request(_, s) {
      const { taskId, noteId } = await freshNote(s);
      return { url: `/tasks/${taskId}/notes/${noteId}/response`, body: { response: 'Fixed.', version: 1 } };
    },
    expect: clientWork({ preparer: 'ok' }),
  },
  'POST /api/tasks/:id/notes/:noteId/clearance': {
    scopes: PLACES,
    async request(_, s) {
      const { taskId, noteId } = await freshNote(s);
      return { url: `/tasks/${taskId}/notes/${noteId}/clearance`, body: { version: 1 } };
    },
    expect: clientWork({ reviewer: 'ok', partner: 'ok' }),
  },
  'GET /api/tracker/events': { request: () => ({ url: '/tracker/events' }), expect: only('admin', 'partner', 'reviewer', 'preparer', 'auditor'), send: sendToStream },
  'POST /api/tasks/:id/documents': {
    scopes: PLACES,
    request(_, s) {
      const { payload, headers } = multipartFile('statement.pdf', SMALL_PDF, { contentType: 'application/pdf' });
      return { url: `/tasks/${w.working[placeOf(s)].id}/documents`, body: payload, headers };
    },
    expect: clientWork({ preparer: 'ok' }),
  },
  'GET /api/documents/:id/content': { scopes: PLACES, request: (_, s) => ({ url: `/documents/${w.documentIds[placeOf(s)]}/content` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },

  'GET /api/workflows': { request: () => ({ url: '/workflows' }), expect: only('admin', 'partner', 'reviewer', 'preparer') },
  'GET /api/workflows/:id': {
    scopes: ['own', 'otherFirm'],
    request: (_, s) => ({ url: `/workflows/${w.workflows[s === 'otherFirm' ? 'otherFirm' : 'own']['bank-reconciliation'].id}` }),
    expect: staffObject({ admin: 'ok', partner: 'ok', reviewer: 'ok', preparer: 'ok' }),
  },
  'POST /api/workflows/:id/checklist-versions': {
    scopes: ['own', 'otherFirm'],
    async request(_, s) {
      const id = w.workflows[s === 'otherFirm' ? 'otherFirm' : 'own']['audit-pbc'].id;
      const { version } = await t.db.selectFrom('workflowTemplates').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      return { url: `/workflows/${id}/checklist-versions`, body: { items: [{ key: 'tracker', text: 'PBC tracker attached', evidence: 'attachment' }], changeNote: 'Shorter list', version } };
    },
    expect: staffObject({ admin: 'ok', partner: 'ok' }),
  },
  'GET /api/services': { request: () => ({ url: '/services' }), expect: only('admin', 'partner', 'reviewer', 'preparer') },
  'POST /api/services': {
    async request() {
      const client = await freshOwnClient();
      return {
        url: '/services',
        body: { clientId: client.id, workflowId: w.workflows.own['bank-reconciliation'].id, frequency: 'monthly', dueRule: { kind: 'business_days', days: 5 }, preparerId: w.users.preparer.id, reviewerId: w.users.reviewer.id, startsOn: '2026-01-01' },
      };
    },
    expect: only('admin', 'partner'),
  },
  'PATCH /api/services/:id': {
    scopes: PLACES,
    async request(_, s) {
      const id = w.serviceIds[placeOf(s)];
      const { version } = await t.db.selectFrom('services').select('version').where('id', '=', id).executeTakeFirstOrThrow();
      return { url: `/services/${id}`, body: { priority: 'high', version } };
    },
    expect: clientWork({ admin: 'ok', partner: 'ok', auditor: 'hidden' }),
  },
  'POST /api/task-generation': { request: () => ({ url: '/task-generation', body: { asOf: '2000-01-31' } }), expect: only('admin', 'partner') },
  'GET /api/holidays': { request: () => ({ url: '/holidays' }), expect: only('admin', 'partner', 'reviewer', 'preparer') },
  'PUT /api/holidays': { request: () => ({ url: '/holidays', body: { holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] } }), expect: only('admin') },
  'GET /api/spot-checks': { request: () => ({ url: '/spot-checks?month=2026-01' }), expect: only('admin', 'partner', 'reviewer') },
  'POST /api/spot-checks': { request: () => ({ url: '/spot-checks', body: { month: freshMonth() } }), expect: only('admin', 'partner') },
  'POST /api/spot-checks/:id/items/:itemId/conclusion': {
    scopes: PLACES,
    async request(_, s) {
      const { spotCheckId, itemId } = await freshSpotCheckItem(s);
      return { url: `/spot-checks/${spotCheckId}/items/${itemId}/conclusion`, body: { result: 'pass', version: 1 } };
    },
    // Only partners conclude (anyone else: 403 before anything is looked up); a sampled task the partner cannot see is hidden.
    expect: (who, s) => (who === 'anonymous' ? 'signIn' : who !== 'partner' ? 'denied' : s === 'own' ? 'ok' : 'hidden'),
  },
  'GET /api/saved-views': { request: () => ({ url: '/saved-views' }), expect: signedIn },
  'POST /api/saved-views': { request: () => ({ url: '/saved-views', body: { name: `Mine ${newId().slice(-8)}`, query: { queue: 'prepare' } } }), expect: signedIn },
  'DELETE /api/saved-views/:id': {
    scopes: ['own', 'otherUser', 'otherFirm'],
    request: async (_, s, who) => ({ url: `/saved-views/${await freshView(s, who)}` }),
    expect: (who, s) => (who === 'anonymous' ? 'signIn' : s === 'own' ? 'ok' : 'hidden'),
  },

  // Bank accounts, imports and jobs: everyone who sees the client sees its accounts; the staff on
  // it set them up and import; the imported files and lines are hidden from client users (403:
  // they see the account itself); import presets are the staff's; a job is its client's.
  'GET /api/clients/:id/bank-accounts': { scopes: PLACES, request: (_, s) => ({ url: `/clients/${clientOf(s).id}/bank-accounts` }), expect: clientScoped(() => true) },
  'POST /api/clients/:id/bank-accounts': {
    scopes: PLACES,
    request: (_, s) => ({ url: `/clients/${clientOf(s).id}/bank-accounts`, body: { name: `Account ${newId().slice(-8)}`, currency: 'USD' } }),
    expect: clientScoped(isStaff),
  },
  'GET /api/bank-accounts/:id': { scopes: PLACES, request: (_, s) => ({ url: `/bank-accounts/${bankAccountIds[placeOf(s)]}` }), expect: clientScoped(() => true) },
  'PATCH /api/bank-accounts/:id': {
    scopes: PLACES,
    async request(_, s) {
      const account = await t.db.selectFrom('bankAccounts').select(['id', 'version']).where('id', '=', bankAccountIds[placeOf(s)]).executeTakeFirstOrThrow();
      return { url: `/bank-accounts/${account.id}`, body: { glAccount: `1010 ${newId().slice(-6)}`, version: account.version } };
    },
    expect: clientScoped(isStaff),
  },
  'POST /api/bank-accounts/:id/imports': { scopes: PLACES, request: (_, s) => importRequest(`/bank-accounts/${bankAccountIds[placeOf(s)]}/imports`), expect: clientScoped(isStaff) },
  'POST /api/bank-accounts/:id/imports/preview': { scopes: PLACES, request: (_, s) => importRequest(`/bank-accounts/${bankAccountIds[placeOf(s)]}/imports/preview`), expect: clientScoped(isStaff) },
  'GET /api/bank-accounts/:id/imports': { scopes: PLACES, request: (_, s) => ({ url: `/bank-accounts/${bankAccountIds[placeOf(s)]}/imports` }), expect: clientScoped((who) => who !== 'client') },
  'GET /api/bank-accounts/:id/lines': { scopes: PLACES, request: (_, s) => ({ url: `/bank-accounts/${bankAccountIds[placeOf(s)]}/lines?side=bank` }), expect: clientScoped((who) => who !== 'client') },
  'GET /api/import-presets': { request: () => ({ url: '/import-presets' }), expect: only('admin', 'partner', 'reviewer', 'preparer') },
  'POST /api/import-presets': { request: () => ({ url: '/import-presets', body: { name: `Preset ${newId().slice(-8)}`, side: 'bank', mapping: MATRIX_MAPPING } }), expect: only('admin', 'partner', 'reviewer', 'preparer') },
  'DELETE /api/import-presets/:id': {
    scopes: ['own', 'otherUser', 'otherFirm'],
    request: async (_, s, who) => ({ url: `/import-presets/${await freshPreset(s, who)}` }),
    // The staff delete their own presets; someone else's only as reviewer, partner or admin.
    expect: (who, s) => (who === 'anonymous' ? 'signIn' : s === 'otherFirm' || !isStaff(who) ? 'hidden' : s === 'otherUser' && who === 'preparer' ? 'denied' : 'ok'),
  },
  'GET /api/jobs/:id': { scopes: PLACES, request: async (_, s) => ({ url: `/jobs/${await freshJob(s)}` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'POST /api/jobs/:id/cancel': { scopes: PLACES, request: async (_, s) => ({ url: `/jobs/${await freshJob(s)}/cancel` }), expect: clientWork({ admin: 'ok', partner: 'ok', reviewer: 'ok', preparer: 'ok' }) },

  // Bank reconciliations: the staff on the client read them (auditors: approved ones only), the
  // task's preparer works a draft, its reviewer or a partner who did not prepare it approves
  // adjustments; client users never see them. Matching rules: staff read, admins and partners change.
  'POST /api/tasks/:id/reconciliation': {
    scopes: PLACES,
    async request(_, s) {
      const { taskId, accountId } = await freshRecTask(t, recPlace(s));
      return { url: `/tasks/${taskId}/reconciliation`, body: { bankAccountId: accountId } };
    },
    expect: clientWork({ preparer: 'ok' }),
  },
  'GET /api/tasks/:id/reconciliation': { scopes: PLACES, request: (_, s) => ({ url: `/tasks/${recs[placeOf(s)].approvedTaskId}/reconciliation` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'GET /api/reconciliations/:id': { scopes: PLACES, request: (_, s) => ({ url: `/reconciliations/${recs[placeOf(s)].approvedId}` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'PATCH /api/reconciliations/:id': {
    scopes: PLACES,
    async request(_, s) {
      const { id, version } = await t.db.selectFrom('reconciliations').select(['id', 'version']).where('id', '=', recs[placeOf(s)].draftId).executeTakeFirstOrThrow();
      return { url: `/reconciliations/${id}`, body: { bookBalanceMinor: 100, version } };
    },
    expect: clientWork({ preparer: 'ok', auditor: 'hidden' }),
  },
  'GET /api/reconciliations/:id/lines': { scopes: PLACES, request: (_, s) => ({ url: `/reconciliations/${recs[placeOf(s)].approvedId}/lines?side=bank` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'POST /api/reconciliations/:id/match-runs': { scopes: PLACES, request: (_, s) => ({ url: `/reconciliations/${recs[placeOf(s)].draftId}/match-runs`, body: {} }), expect: clientWork({ preparer: 'ok', auditor: 'hidden' }) },
  'POST /api/reconciliations/:id/matches': {
    scopes: PLACES,
    async request(_, s) {
      const place = placeOf(s);
      const pair = await freshPair(t, recs[place], { firmId: firmOf(place).id, clientId: clientOf(place).id });
      return { url: `/reconciliations/${recs[place].draftId}/matches`, body: { bankLineIds: [pair.bank], ledgerLineIds: [pair.ledger] } };
    },
    expect: clientWork({ preparer: 'ok', auditor: 'hidden' }),
  },
  'POST /api/reconciliations/:id/suggestions/accept': {
    scopes: PLACES,
    async request(_, s) {
      const place = placeOf(s);
      return { url: `/reconciliations/${recs[place].draftId}/suggestions/accept`, body: { key: await freshSuggestion(t, recs[place], { firmId: firmOf(place).id, clientId: clientOf(place).id }) } };
    },
    expect: clientWork({ preparer: 'ok', auditor: 'hidden' }),
  },
  'POST /api/reconciliations/:id/matches/:matchId/remove': {
    scopes: PLACES,
    async request(_, s) {
      const place = placeOf(s);
      const matchId = await freshMatch(t, recs[place], { firmId: firmOf(place).id, clientId: clientOf(place).id });
      return { url: `/reconciliations/${recs[place].draftId}/matches/${matchId}/remove`, body: { note: 'Wrong pair' } };
    },
    expect: clientWork({ preparer: 'ok', auditor: 'hidden' }),
  },
  'POST /api/reconciliations/:id/matches/:matchId/approve-adjustment': {
    scopes: PLACES,
    async request(_, s) {
      const place = placeOf(s);
      const matchId = await freshMatch(t, recs[place], { firmId: firmOf(place).id, clientId: clientOf(place).id }, true);
      return { url: `/reconciliations/${recs[place].draftId}/matches/${matchId}/approve-adjustment`, body: {} };
    },
    expect: clientWork({ reviewer: 'ok', partner: 'ok', preparer: refused('segregation_of_duties'), auditor: 'hidden' }),
  },
  'PUT /api/reconciliations/:id/items/:lineId/note': {
    scopes: PLACES,
    request: (_, s) => ({ url: `/reconciliations/${recs[placeOf(s)].draftId}/items/${recs[placeOf(s)].lineId}/note`, body: { note: 'Check mailed on the 9th' } }),
    expect: clientWork({ preparer: 'ok', auditor: 'hidden' }),
  },
  'GET /api/reconciliations/:id/rule-proposals': { scopes: PLACES, request: (_, s) => ({ url: `/reconciliations/${recs[placeOf(s)].approvedId}/rule-proposals` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'GET /api/reconciliations/:id/workpaper.pdf': { scopes: PLACES, request: (_, s) => ({ url: `/reconciliations/${recs[placeOf(s)].approvedId}/workpaper.pdf` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'GET /api/reconciliations/:id/workpaper.xlsx': { scopes: PLACES, request: (_, s) => ({ url: `/reconciliations/${recs[placeOf(s)].approvedId}/workpaper.xlsx` }), expect: clientWork(STAFF_AND_AUDITOR_READ) },
  'GET /api/reconciliation-rules': { request: () => ({ url: '/reconciliation-rules' }), expect: only('admin', 'partner', 'reviewer', 'preparer') },
  'POST /api/reconciliation-rules': { request: () => ({ url: '/reconciliation-rules', body: { name: `Fees ${newId().slice(-8)}`, descriptionContains: 'SERVICE CHARGE', kind: 'adjustment', reasonCode: 'bank_fee' } }), expect: only('admin', 'partner') },
  'PATCH /api/reconciliation-rules/:id': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/reconciliation-rules/${await freshRule(t, firmOf(s).id)}`, body: { active: false, version: 1 } }),
    expect: staffObject({ admin: 'ok', partner: 'ok' }),
  },
  'DELETE /api/reconciliation-rules/:id': {
    scopes: ['own', 'otherFirm'],
    request: async (_, s) => ({ url: `/reconciliation-rules/${await freshRule(t, firmOf(s).id)}?version=1` }),
    expect: staffObject({ admin: 'ok', partner: 'ok' }),
  },
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
  const teamOf = async (f: FirmRow, client: ClientRow): Promise<Team> => ({
    preparer: (await buildUser(t.db, f, { role: 'preparer', clients: [client] })).user,
    reviewer: (await buildUser(t.db, f, { role: 'reviewer', clients: [client] })).user,
    altReviewer: (await buildUser(t.db, f, { role: 'reviewer', clients: [client] })).user,
  });
  const teams: Record<Place, Team> = {
    own: { preparer: users.preparer, reviewer: users.reviewer, altReviewer: (await buildUser(t.db, firm, { role: 'reviewer', clients: [own] })).user },
    otherClient: await teamOf(firm, otherClient),
    otherFirm: await teamOf(other, foreign),
  };
  const workflows = { own: await buildWorkflows(t.db, firm), otherFirm: await buildWorkflows(t.db, other) };
  // The per-place objects are made just below, through the API, by each place's own people.
  w = { firm, other, own, otherClient, foreign, users, foreignAdmin, workflows, teams, working: {} as World['working'], inReview: {} as World['inReview'], documentIds: {} as World['documentIds'], serviceIds: {} as World['serviceIds'] };
  for (const place of PLACES) {
    w.working[place] = await taskAt(place, 'in_progress');
    w.inReview[place] = await taskAt(place, 'ready_for_review');
    w.documentIds[place] = await uploadPdf(await sessionOf(teams[place].preparer), w.working[place].id);
    const admin = await sessionOf(place === 'otherFirm' ? foreignAdmin : users.admin);
    const res = await admin.post('/services', {
      clientId: clientOf(place).id,
      workflowId: journalOf(place).id,
      frequency: 'monthly',
      dueRule: { kind: 'business_days', days: 3 },
      preparerId: teams[place].preparer.id,
      reviewerId: teams[place].reviewer.id,
      startsOn: '2026-01-01',
    });
    if (res.statusCode !== 201) {
      throw new Error(`could not create the ${place} service: ${res.body}`);
    }
    w.serviceIds[place] = res.json<{ id: string }>().id;
  }
  // The own task in progress also has a block in its timeline.
  await mustTransition(await sessionOf(teams.own.preparer), t.db, w.working.own.id, 'block', { reason: 'Waiting on the statement', waitingOn: 'client_documents' });
  await mustTransition(await sessionOf(teams.own.preparer), t.db, w.working.own.id, 'unblock');
});

/** One bank account per place (the own client's, another client's, another firm's), for the bank account routes. */
const bankAccountIds = {} as Record<Place, string>; // filled for every place in the beforeAll below
const MATRIX_MAPPING = { delimiter: ',', headerRowIndex: 0, headers: ['Date', 'Description', 'Amount'], dateColumn: 0, dateFormat: 'YYYY-MM-DD', decimalMark: '.', amount: { kind: 'signed', column: 2 }, descriptionColumns: [1], referenceColumn: null, bankIdColumn: null, balanceColumn: null, currencyColumn: null, accountColumn: null };

beforeAll(async () => {
  for (const place of PLACES) {
    bankAccountIds[place] = (await buildBankAccount(t.db, clientOf(place), { name: 'Operating' })).id;
  }
});

/** The firm's staff, who set up bank accounts and import into them. */
function isStaff(who: Who): boolean {
  return who === 'admin' || who === 'partner' || who === 'reviewer' || who === 'preparer';
}

/** A multipart import (or preview) request with a one-line CSV. */
function importRequest(url: string): Request {
  const { payload, headers } = importForm({ side: 'bank' }, { name: 'matrix.csv', content: 'Date,Description,Amount\n2026-03-01,Deposit,1.00\n' });
  return { url, body: payload, headers };
}

/** A queued job of a place's client, started by that place's preparer. */
async function freshJob(scope: Scope): Promise<string> {
  const place = placeOf(scope);
  const id = newId();
  await t.db
    .insertInto('backgroundJobs')
    .values({ id, firmId: firmOf(place).id, clientId: clientOf(place).id, kind: 'matrix.noop', status: 'queued', payload: '{}', result: null, error: null, createdBy: w.teams[place].preparer.id, startedAt: null, finishedAt: null, heartbeatAt: null })
    .execute();
  return id;
}

/** An import preset saved by the actor (`own`), by someone else in the firm (`otherUser`), or in another firm. */
async function freshPreset(scope: Scope, who: Who): Promise<string> {
  const owner = scope === 'otherFirm' ? w.foreignAdmin : scope === 'own' && who !== 'anonymous' ? w.users[who] : w.teams.own.altReviewer;
  const id = newId();
  await t.db.insertInto('importPresets').values({ id, firmId: owner.firmId, name: `Preset ${id.slice(-8)}`, side: 'bank', mapping: JSON.stringify(MATRIX_MAPPING), createdBy: owner.id }).execute();
  return id;
}

/** Per place: an approved and a draft reconciliation, built through the API by the place's own team. */
const recs = {} as Record<Place, MatrixRecs>; // filled for every place in the beforeAll below
const recPlace = (scope: Scope) => {
  const place = placeOf(scope);
  const team = w.teams[place];
  return { firm: firmOf(place), client: clientOf(place), workflow: w.workflows[place === 'otherFirm' ? 'otherFirm' : 'own']['bank-reconciliation'], preparer: team.preparer, reviewer: team.reviewer, preparerHttp: sessions.get(team.preparer.id) ?? t.anon };
};

beforeAll(async () => {
  for (const place of PLACES) {
    const team = w.teams[place];
    recs[place] = await buildMatrixRecs(t, { ...recPlace(place), preparerHttp: await sessionOf(team.preparer), reviewerHttp: await sessionOf(team.reviewer) });
  }
});

afterAll(async () => {
  await t.close();
});

function classify(res: Answer): Outcome {
  if (res.statusCode >= 200 && res.statusCode < 300) {
    return 'ok';
  }
  return ({ 401: 'signIn', 403: 'denied', 404: 'hidden' } as Record<number, Outcome>)[res.statusCode] ?? res.statusCode;
}

function matches(expected: Outcome, res: Answer): boolean {
  if (typeof expected === 'number') {
    return res.statusCode === expected;
  }
  if (typeof expected === 'object') {
    return res.statusCode === expected.status && (JSON.parse(res.body) as { code?: string }).code === expected.code;
  }
  return classify(res) === expected;
}

async function send(client: HttpClient, method: string, req: Request): Promise<Answer> {
  switch (method) {
    case 'GET':
      return client.get(req.url, req.headers);
    case 'POST':
      return client.post(req.url, req.body, req.headers);
    case 'PUT':
      return client.put(req.url, req.body, req.headers);
    case 'PATCH':
      return client.patch(req.url, req.body, req.headers);
    case 'DELETE':
      return client.delete(req.url, req.body, req.headers);
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
    const attempts = Object.entries(matrix).flatMap(([key, cases]) => (Array.isArray(cases) ? cases : [cases]).map((routeCase) => ({ key, routeCase })));
    for (const { key, routeCase } of attempts) {
      const [method = 'GET'] = key.split(' ');
      for (const scope of routeCase.scopes ?? (['own'] as Scope[])) {
        for (const who of EVERYONE) {
          const client = who === 'anonymous' ? t.anon : await t.as(w.users[who]);
          const req = await routeCase.request(w, scope, who);
          const res = routeCase.send ? await routeCase.send(client, req) : await send(client, method, req);
          const expected = routeCase.expect(who, scope);
          if (!matches(expected, res)) {
            mismatches.push(`${key}${routeCase.label ? ` (${routeCase.label})` : ''} as ${who} on ${scope}: expected ${JSON.stringify(expected)}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
          if (classify(res) === 'hidden') {
            expect(res.body).not.toMatch(/Foreign Client|Other Client/); // a 404 leaks nothing about the object
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000); // every route × every role × every place: several hundred requests
});
