import { proposeMatches } from '../src/domain/reconciliation/matching/propose-matches';
import { DEFAULT_MATCH_OPTIONS, type MatchLine } from '../src/domain/reconciliation/matching/types';
import { generateReconciliationData } from './reconciliation-data';
import os from 'node:os';

/**
 * The matcher at scale (SPEC 4): generates `size` bank lines and about as many ledger lines with
 * known truth, times `proposeMatches`, and scores its automatic matches against the truth —
 * precision, recall and F1 over linked (bank line, ledger line) pairs, where identical lines (same
 * date, amount, description and reference) are interchangeable. In the same run it times a bare
 * hash join on amount (map amount → ledger lines, each bank line takes the first one not yet
 * taken), scores it the same way, and reports matcher time / hash-join time (wall and CPU; the
 * hash join runs before and after the matcher and its faster run counts). Memory: RSS sampled
 * every 50 ms and at checkpoints (the timer cannot fire while the synchronous matcher runs), plus
 * the process's maximum RSS as the kernel counted it, which does see inside the matcher.
 *
 * Run: node --max-old-space-size=4096 --import tsx -e "import('./bench/reconcile-match.ts').then(m=>m.benchReconcileMatch(100000)).then(r=>console.log(r))"
 */
export async function benchReconcileMatch(size: number): Promise<Record<string, number | string>> {
  const memory = startMemorySampler();
  const generateStart = performance.now();
  const data = generateReconciliationData(size);
  const generateMs = performance.now() - generateStart;
  memory.checkpoint();
  await pause();

  const join = timed(() => hashJoinOnAmount(data.bank, data.ledger));
  memory.checkpoint();
  await pause();

  const match = timed(() => proposeMatches(data.bank, data.ledger, { ...DEFAULT_MATCH_OPTIONS, rules: data.rules }));
  memory.checkpoint();
  await pause();

  const joinAgain = timed(() => hashJoinOnAmount(data.bank, data.ledger));
  memory.checkpoint();
  const joinMs = Math.min(join.ms, joinAgain.ms);
  const joinCpuMs = Math.min(join.cpuMs, joinAgain.cpuMs);

  const result = match.value;
  const reasons: Record<string, number> = {};
  let predictedCount = 0;
  for (const m of result.matches) {
    reasons[m.reason] = (reasons[m.reason] ?? 0) + 1;
    predictedCount += m.bank.length * m.ledger.length;
  }
  const predicted = new Int32Array(2 * predictedCount);
  let k = 0;
  for (const m of result.matches) {
    for (const b of m.bank) {
      for (const l of m.ledger) {
        predicted[k++] = b;
        predicted[k++] = l;
      }
    }
  }
  const truth = truthPairs(data.truth);
  const scorer = pairScorer(data.bank, data.ledger, truth);
  const matcherScore = scorer(predicted);
  const joinScore = scorer(join.value);
  memory.checkpoint();
  const linkedBank = new Uint8Array(data.bank.length);
  data.truth.forEach((t) => t.bank.forEach((b) => (linkedBank[b] = 1)));
  memory.stop();

  return {
    size,
    bankLines: data.bank.length,
    ledgerLines: data.ledger.length,
    truthLinks: data.truth.length,
    truthPairs: truth.length / 2,
    bankOnlyLines: linkedBank.length - linkedBank.reduce((a, b) => a + b, 0),
    generateMs: Math.round(generateMs),
    matchMs: Math.round(match.ms),
    matchCpuMs: Math.round(match.cpuMs),
    hashJoinMs: Math.round(join.ms),
    hashJoinAgainMs: Math.round(joinAgain.ms),
    hashJoinCpuMs: Math.round(joinCpuMs),
    matcherVsHashJoin: +(match.ms / joinMs).toFixed(2),
    matcherVsHashJoinCpu: +(match.cpuMs / joinCpuMs).toFixed(2),
    precision: round4(matcherScore.precision),
    recall: round4(matcherScore.recall),
    f1: round4(matcherScore.f1),
    hashJoinPrecision: round4(joinScore.precision),
    hashJoinRecall: round4(joinScore.recall),
    hashJoinF1: round4(joinScore.f1),
    matches: result.matches.length,
    suggestions: result.suggestions.length,
    unmatchedBank: result.unmatchedBank.length,
    unmatchedLedger: result.unmatchedLedger.length,
    ...Object.fromEntries(Object.entries(reasons).map(([reason, count]) => [`matches:${reason}`, count])),
    peakRssMiB: Math.round(Math.max(memory.peakRss(), process.resourceUsage().maxRSS * 1024) / 2 ** 20),
    sampledPeakRssMiB: Math.round(memory.peakRss() / 2 ** 20),
    peakHeapUsedMiB: Math.round(memory.peakHeap() / 2 ** 20),
    loadAverage: os.loadavg()[0]?.toFixed(1) ?? '',
  };
}

