import type { Db, Trx } from '../../db/database';
import type { FirmRow } from '../../db/schema';

export function findFirm(db: Db | Trx, firmId: string): Promise<FirmRow | undefined> {
  return db.selectFrom('firms').selectAll().where('id', '=', firmId).executeTakeFirst();
}

export function findFirmForUpdate(trx: Trx, firmId: string): Promise<FirmRow | undefined> {
  return trx.selectFrom('firms').selectAll().where('id', '=', firmId).forUpdate().executeTakeFirst();
}

export function updateFirmSettings(trx: Trx, firmId: string, expectedVersion: number, settings: string, now: Date): Promise<FirmRow | undefined> {
  return trx
    .updateTable('firms')
    .set({ settings, version: expectedVersion + 1, updatedAt: now })
    .where('id', '=', firmId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function countPeople(db: Db, firmId: string): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('firmId', '=', firmId).where('status', '=', 'active').executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listPendingInvitations(db: Db, firmId: string, now: Date) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'expiresAt'])
    .where('firmId', '=', firmId)
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .orderBy('expiresAt')
    .execute();
}

export function listLockedUsers(db: Db, firmId: string, now: Date) {
  return db.selectFrom('users').select(['id', 'name', 'lockedUntil']).where('firmId', '=', firmId).where('lockedUntil', '>', now).execute();
}

export function listUsersWithoutMfa(db: Db, firmId: string, roles: string[]) {
  if (roles.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('firmId', '=', firmId)
    .where('status', '=', 'active')
    .where('mfaEnabledAt', 'is', null)
    .where('role', 'in', roles as never[])
    .execute();
}

export function listExpiringAccess(db: Db, firmId: string, now: Date, until: Date) {
  return db
    .selectFrom('clientAccess')
    .innerJoin('users', (j) => j.onRef('users.id', '=', 'clientAccess.userId').onRef('users.firmId', '=', 'clientAccess.firmId'))
    .select(['users.id', 'users.name', 'clientAccess.expiresAt'])
    .where('clientAccess.firmId', '=', firmId)
    .where('clientAccess.expiresAt', '>', now)
    .where('clientAccess.expiresAt', '<=', until)
    .execute();
}
