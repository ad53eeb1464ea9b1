/**
 * Passes 1–3 (bank id, amount + reference, amount + date). All three pair lines of equal amount,
 * so they run amount by amount: one radix sort puts every line in (amount, date) order, and each
 * run of equal amounts goes through the three passes in turn. A run with one bank line and one
 * ledger line, the common case, takes a direct path that decides exactly as the general one.
 */
import { explainAmountDate, explainBankId, explainReference, withSuggestionTail, type ReferenceAgreement } from './explain';
import type { MatchState } from './match-state';
import { forEachInWindow, groupSorted, recordBankLedgerPair, runPass, type LineClasses, type PassSpec } from './pair-pass';
import {
  APPLY_THRESHOLD,
  BANK_ID_CONFIDENCE,
  amountDateConfidence,
  amountDateScore,
  isReferenceConflict,
  isSameAccount,
  needsDescription,
  referenceConfidence,
  referenceScore,
} from './scoring';
import { isNumericReference, isRoundAmount } from './similarity';
import { sortByAmountThenDay } from './sort-nodes';
import type { MatchReason } from './types';

export function matchEqualAmounts(state: MatchState): void {
  const order = sortByAmountThenDay(state.amount, state.day);
  const bankNodes: number[] = [];
  const ledgerNodes: number[] = [];
  for (let i = 0; i < order.length; ) {
    const amount = state.amount[order[i] ?? 0];
    bankNodes.length = 0;
    ledgerNodes.length = 0;
    let j = i;
    for (; j < order.length && state.amount[order[j] ?? 0] === amount; j++) {
      const node = order[j] ?? 0;
      (node < state.bankCount ? bankNodes : ledgerNodes).push(node);
    }
    if (bankNodes.length === 1 && ledgerNodes.length === 1) {
      matchSinglePair(state, bankNodes[0] ?? 0, ledgerNodes[0] ?? 0);
    } else if (bankNodes.length > 0 && ledgerNodes.length > 0) {
      matchRun(state, bankNodes, ledgerNodes);
    }
    i = j;
  }
}

function matchRun(state: MatchState, bankNodes: readonly number[], ledgerNodes: readonly number[]): void {
  state.markSharedBankIds(bankNodes, ledgerNodes);
  const bank = groupSorted(state, bankNodes);
  const ledger = groupSorted(state, ledgerNodes);
  for (const spec of [bankIdPass(state), referencePass(state), amountDatePass(state)]) {
    runPass(state, bank, ledger, { ...spec, collect: (left, right, add) => spec.collect(left, right, (l, r) => {
      for (const node of [...(left.members[l] ?? []), ...(right.members[r] ?? [])]) {
        state.hasOneToOneCandidate[node] = 1;
      }
      add(l, r);
    }) });
  }
}

/** The single bank line and single ledger line of a run: the three passes, decided directly. */
function matchSinglePair(state: MatchState, b: number, l: number): void {
  const bankLine = state.line(b);
  const ledgerLine = state.line(l);
  if (!isSameAccount(bankLine, ledgerLine)) {
    return;
  }
  const gap = state.gap(b, l);
  if (bankLine.bankId !== null && bankLine.bankId !== undefined && bankLine.bankId === ledgerLine.bankId) {
    addPair(state, b, l, 'bank-id', BANK_ID_CONFIDENCE, explainBankId(bankLine.bankId, gap), false);
    return;
  }
  const hasReference = bankLine.reference != null || ledgerLine.reference != null;
  if (hasReference && isReferenceConflict(state.reference(b), state.reference(l))) {
    return;
  }
  if (hasReference && gap <= state.referenceWindow) {
    const agreement = referenceAgreement(state, b, l);
    if (agreement !== null) {
      addPair(state, b, l, 'amount+reference', referenceConfidence(gap, state.referenceWindow, false), explainReference(agreement, gap), false);
      return;
    }
  }
  if (gap > state.window) {
    return;
  }
  const pass = amountDatePass(state);
  const confidence = pass.confidence(b, l, false);
  if (confidence >= APPLY_THRESHOLD) {
    addPair(state, b, l, 'amount+date', confidence, pass.explain(b, l, false), false);
  } else {
    state.hasOneToOneCandidate[b] = 1;
    state.hasOneToOneCandidate[l] = 1;
    addPair(state, b, l, 'amount+date', confidence, withSuggestionTail(pass.explain(b, l, false), 'weak'), true);
  }
}

