/**
 * The assignment at the heart of every one-to-one pass: candidates in, applied pairs and
 * suggestions out, independent of the order anything arrived in.
 *
 * Nodes are classes of interchangeable lines (same amount, date and identity key), so two
 * identical card payments on both sides pair up one to one instead of looking ambiguous. A node's
 * *clear best* is its best live candidate when that beats the second best by the margin (or is
 * the only one). A pair is applied when each is the other's clear best and its confidence reaches
 * the threshold; as many lines pair as both classes still hold. Applying a pair only removes
 * competitors from other nodes, so every pair that becomes applicable stays applicable until it is
 * applied: the final result is the same whatever order the worklist visits nodes in.
 *
 * Afterwards each live node that is not overloaded offers its best few live candidates as
 * suggestions.
 */
import { MAX_CANDIDATES, SUGGESTIONS_PER_LINE } from './scoring';

export interface PairGraph {
  /** Lines still unmatched per class; updated as pairs are applied. Classes are numbered in canonical order. */
  bankRemaining: number[];
  ledgerRemaining: number[];
  pairBank: number[];
  pairLedger: number[];
  /** Per pair; read only when one of its nodes has two or more candidates. */
  pairScore: number[];
  /** Candidates per class when the pass started (pairs between two overloaded nodes are not listed but are counted). */
  bankDegree: number[];
  ledgerDegree: number[];
}

export interface PairingRules {
  margin: number;
  threshold: number;
  /** Per-mille confidence of a pair; asked once, only for pairs about to be applied. */
  confidence: (pair: number) => number;
}

export interface PairingOutcome {
  acceptedPairs: number[];
  acceptedCounts: number[];
  suggestedPairs: number[];
  /** Per suggested pair: true when either side still had another live candidate. */
  suggestedAmbiguous: boolean[];
}

/** Applies every mutually clear, confident pair until none is left, then lists suggestions. */
export function assignPairs(graph: PairGraph, rules: PairingRules): PairingOutcome {
  const bankCount = graph.bankRemaining.length;
  const ledgerCount = graph.ledgerRemaining.length;
  const bankAdj = adjacency(bankCount, graph.pairBank);
  const ledgerAdj = adjacency(ledgerCount, graph.pairLedger);
  const view: EngineView = { graph, bankAdj, ledgerAdj, margin: rules.margin };
  const outcome: PairingOutcome = { acceptedPairs: [], acceptedCounts: [], suggestedPairs: [], suggestedAmbiguous: [] };
  const confidence = new Map<number, number>();
  const stack: number[] = [];
  const queued = new Uint8Array(bankCount + ledgerCount);
  for (let node = bankCount + ledgerCount - 1; node >= 0; node--) {
    stack.push(node);
    queued[node] = 1;
  }
  const push = (node: number): void => {
    if (queued[node] === 0) {
      queued[node] = 1;
      stack.push(node);
    }
  };
  for (let code = stack.pop(); code !== undefined; code = stack.pop()) {
    queued[code] = 0;
    const isBank = code < bankCount;
    const node = isBank ? code : code - bankCount;
    const pair = clearBest(view, isBank, node);
    if (pair < 0) {
      continue;
    }
    const bank = graph.pairBank[pair] ?? 0;
    const ledger = graph.pairLedger[pair] ?? 0;
    if ((isBank ? clearBest(view, false, ledger) : clearBest(view, true, bank)) !== pair) {
      continue;
    }
    let value = confidence.get(pair);
    if (value === undefined) {
      value = rules.confidence(pair);
      confidence.set(pair, value);
    }
    if (value < rules.threshold) {
      continue;
    }
    const count = Math.min(graph.bankRemaining[bank] ?? 0, graph.ledgerRemaining[ledger] ?? 0);
    graph.bankRemaining[bank] = (graph.bankRemaining[bank] ?? 0) - count;
    graph.ledgerRemaining[ledger] = (graph.ledgerRemaining[ledger] ?? 0) - count;
    outcome.acceptedPairs.push(pair);
    outcome.acceptedCounts.push(count);
    requeue(view, true, bank, push);
    requeue(view, false, ledger, push);
  }
  collectSuggestions(view, outcome);
  return outcome;
}

interface Adjacency {
  start: Int32Array;
  pairs: Int32Array;
}

interface EngineView {
  graph: PairGraph;
  bankAdj: Adjacency;
  ledgerAdj: Adjacency;
  margin: number;
}

