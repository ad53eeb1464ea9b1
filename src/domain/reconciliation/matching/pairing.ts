/**
 * The assignment at the heart of every one-to-one pass: candidates in, applied pairs and
 * suggestions out, independent of the order anything arrived in.
 *
 * Nodes are classes of interchangeable lines (same amount, date and identity key), so two
 * identical card payments on both sides pair up one to one instead of looking ambiguous. A node's
 * *clear best* is its best live candidate when that beats the second best by the margin (or is
 * the only one); ties between equal scores go to the candidate first in canonical order, but a tie
 * is never clear. A pair is applied when each is the other's clear best and its confidence reaches
 * the threshold; as many lines pair as both classes still hold. Applying a pair only removes
 * competitors from other nodes, so a pair that becomes applicable stays applicable until it is
 * applied: the result is the same whatever order the worklist visits nodes in.
 *
 * A node with more candidates than `MAX_CANDIDATES` is never matched and offers no suggestions.
 * Afterwards every other live node offers its best few live candidates as suggestions.
 *
 * `PairAssigner` keeps its buffers between calls: the matcher runs it on hundreds of thousands of
 * small clusters, so it allocates nothing per call beyond what its buffers have not yet grown to.
 */
import { MAX_CANDIDATES, SUGGESTIONS_PER_LINE } from './scoring';

/** Per-mille confidence of a pair about to be applied; asked at most once per pair and call. */
export interface PairConfidence {
  pairConfidence(pair: number): number;
}

export class PairAssigner {
  /** Inputs, filled by the caller after `reset`. Classes are numbered in canonical order. */
  readonly bankRemaining: number[] = [];
  readonly ledgerRemaining: number[] = [];
  /** Candidates per class when the pass started (pairs between two overloaded classes may be left out but are counted). */
  readonly bankDegree: number[] = [];
  readonly ledgerDegree: number[] = [];
  readonly pairBank: number[] = [];
  readonly pairLedger: number[] = [];
  /** Read only for pairs where one class has two or more candidates. */
  readonly pairScore: number[] = [];

  /** Outputs of `run`. */
  readonly acceptedPairs: number[] = [];
  readonly acceptedCounts: number[] = [];
  readonly suggestedPairs: number[] = [];
  /** Per suggested pair: true when either side still had another live candidate. */
  readonly suggestedAmbiguous: boolean[] = [];

  private readonly adjStart: number[] = [];
  private readonly adjPairs: number[] = [];
  private readonly fill: number[] = [];
  private readonly stack: number[] = [];
  private readonly queued: number[] = [];
  private readonly confidence: number[] = [];
  private readonly ranked: number[] = [];
  private readonly isSuggested: number[] = [];
  /** Nodes whose phase-2 answer may have changed since they were last examined. */
  private readonly dirty: number[] = [];
  private readonly dirtyList: number[] = [];
  private readonly examine: number[] = [];
  private bankCount = 0;
  private ledgerCount = 0;

  reset(bankClasses: number, ledgerClasses: number): void {
    this.bankCount = bankClasses;
    this.ledgerCount = ledgerClasses;
    for (const list of [this.bankRemaining, this.ledgerRemaining, this.bankDegree, this.ledgerDegree, this.pairBank, this.pairLedger, this.pairScore]) {
      list.length = 0;
    }
  }

  /** Applies every mutually clear, confident pair until none is left, then lists suggestions. */
  run(margin: number, threshold: number, source: PairConfidence): void {
    this.acceptedPairs.length = 0;
    this.acceptedCounts.length = 0;
    this.suggestedPairs.length = 0;
    this.suggestedAmbiguous.length = 0;
    this.buildAdjacency();
    const nodes = this.bankCount + this.ledgerCount;
    const pairs = this.pairBank.length;
    this.confidence.length = pairs;
    this.confidence.fill(-1);
    this.stack.length = 0;
    this.queued.length = nodes;
    this.dirty.length = nodes;
    this.dirtyList.length = 0;
    for (let code = nodes - 1; code >= 0; code--) {
      this.stack.push(code);
      this.queued[code] = 1;
      this.dirty[code] = 1;
      this.dirtyList.push(code);
    }
    for (;;) {
      this.drainWorklist(margin, threshold, source);
      if (!this.applyForcedRound(margin, threshold, source)) {
        break;
      }
    }
    this.collectSuggestions();
  }

  /** Phase 1: applies mutually clear, confident pairs until the worklist is empty. */
  private drainWorklist(margin: number, threshold: number, source: PairConfidence): void {
    for (let code = this.stack.pop(); code !== undefined; code = this.stack.pop()) {
      this.queued[code] = 0;
      const pair = this.clearBest(code, margin);
      if (pair < 0) {
        continue;
      }
      const other = this.partner(code, pair);
      if (this.clearBest(other, margin) === pair && this.isConfident(pair, threshold, source)) {
        this.apply(pair);
      }
    }
  }

