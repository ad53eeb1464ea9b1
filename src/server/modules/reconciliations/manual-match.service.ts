import { requireActor, type RequestContext } from '../../context';
import type { Trx } from '../../db/database';
import type { LedgerSide, ReconciliationMatchRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../errors';
import { newId } from '../../ids';
import { currencyExponent, formatMinor } from '../../../domain/money';
import { decideManualMatch } from '../../../domain/reconciliation/reconciliation-state';
import type { AcceptSuggestionBody, CreateMatchBody, ItemNoteBody, RemoveMatchBody } from '../../../shared/reconciliation';
import { loadForWork, type LoadedReconciliation } from './reconciliation-access';
import * as lines from './reconciliation-lines.repository';
import { buildView, type ReconciliationView } from './reconciliation-view';
import * as repo from './reconciliations.repository';
import { readSuggestions, withoutLines, type StoredSuggestion } from './suggestions';

export interface MatchChange {
  match: ReconciliationMatchRow;
  matchLines: Array<{ lineId: string; side: LedgerSide; amountMinor: number }>;
  view: ReconciliationView;
  created: boolean;
}

interface Group {
  bankLineIds: readonly string[];
  ledgerLineIds: readonly string[];
}

/**
 * The preparer matches lines by hand. Equal sums match as they are; otherwise the difference
 * becomes a proposed adjustment, which needs a reason code (a reviewer approves it later).
 * Sending the same match twice answers the first one.
 */
export async function createManualMatch(ctx: RequestContext, id: string, body: CreateMatchBody): Promise<MatchChange> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadForWork(ctx, trx, id, 'match');
    const chosen = await loadGroup(trx, ctx, loaded, body);
    if ('existing' in chosen) {
      return chosen.existing;
    }
    const decision = decideManualMatch({ bankAmounts: chosen.bank.map((l) => l.amountMinor), ledgerAmounts: chosen.ledger.map((l) => l.amountMinor), hasAdjustmentReason: body.adjustment !== undefined });
    if (!decision.ok) {
      throw new AppError(400, decision.code, decision.message, [{ path: decision.code === 'sums_differ' ? 'adjustment' : 'ledgerLineIds', message: decision.message }]);
    }
    const account = await repo.findBankAccount(trx, actor.firmId, loaded.rec.bankAccountId);
    const currency = account?.currency ?? 'USD';
    const adjustment = decision.adjustmentMinor === null || !body.adjustment ? null : { amountMinor: decision.adjustmentMinor, reasonCode: body.adjustment.reasonCode, account: body.adjustment.account ?? account?.glAccount ?? null };
    const explanation = describeManualMatch(chosen.bank.length, chosen.ledger.length, adjustment, currency);
    return saveMatch(ctx, trx, loaded, { origin: 'manual', reason: 'manual', confidence: 1, explanation, note: body.note ?? null, adjustment, suggestionKey: null }, chosen);
  });
}

/** The preparer accepts one of the matcher's suggestions: it becomes a match a person confirmed. */
export async function acceptSuggestion(ctx: RequestContext, id: string, body: AcceptSuggestionBody): Promise<MatchChange> {
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadForWork(ctx, trx, id, 'match');
    const suggestion = readSuggestions(loaded.rec.suggestions).find((s) => s.key === body.key);
    if (!suggestion) {
      throw new NotFoundError('suggestion');
    }
    const chosen = await loadGroup(trx, ctx, loaded, suggestion);
    if ('existing' in chosen) {
      return chosen.existing;
    }
    if (suggestion.acceptedMatchId !== null) {
      throw new NotFoundError('suggestion'); // accepted once, then unmatched: run matching again for fresh suggestions
    }
    const adjustment = suggestion.adjustment ? { amountMinor: suggestion.adjustment.amountMinor, reasonCode: suggestion.adjustment.reasonCode, account: suggestion.adjustment.account } : null;
    return saveMatch(ctx, trx, loaded, { origin: 'manual', reason: suggestion.reason, confidence: suggestion.confidence, explanation: `${suggestion.explanation} Accepted by hand.`, note: null, adjustment, suggestionKey: suggestion.key }, chosen);
  });
}

