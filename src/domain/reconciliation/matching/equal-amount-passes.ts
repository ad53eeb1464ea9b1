/**
 * Passes 1–3 (bank id, amount + reference, amount + date). All three pair lines of equal amount,
 * so they run amount by amount: one radix sort puts every line in (amount, date) order, and each
 * run of equal amounts goes through the three passes in turn.
 *
 * Inside a run, candidates are collected line by line (pass 3 one date cluster at a time: lines
 * more than a window apart can never compete). When every line has exactly one candidate, each
 * pair is decided on its own; otherwise the lines involved are grouped into classes of
 * interchangeable lines and handed to the assignment (`pairing.ts`). Both routes decide exactly
 * as the class-level definition does (the reference matcher holds them to it).
 */
import { explainAmountDate, explainBankId, explainReference, withSuggestionTail, type ReferenceAgreement } from './explain';
import type { MatchState } from './match-state';
import { groupSorted, recordBankLedgerPair, runPass, type LineClasses } from './pair-pass';
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

/** How one pass scores, trusts and explains a candidate pair (bank node, ledger node). */
interface LinePass {
  reason: MatchReason;
  score(b: number, l: number): number;
  confidence(b: number, l: number, hasCompetitors: boolean): number;
  explain(b: number, l: number, hasCompetitors: boolean, isApplied: boolean): string;
}

interface RunPasses {
  bankId: LinePass;
  reference: LinePass;
  amountDate: LinePass;
  /** Reused buffers for one pass's candidate pairs. */
  pairBank: number[];
  pairLedger: number[];
}

export function matchEqualAmounts(state: MatchState): void {
  const passes: RunPasses = { bankId: bankIdPass(state), reference: referencePass(state), amountDate: amountDatePass(state), pairBank: [], pairLedger: [] };
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
    if (bankNodes.length > 0 && ledgerNodes.length > 0) {
      matchRun(state, bankNodes, ledgerNodes, passes);
    }
    i = j;
  }
}

/** The three passes over one run of equal amounts (both lists in date order). */
function matchRun(state: MatchState, bankNodes: readonly number[], ledgerNodes: readonly number[], passes: RunPasses): void {
  if (ledgerNodes.some((node) => state.line(node).bankId != null)) {
    state.markSharedBankIds(bankNodes, ledgerNodes);
    collectBankIdPairs(state, bankNodes, ledgerNodes, passes);
    decidePairs(state, passes, passes.bankId);
  }
  if (bankNodes.some((node) => state.line(node).reference != null) || ledgerNodes.some((node) => state.line(node).reference != null)) {
    collectReferencePairs(state, bankNodes, ledgerNodes, passes);
    decidePairs(state, passes, passes.reference);
  }
  matchByDateClusters(state, bankNodes, ledgerNodes, passes);
}

/** Pass 3, one cluster of lines at a time: a cluster ends where the next line is more than a window later. */
function matchByDateClusters(state: MatchState, bankNodes: readonly number[], ledgerNodes: readonly number[], passes: RunPasses): void {
  const window = state.window;
  let bi = 0;
  let li = 0;
  const skip = (): void => {
    while (bi < bankNodes.length && state.matched[bankNodes[bi] ?? 0] === 1) {
      bi++;
    }
    while (li < ledgerNodes.length && state.matched[ledgerNodes[li] ?? 0] === 1) {
      li++;
    }
  };
  skip();
  while (bi < bankNodes.length && li < ledgerNodes.length) {
    const bankStart = bi;
    const ledgerStart = li;
    let last = Math.min(state.day[bankNodes[bi] ?? 0] ?? 0, state.day[ledgerNodes[li] ?? 0] ?? 0);
    // Extend the cluster while the next live line (of either side) is within a window of the last one.
    for (;;) {
      const nextBank = bi < bankNodes.length ? (state.day[bankNodes[bi] ?? 0] ?? 0) : Infinity;
      const nextLedger = li < ledgerNodes.length ? (state.day[ledgerNodes[li] ?? 0] ?? 0) : Infinity;
      const next = Math.min(nextBank, nextLedger);
      if (next - last > window) {
        break;
      }
      last = next;
      if (nextBank <= nextLedger) {
        bi++;
      } else {
        li++;
      }
      skip();
    }
    collectWindowPairs(state, bankNodes, bankStart, bi, ledgerNodes, ledgerStart, li, passes);
    decidePairs(state, passes, passes.amountDate);
    skip();
  }
}