  /**
   * Phase 2, one round at a time: a node without a clear best gives itself to a candidate that has
   * no other live candidate, when that candidate is the only such one among its near-best (within
   * the margin of its best score). This completes chains of look-alike lines from their certain end
   * — the line with one candidate takes it, and the line it displaced then has one candidate left.
   * The round's pairs are chosen together and then applied, so the order nodes are visited in
   * never matters. Returns whether anything was applied.
   */
  private applyForcedRound(margin: number, threshold: number, source: PairConfidence): boolean {
    // Only nodes near a change can answer differently than last round: the changed nodes and their
    // candidates (marked by `apply`), and the one partner of any such node left with one candidate.
    const examine = this.examine;
    examine.length = 0;
    for (const code of this.dirtyList) {
      if (this.dirty[code] === 1) {
        this.dirty[code] = 2;
        examine.push(code);
      }
    }
    this.dirtyList.length = 0;
    for (let i = 0, n = examine.length; i < n; i++) {
      const code = examine[i] ?? 0;
      if (this.remaining(code) > 0 && this.liveCount(code) === 1) {
        const only = this.onlyLivePartner(code);
        if (this.dirty[only] !== 2) {
          this.dirty[only] = 2;
          examine.push(only);
        }
      }
    }
    const chosen = this.ranked;
    chosen.length = 0;
    for (const code of examine) {
      this.dirty[code] = 0;
      const pair = this.forcedPair(code, margin);
      if (pair >= 0 && this.isConfident(pair, threshold, source)) {
        chosen.push(pair);
      }
    }
    for (const pair of chosen) {
      this.apply(pair);
    }
    return chosen.length > 0;
  }

