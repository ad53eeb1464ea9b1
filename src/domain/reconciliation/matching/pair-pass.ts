/**
 * Decides one pairing pass over candidate pairs of lines (bank↔ledger for passes 1–3 and
 * tolerance rules, out↔in for transfers). When every line involved has exactly one candidate,
 * each pair is decided on its own: applied when its confidence reaches the threshold, else
 * suggested. Otherwise the lines involved are grouped into classes of interchangeable lines (same
 * date, amount and identity key; canonical order date, amount, key) and the assignment in
 * `pairing.ts` decides — which, for lines with one candidate each, comes to the same thing.
 *
 * One `PairDecider` serves a whole matcher run and keeps its buffers, because the equal-amount
 * passes call it for every cluster of lines.
 */
import { withSuggestionTail } from './explain';
import type { MatchState } from './match-state';
import { PairAssigner, type PairConfidence } from './pairing';
import { APPLY_THRESHOLD, MAX_CANDIDATES, SUGGESTION_CEILING, toConfidence } from './scoring';
import type { MatchReason, ProposedAdjustment } from './types';

/** How one pass scores, trusts, explains and records a candidate pair (left node, right node). */
export interface LinePass {
  reason: MatchReason;
  /** How much better the best candidate must be than the second. */
  margin: number;
  /** Passes 1–3 note the lines they saw (`MatchState.hasOneToOneCandidate`). */
  marksOneToOne: boolean;
  /** Ranks candidates (higher is better); asked only where a line has a choice. */
  score(left: number, right: number): number;
  /** Per mille. */
  confidence(left: number, right: number, hasCompetitors: boolean): number;
  /** `isApplied` is false for a suggestion, which must not claim to have beaten its competitors. */
  explain(left: number, right: number, hasCompetitors: boolean, isApplied: boolean): string;
  /** Adds the match (marking its lines matched) or the suggestion. */
  record(left: number, right: number, confidence: number, explanation: string, isSuggestion: boolean): void;
}

export class PairDecider implements PairConfidence {
  /** The pass's candidate pairs, added by the caller (each pair once) before `decide`; the first `pairCount` entries count. */
  private readonly pairLeft: number[] = [];
  private readonly pairRight: number[] = [];
  private pairCount = 0;

  private readonly assigner = new PairAssigner();
  /** Per node: its class while `decide` runs, else -1. */
  private readonly classOf: Int32Array;
  private readonly left = new ClassList();
  private readonly right = new ClassList();
  private readonly keys: number[] = [];
  private pass: LinePass | null = null;
  private readonly byDayAmountNode: (a: number, b: number) => number;
  private readonly byIdentityNode: (a: number, b: number) => number;

  constructor(private readonly state: MatchState) {
    this.classOf = new Int32Array(state.total).fill(-1);
    this.byDayAmountNode = (a, b) => (state.day[a] ?? 0) - (state.day[b] ?? 0) || (state.amount[a] ?? 0) - (state.amount[b] ?? 0) || a - b;
    this.byIdentityNode = (a, b) => compareText(state.identity(a), state.identity(b)) || a - b;
  }

  /** Adds a candidate pair for the next `decide`. */
  add(left: number, right: number): void {
    // Buffers only grow: overwriting keeps them from being reallocated for every cluster.
    this.pairLeft[this.pairCount] = left;
    this.pairRight[this.pairCount] = right;
    this.pairCount++;
  }

  clear(): void {
    this.pairCount = 0;
  }

  /** Decides the collected pairs, then clears them. */
  decide(pass: LinePass): void {
    const { state, pairLeft, pairRight, pairCount } = this;
    if (pairCount === 0) {
      return;
    }
    const degree = state.scratchCounts;
    let isIsolated = true;
    for (let p = 0; p < pairCount; p++) {
      const l = pairLeft[p] ?? 0;
      const r = pairRight[p] ?? 0;
      if (pass.marksOneToOne) {
        state.hasOneToOneCandidate[l] = 1;
        state.hasOneToOneCandidate[r] = 1;
      }
      degree[l] = (degree[l] ?? 0) + 1;
      degree[r] = (degree[r] ?? 0) + 1;
      isIsolated &&= degree[l] === 1 && degree[r] === 1;
    }
    for (let p = 0; p < pairCount; p++) {
      degree[pairLeft[p] ?? 0] = 0;
      degree[pairRight[p] ?? 0] = 0;
    }
    if (isIsolated) {
      for (let p = 0; p < pairCount; p++) {
        decideAlone(pass, pairLeft[p] ?? 0, pairRight[p] ?? 0);
      }
    } else {
      this.pass = pass;
      this.decideByClasses(pass);
      this.pass = null;
    }
    this.clear();
  }