function bankIdPass(state: MatchState): PassSpec {
  const bankIdOf = (classes: LineClasses, c: number): string | null => state.line(classes.members[c]?.[0] ?? 0).bankId ?? null;
  return {
    reason: 'bank-id',
    collect(bank, ledger, add) {
      const byId = new Map<string, number[]>();
      for (let l = 0; l < ledger.members.length; l++) {
        const id = bankIdOf(ledger, l);
        if (id !== null && (ledger.remaining[l] ?? 0) > 0) {
          const list = byId.get(id) ?? [];
          list.push(l);
          byId.set(id, list);
        }
      }
      if (byId.size === 0) {
        return;
      }
      for (let b = 0; b < bank.members.length; b++) {
        const id = bankIdOf(bank, b);
        if (id === null || (bank.remaining[b] ?? 0) === 0) {
          continue;
        }
        for (const l of byId.get(id) ?? []) {
          if (isSameAccount(state.line(bank.members[b]?.[0] ?? 0), state.line(ledger.members[l]?.[0] ?? 0))) {
            add(b, l);
          }
        }
      }
    },
    score: () => 0,
    confidence: () => BANK_ID_CONFIDENCE,
    explain: (b, l) => explainBankId(state.line(b).bankId ?? '', state.gap(b, l)),
  };
}

function referencePass(state: MatchState): PassSpec {
  return {
    reason: 'amount+reference',
    collect(bank, ledger, add) {
      const hasAny = (classes: LineClasses): boolean => classes.members.some((members, c) => (classes.remaining[c] ?? 0) > 0 && state.line(members[0] ?? 0).reference != null);
      if (!hasAny(bank) && !hasAny(ledger)) {
        return;
      }
      forEachInWindow(bank, ledger, state.referenceWindow, (b, l) => {
        const bn = bank.members[b]?.[0] ?? 0;
        const ln = ledger.members[l]?.[0] ?? 0;
        if (state.line(bn).reference == null && state.line(ln).reference == null) {
          return;
        }
        if (isSameAccount(state.line(bn), state.line(ln)) && !isReferenceConflict(state.reference(bn), state.reference(ln)) && referenceAgreement(state, bn, ln) !== null) {
          add(b, l);
        }
      });
    },
    score: (b, l) => referenceScore(state.gap(b, l), state.referenceWindow, state.pool.similarity(b, l)),
    confidence: (b, l, competing) => referenceConfidence(state.gap(b, l), state.referenceWindow, competing),
    explain: (b, l) => explainReference(referenceAgreement(state, b, l) ?? { kind: 'reference', value: '' }, state.gap(b, l)),
  };
}

function amountDatePass(state: MatchState): PassSpec {
  const facts = (b: number, l: number, competing: boolean) => ({
    gap: state.gap(b, l),
    dateWindowDays: state.window,
    isRound: isRoundAmount(state.amount[b] ?? 0),
    isRuleHit: state.isRuleHit(b),
    hasCompetitors: competing,
  });
  const sharedNumber = (b: number, l: number): string | null => state.pool.firstSharedNumber(b, state.reference(b), l, state.reference(l));
  return {
    reason: 'amount+date',
    collect(bank, ledger, add) {
      forEachInWindow(bank, ledger, state.window, (b, l) => {
        const bn = bank.members[b]?.[0] ?? 0;
        const ln = ledger.members[l]?.[0] ?? 0;
        if (isSameAccount(state.line(bn), state.line(ln)) && !isReferenceConflict(state.reference(bn), state.reference(ln))) {
          add(b, l);
        }
      });
    },
    score: (b, l) => amountDateScore(state.gap(b, l), state.window, state.pool.similarity(b, l), sharedNumber(b, l) !== null),
    confidence(b, l, competing) {
      const f = facts(b, l, competing);
      return needsDescription(f) ? amountDateConfidence(f, state.pool.similarity(b, l), sharedNumber(b, l) !== null) : amountDateConfidence(f, 0, false);
    },
    explain(b, l, competing) {
      const f = facts(b, l, competing);
      const read = needsDescription(f);
      return explainAmountDate({
        gap: f.gap,
        dateWindowDays: state.window,
        readDescriptions: read,
        sharedWords: read ? state.pool.sharedWords(b, l) : [],
        sharedNumber: read ? sharedNumber(b, l) : null,
        hasCompetitors: competing,
      });
    },
  };
}

/** How the references agree, or null: equal references first, then either side's number in the other's description. */
function referenceAgreement(state: MatchState, b: number, l: number): ReferenceAgreement | null {
  const rb = state.reference(b);
  const rl = state.reference(l);
  if (rb !== null && rb === rl) {
    return { kind: 'reference', value: (state.line(b).reference ?? '').trim() };
  }
  if (rb !== null && isNumericReference(rb) && state.pool.hasNumber(l, rb)) {
    return { kind: 'bank-number', value: rb };
  }
  if (rl !== null && isNumericReference(rl) && state.pool.hasNumber(b, rl)) {
    return { kind: 'ledger-number', value: rl };
  }
  return null;
}

function addPair(state: MatchState, b: number, l: number, reason: MatchReason, confidence: number, explanation: string, isSuggestion: boolean): void {
  recordBankLedgerPair(state, { left: b, right: l, reason, confidence, explanation, isSuggestion });
}