  /** The pair `code` gives itself to in phase 2, or -1. */
  private forcedPair(code: number, margin: number): number {
    if (this.remaining(code) === 0 || this.isOverloaded(code) || this.clearBest(code, margin) >= 0) {
      return -1;
    }
    let top = -Infinity;
    for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
      const pair = this.adjPairs[k] ?? 0;
      if (this.remaining(this.partner(code, pair)) > 0) {
        top = Math.max(top, this.pairScore[pair] ?? 0);
      }
    }
    let forced = -1;
    let forcedCount = 0;
    for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
      const pair = this.adjPairs[k] ?? 0;
      const partner = this.partner(code, pair);
      if (this.remaining(partner) > 0 && top - (this.pairScore[pair] ?? 0) < margin && !this.isOverloaded(partner) && this.liveCount(partner) === 1) {
        forced = pair;
        forcedCount++;
      }
    }
    return forcedCount === 1 ? forced : -1;
  }

  private onlyLivePartner(code: number): number {
    for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
      const partner = this.partner(code, this.adjPairs[k] ?? 0);
      if (this.remaining(partner) > 0) {
        return partner;
      }
    }
    return code;
  }

  private markDirty(code: number): void {
    if (this.dirty[code] !== 1) {
      this.dirty[code] = 1;
      this.dirtyList.push(code);
    }
  }

  private isConfident(pair: number, threshold: number, source: PairConfidence): boolean {
    let value = this.confidence[pair] ?? -1;
    if (value < 0) {
      value = source.pairConfidence(pair);
      this.confidence[pair] = value;
    }
    return value >= threshold;
  }

  /** Pairs as many lines as both classes still hold and queues whoever that affects. */
  private apply(pair: number): void {
    const bank = this.pairBank[pair] ?? 0;
    const ledger = this.pairLedger[pair] ?? 0;
    const count = Math.min(this.bankRemaining[bank] ?? 0, this.ledgerRemaining[ledger] ?? 0);
    this.bankRemaining[bank] = (this.bankRemaining[bank] ?? 0) - count;
    this.ledgerRemaining[ledger] = (this.ledgerRemaining[ledger] ?? 0) - count;
    this.acceptedPairs.push(pair);
    this.acceptedCounts.push(count);
    for (const code of [bank, this.bankCount + ledger]) {
      this.markDirty(code);
      for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
        this.markDirty(this.partner(code, this.adjPairs[k] ?? 0));
      }
    }
    this.requeue(bank);
    this.requeue(this.bankCount + ledger);
  }

  /** Node codes: bank class c is c, ledger class c is bankCount + c. */
  private remaining(code: number): number {
    return (code < this.bankCount ? this.bankRemaining[code] : this.ledgerRemaining[code - this.bankCount]) ?? 0;
  }

  private isOverloaded(code: number): boolean {
    return ((code < this.bankCount ? this.bankDegree[code] : this.ledgerDegree[code - this.bankCount]) ?? 0) > MAX_CANDIDATES;
  }

  /** The other end of `pair` seen from `code`, as a node code. */
  private partner(code: number, pair: number): number {
    return code < this.bankCount ? this.bankCount + (this.pairLedger[pair] ?? 0) : (this.pairBank[pair] ?? 0);
  }

  private buildAdjacency(): void {
    const nodes = this.bankCount + this.ledgerCount;
    const pairs = this.pairBank.length;
    this.adjStart.length = nodes + 1;
    this.adjStart.fill(0);
    for (let pair = 0; pair < pairs; pair++) {
      const bank = (this.pairBank[pair] ?? 0) + 1;
      const ledger = this.bankCount + (this.pairLedger[pair] ?? 0) + 1;
      this.adjStart[bank] = (this.adjStart[bank] ?? 0) + 1;
      this.adjStart[ledger] = (this.adjStart[ledger] ?? 0) + 1;
    }
    for (let code = 0; code < nodes; code++) {
      this.adjStart[code + 1] = (this.adjStart[code + 1] ?? 0) + (this.adjStart[code] ?? 0);
    }
    this.fill.length = nodes;
    for (let code = 0; code < nodes; code++) {
      this.fill[code] = this.adjStart[code] ?? 0;
    }
    this.adjPairs.length = 2 * pairs;
    for (let pair = 0; pair < pairs; pair++) {
      const bank = this.pairBank[pair] ?? 0;
      const ledger = this.bankCount + (this.pairLedger[pair] ?? 0);
      this.adjPairs[this.fill[bank] ?? 0] = pair;
      this.fill[bank] = (this.fill[bank] ?? 0) + 1;
      this.adjPairs[this.fill[ledger] ?? 0] = pair;
      this.fill[ledger] = (this.fill[ledger] ?? 0) + 1;
    }
  }

  /** The pair to `code`'s clear best live candidate, or -1. */
  private clearBest(code: number, margin: number): number {
    if (this.remaining(code) === 0 || this.isOverloaded(code)) {
      return -1;
    }
    let best = -1;
    let bestScore = 0;
    let bestPartner = 0;
    let second = -Infinity;
    let live = 0;
    for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
      const pair = this.adjPairs[k] ?? 0;
      const partner = this.partner(code, pair);
      if (this.remaining(partner) === 0) {
        continue;
      }
      live++;
      const score = this.pairScore[pair] ?? 0;
      if (best < 0 || score > bestScore || (score === bestScore && partner < bestPartner)) {
        if (best >= 0) {
          second = Math.max(second, bestScore);
        }
        best = pair;
        bestScore = score;
        bestPartner = partner;
      } else {
        second = Math.max(second, score);
      }
    }
    return live === 1 || (live > 1 && bestScore - second >= margin) ? best : -1;
  }

  /** After a pair is applied: a class with lines left looks again; an emptied class frees its candidates to look again. */
  private requeue(code: number): void {
    if (this.remaining(code) > 0) {
      this.push(code);
      return;
    }
    for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
      const partner = this.partner(code, this.adjPairs[k] ?? 0);
      if (this.remaining(partner) > 0) {
        this.push(partner);
      }
    }
  }

  private push(code: number): void {
    if (this.queued[code] !== 1) {
      this.queued[code] = 1;
      this.stack.push(code);
    }
  }

  private liveCount(code: number): number {
    let live = 0;
    for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
      if (this.remaining(this.partner(code, this.adjPairs[k] ?? 0)) > 0) {
        live++;
      }
    }
    return live;
  }

  /** Each live, not overloaded node offers its best `SUGGESTIONS_PER_LINE` live candidates (score, then canonical order). */
  private collectSuggestions(): void {
    const pairs = this.pairBank.length;
    this.isSuggested.length = pairs;
    this.isSuggested.fill(0);
    const nodes = this.bankCount + this.ledgerCount;
    for (let code = 0; code < nodes; code++) {
      if (this.remaining(code) === 0 || this.isOverloaded(code)) {
        continue;
      }
      this.ranked.length = 0;
      for (let k = this.adjStart[code] ?? 0; k < (this.adjStart[code + 1] ?? 0); k++) {
        const pair = this.adjPairs[k] ?? 0;
        if (this.remaining(this.partner(code, pair)) > 0) {
          this.ranked.push(pair);
        }
      }
      // Insertion sort: best score first, then the partner first in canonical order.
      for (let i = 1; i < this.ranked.length; i++) {
        const pair = this.ranked[i] ?? 0;
        let j = i - 1;
        while (j >= 0 && this.isRankedBefore(code, pair, this.ranked[j] ?? 0)) {
          this.ranked[j + 1] = this.ranked[j] ?? 0;
          j--;
        }
        this.ranked[j + 1] = pair;
      }
      for (let i = 0; i < Math.min(SUGGESTIONS_PER_LINE, this.ranked.length); i++) {
        this.isSuggested[this.ranked[i] ?? 0] = 1;
      }
    }
    for (let pair = 0; pair < pairs; pair++) {
      if (this.isSuggested[pair] === 1) {
        const bank = this.pairBank[pair] ?? 0;
        const ledger = this.bankCount + (this.pairLedger[pair] ?? 0);
        this.suggestedPairs.push(pair);
        this.suggestedAmbiguous.push(this.liveCount(bank) > 1 || this.liveCount(ledger) > 1);
      }
    }
  }

  private isRankedBefore(code: number, a: number, b: number): boolean {
    const sa = this.pairScore[a] ?? 0;
    const sb = this.pairScore[b] ?? 0;
    return sa > sb || (sa === sb && this.partner(code, a) < this.partner(code, b));
  }
}
