import type { Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { ChecklistTemplateRow, DB, WorkflowRow } from '../../db/schema';

export function listWorkflows(db: Db | Trx, firmId: string): Promise<WorkflowRow[]> {
  return db.selectFrom('workflowTemplates').selectAll().where('firmId', '=', firmId).orderBy('name').execute();
}

export function findWorkflow(db: Db | Trx, firmId: string, id: string): Promise<WorkflowRow | undefined> {
  return db.selectFrom('workflowTemplates').selectAll().where('firmId', '=', firmId).where('id', '=', id).executeTakeFirst();
}

export function findWorkflowForUpdate(trx: Trx, firmId: string, id: string): Promise<WorkflowRow | undefined> {
  return trx.selectFrom('workflowTemplates').selectAll().where('firmId', '=', firmId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The current checklist version of each workflow. */
export function listCurrentChecklists(db: Db | Trx, firmId: string): Promise<ChecklistTemplateRow[]> {
  return db
    .selectFrom('checklistTemplates as ct')
    .innerJoin('workflowTemplates as w', (j) => j.onRef('w.id', '=', 'ct.workflowId').onRef('w.checklistVersion', '=', 'ct.version'))
    .selectAll('ct')
    .where('ct.firmId', '=', firmId)
    .execute();
}

export async function insertWorkflow(trx: Trx, row: Insertable<DB['workflowTemplates']>): Promise<WorkflowRow> {
  return trx.insertInto('workflowTemplates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertChecklistTemplate(trx: Trx, row: Insertable<DB['checklistTemplates']>): Promise<void> {
  await trx.insertInto('checklistTemplates').values(row).execute();
}

export function setChecklistVersion(trx: Trx, firmId: string, id: string, expectedVersion: number, checklistVersion: number, now: Date): Promise<WorkflowRow | undefined> {
  return trx
    .updateTable('workflowTemplates')
    .set({ checklistVersion, version: expectedVersion + 1, updatedAt: now })
    .where('firmId', '=', firmId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}