function collectWindowPairs(
  state: MatchState,
  bankNodes: readonly number[],
  bankFrom: number,
  bankTo: number,
  ledgerNodes: readonly number[],
  ledgerFrom: number,
  ledgerTo: number,
  passes: RunPasses,
): void {
  passes.pairBank.length = 0;
  passes.pairLedger.length = 0;
  let low = ledgerFrom;
  for (let i = bankFrom; i < bankTo; i++) {
    const b = bankNodes[i] ?? 0;
    if (state.matched[b] === 1) {
      continue;
    }
    const day = state.day[b] ?? 0;
    while (low < ledgerTo && (state.day[ledgerNodes[low] ?? 0] ?? 0) < day - state.window) {
      low++;
    }
    for (let k = low; k < ledgerTo; k++) {
      const l = ledgerNodes[k] ?? 0;
      if ((state.day[l] ?? 0) > day + state.window) {
        break;
      }
      if (state.matched[l] === 0 && isSameAccount(state.line(b), state.line(l)) && !hasReferenceConflict(state, b, l)) {
        passes.pairBank.push(b);
        passes.pairLedger.push(l);
      }
    }
  }
}

function collectBankIdPairs(state: MatchState, bankNodes: readonly number[], ledgerNodes: readonly number[], passes: RunPasses): void {
  passes.pairBank.length = 0;
  passes.pairLedger.length = 0;
  const byId = new Map<string, number[]>();
  for (const l of ledgerNodes) {
    const id = state.line(l).bankId;
    if (id != null && state.matched[l] === 0) {
      const list = byId.get(id);
      if (list === undefined) {
        byId.set(id, [l]);
      } else {
        list.push(l);
      }
    }
  }
  for (const b of bankNodes) {
    const id = state.line(b).bankId;
    if (id == null || state.matched[b] === 1) {
      continue;
    }
    for (const l of byId.get(id) ?? []) {
      if (isSameAccount(state.line(b), state.line(l))) {
        passes.pairBank.push(b);
        passes.pairLedger.push(l);
      }
    }
  }
}

/** Pairs where at least one side has a reference: scanned from the lines that have one. */
function collectReferencePairs(state: MatchState, bankNodes: readonly number[], ledgerNodes: readonly number[], passes: RunPasses): void {
  passes.pairBank.length = 0;
  passes.pairLedger.length = 0;
  const window = state.referenceWindow;
  const scan = (from: readonly number[], to: readonly number[], fromIsBank: boolean): void => {
    let low = 0;
    for (const x of from) {
      if (state.matched[x] === 1 || state.line(x).reference == null) {
        continue;
      }
      const day = state.day[x] ?? 0;
      while (low < to.length && (state.day[to[low] ?? 0] ?? 0) < day - window) {
        low++;
      }
      for (let k = low; k < to.length && (state.day[to[k] ?? 0] ?? 0) <= day + window; k++) {
        const y = to[k] ?? 0;
        // A pair where both sides have a reference is found once, from the bank side.
        if (state.matched[y] === 1 || (!fromIsBank && state.line(y).reference != null)) {
          continue;
        }
        const [b, l] = fromIsBank ? [x, y] : [y, x];
        if (isSameAccount(state.line(b), state.line(l)) && !hasReferenceConflict(state, b, l) && referenceAgreement(state, b, l) !== null) {
          passes.pairBank.push(b);
          passes.pairLedger.push(l);
        }
      }
    }
  };
  scan(bankNodes, ledgerNodes, true);
  scan(ledgerNodes, bankNodes, false);
}

/**
 * Decides the collected pairs of one pass. Lines that each have a single candidate are decided
 * pair by pair; otherwise the lines involved become classes and go through the assignment.
 */
function decidePairs(state: MatchState, passes: RunPasses, pass: LinePass): void {
  const { pairBank, pairLedger } = passes;
  if (pairBank.length === 0) {
    return;
  }
  const degree = state.scratchCounts;
  let isIsolated = true;
  for (let p = 0; p < pairBank.length; p++) {
    const b = pairBank[p] ?? 0;
    const l = pairLedger[p] ?? 0;
    state.hasOneToOneCandidate[b] = 1;
    state.hasOneToOneCandidate[l] = 1;
    degree[b] = (degree[b] ?? 0) + 1;
    degree[l] = (degree[l] ?? 0) + 1;
    if ((degree[b] ?? 0) > 1 || (degree[l] ?? 0) > 1) {
      isIsolated = false;
    }
  }
  for (let p = 0; p < pairBank.length; p++) {
    degree[pairBank[p] ?? 0] = 0;
    degree[pairLedger[p] ?? 0] = 0;
  }
  if (isIsolated) {
    for (let p = 0; p < pairBank.length; p++) {
      decideAlone(state, pairBank[p] ?? 0, pairLedger[p] ?? 0, pass);
    }
    return;
  }
  decideByClasses(state, pairBank, pairLedger, pass);
}

