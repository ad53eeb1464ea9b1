import { sql, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { DocumentRow, DocumentsTable, LedgerSide, StatementImportRow, StatementImportsTable } from '../../db/schema';
import type { LineListQuery } from '../../../shared/bank-accounts';

export function insertDocument(trx: Trx, row: Insertable<DocumentsTable>): Promise<DocumentRow> {
  return trx.insertInto('documents').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findImport(db: Db | Trx, firmId: string, importId: string): Promise<StatementImportRow | undefined> {
  return db.selectFrom('statementImports').selectAll().where('firmId', '=', firmId).where('id', '=', importId).executeTakeFirst();
}

export type ImportRow = StatementImportRow;

/** Sets an import's counts once its lines are in. */
export function updateImportCounts(trx: Trx, firmId: string, importId: string, counts: { linesAdded: number; linesDuplicate: number }): Promise<StatementImportRow> {
  return trx.updateTable('statementImports').set(counts).where('firmId', '=', firmId).where('id', '=', importId).returningAll().executeTakeFirstOrThrow();
}

export function insertImport(trx: Trx, row: Insertable<StatementImportsTable>): Promise<StatementImportRow> {
  return trx.insertInto('statementImports').values(row).returningAll().executeTakeFirstOrThrow();
}

export interface NewLine {
  id: string;
  position: number;
  bookedOn: string;
  amountMinor: number;
  description: string;
  reference: string | null;
  bankId: string | null;
  dedupeKey: string;
}

/**
 * Inserts one batch of an import's lines in one statement; a line whose key the account's side
 * already has is skipped. Answers the dates of the lines actually added. The rows travel as one
 * array per column (`unnest`), so a batch of thousands of lines is a handful of parameters.
 */
export async function insertLines(trx: Trx, owner: { firmId: string; clientId: string; bankAccountId: string; side: LedgerSide; importId: string; createdAt: Date }, lines: NewLine[]): Promise<string[]> {
  if (lines.length === 0) {
    return [];
  }
  const column = <K extends keyof NewLine>(key: K): Array<NewLine[K]> => lines.map((line) => line[key]);
  const added = await sql<{ bookedOn: string }>`
    insert into statement_lines (id, firm_id, client_id, bank_account_id, side, import_id, position, booked_on, amount_minor, description, reference, bank_id, dedupe_key, created_at)
    select id, ${owner.firmId}::uuid, ${owner.clientId}::uuid, ${owner.bankAccountId}::uuid, ${owner.side}, ${owner.importId}::uuid, position, booked_on, amount_minor, description, reference, bank_id, dedupe_key, ${owner.createdAt}::timestamptz
    from unnest(${column('id')}::uuid[], ${column('position')}::int[], ${column('bookedOn')}::date[], ${column('amountMinor')}::bigint[], ${column('description')}::text[], ${column('reference')}::text[], ${column('bankId')}::text[], ${column('dedupeKey')}::text[])
      as line (id, position, booked_on, amount_minor, description, reference, bank_id, dedupe_key)
    on conflict (bank_account_id, side, dedupe_key) do nothing
    returning booked_on`.execute(trx);
  return added.rows.map((row) => row.bookedOn);
}

export interface ImportListRow extends StatementImportRow {
  importerName: string | null;
}

/** An account's imports, newest first, with who imported each. */
export function listImports(db: Db | Trx, firmId: string, bankAccountId: string, side: LedgerSide | undefined): Promise<ImportListRow[]> {
  let query = db
    .selectFrom('statementImports as i')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'i.importedBy').onRef('u.firmId', '=', 'i.firmId'))
    .selectAll('i')
    .select('u.name as importerName')
    .where('i.firmId', '=', firmId)
    .where('i.bankAccountId', '=', bankAccountId);
  if (side) {
    query = query.where('i.side', '=', side);
  }
  return query.orderBy('i.importedAt', 'desc').orderBy('i.id', 'desc').limit(500).execute();
}

