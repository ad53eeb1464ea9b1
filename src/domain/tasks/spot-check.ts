/**
 * Partner spot-check sampling: a reproducible, risk-weighted random sample of approved tasks.
 * The same seed and population always give the same sample (evidence a reviewer can re-draw).
 */
export interface Candidate {
  taskId: string;
  preparerId: string;
}

export interface SampleOptions {
  seed: string;
  /** Share of the population to sample, in percent (e.g. 10). */
  ratePercent: number;
  minimum: number;
  /** Each preparer's rework rate (returns per approved task, 0..1) and the firm's threshold. */
  reworkRateByPreparer: ReadonlyMap<string, number>;
  reworkThreshold: number;
}

export interface SampledTask extends Candidate {
  weight: number;
}

/** How much more likely a preparer's work is to be drawn: above the threshold up to 3×, well below it down to ½. */
export function preparerWeight(reworkRate: number, threshold: number): number {
  if (threshold <= 0) {
    return 1;
  }
  return Math.min(3, Math.max(0.5, reworkRate / threshold));
}

/**
 * Draws max(minimum, ceil(rate × population)) tasks without replacement, each with probability
 * proportional to its preparer's weight (Efraimidis–Spirakis: key = u^(1/w), largest keys win).
 * Candidates are sorted by id first, so the order they arrive in does not matter.
 */
export function drawSpotCheckSample(candidates: readonly Candidate[], options: SampleOptions): SampledTask[] {
  const size = Math.min(candidates.length, Math.max(options.minimum, Math.ceil((candidates.length * options.ratePercent) / 100)));
  const random = seededRandom(options.seed);
  return [...candidates]
    .sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0))
    .map((c) => {
      const weight = preparerWeight(options.reworkRateByPreparer.get(c.preparerId) ?? 0, options.reworkThreshold);
      return { ...c, weight, key: Math.pow(random(), 1 / weight) };
    })
    .sort((a, b) => b.key - a.key || (a.taskId < b.taskId ? -1 : 1))
    .slice(0, size)
    .map(({ key: _key, ...rest }) => rest);
}

/** mulberry32 seeded from a string hash (FNV-1a): small, fast and the same on every platform. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
