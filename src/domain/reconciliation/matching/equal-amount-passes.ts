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
import { explainAmountDate, explainBankId, explainReference, type ReferenceAgreement } from './explain';
import { HAS_REFERENCE, HAS_BANK_ID, type MatchState } from './match-state';
import { PairDecider, recordProposal, type LinePass } from './pair-pass';
import {
  BANK_ID_CONFIDENCE,
  CLEAR_MARGIN,
  NO_EVIDENCE,
  type AmountDateFacts,
  type DescriptionEvidence,
  amountDateConfidence,
  amountDateScore,
  isReferenceConflict,
  needsDescription,
  referenceConfidence,
  referenceScore,
} from './scoring';
import { isNumericReference, isRoundAmount } from './similarity';
import { sortByAmountThenDay } from './sort-nodes';

interface RunPasses {
  bankId: LinePass;
  reference: LinePass;
  amountDate: LinePass;
  decider: PairDecider;
  /** Per bank node, its pass-1 partner or -1. */
  bankIdPartner: Int32Array;
}

export function matchEqualAmounts(state: MatchState): void {
  const passes: RunPasses = {
    bankId: bankIdPass(state),
    reference: referencePass(state),
    amountDate: amountDatePass(state),
    decider: new PairDecider(state),
    bankIdPartner: findBankIdPartners(state),
  };
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
  collectBankIdPairs(state, bankNodes, passes.bankIdPartner, passes.decider);
  passes.decider.decide(passes.bankId);
  if (anyHasReference(state, bankNodes) || anyHasReference(state, ledgerNodes)) {
    collectReferencePairs(state, bankNodes, ledgerNodes, passes.decider, true);
    collectReferencePairs(state, ledgerNodes, bankNodes, passes.decider, false);
    passes.decider.decide(passes.reference);
  }
  matchByDateClusters(state, bankNodes, ledgerNodes, passes);
}

function anyHasReference(state: MatchState, nodes: readonly number[]): boolean {
  for (const node of nodes) {
    if (((state.flags[node] ?? 0) & HAS_REFERENCE) !== 0) {
      return true;
    }
  }
  return false;
}

/** Pass 3, one cluster of lines at a time: a cluster ends where the next line is more than a window later. */
function matchByDateClusters(state: MatchState, bankNodes: readonly number[], ledgerNodes: readonly number[], passes: RunPasses): void {
  const window = state.window;
  let bi = nextFree(state, bankNodes, 0);
  let li = nextFree(state, ledgerNodes, 0);
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
        bi = nextFree(state, bankNodes, bi + 1);
      } else {
        li = nextFree(state, ledgerNodes, li + 1);
      }
    }
    collectWindowPairs(state, bankNodes, bankStart, bi, ledgerNodes, ledgerStart, li, passes.decider);
    passes.decider.decide(passes.amountDate);
    bi = nextFree(state, bankNodes, bi);
    li = nextFree(state, ledgerNodes, li);
  }
}

/** The first position from `from` on whose line is still unmatched. */
function nextFree(state: MatchState, nodes: readonly number[], from: number): number {
  let i = from;
  while (i < nodes.length && state.matched[nodes[i] ?? 0] === 1) {
    i++;
  }
  return i;
}

function collectWindowPairs(
  state: MatchState,
  bankNodes: readonly number[],
  bankFrom: number,
  bankTo: number,
  ledgerNodes: readonly number[],
  ledgerFrom: number,
  ledgerTo: number,
  decider: PairDecider,
): void {
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
      if (state.matched[l] === 0 && state.isSameAccount(b, l) && !hasReferenceConflict(state, b, l)) {
        decider.add(b, l);
      }
    }
  }
}

/**
 * Pass 1 pairs: a bank transaction id that occurs on exactly one line of each side of the run.
 * An id seen twice on one side is not trusted as an id; later passes decide those lines.
 */
function collectBankIdPairs(state: MatchState, bankNodes: readonly number[], bankIdPartner: Int32Array, decider: PairDecider): void {
  for (const b of bankNodes) {
    const l = bankIdPartner[b] ?? -1;
    if (l >= 0 && state.matched[b] === 0 && state.matched[l] === 0) {
      decider.add(b, l);
    }
  }
}

