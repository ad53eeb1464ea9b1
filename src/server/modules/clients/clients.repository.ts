import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { ClientRow, ClientsTable } from '../../db/schema';
import type { Insertable } from 'kysely';

export interface ClientTeamMember {
  clientId: string;
  userId: string;
  name: string;
  role: string;
}

/** Clients of a firm; `onlyIds` narrows to the ones a person may see (null: all of them). */
export function listClients(
  db: Db | Trx,
  firmId: string,
  filter: { onlyIds: string[] | null; q?: string | undefined; status: 'active' | 'archived' | 'all' },
): Promise<ClientRow[]> {
  let query = db.selectFrom('clients').selectAll().where('firmId', '=', firmId);
  if (filter.onlyIds !== null) {
    if (filter.onlyIds.length === 0) {
      return Promise.resolve([]);
    }
    query = query.where('id', 'in', filter.onlyIds);
  }
  if (filter.status !== 'all') {
    query = query.where('status', '=', filter.status);
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('legalName', 'ilike', pattern)]));
  }
  return query.orderBy(sql`lower(name)`).execute();
}

export function findClient(db: Db | Trx, firmId: string, clientId: string): Promise<ClientRow | undefined> {
  return db.selectFrom('clients').selectAll().where('firmId', '=', firmId).where('id', '=', clientId).executeTakeFirst();
}

export function findClientForUpdate(trx: Trx, firmId: string, clientId: string): Promise<ClientRow | undefined> {
  return trx.selectFrom('clients').selectAll().where('firmId', '=', firmId).where('id', '=', clientId).forUpdate().executeTakeFirst();
}

export function findClientByName(db: Db | Trx, firmId: string, name: string): Promise<ClientRow | undefined> {
  return db
    .selectFrom('clients')
    .selectAll()
    .where('firmId', '=', firmId)
    .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst();
}

/**
 * Whether `error` is the unique index on a firm's client names refusing a row: two people adding
 * (or renaming to) the same name at once both pass the name check, and the later insert fails here.
 */
export function isDuplicateClientName(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, constraint } = error as { code?: unknown; constraint?: unknown }; // pg and PGlite DatabaseError fields
  return code === '23505' && constraint === 'clients_firm_name';
}

export async function insertClient(trx: Trx, row: Insertable<ClientsTable>): Promise<ClientRow> {
  return trx.insertInto('clients').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Applies a change only if the row still has `expectedVersion`; returns undefined when someone
 * else changed it first (the caller answers 409 and nothing changes).
 */
export function updateClient(
  trx: Trx,
  firmId: string,
  clientId: string,
  expectedVersion: number,
  patch: { [K in 'name' | 'legalName' | 'timeZone' | 'fiscalYearEnd' | 'status']?: ClientRow[K] | undefined } & { contacts?: string },
  now: Date,
): Promise<ClientRow | undefined> {
  return trx
    .updateTable('clients')
    .set({ ...patch, version: expectedVersion + 1, updatedAt: now })
    .where('firmId', '=', firmId)
    .where('id', '=', clientId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/** Staff, client users and auditors with current access to each of `clientIds`. */
export async function listClientTeams(db: Db | Trx, firmId: string, clientIds: string[], now: Date): Promise<ClientTeamMember[]> {
  if (clientIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('clientAccess')
    .innerJoin('users', (j) => j.onRef('users.id', '=', 'clientAccess.userId').onRef('users.firmId', '=', 'clientAccess.firmId'))
    .select(['clientAccess.clientId', 'users.id as userId', 'users.name', 'users.role'])
    .where('clientAccess.firmId', '=', firmId)
    .where('clientAccess.clientId', 'in', clientIds)
    .where('users.status', '=', 'active')
    .where((eb) => eb.or([eb('clientAccess.expiresAt', 'is', null), eb('clientAccess.expiresAt', '>', now)]))
    .orderBy('users.name')
    .execute();
}