function adjacency(nodes: number, endpoint: readonly number[]): Adjacency {
  const start = new Int32Array(nodes + 1);
  for (const node of endpoint) {
    start[node + 1] = (start[node + 1] ?? 0) + 1;
  }
  for (let i = 0; i < nodes; i++) {
    start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
  }
  const fill = start.slice(0, nodes);
  const pairs = new Int32Array(endpoint.length);
  for (let pair = 0; pair < endpoint.length; pair++) {
    const node = endpoint[pair] ?? 0;
    pairs[fill[node] ?? 0] = pair;
    fill[node] = (fill[node] ?? 0) + 1;
  }
  return { start, pairs };
}

function isOverloaded(view: EngineView, isBank: boolean, node: number): boolean {
  return ((isBank ? view.graph.bankDegree[node] : view.graph.ledgerDegree[node]) ?? 0) > MAX_CANDIDATES;
}

function remaining(view: EngineView, isBank: boolean, node: number): number {
  return (isBank ? view.graph.bankRemaining[node] : view.graph.ledgerRemaining[node]) ?? 0;
}

/** The pair to `node`'s clear best live candidate, or -1. */
function clearBest(view: EngineView, isBank: boolean, node: number): number {
  if (remaining(view, isBank, node) === 0 || isOverloaded(view, isBank, node)) {
    return -1;
  }
  const { graph } = view;
  const adj = isBank ? view.bankAdj : view.ledgerAdj;
  let best = -1;
  let bestScore = -Infinity;
  let bestPartner = 0;
  let second = -Infinity;
  let live = 0;
  for (let k = adj.start[node] ?? 0; k < (adj.start[node + 1] ?? 0); k++) {
    const pair = adj.pairs[k] ?? 0;
    const partner = (isBank ? graph.pairLedger[pair] : graph.pairBank[pair]) ?? 0;
    if (remaining(view, !isBank, partner) === 0) {
      continue;
    }
    live++;
    const score = graph.pairScore[pair] ?? 0;
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
  if (live === 1 || (live > 1 && bestScore - second >= view.margin)) {
    return best;
  }
  return -1;
}

/** After a pair is applied: a class with lines left looks again; an emptied class frees its candidates to look again. */
function requeue(view: EngineView, isBank: boolean, node: number, push: (code: number) => void): void {
  const bankCount = view.graph.bankRemaining.length;
  if (remaining(view, isBank, node) > 0) {
    push(isBank ? node : bankCount + node);
    return;
  }
  const adj = isBank ? view.bankAdj : view.ledgerAdj;
  for (let k = adj.start[node] ?? 0; k < (adj.start[node + 1] ?? 0); k++) {
    const pair = adj.pairs[k] ?? 0;
    const partner = (isBank ? view.graph.pairLedger[pair] : view.graph.pairBank[pair]) ?? 0;
    if (remaining(view, !isBank, partner) > 0) {
      push(isBank ? bankCount + partner : partner);
    }
  }
}

function livePairs(view: EngineView, isBank: boolean, node: number): number[] {
  const adj = isBank ? view.bankAdj : view.ledgerAdj;
  const out: number[] = [];
  for (let k = adj.start[node] ?? 0; k < (adj.start[node + 1] ?? 0); k++) {
    const pair = adj.pairs[k] ?? 0;
    const partner = (isBank ? view.graph.pairLedger[pair] : view.graph.pairBank[pair]) ?? 0;
    if (remaining(view, !isBank, partner) > 0) {
      out.push(pair);
    }
  }
  return out;
}

function collectSuggestions(view: EngineView, outcome: PairingOutcome): void {
  const { graph } = view;
  const suggested = new Set<number>();
  for (const isBank of [true, false]) {
    const count = isBank ? graph.bankRemaining.length : graph.ledgerRemaining.length;
    for (let node = 0; node < count; node++) {
      if (remaining(view, isBank, node) === 0 || isOverloaded(view, isBank, node)) {
        continue;
      }
      const pairs = livePairs(view, isBank, node);
      if (pairs.length > 1) {
        const partnerOf = (pair: number): number => (isBank ? graph.pairLedger[pair] : graph.pairBank[pair]) ?? 0;
        pairs.sort((a, b) => (graph.pairScore[b] ?? 0) - (graph.pairScore[a] ?? 0) || partnerOf(a) - partnerOf(b));
      }
      for (const pair of pairs.slice(0, SUGGESTIONS_PER_LINE)) {
        suggested.add(pair);
      }
    }
  }
  for (const pair of [...suggested].sort((a, b) => a - b)) {
    const bank = graph.pairBank[pair] ?? 0;
    const ledger = graph.pairLedger[pair] ?? 0;
    outcome.suggestedPairs.push(pair);
    outcome.suggestedAmbiguous.push(livePairs(view, true, bank).length > 1 || livePairs(view, false, ledger).length > 1);
  }
}
