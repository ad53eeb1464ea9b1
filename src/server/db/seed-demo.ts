import type { RequestContext } from '../context';
import type { Db } from './database';
import type { FirmSettingsJson, Role } from './schema';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from '../modules/auth/passwords';
import { newId } from '../ids';
import { DEFAULT_FIRM_SETTINGS } from '../../shared/firm';
import { seedTracker } from './seed-tracker';

export const DEMO_FIRM_NAME = 'Harbor & Vale CPAs';
export const DEMO_ADMIN_EMAIL = 'admin@harborvale.example';

export interface DemoLogin {
  email: string;
  role: Role;
  name: string;
  clients: string[];
}

const CLIENTS = [
  { key: 'copperline', name: 'Copperline Bakery Co.', legalName: 'Copperline Bakery Company LLC', timeZone: 'America/New_York', fiscalYearEnd: '12-31', contact: { name: 'Accounts Payable', email: 'ap@copperline-bakery.example' } },
  { key: 'meridian', name: 'Meridian Dental Partners', legalName: 'Meridian Dental Partners, P.C.', timeZone: 'America/Chicago', fiscalYearEnd: '06-30', contact: { name: 'Practice Manager', email: 'office@meridian-dental.example' } },
  { key: 'tidewater', name: 'Tidewater Marine Supply', legalName: 'Tidewater Marine Supply, Inc.', timeZone: 'America/New_York', fiscalYearEnd: '09-30', contact: { name: 'Controller', email: 'controller@tidewater-marine.example' } },
] as const;

type ClientKey = (typeof CLIENTS)[number]['key'];

const PEOPLE: Array<{ email: string; name: string; role: Role; timeZone: string; clients: ClientKey[] | 'all'; expiresInDays?: number }> = [
  { email: DEMO_ADMIN_EMAIL, name: 'Firm Administrator', role: 'admin', timeZone: 'America/New_York', clients: [] },
  { email: 'partner@harborvale.example', name: 'Engagement Partner', role: 'partner', timeZone: 'America/New_York', clients: 'all' },
  { email: 'reviewer1@harborvale.example', name: 'Onshore Reviewer One', role: 'reviewer', timeZone: 'America/New_York', clients: ['copperline', 'meridian'] },
  { email: 'reviewer2@harborvale.example', name: 'Onshore Reviewer Two', role: 'reviewer', timeZone: 'America/New_York', clients: ['meridian', 'tidewater'] },
  { email: 'preparer1@harborvale.example', name: 'Offshore Preparer One', role: 'preparer', timeZone: 'Asia/Kolkata', clients: ['copperline'] },
  { email: 'preparer2@harborvale.example', name: 'Offshore Preparer Two', role: 'preparer', timeZone: 'Asia/Kolkata', clients: ['meridian'] },
  { email: 'preparer3@harborvale.example', name: 'Offshore Preparer Three', role: 'preparer', timeZone: 'Asia/Kolkata', clients: ['tidewater', 'copperline'] },
  { email: 'ap@copperline-bakery.example', name: 'Copperline Accounts Payable', role: 'client', timeZone: 'America/New_York', clients: ['copperline'] },
  { email: 'office@meridian-dental.example', name: 'Meridian Practice Manager', role: 'client', timeZone: 'America/Chicago', clients: ['meridian'] },
  { email: 'controller@tidewater-marine.example', name: 'Tidewater Controller', role: 'client', timeZone: 'America/New_York', clients: ['tidewater'] },
  { email: 'auditor@ledgerpoint-audit.example', name: 'External Auditor', role: 'auditor', timeZone: 'America/New_York', clients: ['tidewater'], expiresInDays: 90 },
];

/** Whether any firm exists yet: the demo is seeded only into an empty database. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('firms').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Seeds the demo firm: three clients, an admin, a partner, two onshore reviewers, three offshore
 * preparers, a client user per client and an auditor. MFA is not required in the demo firm (the
 * UI recommends it); every person shares `password`. One transaction: all or nothing.
 */
export async function seedDemoFirm(ctx: RequestContext, password: string): Promise<DemoLogin[]> {
  const now = ctx.now();
  const passwordHash = await hashPassword(password);
  const firmId = newId();
  const settings: FirmSettingsJson = { ...DEFAULT_FIRM_SETTINGS, mfaRequiredRoles: [] };
  const people = new Map<string, { id: string; role: Role; email: string; name: string }>();
  const clientIdsByName = new Map<string, string>();
  const logins = await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('firms').values({ id: firmId, name: DEMO_FIRM_NAME, settings: JSON.stringify(settings), createdAt: now, updatedAt: now }).execute();
    await recordAudit(trx, ctx, firmId, { type: 'firm.created', subjectType: 'firm', data: { name: DEMO_FIRM_NAME, demo: true } }, { id: firmId });
    const clientIds = new Map<ClientKey, string>();
    for (const c of CLIENTS) {
      const id = newId();
      clientIds.set(c.key, id);
      clientIdsByName.set(c.name, id);
      await trx
        .insertInto('clients')
        .values({ id, firmId, name: c.name, legalName: c.legalName, timeZone: c.timeZone, fiscalYearEnd: c.fiscalYearEnd, contacts: JSON.stringify([c.contact]), createdAt: now, updatedAt: now })
        .execute();
      await recordAudit(trx, ctx, firmId, { type: 'client.created', subjectType: 'client', data: { after: { name: c.name, legalName: c.legalName } } }, { id, clientId: id });
    }
    let adminId: string | null = null;
    const logins: DemoLogin[] = [];
    for (const p of PEOPLE) {
      const id = newId();
      adminId ??= id;
      await trx
        .insertInto('users')
        .values({ id, firmId, email: p.email, name: p.name, role: p.role, timeZone: p.timeZone, passwordHash, passwordChangedAt: now, mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null, lockedUntil: null, lastSignInAt: null, createdAt: now, updatedAt: now })
        .execute();
      const keys: ClientKey[] = p.clients === 'all' ? CLIENTS.map((c) => c.key) : p.clients;
      const expiresAt = p.expiresInDays ? new Date(now.getTime() + p.expiresInDays * 86_400_000) : null;
      for (const key of keys) {
        await trx.insertInto('clientAccess').values({ firmId, userId: id, clientId: clientIds.get(key) ?? '', expiresAt, grantedBy: adminId }).execute();
      }
      await recordAudit(trx, ctx, firmId, { type: 'user.created', subjectType: 'user', data: { email: p.email, role: p.role, via: 'seed' } }, { id });
      people.set(p.email.split('@')[0] ?? p.email, { id, role: p.role, email: p.email, name: p.name });
      logins.push({ email: p.email, role: p.role, name: p.name, clients: keys.map((k) => CLIENTS.find((c) => c.key === k)?.name ?? k) });
    }
    return logins;
  });
  await seedTracker(ctx.db, firmId, people, clientIdsByName, now, ctx.files ?? null);
  return logins;
}

export function demoLoginsFromPeople(): DemoLogin[] {
  return PEOPLE.map((p) => ({
    email: p.email,
    role: p.role,
    name: p.name,
    clients: (p.clients === 'all' ? CLIENTS.map((c) => c.key) : p.clients).map((k) => CLIENTS.find((c) => c.key === k)?.name ?? k),
  }));
}