/** The preparer unmatches a group, saying why; its lines are free again (and any adjustment goes with it). */
export async function removeMatch(ctx: RequestContext, id: string, matchId: string, body: RemoveMatchBody): Promise<ReconciliationView> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadForWork(ctx, trx, id, 'match');
    const match = await lines.findMatchForUpdate(trx, actor.firmId, loaded.rec.id, matchId);
    if (!match) {
      throw new NotFoundError('match');
    }
    const [withLines] = await lines.listMatchesWithLines(trx, actor.firmId, loaded.rec.id, { ids: [matchId] });
    const of = (side: LedgerSide) => (withLines?.lines ?? []).filter((l) => l.side === side).map((l) => l.lineId);
    await lines.deleteMatch(trx, actor.firmId, matchId);
    await touch(trx, ctx, loaded);
    await recordAudit(trx, ctx, actor.firmId, { type: 'match.removed', subjectType: 'reconciliation', data: { matchId, reason: match.reason, bankLineIds: of('bank'), ledgerLineIds: of('ledger'), note: body.note } }, { id: loaded.rec.id, clientId: loaded.rec.clientId });
    return buildView(trx, actor, { rec: (await repo.findReconciliation(trx, actor.firmId, loaded.rec.id)) ?? loaded.rec, task: loaded.task });
  });
}

/**
 * A reviewer approves a proposed adjustment. Segregation of duties: never someone who prepared
 * the task (the preparer proposes, someone else approves). Approving twice is harmless.
 */
export async function approveAdjustment(ctx: RequestContext, id: string, matchId: string): Promise<ReconciliationView> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadForWork(ctx, trx, id, 'approveAdjustment');
    const match = await lines.findMatchForUpdate(trx, actor.firmId, loaded.rec.id, matchId);
    if (!match) {
      throw new NotFoundError('match');
    }
    if (match.adjustmentMinor === null) {
      throw new ConflictError('This match has no adjustment to approve.', 'no_adjustment');
    }
    if (match.adjustmentStatus === 'proposed') {
      await lines.approveAdjustment(trx, actor.firmId, matchId, actor.userId, ctx.now());
      await recordAudit(trx, ctx, actor.firmId, { type: 'adjustment.approved', subjectType: 'reconciliation', data: { matchId, amountMinor: match.adjustmentMinor, reasonCode: match.adjustmentReason ?? 'other', account: match.adjustmentAccount } }, { id: loaded.rec.id, clientId: loaded.rec.clientId });
    }
    return buildView(trx, actor, loaded);
  });
}

/** The preparer documents an item (why a check is still outstanding, what a deposit is). */
export async function documentItem(ctx: RequestContext, id: string, lineId: string, body: ItemNoteBody): Promise<ReconciliationView> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadForWork(ctx, trx, id, 'match');
    const [line] = await lines.findScopeLines(trx, loaded.rec, [lineId]);
    if (!line) {
      throw new NotFoundError('line');
    }
    await lines.upsertItemNote(trx, { firmId: actor.firmId, reconciliationId: loaded.rec.id, lineId, note: body.note, createdBy: actor.userId, updatedAt: ctx.now() });
    await touch(trx, ctx, loaded);
    await recordAudit(trx, ctx, actor.firmId, { type: 'reconciliation.item_documented', subjectType: 'reconciliation', data: { lineId, note: body.note } }, { id: loaded.rec.id, clientId: loaded.rec.clientId });
    return buildView(trx, actor, { rec: (await repo.findReconciliation(trx, actor.firmId, loaded.rec.id)) ?? loaded.rec, task: loaded.task });
  });
}

type LoadedGroup = { bank: lines.ScopeLine[]; ledger: lines.ScopeLine[] } | { existing: MatchChange };

/**
 * The lines of a group to match: each must be in scope and on the side it is named for, and none
 * matched already. When every line is already in one match of exactly these lines, that match is
 * answered instead (the same request sent twice).
 */
async function loadGroup(trx: Trx, ctx: RequestContext, loaded: LoadedReconciliation, group: Group): Promise<LoadedGroup> {
  const found = await lines.findScopeLines(trx, loaded.rec, [...group.bankLineIds, ...group.ledgerLineIds]);
  const byId = new Map(found.map((l) => [l.id, l]));
  for (const [side, ids] of [['bank', group.bankLineIds], ['ledger', group.ledgerLineIds]] as const) {
    const wrong = ids.filter((lineId) => byId.get(lineId)?.side !== side);
    if (wrong.length > 0) {
      throw new ValidationError(`Some lines are not ${side} lines of this reconciliation.`, [{ path: side === 'bank' ? 'bankLineIds' : 'ledgerLineIds', message: `${wrong.length} of the lines are not ${side} lines in scope` }]);
    }
  }
  const matchIds = new Set(found.map((l) => l.matchId));
  if (matchIds.size === 1 && !matchIds.has(null)) {
    const [matchId] = [...matchIds] as string[];
    const [existing] = await lines.listMatchesWithLines(trx, loaded.rec.firmId, loaded.rec.id, { ids: matchId ? [matchId] : [] });
    if (existing && existing.lines.length === found.length) {
      return { existing: { match: existing, matchLines: existing.lines, view: await buildView(trx, requireActor(ctx), loaded), created: false } };
    }
  }
  const taken = found.filter((l) => l.matchId !== null || l.isMatchedLater).length;
  if (taken > 0) {
    throw new ConflictError(`${taken} of these lines ${taken === 1 ? 'is' : 'are'} already matched; unmatch ${taken === 1 ? 'it' : 'them'} first.`, 'line_already_matched');
  }
  return { bank: group.bankLineIds.map((lineId) => byId.get(lineId)).filter(isLine), ledger: group.ledgerLineIds.map((lineId) => byId.get(lineId)).filter(isLine) };
}

