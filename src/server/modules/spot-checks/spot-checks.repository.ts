import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { DB } from '../../db/schema';

export function findSpotCheck(db: Db | Trx, firmId: string, month: string) {
  return db.selectFrom('spotChecks').selectAll().where('firmId', '=', firmId).where('month', '=', month).executeTakeFirst();
}

export function listItems(db: Db | Trx, firmId: string, spotCheckId: string) {
  return db.selectFrom('spotCheckItems').selectAll().where('firmId', '=', firmId).where('spotCheckId', '=', spotCheckId).orderBy('weight', 'desc').orderBy('taskId').execute();
}

export function findItemForUpdate(trx: Trx, firmId: string, spotCheckId: string, itemId: string) {
  return trx.selectFrom('spotCheckItems').selectAll().where('firmId', '=', firmId).where('spotCheckId', '=', spotCheckId).where('id', '=', itemId).forUpdate().executeTakeFirst();
}

/** Tasks approved during `month` (UTC): the population a month's spot-check draws from. */
export function listApprovedInMonth(db: Db | Trx, firmId: string, month: string) {
  const start = new Date(`${month}-01T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return db
    .selectFrom('tasks')
    .select(['id as taskId', 'preparerId'])
    .where('firmId', '=', firmId)
    .where('status', 'in', ['approved', 'closed'])
    .where('approvedAt', '>=', start)
    .where('approvedAt', '<', end)
    .execute();
}

/** Each preparer's returns per approved task over the three months before `month`. */
export async function reworkRates(db: Db | Trx, firmId: string, month: string): Promise<Map<string, number>> {
  const end = new Date(`${month}-01T00:00:00Z`);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 3, 1));
  const rows = await db
    .selectFrom('tasks')
    .select(['preparerId', sql<number>`count(*)`.as('tasks'), sql<number>`sum(rework_count)`.as('returns')])
    .where('firmId', '=', firmId)
    .where('approvedAt', '>=', start)
    .where('approvedAt', '<', end)
    .groupBy('preparerId')
    .execute();
  return new Map(rows.map((r) => [r.preparerId, Number(r.returns) / Math.max(1, Number(r.tasks))]));
}

export async function insertSpotCheck(trx: Trx, row: Insertable<DB['spotChecks']>, items: Array<Insertable<DB['spotCheckItems']>>): Promise<void> {
  await trx.insertInto('spotChecks').values(row).execute();
  if (items.length > 0) {
    await trx.insertInto('spotCheckItems').values(items).execute();
  }
}

export function concludeItem(trx: Trx, firmId: string, itemId: string, expectedVersion: number, patch: { result: 'pass' | 'findings'; findings: string | null; concludedBy: string; concludedAt: Date }) {
  return trx
    .updateTable('spotCheckItems')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', itemId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}
