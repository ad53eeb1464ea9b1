import { requireActor, type RequestContext } from '../../context';
import type { ReviewNoteRow } from '../../db/schema';
import { daysBetween } from '../../../domain/dates';
import { currencyExponent, parseAmount } from '../../../domain/money';
import type { ReconciliationLineDto, ReconciliationLinesDto, ReconciliationLinesQuery } from '../../../shared/reconciliation';
import { loadReadable } from './reconciliation-access';
import * as lines from './reconciliation-lines.repository';
import * as repo from './reconciliations.repository';
import { openSuggestions, type StoredSuggestion } from './suggestions';

/**
 * One page of a reconciliation's lines on one side, filtered, with each line's state (cleared in
 * this reconciliation, reconciled by an approved one), its match, the open suggestions for it,
 * its item note and the reviewer's notes on it; sums cover the whole filtered set.
 */
export async function listLines(ctx: RequestContext, id: string, query: ReconciliationLinesQuery): Promise<ReconciliationLinesDto> {
  const actor = requireActor(ctx);
  const { rec, task } = await loadReadable(ctx, ctx.db, id);
  const account = await repo.findBankAccount(ctx.db, actor.firmId, rec.bankAccountId);
  const suggestions = openSuggestions(rec.suggestions);
  const suggestedIds = [...new Set(suggestions.flatMap((s) => (query.side === 'bank' ? s.bankLineIds : s.ledgerLineIds)))];
  const text = query.q && query.q !== '' ? query.q : null;
  const amountMinor = text === null ? null : parseAmount(text, { exponent: currencyExponent(account?.currency) });
  const page = await lines.pageLines(ctx.db, rec, { side: query.side, status: query.status, suggestedIds, text, amountMinor: amountMinor === null ? null : Math.abs(amountMinor), page: query.page, pageSize: query.pageSize });
  const ids = page.rows.map((r) => r.id);
  const matchIds = [...new Set(page.rows.map((r) => r.matchId).filter((m): m is string => m !== null))];
  const [matches, notes, reviewNotes] = await Promise.all([
    lines.listMatchesWithLines(ctx.db, actor.firmId, rec.id, { ids: matchIds }),
    lines.listItemNotes(ctx.db, actor.firmId, rec.id, ids),
    task ? lines.listLineReviewNotes(ctx.db, actor.firmId, task.id, ids) : Promise.resolve([] as ReviewNoteRow[]),
  ]);
  const names = await repo.userNames(ctx.db, actor.firmId, [...notes.map((n) => n.createdBy), ...reviewNotes.map((n) => n.authorId)]);
  const person = (userId: string | null) => (userId ? { id: userId, name: names.get(userId) ?? 'Former member' } : null);
  const matchById = new Map(matches.map((m) => [m.id, m]));
  const items = page.rows.map((row): ReconciliationLineDto => {
    const match = row.matchId ? matchById.get(row.matchId) : undefined;
    const note = notes.find((n) => n.lineId === row.id);
    const isMatchedHere = match !== undefined;
    return {
      id: row.id,
      side: row.side,
      date: row.bookedOn,
      amountMinor: row.amountMinor,
      description: row.description,
      reference: row.reference,
      bankId: row.bankId,
      cleared: isMatchedHere,
      reconciled: row.reconciledIn === rec.id,
      matchedLater: Boolean(row.isMatchedLater),
      carriedForward: row.bookedOn < rec.periodStart,
      ageDays: Math.max(0, daysBetween(row.bookedOn, rec.statementDate)),
      match: match
        ? {
            id: match.id,
            origin: match.origin,
            reason: match.reason,
            confidence: match.confidence,
            explanation: match.explanation,
            note: match.note,
            sameSideLineIds: match.lines.filter((l) => l.side === row.side && l.lineId !== row.id).map((l) => l.lineId),
            otherSideLineIds: match.lines.filter((l) => l.side !== row.side).map((l) => l.lineId),
            adjustment: match.adjustmentMinor === null ? null : { amountMinor: match.adjustmentMinor, reasonCode: match.adjustmentReason ?? 'other', account: match.adjustmentAccount, status: match.adjustmentStatus ?? 'proposed' },
          }
        : null,
      suggestions: isMatchedHere ? [] : suggestions.filter((s) => involves(s, row.id)).map((s) => ({ key: s.key, reason: s.reason, confidence: s.confidence, explanation: s.explanation, distinguishing: s.distinguishing, bankLineIds: s.bankLineIds, ledgerLineIds: s.ledgerLineIds })),
      itemNote: note ? { note: note.note, by: person(note.createdBy), updatedAt: note.updatedAt.toISOString() } : null,
      reviewNotes: reviewNotes
        .filter((n) => n.statementLineId === row.id)
        .map((n) => ({
          id: n.id,
          category: n.category,
          body: n.body,
          author: person(n.authorId) ?? { id: n.authorId, name: 'Former member' },
          createdAt: n.createdAt.toISOString(),
          response: n.response,
          status: n.clearedAt ? 'cleared' : n.respondedAt ? 'responded' : 'open',
          version: n.version,
        })),
    };
  });
  return { items, total: page.total, page: query.page, pageSize: query.pageSize, sums: page.sums };
}

function involves(s: StoredSuggestion, lineId: string): boolean {
  return s.bankLineIds.includes(lineId) || s.ledgerLineIds.includes(lineId);
}
