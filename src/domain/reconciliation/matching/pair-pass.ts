/**
 * One pairing pass over two sets of line classes: collect candidate pairs, count candidates per
 * class, score only where a class has a choice to make, run the assignment (`pairing.ts`), and
 * record what it applied and what it only suggests. Used by the equal-amount passes, transfers and
 * tolerance rules.
 */
import { withSuggestionTail } from './explain';
import type { MatchState } from './match-state';
import { assignPairs, type PairGraph } from './pairing';
import { APPLY_THRESHOLD, CLEAR_MARGIN, MAX_CANDIDATES, SUGGESTION_CEILING, toConfidence } from './scoring';
import type { MatchReason, ProposedAdjustment } from './types';

/** Interchangeable lines, in canonical order: date, then amount, then identity key. */
export interface LineClasses {
  members: number[][];
  day: number[];
  remaining: number[];
}

export interface PassSpec {
  reason: MatchReason;
  /** Calls `add` for every candidate pair of live classes. */
  collect(left: LineClasses, right: LineClasses, add: (leftClass: number, rightClass: number) => void): void;
  /** Ranks a left line's candidates (higher is better); asked only when one side has a choice. */
  score(left: number, right: number): number;
  confidence(left: number, right: number, hasCompetitors: boolean): number;
  /** `isApplied` is false for a suggestion, which must not claim to have beaten its competitors. */
  explain(left: number, right: number, hasCompetitors: boolean, isApplied: boolean): string;
  /** How much better the best candidate must be; `CLEAR_MARGIN` unless given. */
  margin?: number;
  /** Records an applied pair or a suggestion; a bank-to-ledger pair unless given. */
  record?: (state: MatchState, proposal: PairProposal) => void;
}

export interface PairProposal {
  left: number;
  right: number;
  reason: MatchReason;
  /** Per mille. */
  confidence: number;
  explanation: string;
  isSuggestion: boolean;
}

export function runPass(state: MatchState, left: LineClasses, right: LineClasses, spec: PassSpec): void {
  const pairLeft: number[] = [];
  const pairRight: number[] = [];
  spec.collect(left, right, (l, r) => {
    pairLeft.push(l);
    pairRight.push(r);
  });
  if (pairLeft.length === 0) {
    return;
  }
  const leftDegree = new Array<number>(left.members.length).fill(0);
  const rightDegree = new Array<number>(right.members.length).fill(0);
  for (let p = 0; p < pairLeft.length; p++) {
    const l = pairLeft[p] ?? 0;
    const r = pairRight[p] ?? 0;
    leftDegree[l] = (leftDegree[l] ?? 0) + 1;
    rightDegree[r] = (rightDegree[r] ?? 0) + 1;
  }
  const graph: PairGraph = { bankRemaining: left.remaining, ledgerRemaining: right.remaining, pairBank: [], pairLedger: [], pairScore: [], bankDegree: leftDegree, ledgerDegree: rightDegree };
  const rep = (classes: LineClasses, c: number): number => firstFree(state, classes.members[c] ?? []);
  for (let p = 0; p < pairLeft.length; p++) {
    const l = pairLeft[p] ?? 0;
    const r = pairRight[p] ?? 0;
    const dl = leftDegree[l] ?? 0;
    const dr = rightDegree[r] ?? 0;
    if (dl > MAX_CANDIDATES && dr > MAX_CANDIDATES) {
      continue;
    }
    graph.pairBank.push(l);
    graph.pairLedger.push(r);
    graph.pairScore.push(dl > 1 || dr > 1 ? spec.score(rep(left, l), rep(right, r)) : 0);
  }
  const hasCompetitors = (pair: number): boolean => (leftDegree[graph.pairBank[pair] ?? 0] ?? 0) > 1 || (rightDegree[graph.pairLedger[pair] ?? 0] ?? 0) > 1;
  const outcome = assignPairs(graph, {
    margin: spec.margin ?? CLEAR_MARGIN,
    threshold: APPLY_THRESHOLD,
    confidence: (pair) => spec.confidence(rep(left, graph.pairBank[pair] ?? 0), rep(right, graph.pairLedger[pair] ?? 0), hasCompetitors(pair)),
  });
  const record = spec.record ?? recordBankLedgerPair;
  outcome.acceptedPairs.forEach((pair, k) => {
    const competing = hasCompetitors(pair);
    for (let c = 0; c < (outcome.acceptedCounts[k] ?? 0); c++) {
      const l = rep(left, graph.pairBank[pair] ?? 0);
      const r = rep(right, graph.pairLedger[pair] ?? 0);
      state.matched[l] = 1;
      state.matched[r] = 1;
      record(state, { left: l, right: r, reason: spec.reason, confidence: spec.confidence(l, r, competing), explanation: spec.explain(l, r, competing, true), isSuggestion: false });
    }
  });
  outcome.suggestedPairs.forEach((pair, k) => {
    const competing = hasCompetitors(pair);
    const l = rep(left, graph.pairBank[pair] ?? 0);
    const r = rep(right, graph.pairLedger[pair] ?? 0);
    const tail = outcome.suggestedAmbiguous[k] === true ? 'ambiguous' : 'weak';
    record(state, { left: l, right: r, reason: spec.reason, confidence: spec.confidence(l, r, competing), explanation: withSuggestionTail(spec.explain(l, r, competing, false), tail), isSuggestion: true });
  });
}

