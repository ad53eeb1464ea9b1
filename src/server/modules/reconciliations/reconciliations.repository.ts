import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { BankAccountRow, DB, LedgerSide, ReconciliationRow, TaskRow } from '../../db/schema';

/** The columns of a reconciliation a service may change (the version moves by itself). */
export type ReconciliationPatch = Partial<Omit<ReconciliationRow, 'id' | 'firmId' | 'version' | 'suggestions' | 'createdAt'>> & { suggestions?: string };

export function findReconciliation(db: Db | Trx, firmId: string, id: string): Promise<ReconciliationRow | undefined> {
  return db.selectFrom('reconciliations').selectAll().where('firmId', '=', firmId).where('id', '=', id).executeTakeFirst();
}

/** Locks the row for the rest of the transaction: one change at a time per reconciliation. */
export function findReconciliationForUpdate(trx: Trx, firmId: string, id: string): Promise<ReconciliationRow | undefined> {
  return trx.selectFrom('reconciliations').selectAll().where('firmId', '=', firmId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findReconciliationByTask(db: Db | Trx, firmId: string, taskId: string, lock = false): Promise<ReconciliationRow | undefined> {
  const query = db.selectFrom('reconciliations').selectAll().where('firmId', '=', firmId).where('taskId', '=', taskId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export function findReconciliationAt(db: Db | Trx, firmId: string, bankAccountId: string, statementDate: string): Promise<ReconciliationRow | undefined> {
  return db.selectFrom('reconciliations').selectAll().where('firmId', '=', firmId).where('bankAccountId', '=', bankAccountId).where('statementDate', '=', statementDate).executeTakeFirst();
}

/** Approved reconciliations of an account whose statement date is on or after `date` (not locked: lock each with its task). */
export function listApprovedFrom(trx: Trx, firmId: string, bankAccountId: string, date: string): Promise<ReconciliationRow[]> {
  return trx
    .selectFrom('reconciliations')
    .selectAll()
    .where('firmId', '=', firmId)
    .where('bankAccountId', '=', bankAccountId)
    .where('status', '=', 'approved')
    .where('statementDate', '>=', date)
    .orderBy('statementDate')
    .execute();
}

export async function insertReconciliation(trx: Trx, row: Insertable<DB['reconciliations']>): Promise<ReconciliationRow> {
  return trx.insertInto('reconciliations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Updates a reconciliation; with `expectedVersion`, only if nobody changed it since (else undefined). */
export function updateReconciliation(trx: Trx, firmId: string, id: string, expectedVersion: number, patch: ReconciliationPatch): Promise<ReconciliationRow | undefined> {
  return trx
    .updateTable('reconciliations')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export function findBankAccount(db: Db | Trx, firmId: string, id: string): Promise<BankAccountRow | undefined> {
  return db.selectFrom('bankAccounts').selectAll().where('firmId', '=', firmId).where('id', '=', id).executeTakeFirst();
}

export function findTask(db: Db | Trx, firmId: string, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('firmId', '=', firmId).where('id', '=', taskId).executeTakeFirst();
}

export async function findWorkflowKey(db: Db | Trx, firmId: string, workflowId: string): Promise<string | undefined> {
  const row = await db.selectFrom('workflowTemplates').select('key').where('firmId', '=', firmId).where('id', '=', workflowId).executeTakeFirst();
  return row?.key;
}

export async function findClientName(db: Db | Trx, firmId: string, clientId: string): Promise<string> {
  const row = await db.selectFrom('clients').select('name').where('firmId', '=', firmId).where('id', '=', clientId).executeTakeFirstOrThrow();
  return row.name;
}

export async function findFirm(db: Db | Trx, firmId: string): Promise<{ name: string; settings: unknown }> {
  return db.selectFrom('firms').select(['name', 'settings']).where('id', '=', firmId).executeTakeFirstOrThrow();
}

/**
 * The closing balance a file gave for exactly `date` (the newest such import wins), leaving out
 * `exceptImportId` (to know what the balance was before an import).
 */
export async function findImportedBalance(db: Db | Trx, firmId: string, bankAccountId: string, side: LedgerSide, date: string, exceptImportId?: string): Promise<number | null> {
  let query = db
    .selectFrom('statementImports')
    .select('closingBalanceMinor')
    .where('firmId', '=', firmId)
    .where('bankAccountId', '=', bankAccountId)
    .where('side', '=', side)
    .where('endOn', '=', date)
    .where('closingBalanceMinor', 'is not', null);
  if (exceptImportId) {
    query = query.where('id', '<>', exceptImportId);
  }
  const row = await query.orderBy('importedAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.closingBalanceMinor ?? null;
}

/** The newest `reconciliation.match` job of a reconciliation. */
export function findLatestMatchJob(db: Db | Trx, firmId: string, reconciliationId: string) {
  return db
    .selectFrom('backgroundJobs')
    .selectAll()
    .where('firmId', '=', firmId)
    .where('kind', '=', 'reconciliation.match')
    .where(sql<string>`payload->>'reconciliationId'`, '=', reconciliationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function userNames(db: Db | Trx, firmId: string, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && id !== ''))];
  if (wanted.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('users').select(['id', 'name']).where('firmId', '=', firmId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Records `userId` among the people who did preparer work on the task (they can never review it). */
export async function addToPreparedBy(trx: Trx, firmId: string, task: Pick<TaskRow, 'id' | 'preparedBy'>, userId: string): Promise<void> {
  if (task.preparedBy.includes(userId)) {
    return;
  }
  await trx
    .updateTable('tasks')
    .set({ preparedBy: JSON.stringify([...task.preparedBy, userId]) })
    .where('firmId', '=', firmId)
    .where('id', '=', task.id)
    .execute();
}

export function findTaskForUpdate(trx: Trx, firmId: string, taskId: string): Promise<TaskRow | undefined> {
  return trx.selectFrom('tasks').selectAll().where('firmId', '=', firmId).where('id', '=', taskId).forUpdate().executeTakeFirst();
}

/**
 * The firm of a statement import. Jobs run with a system context that names no firm; the import
 * the job just wrote does (looked up by its primary key, the one query here without a firm id).
 */
export async function findImportFirmId(trx: Trx, importId: string): Promise<string | null> {
  const row = await trx.selectFrom('statementImports').select('firmId').where('id', '=', importId).executeTakeFirst();
  return row?.firmId ?? null;
}

/** The date of the latest line matched in the reconciliation, or null when nothing is matched. */
export async function latestMatchedLineDate(db: Db | Trx, firmId: string, reconciliationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('reconciliationMatchLines as ml')
    .innerJoin('statementLines as l', 'l.id', 'ml.lineId')
    .select(sql<string | null>`max(l.booked_on)::text`.as('latest'))
    .where('ml.firmId', '=', firmId)
    .where('ml.reconciliationId', '=', reconciliationId)
    .executeTakeFirst();
  return row?.latest ?? null;
}
