import { proposeMatches } from '../src/domain/reconciliation/matching/propose-matches';
import { DEFAULT_MATCH_OPTIONS, type MatchLine } from '../src/domain/reconciliation/matching/types';
import { generateReconciliationData } from './reconciliation-data';

/**
 * The matcher at scale (SPEC 4): generates `size` bank lines and about as many ledger lines with
 * known truth, times `proposeMatches`, and scores its automatic matches against the truth —
 * precision, recall and F1 over linked (bank line, ledger line) pairs, where identical lines (same
 * date, amount, description and reference) are interchangeable. In the same run it times a bare
 * hash join on amount (map amount → ledger lines, each bank line takes the first one not yet
 * taken), scores it the same way, and reports matcher time / hash-join time. Memory: RSS sampled
 * every 50 ms and at checkpoints, plus the process's maximum RSS as the kernel counted it.
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

  const joinStart = performance.now();
  const joined = hashJoinOnAmount(data.bank, data.ledger);
  const hashJoinMs = performance.now() - joinStart;
  memory.checkpoint();
  await pause();

  const matchStart = performance.now();
  const result = proposeMatches(data.bank, data.ledger, { ...DEFAULT_MATCH_OPTIONS, rules: data.rules });
  const matchMs = performance.now() - matchStart;
  memory.checkpoint();
  await pause();

  const joinAgainStart = performance.now();
  hashJoinOnAmount(data.bank, data.ledger);
  const hashJoinAgainMs = performance.now() - joinAgainStart;
  const hashJoinBestMs = Math.min(hashJoinMs, hashJoinAgainMs);

  const predicted: Array<[number, number]> = [];
  const reasons: Record<string, number> = {};
  for (const match of result.matches) {
    reasons[match.reason] = (reasons[match.reason] ?? 0) + 1;
    for (const b of match.bank) {
      for (const l of match.ledger) {
        predicted.push([b, l]);
      }
    }
  }
  const truthPairs: Array<[number, number]> = [];
  for (const link of data.truth) {
    for (const b of link.bank) {
      for (const l of link.ledger) {
        truthPairs.push([b, l]);
      }
    }
  }
  const scorer = pairScorer(data.bank, data.ledger, truthPairs);
  const matcherScore = scorer(predicted);
  const joinScore = scorer(joined);
  memory.checkpoint();
  const bankOnlyLines = data.bank.length - new Set(data.truth.flatMap((t) => t.bank)).size;
  memory.stop();

  return {
    size,
    bankLines: data.bank.length,
    ledgerLines: data.ledger.length,
    truthLinks: data.truth.length,
    truthPairs: truthPairs.length,
    bankOnlyLines,
    generateMs: Math.round(generateMs),
    matchMs: Math.round(matchMs),
    hashJoinMs: Math.round(hashJoinMs),
    hashJoinAgainMs: Math.round(hashJoinAgainMs),
    matcherVsHashJoin: +(matchMs / hashJoinBestMs).toFixed(2),
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
  };
}

/** The floor for any matcher: equal amounts, first come first served. */
export function hashJoinOnAmount(bank: readonly MatchLine[], ledger: readonly MatchLine[]): Array<[number, number]> {
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
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < bank.length; i++) {
    const amount = bank[i]!.amountMinor;
    const list = byAmount.get(amount);
    if (list === undefined) {
      continue;
    }
    const next = taken.get(amount) ?? 0;
    if (next < list.length) {
      pairs.push([i, list[next]!]);
      taken.set(amount, next + 1);
    }
  }
  return pairs;
}

/**
 * Scores predicted (bank, ledger) pairs against the truth, with identical lines interchangeable:
 * each line is replaced by its class (date, amount, description, reference) and pairs are counted
 * as a multiset, so pairing two identical duplicates crosswise still counts as right.
 */
function pairScorer(bank: readonly MatchLine[], ledger: readonly MatchLine[], truth: ReadonlyArray<[number, number]>) {
  const bankClass = classIds(bank);
  const ledgerClass = classIds(ledger);
  const width = ledger.length + 1;
  const keys = (pairs: ReadonlyArray<[number, number]>): Float64Array => {
    const out = new Float64Array(pairs.length);
    pairs.forEach(([b, l], k) => {
      out[k] = bankClass[b]! * width + ledgerClass[l]!;
    });
    return out.sort();
  };
  const truthKeys = keys(truth);
  return (predicted: ReadonlyArray<[number, number]>) => {
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

function classIds(lines: readonly MatchLine[]): Int32Array {
  const ids = new Int32Array(lines.length);
  const known = new Map<string, number>();
  lines.forEach((line, i) => {
    const key = `${line.date}\u0001${line.amountMinor}\u0001${line.description}\u0001${line.reference ?? ''}`;
    let id = known.get(key);
    if (id === undefined) {
      id = known.size;
      known.set(key, id);
    }
    ids[i] = id;
  });
  return ids;
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