/** The floor for any matcher: equal amounts, first come first served. Pairs as (bank, ledger) flattened. */
export function hashJoinOnAmount(bank: readonly MatchLine[], ledger: readonly MatchLine[]): Int32Array {
  const byAmount = new Map<number, number[]>();
  for (let j = 0; j < ledger.length; j++) {
    const amount = ledger[j]!.amountMinor;
    const list = byAmount.get(amount);
    if (list === undefined) {
      byAmount.set(amount, [j]);
    } else {
      list.push(j);
    }
  }
  const taken = new Map<number, number>();
  const pairs = new Int32Array(2 * Math.min(bank.length, ledger.length));
  let k = 0;
  for (let i = 0; i < bank.length; i++) {
    const amount = bank[i]!.amountMinor;
    const list = byAmount.get(amount);
    if (list === undefined) {
      continue;
    }
    const next = taken.get(amount) ?? 0;
    if (next < list.length) {
      pairs[k++] = i;
      pairs[k++] = list[next]!;
      taken.set(amount, next + 1);
    }
  }
  return pairs.subarray(0, k);
}

function truthPairs(truth: ReadonlyArray<{ bank: number[]; ledger: number[] }>): Int32Array {
  let count = 0;
  for (const link of truth) {
    count += link.bank.length * link.ledger.length;
  }
  const pairs = new Int32Array(2 * count);
  let k = 0;
  for (const link of truth) {
    for (const b of link.bank) {
      for (const l of link.ledger) {
        pairs[k++] = b;
        pairs[k++] = l;
      }
    }
  }
  return pairs;
}

/**
 * Scores predicted (bank, ledger) pairs against the truth, with identical lines interchangeable:
 * each line is replaced by its class (date, amount, description, reference) and pairs are counted
 * as a multiset, so pairing two identical duplicates crosswise still counts as right.
 */
function pairScorer(bank: readonly MatchLine[], ledger: readonly MatchLine[], truth: Int32Array) {
  const bankClass = classIds(bank);
  const ledgerClass = classIds(ledger);
  const width = ledger.length + 1;
  const keys = (pairs: Int32Array): Float64Array => {
    const out = new Float64Array(pairs.length / 2);
    for (let k = 0; k < out.length; k++) {
      out[k] = bankClass[pairs[2 * k]!]! * width + ledgerClass[pairs[2 * k + 1]!]!;
    }
    return out.sort();
  };
  const truthKeys = keys(truth);
  return (predicted: Int32Array) => {
    const predictedKeys = keys(predicted);
    let hits = 0;
    for (let i = 0, j = 0; i < predictedKeys.length && j < truthKeys.length; ) {
      if (predictedKeys[i]! === truthKeys[j]!) {
        hits++;
        i++;
        j++;
      } else if (predictedKeys[i]! < truthKeys[j]!) {
        i++;
      } else {
        j++;
      }
    }
    const precision = predictedKeys.length === 0 ? 1 : hits / predictedKeys.length;
    const recall = truthKeys.length === 0 ? 1 : hits / truthKeys.length;
    return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  };
}

/**
 * Class ids of identical lines (same date, amount, description, reference) without building a
 * string per line: lines are sorted by their fields and equal neighbours share an id.
 */
function classIds(lines: readonly MatchLine[]): Int32Array {
  const order = Array.from(lines.keys()).sort((a, b) => compareLines(lines[a]!, lines[b]!) || a - b);
  const ids = new Int32Array(lines.length);
  let id = 0;
  order.forEach((index, k) => {
    if (k > 0 && compareLines(lines[order[k - 1]!]!, lines[index]!) !== 0) {
      id++;
    }
    ids[index] = id;
  });
  return ids;
}

function compareLines(a: MatchLine, b: MatchLine): number {
  return (
    (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
    a.amountMinor - b.amountMinor ||
    (a.description < b.description ? -1 : a.description > b.description ? 1 : 0) ||
    ((a.reference ?? '') < (b.reference ?? '') ? -1 : (a.reference ?? '') > (b.reference ?? '') ? 1 : 0)
  );
}

/** Wall and CPU time of one call. */
function timed<T>(run: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

function startMemorySampler() {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 50);
  sample();
  return {
    checkpoint: sample,
    stop: () => {
      sample();
      clearInterval(timer);
    },
    peakRss: () => rss,
    peakHeap: () => heap,
  };
}

/** Lets the sampler's timer run between phases. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 60));
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}
