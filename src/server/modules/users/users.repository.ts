import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { InvitationRow, InvitationsTable, Role, UserRow, UsersTable } from '../../db/schema';

export interface AccessRow {
  userId: string;
  clientId: string;
  clientName: string;
  expiresAt: Date | null;
}

export function listUsers(db: Db | Trx, firmId: string, filter: { q?: string | undefined; role?: Role | undefined; status: 'active' | 'deactivated' | 'all' }): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll().where('firmId', '=', firmId);
  if (filter.role) {
    query = query.where('role', '=', filter.role);
  }
  if (filter.status !== 'all') {
    query = query.where('status', '=', filter.status);
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  return query.orderBy(sql`lower(name)`).execute();
}

export function findUser(db: Db | Trx, firmId: string, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('firmId', '=', firmId).where('id', '=', userId).executeTakeFirst();
}

export function findUserForUpdate(trx: Trx, firmId: string, userId: string): Promise<UserRow | undefined> {
  return trx.selectFrom('users').selectAll().where('firmId', '=', firmId).where('id', '=', userId).forUpdate().executeTakeFirst();
}

export function emailTaken(db: Db | Trx, email: string): Promise<boolean> {
  return db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

export async function insertUser(trx: Trx, row: Insertable<UsersTable>): Promise<UserRow> {
  return trx.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates a user only at `expectedVersion`; undefined when the row moved on (409 for the caller). */
export function updateUser(trx: Trx, firmId: string, userId: string, expectedVersion: number, patch: Partial<Omit<UserRow, 'id' | 'firmId' | 'version'>>): Promise<UserRow | undefined> {
  return trx
    .updateTable('users')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', userId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function listAccess(db: Db | Trx, firmId: string, userIds: string[]): Promise<AccessRow[]> {
  if (userIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('clientAccess')
    .innerJoin('clients', (j) => j.onRef('clients.id', '=', 'clientAccess.clientId').onRef('clients.firmId', '=', 'clientAccess.firmId'))
    .select(['clientAccess.userId', 'clientAccess.clientId', 'clients.name as clientName', 'clientAccess.expiresAt'])
    .where('clientAccess.firmId', '=', firmId)
    .where('clientAccess.userId', 'in', userIds)
    .orderBy('clients.name')
    .execute();
}

export async function countClientsInFirm(db: Db | Trx, firmId: string, clientIds: string[]): Promise<number> {
  if (clientIds.length === 0) {
    return 0;
  }
  const row = await db
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('firmId', '=', firmId)
    .where('id', 'in', clientIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function replaceAccess(trx: Trx, firmId: string, userId: string, clientIds: string[], expiresAt: Date | null, grantedBy: string): Promise<void> {
  await trx.deleteFrom('clientAccess').where('firmId', '=', firmId).where('userId', '=', userId).execute();
  if (clientIds.length > 0) {
    await trx
      .insertInto('clientAccess')
      .values(clientIds.map((clientId) => ({ firmId, userId, clientId, expiresAt, grantedBy })))
      .execute();
  }
}

export async function deleteRecoveryCodes(trx: Trx, firmId: string, userId: string): Promise<void> {
  await trx.deleteFrom('mfaRecoveryCodes').where('firmId', '=', firmId).where('userId', '=', userId).execute();
}

export function listInvitations(db: Db | Trx, firmId: string): Promise<InvitationRow[]> {
  return db.selectFrom('invitations').selectAll().where('firmId', '=', firmId).orderBy('createdAt', 'desc').limit(200).execute();
}

export function findInvitation(db: Db | Trx, firmId: string, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('firmId', '=', firmId).where('id', '=', id).executeTakeFirst();
}

/** Invitations are found by the hash of their token: the only lookup that crosses firms. */
export function findInvitationByTokenHash(db: Db | Trx, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export function findInvitationByTokenHashForUpdate(trx: Trx, tokenHash: string): Promise<InvitationRow | undefined> {
  return trx.selectFrom('invitations').selectAll().where('tokenHash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function insertInvitation(trx: Trx, row: Insertable<InvitationsTable>): Promise<InvitationRow> {
  return trx.insertInto('invitations').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateInvitation(trx: Trx, firmId: string, id: string, patch: Partial<Pick<InvitationRow, 'acceptedAt' | 'acceptedUserId' | 'revokedAt'>>): Promise<void> {
  await trx
    .updateTable('invitations')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('firmId', '=', firmId)
    .where('id', '=', id)
    .execute();
}

/** A pending invitation to the same address, which a new one would duplicate. */
export function findPendingInvitationByEmail(db: Db | Trx, firmId: string, email: string, now: Date): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('firmId', '=', firmId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('acceptedAt', 'is', null)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}