export interface LineListRow {
  id: string;
  side: LedgerSide;
  importId: string;
  position: number;
  bookedOn: string;
  amountMinor: number;
  description: string;
  reference: string | null;
  bankId: string | null;
  reconciledIn: string | null;
  matchId: string | null;
}

/** One page of an account side's lines, newest first, with the match each is in. */
export async function listLines(db: Db | Trx, firmId: string, bankAccountId: string, query: LineListQuery): Promise<{ rows: LineListRow[]; total: number }> {
  let filtered = db.selectFrom('statementLines as l').where('l.firmId', '=', firmId).where('l.bankAccountId', '=', bankAccountId).where('l.side', '=', query.side);
  if (query.from) {
    filtered = filtered.where('l.bookedOn', '>=', query.from);
  }
  if (query.to) {
    filtered = filtered.where('l.bookedOn', '<=', query.to);
  }
  if (query.state !== 'all') {
    filtered = filtered.where('l.reconciledIn', query.state === 'reconciled' ? 'is not' : 'is', null);
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb) => eb.or([eb('l.description', 'ilike', pattern), eb('l.reference', 'ilike', pattern), eb('l.bankId', 'ilike', pattern)]));
  }
  const count = await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await filtered
    .leftJoin('reconciliationMatchLines as m', (join) => join.onRef('m.lineId', '=', 'l.id').onRef('m.firmId', '=', 'l.firmId'))
    .select(['l.id', 'l.side', 'l.importId', 'l.position', 'l.bookedOn', 'l.amountMinor', 'l.description', 'l.reference', 'l.bankId', 'l.reconciledIn', 'm.matchId'])
    .orderBy('l.bookedOn', 'desc')
    .orderBy('l.position', 'desc')
    .orderBy('l.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

export interface PresetRow {
  id: string;
  firmId: string;
  name: string;
  side: LedgerSide;
  mapping: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
  creatorName: string | null;
}

export function listPresets(db: Db | Trx, firmId: string, side: LedgerSide | undefined): Promise<PresetRow[]> {
  let query = db
    .selectFrom('importPresets as p')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'p.createdBy').onRef('u.firmId', '=', 'p.firmId'))
    .selectAll('p')
    .select('u.name as creatorName')
    .where('p.firmId', '=', firmId);
  if (side) {
    query = query.where('p.side', '=', side);
  }
  return query.orderBy('p.name').execute();
}

export function findPreset(db: Db | Trx, firmId: string, presetId: string): Promise<PresetRow | undefined> {
  return db
    .selectFrom('importPresets as p')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'p.createdBy').onRef('u.firmId', '=', 'p.firmId'))
    .selectAll('p')
    .select('u.name as creatorName')
    .where('p.firmId', '=', firmId)
    .where('p.id', '=', presetId)
    .executeTakeFirst();
}

export function findPresetByName(db: Db | Trx, firmId: string, side: LedgerSide, name: string) {
  return db.selectFrom('importPresets').select('id').where('firmId', '=', firmId).where('side', '=', side).where('name', '=', name).executeTakeFirst();
}

export async function insertPreset(trx: Trx, row: { id: string; firmId: string; name: string; side: LedgerSide; mapping: Record<string, unknown>; createdBy: string; createdAt: Date }): Promise<void> {
  await trx
    .insertInto('importPresets')
    .values({ ...row, mapping: JSON.stringify(row.mapping) })
    .execute();
}

export async function deletePreset(trx: Trx, firmId: string, presetId: string): Promise<void> {
  await trx.deleteFrom('importPresets').where('firmId', '=', firmId).where('id', '=', presetId).execute();
}

/** Whether `error` is the unique index on preset names refusing a row. */
export function isDuplicatePresetName(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, constraint } = error as { code?: unknown; constraint?: unknown }; // pg and PGlite DatabaseError fields
  return code === '23505' && constraint === 'import_presets_firm_id_side_name_key';
}