/**
 * Pass 1 partners, found once for all lines: a bank transaction id that occurs on exactly one
 * bank line and one ledger line of the same amount, of the same account. An id seen twice on one
 * side (for one amount) is not trusted as an id; later passes decide those lines.
 * Returns, per bank node, its ledger node or -1.
 */
function findBankIdPartners(state: MatchState): Int32Array {
  const partner = new Int32Array(state.bankCount).fill(-1);
  const ledgerById = new Map<string, number[]>();
  for (let l = state.bankCount; l < state.total; l++) {
    const id = ((state.flags[l] ?? 0) & HAS_BANK_ID) === 0 ? null : state.line(l).bankId;
    if (id != null) {
      const list = ledgerById.get(id);
      if (list === undefined) {
        ledgerById.set(id, [l]);
      } else {
        list.push(l);
      }
    }
  }
  if (ledgerById.size === 0) {
    return partner;
  }
  const bankById = new Map<string, number[]>();
  for (let b = 0; b < state.bankCount; b++) {
    const id = ((state.flags[b] ?? 0) & HAS_BANK_ID) === 0 ? null : state.line(b).bankId;
    if (id != null && ledgerById.has(id)) {
      const list = bankById.get(id);
      if (list === undefined) {
        bankById.set(id, [b]);
      } else {
        list.push(b);
      }
    }
  }
  for (const [id, banks] of bankById) {
    // Per amount: the one ledger line carrying this id, or -1 when there are several.
    const ledgerByAmount = new Map<number, number>();
    for (const l of ledgerById.get(id) ?? []) {
      const amount = state.amount[l] ?? 0;
      ledgerByAmount.set(amount, ledgerByAmount.has(amount) ? -1 : l);
    }
    const bankByAmount = new Map<number, number>();
    for (const b of banks) {
      const amount = state.amount[b] ?? 0;
      bankByAmount.set(amount, bankByAmount.has(amount) ? -1 : b);
    }
    for (const [amount, b] of bankByAmount) {
      const l = ledgerByAmount.get(amount) ?? -1;
      if (b >= 0 && l >= 0 && state.isSameAccount(b, l)) {
        partner[b] = l;
      }
    }
  }
  return partner;
}

/**
 * Reference candidates, scanned from the lines of `from` that have a reference. A pair where both
 * lines have one is found from the bank side only.
 */
function collectReferencePairs(state: MatchState, from: readonly number[], to: readonly number[], decider: PairDecider, fromIsBank: boolean): void {
  const window = state.referenceWindow;
  let low = 0;
  for (const x of from) {
    if (state.matched[x] === 1 || ((state.flags[x] ?? 0) & HAS_REFERENCE) === 0) {
      continue;
    }
    const day = state.day[x] ?? 0;
    while (low < to.length && (state.day[to[low] ?? 0] ?? 0) < day - window) {
      low++;
    }
    for (let k = low; k < to.length && (state.day[to[k] ?? 0] ?? 0) <= day + window; k++) {
      const y = to[k] ?? 0;
      if (state.matched[y] === 1 || (!fromIsBank && ((state.flags[y] ?? 0) & HAS_REFERENCE) !== 0)) {
        continue;
      }
      const b = fromIsBank ? x : y;
      const l = fromIsBank ? y : x;
      if (state.isSameAccount(b, l) && !hasReferenceConflict(state, b, l) && referenceAgreement(state, b, l) !== null) {
        decider.add(b, l);
      }
    }
  }
}

function hasReferenceConflict(state: MatchState, b: number, l: number): boolean {
  return ((state.flags[b] ?? 0) & (state.flags[l] ?? 0) & HAS_REFERENCE) !== 0 && isReferenceConflict(state.reference(b), state.reference(l));
}

function bankIdPass(state: MatchState): LinePass {
  return {
    reason: 'bank-id',
    margin: CLEAR_MARGIN,
    marksOneToOne: true,
    record: (b, l, confidence, explanation, isSuggestion) => recordProposal(state, [b], [l - state.bankCount], 'bank-id', confidence, explanation, isSuggestion, null),
    score: () => 0,
    confidence: () => BANK_ID_CONFIDENCE,
    explain: (b, l) => explainBankId(state.line(b).bankId ?? '', state.gap(b, l)),
  };
}

