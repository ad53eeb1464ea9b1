import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { DB, LedgerSide, ReconciliationMatchRow, ReconciliationRow } from '../../db/schema';

/**
 * Lines in scope of a reconciliation: the lines it matched, plus every line of its account and
 * side dated on or before its statement date that no reconciliation of that date or earlier
 * holds. Last period's outstanding items are such lines, so they carry forward by themselves;
 * and a line that a later period matched is still outstanding as of this one, so an approved
 * reconciliation reads the same after next month clears its items.
 */
type Scope = Pick<ReconciliationRow, 'id' | 'firmId' | 'bankAccountId' | 'statementDate'>;
type LinesEb = ExpressionBuilder<DB & { l: DB['statementLines']; ml: DB['reconciliationMatchLines']; mr: DB['reconciliations'] }, 'l' | 'ml' | 'mr'>;

function scoped(db: Db | Trx, rec: Scope, side: LedgerSide | null) {
  let query = db
    .selectFrom('statementLines as l')
    .leftJoin('reconciliationMatchLines as ml', 'ml.lineId', 'l.id')
    .leftJoin('reconciliations as mr', 'mr.id', 'ml.reconciliationId')
    .where('l.firmId', '=', rec.firmId)
    .where('l.bankAccountId', '=', rec.bankAccountId)
    .where((eb: LinesEb) =>
      eb.or([eb('ml.reconciliationId', '=', rec.id), eb.and([eb('l.bookedOn', '<=', rec.statementDate), eb.or([eb('ml.reconciliationId', 'is', null), eb('mr.statementDate', '>', rec.statementDate)])])]),
    );
  if (side) {
    query = query.where('l.side', '=', side);
  }
  return query;
}

/** Not in a match of this reconciliation (uncleared here, whatever later periods did). */
const unmatchedHere = (rec: Scope) => (eb: LinesEb) => eb.or([eb('ml.reconciliationId', 'is', null), eb('ml.reconciliationId', '<>', rec.id)]);

export interface ScopeLine {
  id: string;
  side: LedgerSide;
  bookedOn: string;
  amountMinor: number;
  description: string;
  reference: string | null;
  bankId: string | null;
  reconciledIn: string | null;
  /** Its match in this reconciliation, if any. */
  matchId: string | null;
  /** Matched by a later period's reconciliation (so it cannot be matched here). */
  isMatchedLater: boolean;
}

function lineColumns(rec: Scope) {
  return [
    'l.id',
    'l.side',
    'l.bookedOn',
    'l.amountMinor',
    'l.description',
    'l.reference',
    'l.bankId',
    'l.reconciledIn',
    sql<string | null>`case when ml.reconciliation_id = ${rec.id} then ml.match_id end`.as('matchId'),
    sql<boolean>`coalesce(ml.reconciliation_id <> ${rec.id}, false)`.as('isMatchedLater'),
  ] as const;
}

/** Every line in scope on one side, oldest first (for the matcher). */
export function listScopeLines(db: Db | Trx, rec: Scope, side: LedgerSide): Promise<ScopeLine[]> {
  return scoped(db, rec, side).select(lineColumns(rec)).orderBy('l.bookedOn').orderBy('l.id').execute();
}

/** The named lines, when they are in scope (any side). */
export function findScopeLines(db: Db | Trx, rec: Scope, ids: readonly string[]): Promise<ScopeLine[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return scoped(db, rec, null).select(lineColumns(rec)).where('l.id', 'in', [...ids]).execute();
}

export interface LinePageFilter {
  side: LedgerSide;
  status: 'all' | 'matched' | 'unmatched' | 'suggested';
  suggestedIds: readonly string[];
  text: string | null;
  /** An absolute amount to find as well as the text, when the search reads as a number. */
  amountMinor: number | null;
  page: number;
  pageSize: number;
}