/** A pair whose two lines have no other candidate: applied when confident enough, else suggested. */
function decideAlone(state: MatchState, b: number, l: number, pass: LinePass): void {
  const confidence = pass.confidence(b, l, false);
  const isApplied = confidence >= APPLY_THRESHOLD;
  const explanation = pass.explain(b, l, false, isApplied);
  recordBankLedgerPair(state, { left: b, right: l, reason: pass.reason, confidence, explanation: isApplied ? explanation : withSuggestionTail(explanation, 'weak'), isSuggestion: !isApplied });
}

function decideByClasses(state: MatchState, pairBank: readonly number[], pairLedger: readonly number[], pass: LinePass): void {
  const bank = classesOf(state, pairBank);
  const ledger = classesOf(state, pairLedger);
  const classOf = new Map<number, number>();
  bank.members.forEach((members, c) => members.forEach((node) => classOf.set(node, c)));
  ledger.members.forEach((members, c) => members.forEach((node) => classOf.set(node, c)));
  const seen = new Set<number>();
  runPass(state, bank, ledger, {
    reason: pass.reason,
    collect(_left, _right, add) {
      for (let p = 0; p < pairBank.length; p++) {
        const b = classOf.get(pairBank[p] ?? 0) ?? 0;
        const l = classOf.get(pairLedger[p] ?? 0) ?? 0;
        const key = b * ledger.members.length + l;
        if (!seen.has(key)) {
          seen.add(key);
          add(b, l);
        }
      }
    },
    score: (b, l) => pass.score(b, l),
    confidence: (b, l, competing) => pass.confidence(b, l, competing),
    explain: (b, l, competing, isApplied) => pass.explain(b, l, competing, isApplied),
  });
}

/** Classes of the distinct lines in `nodes` (one side of one run), in canonical order. */
function classesOf(state: MatchState, nodes: readonly number[]): LineClasses {
  const distinct = [...new Set(nodes)].sort((a, b) => (state.day[a] ?? 0) - (state.day[b] ?? 0) || a - b);
  return groupSorted(state, distinct);
}

function hasReferenceConflict(state: MatchState, b: number, l: number): boolean {
  return state.line(b).reference != null && state.line(l).reference != null && isReferenceConflict(state.reference(b), state.reference(l));
}

function bankIdPass(state: MatchState): LinePass {
  return {
    reason: 'bank-id',
    score: () => 0,
    confidence: () => BANK_ID_CONFIDENCE,
    explain: (b, l) => explainBankId(state.line(b).bankId ?? '', state.gap(b, l)),
  };
}

function referencePass(state: MatchState): LinePass {
  return {
    reason: 'amount+reference',
    score: (b, l) => referenceScore(state.gap(b, l), state.referenceWindow, state.pool.similarity(b, l)),
    confidence: (b, l, competing) => referenceConfidence(state.gap(b, l), state.referenceWindow, competing),
    explain: (b, l) => explainReference(referenceAgreement(state, b, l) ?? { kind: 'reference', value: '' }, state.gap(b, l)),
  };
}

function amountDatePass(state: MatchState): LinePass {
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
    score: (b, l) => amountDateScore(state.gap(b, l), state.window, state.pool.similarity(b, l), sharedNumber(b, l) !== null),
    confidence(b, l, competing) {
      const f = facts(b, l, competing);
      return needsDescription(f) ? amountDateConfidence(f, state.pool.similarity(b, l), sharedNumber(b, l) !== null) : amountDateConfidence(f, 0, false);
    },
    explain(b, l, competing, isApplied) {
      const f = facts(b, l, competing);
      if (!needsDescription(f)) {
        return state.uniqueAmountSentence(f.gap);
      }
      return explainAmountDate({
        gap: f.gap,
        dateWindowDays: state.window,
        readDescriptions: true,
        sharedWords: state.pool.sharedWords(b, l),
        sharedNumber: sharedNumber(b, l),
        hasCompetitors: competing && isApplied,
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