function referencePass(state: MatchState): LinePass {
  return {
    reason: 'amount+reference',
    margin: CLEAR_MARGIN,
    marksOneToOne: true,
    record: (b, l, confidence, explanation, isSuggestion) => recordProposal(state, [b], [l - state.bankCount], 'amount+reference', confidence, explanation, isSuggestion, null),
    score: (b, l) => referenceScore(state.gap(b, l), state.referenceWindow, state.pool.similarity(b, l)),
    confidence: (b, l, competing) => referenceConfidence(state.gap(b, l), state.referenceWindow, competing),
    explain: (b, l) => explainReference(referenceAgreement(state, b, l) ?? { kind: 'reference', value: '' }, state.gap(b, l)),
  };
}

function amountDatePass(state: MatchState): LinePass {
  // One facts and one evidence record, refilled for each question: the scoring functions read them and keep nothing.
  const currentFacts: AmountDateFacts = { gap: 0, dateWindowDays: state.window, isRound: false, isRuleHit: false, hasCompetitors: false };
  const currentEvidence: DescriptionEvidence = { similarity: 0, hasSharedNumber: false, hasSharedDate: false };
  const facts = (b: number, l: number, competing: boolean): AmountDateFacts => {
    currentFacts.gap = state.gap(b, l);
    currentFacts.isRound = isRoundAmount(state.amount[b] ?? 0);
    currentFacts.isRuleHit = state.isRuleHit(b);
    currentFacts.hasCompetitors = competing;
    return currentFacts;
  };
  const sharedNumber = (b: number, l: number): string | null => state.pool.firstSharedNumber(b, state.reference(b), l, state.reference(l));
  const sharedDate = (b: number, l: number): number => state.pool.sharedWrittenDate(b, state.monthDay[b] ?? 0, l, state.monthDay[l] ?? 0);
  const evidence = (b: number, l: number): DescriptionEvidence => {
    currentEvidence.similarity = state.pool.similarity(b, l);
    currentEvidence.hasSharedNumber = sharedNumber(b, l) !== null;
    currentEvidence.hasSharedDate = sharedDate(b, l) >= 0;
    return currentEvidence;
  };
  return {
    reason: 'amount+date',
    margin: CLEAR_MARGIN,
    marksOneToOne: true,
    record: (b, l, confidence, explanation, isSuggestion) => recordProposal(state, [b], [l - state.bankCount], 'amount+date', confidence, explanation, isSuggestion, null),
    score: (b, l) => amountDateScore(state.gap(b, l), state.window, evidence(b, l)),
    confidence(b, l, competing) {
      const f = facts(b, l, competing);
      return amountDateConfidence(f, needsDescription(f) ? evidence(b, l) : NO_EVIDENCE);
    },
    explain(b, l, competing, isApplied) {
      const f = facts(b, l, competing);
      if (!needsDescription(f)) {
        return state.uniqueAmountSentence(f.gap);
      }
      const date = sharedDate(b, l);
      return explainAmountDate({
        gap: f.gap,
        dateWindowDays: state.window,
        readDescriptions: true,
        sharedWords: state.pool.sharedWords(b, l),
        sharedNumber: sharedNumber(b, l),
        sharedDate: date < 0 ? null : formatMonthDay(date),
        hasCompetitors: competing && isApplied,
      });
    },
  };
}

function formatMonthDay(code: number): string {
  return `${String(Math.floor(code / 100)).padStart(2, '0')}/${String(code % 100).padStart(2, '0')}`;
}

/** How the references agree, or null: equal references first, then either side's number in the other's description. */
function referenceAgreement(state: MatchState, b: number, l: number): ReferenceAgreement | null {
  const rb = state.reference(b);
  const rl = state.reference(l);
  if (rb !== null && rb === rl) {
    return { kind: 'reference', value: (state.line(b).reference ?? '').trim() };
  }
  // A description can only hold the number if it holds its digits: a cheap test before reading it.
  if (rb !== null && isNumericReference(rb) && (state.descriptions[l] ?? '').includes(rb) && state.pool.hasNumber(l, rb)) {
    return { kind: 'bank-number', value: rb };
  }
  if (rl !== null && isNumericReference(rl) && (state.descriptions[b] ?? '').includes(rl) && state.pool.hasNumber(b, rl)) {
    return { kind: 'ledger-number', value: rl };
  }
  return null;
}
