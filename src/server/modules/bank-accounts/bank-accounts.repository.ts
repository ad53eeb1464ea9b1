import type { Insertable, Updateable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { BankAccountRow, BankAccountsTable, LedgerSide, StatementImportRow } from '../../db/schema';

export function listBankAccounts(db: Db | Trx, firmId: string, clientId: string): Promise<BankAccountRow[]> {
  return db.selectFrom('bankAccounts').selectAll().where('firmId', '=', firmId).where('clientId', '=', clientId).orderBy('active', 'desc').orderBy('name').execute();
}

export function findBankAccount(db: Db | Trx, firmId: string, id: string): Promise<BankAccountRow | undefined> {
  return db.selectFrom('bankAccounts').selectAll().where('firmId', '=', firmId).where('id', '=', id).executeTakeFirst();
}

export function findBankAccountForUpdate(trx: Trx, firmId: string, id: string): Promise<BankAccountRow | undefined> {
  return trx.selectFrom('bankAccounts').selectAll().where('firmId', '=', firmId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findBankAccountByName(db: Db | Trx, firmId: string, clientId: string, name: string): Promise<BankAccountRow | undefined> {
  return db.selectFrom('bankAccounts').selectAll().where('firmId', '=', firmId).where('clientId', '=', clientId).where('name', '=', name).executeTakeFirst();
}

export function insertBankAccount(trx: Trx, row: Insertable<BankAccountsTable>): Promise<BankAccountRow> {
  return trx.insertInto('bankAccounts').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applies a change only on `expectedVersion`; undefined when someone else changed the account first. */
export function updateBankAccount(trx: Trx, firmId: string, id: string, expectedVersion: number, patch: Updateable<BankAccountsTable>, now: Date): Promise<BankAccountRow | undefined> {
  return trx
    .updateTable('bankAccounts')
    .set({ ...patch, version: expectedVersion + 1, updatedAt: now })
    .where('firmId', '=', firmId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/** Whether `error` is the unique index on a client's account names refusing a row (a race both sides passed the check of). */
export function isDuplicateAccountName(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, constraint } = error as { code?: unknown; constraint?: unknown }; // pg and PGlite DatabaseError fields
  return code === '23505' && constraint === 'bank_accounts_firm_id_client_id_name_key';
}

export interface AccountActivity {
  lastImports: StatementImportRow[];
  unreconciled: Array<{ bankAccountId: string; side: LedgerSide; count: number }>;
}

/** For each account: its latest import per side, and how many lines per side are not reconciled yet. */
export async function loadAccountActivity(db: Db | Trx, firmId: string, accountIds: string[]): Promise<AccountActivity> {
  if (accountIds.length === 0) {
    return { lastImports: [], unreconciled: [] };
  }
  const lastImports = await db
    .selectFrom('statementImports')
    .selectAll()
    .distinctOn(['bankAccountId', 'side'])
    .where('firmId', '=', firmId)
    .where('bankAccountId', 'in', accountIds)
    .orderBy('bankAccountId')
    .orderBy('side')
    .orderBy('importedAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const unreconciled = await db
    .selectFrom('statementLines')
    .select(['bankAccountId', 'side', (eb) => eb.fn.countAll<number>().as('count')])
    .where('firmId', '=', firmId)
    .where('bankAccountId', 'in', accountIds)
    .where('reconciledIn', 'is', null)
    .groupBy(['bankAccountId', 'side'])
    .execute();
  return { lastImports, unreconciled: unreconciled.map((u) => ({ ...u, count: Number(u.count) })) };
}
