import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { ClientRow, FirmRow, FirmSettingsJson, Role, UserRow } from '../db/schema';
import { systemContext } from '../context';
import { recordAudit } from '../audit/record-audit';
import { newId } from '../ids';
import { hashPassword } from '../modules/auth/passwords';
import { newTotpSecret } from '../modules/auth/totp';
import { DEFAULT_FIRM_SETTINGS } from '../../shared/firm';

/** The password every factory-built person has (long enough to need no MFA). */
export const TEST_PASSWORD = 'correct horse battery staple 42';
let passwordHash: Promise<string> | null = null;

export async function buildFirm(db: Db, options: { name?: string; mfaRequiredRoles?: Role[] } = {}): Promise<FirmRow> {
  const settings: FirmSettingsJson = { ...DEFAULT_FIRM_SETTINGS, mfaRequiredRoles: options.mfaRequiredRoles ?? [] };
  const id = newId();
  const name = options.name ?? `Test Firm ${id.slice(-6)}`;
  return db.transaction().execute(async (trx) => {
    const firm = await trx.insertInto('firms').values({ id, name, settings: JSON.stringify(settings) }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, systemContext(db), id, { type: 'firm.created', subjectType: 'firm', data: { name, demo: false } }, { id });
    return firm;
  });
}

export async function buildClient(db: Db, firm: Pick<FirmRow, 'id'>, options: { name?: string } = {}): Promise<ClientRow> {
  const id = newId();
  return db
    .insertInto('clients')
    .values({
      id,
      firmId: firm.id,
      name: options.name ?? `Client ${id.slice(-6)}`,
      legalName: `${options.name ?? 'Client'} LLC`,
      timeZone: 'America/New_York',
      fiscalYearEnd: '12-31',
      contacts: JSON.stringify([{ name: 'Controller', email: 'controller@client.example' }]),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface BuiltUser {
  user: UserRow;
  password: string;
  mfaSecret: string | null;
}

export async function buildUser(
  db: Db,
  firm: Pick<FirmRow, 'id'>,
  options: { role: Role; email?: string; name?: string; clients?: Array<Pick<ClientRow, 'id'>>; accessExpiresAt?: Date; mfa?: boolean; status?: 'active' | 'deactivated' },
): Promise<BuiltUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const mfaSecret = options.mfa ? newTotpSecret() : null;
  const user = await db
    .insertInto('users')
    .values({
      id,
      firmId: firm.id,
      email: options.email ?? `${options.role}-${randomUUID().slice(0, 8)}@test.example`,
      name: options.name ?? `Test ${options.role} ${id.slice(-4)}`,
      role: options.role,
      passwordHash: await passwordHash,
      passwordChangedAt: new Date(),
      mfaSecret,
      mfaPendingSecret: null,
      mfaEnabledAt: mfaSecret ? new Date() : null,
      mfaLastStep: null,
      lockedUntil: null,
      lastSignInAt: null,
      ...(options.status ? { status: options.status } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const client of options.clients ?? []) {
    await db.insertInto('clientAccess').values({ firmId: firm.id, userId: id, clientId: client.id, expiresAt: options.accessExpiresAt ?? null, grantedBy: null }).execute();
  }
  return { user, password: TEST_PASSWORD, mfaSecret };
}

/** The newest audit entry of a firm, to assert that a change was recorded with it. */
export async function latestAuditEvent(db: Db, firmId: string) {
  return db.selectFrom('auditEvents').selectAll().where('firmId', '=', firmId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function auditEventsOf(db: Db, firmId: string, type?: string) {
  let q = db.selectFrom('auditEvents').selectAll().where('firmId', '=', firmId);
  if (type) {
    q = q.where('type', '=', type);
  }
  return q.orderBy('seq').execute();
}
