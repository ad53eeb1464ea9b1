import type { Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { DB, ServiceRow, TasksTable } from '../../db/schema';

export interface ServiceListRow extends ServiceRow {
  clientName: string;
  workflowName: string;
  preparerName: string;
  reviewerName: string;
}

export function listServices(db: Db | Trx, firmId: string, filter: { clientIds: string[] | null; clientId?: string | undefined }): Promise<ServiceListRow[]> {
  if (filter.clientIds !== null && filter.clientIds.length === 0) {
    return Promise.resolve([]);
  }
  let q = db
    .selectFrom('services as s')
    .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 's.clientId').onRef('c.firmId', '=', 's.firmId'))
    .innerJoin('workflowTemplates as w', (j) => j.onRef('w.id', '=', 's.workflowId').onRef('w.firmId', '=', 's.firmId'))
    .innerJoin('users as p', (j) => j.onRef('p.id', '=', 's.preparerId').onRef('p.firmId', '=', 's.firmId'))
    .innerJoin('users as r', (j) => j.onRef('r.id', '=', 's.reviewerId').onRef('r.firmId', '=', 's.firmId'))
    .selectAll('s')
    .select(['c.name as clientName', 'w.name as workflowName', 'p.name as preparerName', 'r.name as reviewerName'])
    .where('s.firmId', '=', firmId);
  if (filter.clientIds !== null) {
    q = q.where('s.clientId', 'in', filter.clientIds);
  }
  if (filter.clientId) {
    q = q.where('s.clientId', '=', filter.clientId);
  }
  return q.orderBy('c.name').orderBy('w.name').execute();
}

export function findServiceForUpdate(trx: Trx, firmId: string, id: string): Promise<ServiceRow | undefined> {
  return trx.selectFrom('services').selectAll().where('firmId', '=', firmId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findServiceByClientWorkflow(db: Db | Trx, firmId: string, clientId: string, workflowId: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('services').selectAll().where('firmId', '=', firmId).where('clientId', '=', clientId).where('workflowId', '=', workflowId).executeTakeFirst();
}

export async function insertService(trx: Trx, row: Insertable<DB['services']>): Promise<ServiceRow> {
  return trx.insertInto('services').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateService(trx: Trx, firmId: string, id: string, expectedVersion: number, patch: Partial<Pick<ServiceRow, 'preparerId' | 'reviewerId' | 'active' | 'priority'>> & { dueRule?: string; updatedAt: Date }): Promise<ServiceRow | undefined> {
  return trx
    .updateTable('services')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export function listActiveServicesWithWorkflow(db: Db | Trx, firmId: string) {
  return db
    .selectFrom('services as s')
    .innerJoin('workflowTemplates as w', (j) => j.onRef('w.id', '=', 's.workflowId').onRef('w.firmId', '=', 's.firmId'))
    .selectAll('s')
    .select('w.name as workflowName')
    .where('s.firmId', '=', firmId)
    .where('s.active', '=', true)
    .execute();
}

export async function listHolidays(db: Db | Trx, firmId: string): Promise<Array<{ date: string; name: string }>> {
  const rows = await db.selectFrom('holidays').select(['onDate', 'name']).where('firmId', '=', firmId).orderBy('onDate').execute();
  return rows.map((r) => ({ date: r.onDate, name: r.name }));
}

export async function replaceHolidays(trx: Trx, firmId: string, holidays: Array<{ date: string; name: string }>): Promise<void> {
  await trx.deleteFrom('holidays').where('firmId', '=', firmId).execute();
  if (holidays.length > 0) {
    await trx.insertInto('holidays').values(holidays.map((h) => ({ firmId, onDate: h.date, name: h.name }))).execute();
  }
}

/** Inserts generated tasks, skipping any (service, period) that already has one; returns how many were new. */
export async function insertGeneratedTasks(trx: Trx, rows: Array<Insertable<TasksTable>>): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const inserted = await trx
    .insertInto('tasks')
    .values(rows)
    .onConflict((oc) => oc.columns(['firmId', 'serviceId', 'period']).where('serviceId', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}
