import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { FirmRow, SessionRow, UserRow } from '../../db/schema';

/** Sign-in looks people up by e-mail across firms: e-mail is the one global identifier. */
export function findUserByEmail(db: Db | Trx, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUser(db: Db | Trx, firmId: string, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('firmId', '=', firmId).where('id', '=', userId).executeTakeFirst();
}

export function findUserForUpdate(trx: Trx, firmId: string, userId: string): Promise<UserRow | undefined> {
  return trx.selectFrom('users').selectAll().where('firmId', '=', firmId).where('id', '=', userId).forUpdate().executeTakeFirst();
}

export function findFirm(db: Db | Trx, firmId: string): Promise<FirmRow | undefined> {
  return db.selectFrom('firms').selectAll().where('id', '=', firmId).executeTakeFirst();
}

export function findSessionByTokenHash(db: Db | Trx, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function insertSession(trx: Trx, session: SessionRow): Promise<void> {
  await trx.insertInto('sessions').values(session).execute();
}

export async function touchSession(db: Db, firmId: string, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('firmId', '=', firmId).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Db | Trx, firmId: string, sessionId: string, at: Date, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revokedAt: at, revokedReason: reason })
    .where('firmId', '=', firmId)
    .where('id', '=', sessionId)
    .where('revokedAt', 'is', null)
    .execute();
}

/** Revokes every live session of a person (but `exceptSessionId`), returning how many. */
export async function revokeUserSessions(
  trx: Trx,
  firmId: string,
  userId: string,
  at: Date,
  reason: string,
  exceptSessionId?: string,
): Promise<number> {
  let query = trx
    .updateTable('sessions')
    .set({ revokedAt: at, revokedReason: reason })
    .where('firmId', '=', firmId)
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', at);
  if (exceptSessionId) {
    query = query.where('id', '!=', exceptSessionId);
  }
  // Counted from RETURNING: kysely-pglite reports no affected-row count (numUpdatedRows is always 0 there).
  const revoked = await query.returning('id').execute();
  return revoked.length;
}

/** Clients a person may see at `at`: assignments without expiry or with an expiry still ahead. */
export async function listAccessibleClientIds(db: Db | Trx, firmId: string, userId: string, at: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('clientAccess')
    .innerJoin('clients', (j) => j.onRef('clients.id', '=', 'clientAccess.clientId').onRef('clients.firmId', '=', 'clientAccess.firmId'))
    .select('clientAccess.clientId')
    .where('clientAccess.firmId', '=', firmId)
    .where('clientAccess.userId', '=', userId)
    .where((eb) => eb.or([eb('clientAccess.expiresAt', 'is', null), eb('clientAccess.expiresAt', '>', at)]))
    .execute();
  return rows.map((r) => r.clientId);
}

export async function updateUserSignInState(
  trx: Trx,
  firmId: string,
  userId: string,
  patch: { failedSignIns: number; lockedUntil: Date | null; lastSignInAt?: Date; mfaLastStep?: number },
): Promise<void> {
  await trx.updateTable('users').set(patch).where('firmId', '=', firmId).where('id', '=', userId).execute();
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export function findThrottle(db: Db | Trx, key: string): Promise<ThrottleState | undefined> {
  return db.selectFrom('signInThrottles').select(['failures', 'windowStartedAt', 'lockedUntil']).where('key', '=', key).executeTakeFirst();
}

export async function saveThrottle(db: Db | Trx, key: string, state: ThrottleState): Promise<void> {
  await db
    .insertInto('signInThrottles')
    .values({ key, ...state })
    .onConflict((oc) => oc.column('key').doUpdateSet(state))
    .execute();
}

export async function clearThrottle(db: Db | Trx, key: string): Promise<void> {
  await db.deleteFrom('signInThrottles').where('key', '=', key).execute();
}