  pairConfidence(pair: number): number {
    const a = this.assigner;
    const l = a.pairBank[pair] ?? 0;
    const r = a.pairLedger[pair] ?? 0;
    return this.pass?.confidence(this.left.firstFree(this.state, l), this.right.firstFree(this.state, r), this.hasCompetitors(pair)) ?? 0;
  }

  private hasCompetitors(pair: number): boolean {
    const a = this.assigner;
    return (a.bankDegree[a.pairBank[pair] ?? 0] ?? 0) > 1 || (a.ledgerDegree[a.pairLedger[pair] ?? 0] ?? 0) > 1;
  }

  private decideByClasses(pass: LinePass): void {
    const { state, assigner, left, right } = this;
    left.build(state, this.pairLeft, this.pairCount, this.classOf, this.byDayAmountNode, this.byIdentityNode);
    right.build(state, this.pairRight, this.pairCount, this.classOf, this.byDayAmountNode, this.byIdentityNode);
    // Class pairs, each once, in a fixed order.
    const keys = this.keys;
    keys.length = 0;
    const width = right.count;
    for (let p = 0; p < this.pairCount; p++) {
      keys.push((this.classOf[this.pairLeft[p] ?? 0] ?? 0) * width + (this.classOf[this.pairRight[p] ?? 0] ?? 0));
    }
    keys.sort(byNumber);
    assigner.reset(left.count, right.count);
    for (let c = 0; c < left.count; c++) {
      assigner.bankRemaining.push(left.size[c] ?? 0);
      assigner.bankDegree.push(0);
    }
    for (let c = 0; c < right.count; c++) {
      assigner.ledgerRemaining.push(right.size[c] ?? 0);
      assigner.ledgerDegree.push(0);
    }
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] ?? 0;
      if (k > 0 && key === keys[k - 1]) {
        continue;
      }
      const l = Math.floor(key / width);
      const r = key - l * width;
      assigner.pairBank.push(l);
      assigner.pairLedger.push(r);
      assigner.bankDegree[l] = (assigner.bankDegree[l] ?? 0) + 1;
      assigner.ledgerDegree[r] = (assigner.ledgerDegree[r] ?? 0) + 1;
    }
    // Scores only where a class has a choice; pairs between two overloaded classes never count.
    for (let pair = 0; pair < assigner.pairBank.length; pair++) {
      const dl = assigner.bankDegree[assigner.pairBank[pair] ?? 0] ?? 0;
      const dr = assigner.ledgerDegree[assigner.pairLedger[pair] ?? 0] ?? 0;
      const needsScore = (dl > 1 || dr > 1) && (dl <= MAX_CANDIDATES || dr <= MAX_CANDIDATES);
      assigner.pairScore.push(needsScore ? pass.score(left.firstFree(state, assigner.pairBank[pair] ?? 0), right.firstFree(state, assigner.pairLedger[pair] ?? 0)) : 0);
    }
    assigner.run(pass.margin, APPLY_THRESHOLD, this);
    for (let k = 0; k < assigner.acceptedPairs.length; k++) {
      const pair = assigner.acceptedPairs[k] ?? 0;
      const competing = this.hasCompetitors(pair);
      for (let c = 0; c < (assigner.acceptedCounts[k] ?? 0); c++) {
        const l = left.firstFree(state, assigner.pairBank[pair] ?? 0);
        const r = right.firstFree(state, assigner.pairLedger[pair] ?? 0);
        pass.record(l, r, pass.confidence(l, r, competing), pass.explain(l, r, competing, true), false);
      }
    }
    for (let k = 0; k < assigner.suggestedPairs.length; k++) {
      const pair = assigner.suggestedPairs[k] ?? 0;
      const competing = this.hasCompetitors(pair);
      const l = left.firstFree(state, assigner.pairBank[pair] ?? 0);
      const r = right.firstFree(state, assigner.pairLedger[pair] ?? 0);
      const tail = assigner.suggestedAmbiguous[k] === true ? 'ambiguous' : 'weak';
      pass.record(l, r, pass.confidence(l, r, competing), withSuggestionTail(pass.explain(l, r, competing, false), tail), true);
    }
    left.release(this.classOf);
    right.release(this.classOf);
  }
}

