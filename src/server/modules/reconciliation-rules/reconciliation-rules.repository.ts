import type { Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { DB, ReconciliationRuleRow } from '../../db/schema';

export type RuleWithClient = ReconciliationRuleRow & { clientName: string | null };

/** Rules of a firm: firm-wide ones and those of `clientIds` (null: every client), newest last. */
export function listRules(db: Db | Trx, firmId: string, scope: { clientIds: readonly string[] | null; clientId?: string | undefined; activeOnly?: boolean }): Promise<RuleWithClient[]> {
  let query = db
    .selectFrom('reconciliationRules as r')
    .leftJoin('clients as c', (j) => j.onRef('c.id', '=', 'r.clientId').onRef('c.firmId', '=', 'r.firmId'))
    .selectAll('r')
    .select('c.name as clientName')
    .where('r.firmId', '=', firmId);
  const { clientIds, clientId } = scope;
  if (clientId !== undefined) {
    query = query.where((eb) => eb.or([eb('r.clientId', 'is', null), eb('r.clientId', '=', clientId)]));
  }
  if (clientIds !== null) {
    query = clientIds.length === 0 ? query.where('r.clientId', 'is', null) : query.where((eb) => eb.or([eb('r.clientId', 'is', null), eb('r.clientId', 'in', [...clientIds])]));
  }
  if (scope.activeOnly) {
    query = query.where('r.active', '=', true);
  }
  return query.orderBy('r.createdAt').orderBy('r.id').execute();
}

export function findRule(db: Db | Trx, firmId: string, id: string, lock = false): Promise<RuleWithClient | undefined> {
  const query = db
    .selectFrom('reconciliationRules as r')
    .leftJoin('clients as c', (j) => j.onRef('c.id', '=', 'r.clientId').onRef('c.firmId', '=', 'r.firmId'))
    .selectAll('r')
    .select('c.name as clientName')
    .where('r.firmId', '=', firmId)
    .where('r.id', '=', id);
  return (lock ? query.forUpdate('r') : query).executeTakeFirst();
}

export async function findClient(db: Db | Trx, firmId: string, clientId: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('clients').select(['id', 'name']).where('firmId', '=', firmId).where('id', '=', clientId).executeTakeFirst();
}

export function insertRule(trx: Trx, row: Insertable<DB['reconciliationRules']>): Promise<ReconciliationRuleRow> {
  return trx.insertInto('reconciliationRules').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateRule(trx: Trx, firmId: string, id: string, expectedVersion: number, patch: Partial<Omit<ReconciliationRuleRow, 'id' | 'firmId' | 'version' | 'clientId' | 'createdAt' | 'createdBy'>>): Promise<ReconciliationRuleRow | undefined> {
  return trx
    .updateTable('reconciliationRules')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteRule(trx: Trx, firmId: string, id: string, expectedVersion: number): Promise<boolean> {
  const rows = await trx.deleteFrom('reconciliationRules').where('firmId', '=', firmId).where('id', '=', id).where('version', '=', expectedVersion).returning('id').execute();
  return rows.length > 0;
}