interface NewMatch {
  origin: 'manual';
  reason: string;
  confidence: number;
  explanation: string;
  note: string | null;
  adjustment: { amountMinor: number; reasonCode: string; account: string | null } | null;
  /** The suggestion this match accepts, if any. */
  suggestionKey: string | null;
}

async function saveMatch(ctx: RequestContext, trx: Trx, loaded: LoadedReconciliation, m: NewMatch, group: { bank: lines.ScopeLine[]; ledger: lines.ScopeLine[] }): Promise<MatchChange> {
  const actor = requireActor(ctx);
  const { rec } = loaded;
  const matchLines = [...group.bank, ...group.ledger].map((l) => ({ lineId: l.id, side: l.side, amountMinor: l.amountMinor }));
  const match = await lines.insertMatch(
    trx,
    {
      id: newId(),
      firmId: actor.firmId,
      reconciliationId: rec.id,
      origin: m.origin,
      reason: m.reason,
      confidence: m.confidence,
      explanation: m.explanation,
      adjustmentMinor: m.adjustment?.amountMinor ?? null,
      adjustmentReason: m.adjustment?.reasonCode ?? null,
      adjustmentAccount: m.adjustment?.account ?? null,
      adjustmentStatus: m.adjustment ? 'proposed' : null,
      adjustmentApprovedBy: null,
      adjustmentApprovedAt: null,
      note: m.note,
      createdBy: actor.userId,
      createdAt: ctx.now(),
    },
    matchLines,
  );
  const accepted = readSuggestions(rec.suggestions).map((s): StoredSuggestion => (s.key === m.suggestionKey ? { ...s, acceptedMatchId: match.id } : s));
  const remaining = withoutLines(accepted, new Set(matchLines.map((l) => l.lineId)));
  await touch(trx, ctx, loaded, JSON.stringify(remaining));
  await recordAudit(
    trx,
    ctx,
    actor.firmId,
    {
      type: 'match.confirmed',
      subjectType: 'reconciliation',
      data: { matchId: match.id, origin: m.origin, reason: m.reason, bankLineIds: group.bank.map((l) => l.id), ledgerLineIds: group.ledger.map((l) => l.id), adjustmentMinor: m.adjustment?.amountMinor ?? null, adjustmentReason: m.adjustment?.reasonCode ?? null, note: m.note },
    },
    { id: rec.id, clientId: rec.clientId },
  );
  const fresh = (await repo.findReconciliation(trx, actor.firmId, rec.id)) ?? rec;
  return { match, matchLines, view: await buildView(trx, actor, { rec: fresh, task: loaded.task }), created: true };
}

/** Preparer work on the reconciliation: its version moves (the header's figures changed) and the task records who did it. */
async function touch(trx: Trx, ctx: RequestContext, loaded: LoadedReconciliation, suggestions?: string): Promise<void> {
  const actor = requireActor(ctx);
  await repo.updateReconciliation(trx, actor.firmId, loaded.rec.id, loaded.rec.version, { updatedAt: ctx.now(), ...(suggestions !== undefined ? { suggestions } : {}) });
  if (loaded.task && loaded.rec.status !== 'in_review') {
    await repo.addToPreparedBy(trx, actor.firmId, loaded.task, actor.userId);
  }
}

function describeManualMatch(bank: number, ledger: number, adjustment: { amountMinor: number; reasonCode: string } | null, currency: string): string {
  const parts = [bank > 0 ? `${bank} bank ${bank === 1 ? 'line' : 'lines'}` : null, ledger > 0 ? `${ledger} ledger ${ledger === 1 ? 'line' : 'lines'}` : null].filter(Boolean).join(' and ');
  const base = `Matched by hand: ${parts}.`;
  if (!adjustment) {
    return base;
  }
  return `${base} The difference of ${formatMinor(adjustment.amountMinor, currencyExponent(currency))} ${currency} is a proposed ${adjustment.reasonCode.replace(/_/g, ' ')} adjustment.`;
}

function isLine(line: lines.ScopeLine | undefined): line is lines.ScopeLine {
  return line !== undefined;
}