/** One side's lines of a `decide` call, grouped into classes in canonical order. */
class ClassList {
  count = 0;
  /** Lines, class after class; each class's lines in node order. */
  readonly members: number[] = [];
  readonly start: number[] = [];
  readonly size: number[] = [];

  /** Groups the distinct lines of `nodes` and notes each line's class in `classOf`. */
  build(state: MatchState, nodes: readonly number[], count: number, classOf: Int32Array, byDayAmountNode: (a: number, b: number) => number, byIdentityNode: (a: number, b: number) => number): void {
    const members = this.members;
    members.length = 0;
    for (let i = 0; i < count; i++) {
      const node = nodes[i] ?? 0;
      if (classOf[node] === -1) {
        classOf[node] = 0;
        members.push(node);
      }
    }
    members.sort(byDayAmountNode);
    this.count = 0;
    this.start.length = 0;
    this.size.length = 0;
    for (let i = 0; i < members.length; ) {
      const first = members[i] ?? 0;
      let j = i + 1;
      while (j < members.length && state.day[members[j] ?? 0] === state.day[first] && state.amount[members[j] ?? 0] === state.amount[first]) {
        j++;
      }
      if (j - i > 1) {
        sortRange(members, i, j, byIdentityNode);
      }
      for (let k = i; k < j; ) {
        let e = k + 1;
        while (e < j && state.identity(members[e] ?? 0) === state.identity(members[k] ?? 0)) {
          e++;
        }
        for (let m = k; m < e; m++) {
          classOf[members[m] ?? 0] = this.count;
        }
        this.start.push(k);
        this.size.push(e - k);
        this.count++;
        k = e;
      }
      i = j;
    }
  }

  /** The first line of class `c` not yet matched. */
  firstFree(state: MatchState, c: number): number {
    const from = this.start[c] ?? 0;
    const to = from + (this.size[c] ?? 0);
    for (let i = from; i < to; i++) {
      const node = this.members[i] ?? 0;
      if (state.matched[node] === 0) {
        return node;
      }
    }
    return this.members[from] ?? 0;
  }

  release(classOf: Int32Array): void {
    for (const node of this.members) {
      classOf[node] = -1;
    }
  }
}

/** A pair with no competitor on either side: applied when confident enough, else suggested. */
function decideAlone(pass: LinePass, left: number, right: number): void {
  const confidence = pass.confidence(left, right, false);
  const isApplied = confidence >= APPLY_THRESHOLD;
  const explanation = pass.explain(left, right, false, isApplied);
  pass.record(left, right, confidence, isApplied ? explanation : withSuggestionTail(explanation, 'weak'), !isApplied);
}

/** Adds a match (marking its lines) or a suggestion with the given lines. */
export function recordProposal(
  state: MatchState,
  bank: number[],
  ledger: number[],
  reason: MatchReason,
  confidence: number,
  explanation: string,
  isSuggestion: boolean,
  adjustment: ProposedAdjustment | null,
): void {
  if (isSuggestion) {
    state.suggestions.push({ bank, ledger, reason, confidence: toConfidence(Math.min(confidence, SUGGESTION_CEILING)), explanation, adjustment, distinguishing: [] });
    return;
  }
  for (const b of bank) {
    state.matched[b] = 1;
  }
  for (const l of ledger) {
    state.matched[l + state.bankCount] = 1;
  }
  state.matches.push({ bank, ledger, reason, confidence: toConfidence(confidence), explanation, adjustment });
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNumber(a: number, b: number): number {
  return a - b;
}

function sortRange(list: number[], from: number, to: number, compare: (a: number, b: number) => number): void {
  for (let i = from + 1; i < to; i++) {
    const value = list[i] ?? 0;
    let j = i - 1;
    while (j >= from && compare(list[j] ?? 0, value) > 0) {
      list[j + 1] = list[j] ?? 0;
      j--;
    }
    list[j + 1] = value;
  }
}