/** One page of lines in scope, and the count and sums of the whole filtered set. */
export async function pageLines(db: Db | Trx, rec: Scope, filter: LinePageFilter) {
  let query = scoped(db, rec, filter.side);
  if (filter.status === 'matched') {
    query = query.where('ml.reconciliationId', '=', rec.id);
  } else if (filter.status === 'unmatched') {
    query = query.where(unmatchedHere(rec));
  } else if (filter.status === 'suggested') {
    query = filter.suggestedIds.length === 0 ? query.where(sql<boolean>`false`) : query.where(unmatchedHere(rec)).where('l.id', 'in', [...filter.suggestedIds]);
  }
  const { text, amountMinor } = filter;
  if (text !== null) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb: LinesEb) =>
      eb.or([
        eb('l.description', 'ilike', pattern),
        eb('l.reference', 'ilike', pattern),
        eb('l.bankId', 'ilike', pattern),
        ...(amountMinor !== null ? [eb('l.amountMinor', 'in', [amountMinor, -amountMinor])] : []),
      ]),
    );
  }
  const [rows, totals] = await Promise.all([
    query
      .select(lineColumns(rec))
      .orderBy('l.bookedOn')
      .orderBy('l.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<number>`coalesce(sum(l.amount_minor), 0)::bigint`.as('amount'),
        sql<number>`coalesce(sum(l.amount_minor) filter (where l.amount_minor > 0), 0)::bigint`.as('inflow'),
        sql<number>`coalesce(sum(l.amount_minor) filter (where l.amount_minor < 0), 0)::bigint`.as('outflow'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(totals.count), sums: { count: Number(totals.count), amountMinor: Number(totals.amount), inflowMinor: Number(totals.inflow), outflowMinor: Number(totals.outflow) } };
}

export interface ScopeTotals {
  side: LedgerSide;
  isMatched: boolean;
  count: number;
  inflowMinor: number;
  outflowMinor: number;
}

/** Counts and sums of the lines in scope, per side and matched or not (for the proof). */
export async function scopeTotals(db: Db | Trx, rec: Scope): Promise<ScopeTotals[]> {
  const rows = await scoped(db, rec, null)
    .select([
      'l.side',
      sql<boolean>`coalesce(ml.reconciliation_id = ${rec.id}, false)`.as('isMatched'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(l.amount_minor) filter (where l.amount_minor > 0), 0)::bigint`.as('inflow'),
      sql<number>`coalesce(sum(l.amount_minor) filter (where l.amount_minor < 0), 0)::bigint`.as('outflow'),
    ])
    // By position: the same expression twice would carry two parameters, which PostgreSQL does not see as equal.
    .groupBy([sql`1`, sql`2`])
    .execute();
  return rows.map((r) => ({ side: r.side, isMatched: Boolean(r.isMatched), count: Number(r.count), inflowMinor: Number(r.inflow), outflowMinor: Number(r.outflow) }));
}

/** Uncleared lines in scope dated before `periodStart` and on or before `staleBefore`, without an item note. */
export async function countUndocumentedStale(db: Db | Trx, rec: Scope & { periodStart: string }, staleOnOrBefore: string): Promise<number> {
  const row = await scoped(db, rec, null)
    .leftJoin('reconciliationItemNotes as n', (j) => j.onRef('n.lineId', '=', 'l.id').on('n.reconciliationId', '=', rec.id))
    .where(unmatchedHere(rec))
    .where('l.bookedOn', '<', rec.periodStart)
    .where('l.bookedOn', '<=', staleOnOrBefore)
    .where('n.lineId', 'is', null)
    .select(sql<number>`count(*)::int`.as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Uncleared ledger lines in scope (outstanding checks and deposits in transit), oldest first. */
export function listUnclearedLines(db: Db | Trx, rec: Scope, side: LedgerSide): Promise<ScopeLine[]> {
  return scoped(db, rec, side).select(lineColumns(rec)).where(unmatchedHere(rec)).orderBy('l.bookedOn').orderBy('l.id').execute();
}

export interface MatchStats {
  matches: number;
  adjustmentsMinor: number;
  proposedAdjustments: number;
}

export async function matchStats(db: Db | Trx, firmId: string, reconciliationId: string): Promise<MatchStats> {
  const row = await db
    .selectFrom('reconciliationMatches')
    .where('firmId', '=', firmId)
    .where('reconciliationId', '=', reconciliationId)
    .select([
      sql<number>`count(*)::int`.as('matches'),
      sql<number>`coalesce(sum(adjustment_minor), 0)::bigint`.as('adjustments'),
      sql<number>`(count(*) filter (where adjustment_status = 'proposed'))::int`.as('proposed'),
    ])
    .executeTakeFirstOrThrow();
  return { matches: Number(row.matches), adjustmentsMinor: Number(row.adjustments), proposedAdjustments: Number(row.proposed) };
}

export interface MatchWithLines extends ReconciliationMatchRow {
  lines: Array<{ lineId: string; side: LedgerSide; amountMinor: number; bookedOn: string; description: string }>;
}

/** Matches of a reconciliation with their lines: the named ones, or those with an adjustment. */
export async function listMatchesWithLines(db: Db | Trx, firmId: string, reconciliationId: string, which: { ids: readonly string[] } | 'adjustments'): Promise<MatchWithLines[]> {
  let query = db.selectFrom('reconciliationMatches').selectAll().where('firmId', '=', firmId).where('reconciliationId', '=', reconciliationId);
  if (which === 'adjustments') {
    query = query.where('adjustmentMinor', 'is not', null);
  } else if (which.ids.length === 0) {
    return [];
  } else {
    query = query.where('id', 'in', [...which.ids]);
  }
  const matches = await query.orderBy('createdAt').orderBy('id').execute();
  if (matches.length === 0) {
    return [];
  }
  const lines = await db
    .selectFrom('reconciliationMatchLines as ml')
    .innerJoin('statementLines as l', 'l.id', 'ml.lineId')
    .select(['ml.matchId', 'ml.lineId', 'ml.side', 'l.amountMinor', 'l.bookedOn', 'l.description'])
    .where('ml.firmId', '=', firmId)
    .where('ml.matchId', 'in', matches.map((m) => m.id))
    .orderBy('l.bookedOn')
    .orderBy('l.id')
    .execute();
  return matches.map((m) => ({ ...m, lines: lines.filter((l) => l.matchId === m.id) }));
}

/** Matches that a matching run may replace: automatic or rule matches nobody approved or annotated. */
export async function deleteUntouchedAutomaticMatches(trx: Trx, firmId: string, reconciliationId: string): Promise<number> {
  const rows = await trx
    .deleteFrom('reconciliationMatches')
    .where('firmId', '=', firmId)
    .where('reconciliationId', '=', reconciliationId)
    .where('origin', 'in', ['auto', 'rule'])
    .where('adjustmentApprovedBy', 'is', null)
    .where('note', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function insertMatch(trx: Trx, row: Insertable<DB['reconciliationMatches']>, lines: ReadonlyArray<{ lineId: string; side: LedgerSide }>): Promise<ReconciliationMatchRow> {
  const match = await trx.insertInto('reconciliationMatches').values(row).returningAll().executeTakeFirstOrThrow();
  if (lines.length > 0) {
    await trx
      .insertInto('reconciliationMatchLines')
      .values(lines.map((l) => ({ firmId: row.firmId, matchId: row.id, reconciliationId: row.reconciliationId, lineId: l.lineId, side: l.side })))
      .execute();
  }
  return match;
}

/** Inserts many matches at once (a matching run), in chunks the database takes comfortably. */
export async function insertMatches(trx: Trx, rows: ReadonlyArray<{ match: Insertable<DB['reconciliationMatches']>; lines: ReadonlyArray<{ lineId: string; side: LedgerSide }> }>): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await trx.insertInto('reconciliationMatches').values(part.map((r) => r.match)).execute();
    const lines = part.flatMap((r) => r.lines.map((l) => ({ firmId: r.match.firmId, matchId: r.match.id, reconciliationId: r.match.reconciliationId, lineId: l.lineId, side: l.side })));
    for (let j = 0; j < lines.length; j += CHUNK * 2) {
      await trx.insertInto('reconciliationMatchLines').values(lines.slice(j, j + CHUNK * 2)).execute();
    }
  }
}

export function findMatchForUpdate(trx: Trx, firmId: string, reconciliationId: string, matchId: string): Promise<ReconciliationMatchRow | undefined> {
  return trx.selectFrom('reconciliationMatches').selectAll().where('firmId', '=', firmId).where('reconciliationId', '=', reconciliationId).where('id', '=', matchId).forUpdate().executeTakeFirst();
}

export async function deleteMatch(trx: Trx, firmId: string, matchId: string): Promise<void> {
  await trx.deleteFrom('reconciliationMatches').where('firmId', '=', firmId).where('id', '=', matchId).execute();
}

export function approveAdjustment(trx: Trx, firmId: string, matchId: string, by: string, at: Date): Promise<ReconciliationMatchRow | undefined> {
  return trx
    .updateTable('reconciliationMatches')
    .set({ adjustmentStatus: 'approved', adjustmentApprovedBy: by, adjustmentApprovedAt: at })
    .where('firmId', '=', firmId)
    .where('id', '=', matchId)
    .where('adjustmentStatus', '=', 'proposed')
    .returningAll()
    .executeTakeFirst();
}

export async function upsertItemNote(trx: Trx, row: { firmId: string; reconciliationId: string; lineId: string; note: string; createdBy: string; updatedAt: Date }): Promise<void> {
  await trx
    .insertInto('reconciliationItemNotes')
    .values(row)
    .onConflict((oc) => oc.columns(['reconciliationId', 'lineId']).doUpdateSet({ note: row.note, createdBy: row.createdBy, updatedAt: row.updatedAt }))
    .execute();
}

/** Item notes of a reconciliation: for the named lines, or all of them. */
export function listItemNotes(db: Db | Trx, firmId: string, reconciliationId: string, lineIds?: readonly string[]) {
  let query = db.selectFrom('reconciliationItemNotes').selectAll().where('firmId', '=', firmId).where('reconciliationId', '=', reconciliationId);
  if (lineIds) {
    if (lineIds.length === 0) {
      return Promise.resolve([]);
    }
    query = query.where('lineId', 'in', [...lineIds]);
  }
  return query.execute();
}

/** Review notes written on the given lines of a task. */
export function listLineReviewNotes(db: Db | Trx, firmId: string, taskId: string, lineIds: readonly string[]) {
  if (lineIds.length === 0) {
    return Promise.resolve([]);
  }
  return db.selectFrom('reviewNotes').selectAll().where('firmId', '=', firmId).where('taskId', '=', taskId).where('statementLineId', 'in', [...lineIds]).orderBy('createdAt').execute();
}

/** Marks every matched line of the reconciliation as reconciled by it; answers how many. */
export async function setReconciledIn(trx: Trx, firmId: string, reconciliationId: string): Promise<number> {
  const rows = await trx
    .updateTable('statementLines')
    .set({ reconciledIn: reconciliationId })
    .where('firmId', '=', firmId)
    .where('id', 'in', (eb) => eb.selectFrom('reconciliationMatchLines').select('lineId').where('firmId', '=', firmId).where('reconciliationId', '=', reconciliationId))
    .returning('id')
    .execute();
  return rows.length;
}

export async function clearReconciledIn(trx: Trx, firmId: string, reconciliationId: string): Promise<void> {
  await trx.updateTable('statementLines').set({ reconciledIn: null }).where('firmId', '=', firmId).where('reconciledIn', '=', reconciliationId).execute();
}

/** The matched lines of a reconciliation in a stable order, for its snapshot hash. */
export function listSnapshotLines(trx: Trx, firmId: string, reconciliationId: string) {
  return trx
    .selectFrom('reconciliationMatchLines as ml')
    .innerJoin('statementLines as l', 'l.id', 'ml.lineId')
    .innerJoin('reconciliationMatches as m', 'm.id', 'ml.matchId')
    .select(['l.id', 'l.side', 'l.bookedOn', 'l.amountMinor', 'l.description', 'l.reference', 'l.bankId', 'ml.matchId', 'm.adjustmentMinor', 'm.adjustmentStatus'])
    .where('ml.firmId', '=', firmId)
    .where('ml.reconciliationId', '=', reconciliationId)
    .orderBy('l.id')
    .execute();
}

/** Matched groups per reason: how many, how many lines on each side, and the bank amount. */
export async function summarizeMatches(db: Db | Trx, firmId: string, reconciliationId: string) {
  const rows = await db
    .selectFrom('reconciliationMatches as m')
    .leftJoin('reconciliationMatchLines as ml', 'ml.matchId', 'm.id')
    .leftJoin('statementLines as l', 'l.id', 'ml.lineId')
    .where('m.firmId', '=', firmId)
    .where('m.reconciliationId', '=', reconciliationId)
    .select([
      'm.reason',
      sql<number>`count(distinct m.id)::int`.as('groups'),
      sql<number>`(count(ml.line_id) filter (where ml.side = 'bank'))::int`.as('bankLines'),
      sql<number>`(count(ml.line_id) filter (where ml.side = 'ledger'))::int`.as('ledgerLines'),
      sql<number>`coalesce(sum(l.amount_minor) filter (where ml.side = 'bank'), 0)::bigint`.as('amount'),
    ])
    .groupBy('m.reason')
    .orderBy('m.reason')
    .execute();
  return rows.map((r) => ({ reason: r.reason, groups: Number(r.groups), bankLines: Number(r.bankLines), ledgerLines: Number(r.ledgerLines), amountMinor: Number(r.amount) }));
}

/** Which matches of a reconciliation a matching run must keep: made or touched by a person. */
export async function listKeptMatchIds(db: Db | Trx, firmId: string, reconciliationId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reconciliationMatches')
    .select('id')
    .where('firmId', '=', firmId)
    .where('reconciliationId', '=', reconciliationId)
    .where((eb) => eb.or([eb('origin', '=', 'manual'), eb('adjustmentApprovedBy', 'is not', null), eb('note', 'is not', null)]))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Of the given lines, those in any match now (of any reconciliation). */
export async function listMatchedLineIds(db: Db | Trx, firmId: string, lineIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const CHUNK = 5000;
  for (let i = 0; i < lineIds.length; i += CHUNK) {
    const rows = await db.selectFrom('reconciliationMatchLines').select('lineId').where('firmId', '=', firmId).where('lineId', 'in', lineIds.slice(i, i + CHUNK)).execute();
    for (const row of rows) {
      found.add(row.lineId);
    }
  }
  return found;
}

/** The newest manual adjustments of a firm's reconciliations (of `clientIds`, or all), with their bank lines. */
export function listManualAdjustmentLines(db: Db | Trx, firmId: string, clientIds: readonly string[] | null, limit: number) {
  let query = db
    .selectFrom('reconciliationMatches as m')
    .innerJoin('reconciliations as r', 'r.id', 'm.reconciliationId')
    .innerJoin('reconciliationMatchLines as ml', (j) => j.onRef('ml.matchId', '=', 'm.id').on('ml.side', '=', 'bank'))
    .innerJoin('statementLines as l', 'l.id', 'ml.lineId')
    .select(['m.id as matchId', 'm.reconciliationId', 'm.adjustmentReason', 'm.adjustmentAccount', 'l.description', 'l.amountMinor', 'l.bookedOn'])
    .where('m.firmId', '=', firmId)
    .where('m.origin', '=', 'manual')
    .where('m.adjustmentMinor', 'is not', null);
  if (clientIds !== null) {
    if (clientIds.length === 0) {
      return Promise.resolve([]);
    }
    query = query.where('r.clientId', 'in', [...clientIds]);
  }
  return query.orderBy('m.createdAt', 'desc').orderBy('m.id').limit(limit).execute();
}