/** The default record: a bank line with a ledger line, no adjustment. */
export function recordBankLedgerPair(state: MatchState, proposal: PairProposal): void {
  recordPair(state, { bank: [proposal.left], ledger: [proposal.right - state.bankCount] }, proposal, null);
}

/** Adds a match (marking its lines) or a suggestion with the given lines. */
export function recordPair(state: MatchState, lines: { bank: number[]; ledger: number[] }, proposal: PairProposal, adjustment: ProposedAdjustment | null): void {
  if (proposal.isSuggestion) {
    state.suggestions.push({
      bank: lines.bank,
      ledger: lines.ledger,
      reason: proposal.reason,
      confidence: toConfidence(Math.min(proposal.confidence, SUGGESTION_CEILING)),
      explanation: proposal.explanation,
      adjustment,
      distinguishing: [],
    });
    return;
  }
  for (const b of lines.bank) {
    state.matched[b] = 1;
  }
  for (const l of lines.ledger) {
    state.matched[l + state.bankCount] = 1;
  }
  state.matches.push({ bank: lines.bank, ledger: lines.ledger, reason: proposal.reason, confidence: toConfidence(proposal.confidence), explanation: proposal.explanation, adjustment });
}

/** Every live (left class, right class) pair whose dates are at most `window` days apart. */
export function forEachInWindow(left: LineClasses, right: LineClasses, window: number, visit: (l: number, r: number) => void): void {
  let low = 0;
  for (let l = 0; l < left.members.length; l++) {
    if ((left.remaining[l] ?? 0) === 0) {
      continue;
    }
    const day = left.day[l] ?? 0;
    while (low < right.members.length && (right.day[low] ?? 0) < day - window) {
      low++;
    }
    for (let r = low; r < right.members.length && (right.day[r] ?? 0) <= day + window; r++) {
      if ((right.remaining[r] ?? 0) > 0) {
        visit(l, r);
      }
    }
  }
}

/** Classes of any set of lines: sorted by date, amount and identity key, identical lines together. */
export function buildClasses(state: MatchState, nodes: readonly number[]): LineClasses {
  const sorted = [...nodes].sort((a, b) => (state.day[a] ?? 0) - (state.day[b] ?? 0) || (state.amount[a] ?? 0) - (state.amount[b] ?? 0) || a - b);
  return groupSorted(state, sorted);
}

/**
 * Classes of lines already sorted by date and amount: lines sharing both are put in identity-key
 * order and split where the key changes. The key is only computed where two lines share a date and amount.
 */
export function groupSorted(state: MatchState, nodes: readonly number[]): LineClasses {
  const classes: LineClasses = { members: [], day: [], remaining: [] };
  for (let i = 0; i < nodes.length; ) {
    const first = nodes[i] ?? 0;
    const day = state.day[first] ?? 0;
    const amount = state.amount[first] ?? 0;
    let j = i + 1;
    while (j < nodes.length && state.day[nodes[j] ?? 0] === day && state.amount[nodes[j] ?? 0] === amount) {
      j++;
    }
    if (j - i === 1) {
      classes.members.push([first]);
      classes.day.push(day);
      classes.remaining.push(state.matched[first] === 0 ? 1 : 0);
    } else {
      const same = nodes.slice(i, j).sort((a, b) => compareText(state.identity(a), state.identity(b)) || a - b);
      for (let k = 0; k < same.length; ) {
        const key = state.identity(same[k] ?? 0);
        let e = k + 1;
        while (e < same.length && state.identity(same[e] ?? 0) === key) {
          e++;
        }
        const members = same.slice(k, e);
        classes.members.push(members);
        classes.day.push(day);
        classes.remaining.push(members.filter((node) => state.matched[node] === 0).length);
        k = e;
      }
    }
    i = j;
  }
  return classes;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first unmatched line of a class (members are in node order). */
export function firstFree(state: MatchState, members: readonly number[]): number {
  for (const node of members) {
    if (state.matched[node] === 0) {
      return node;
    }
  }
  return members[0] ?? 0;
}
