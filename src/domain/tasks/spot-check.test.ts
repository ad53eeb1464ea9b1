import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSpotCheckSample, preparerWeight, seededRandom, type Candidate, type SampleOptions } from './spot-check';

const OPTIONS: SampleOptions = { seed: '2026-03', ratePercent: 10, minimum: 3, reworkRateByPreparer: new Map(), reworkThreshold: 0.2 };

/** `count` approved tasks, spread round-robin over `preparers`. */
function candidates(count: number, preparers: readonly string[] = ['p-a', 'p-b', 'p-c']): Candidate[] {
  return Array.from({ length: count }, (_, i) => ({ taskId: `task-${String(i).padStart(4, '0')}`, preparerId: preparers[i % preparers.length] ?? 'p-a' }));
}

function ids(sample: readonly Candidate[]): string[] {
  return sample.map((c) => c.taskId);
}

describe('drawSpotCheckSample', () => {
  it('draws the same sample from the same seed whatever order the candidates arrive in', () => {
    const population = candidates(60);
    const options = { ...OPTIONS, reworkRateByPreparer: new Map([['p-a', 0.5], ['p-b', 0.1]]) };
    const first = drawSpotCheckSample(population, options);
    expect(first).toHaveLength(6);
    expect(drawSpotCheckSample([...population].reverse(), options)).toEqual(first);
    fc.assert(
      fc.property(fc.shuffledSubarray(population, { minLength: population.length, maxLength: population.length }), (shuffled) => {
        expect(drawSpotCheckSample(shuffled, options)).toEqual(first);
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('keeps drawing the sample it drew before, so recorded spot-checks can be re-drawn after an upgrade', () => {
    // Golden values: if this fails, the generator or the draw changed and old samples no longer reproduce.
    const sample = drawSpotCheckSample(candidates(30), { ...OPTIONS, seed: 'firm-1 2026-03', reworkRateByPreparer: new Map([['p-a', 0.5]]) });
    expect(sample).toEqual([
      { taskId: 'task-0005', preparerId: 'p-c', weight: 0.5 },
      { taskId: 'task-0015', preparerId: 'p-a', weight: 2.5 },
      { taskId: 'task-0003', preparerId: 'p-a', weight: 2.5 },
    ]);
  });

  it('draws a different sample from a different seed', () => {
    const population = candidates(100);
    const samples = Array.from({ length: 20 }, (_, i) => ids(drawSpotCheckSample(population, { ...OPTIONS, seed: `seed-${i}` })).sort().join(','));
    // Two 10-of-100 samples coincide with a chance of about 1 in 10^13; with fixed seeds this is exact.
    expect(new Set(samples).size).toBe(samples.length);
  });

  it('draws each task at most once, only from the candidates, with its preparer’s weight', () => {
    const population = candidates(50);
    const options = { ...OPTIONS, ratePercent: 40, reworkRateByPreparer: new Map([['p-a', 0.7], ['p-b', 0.2]]) };
    const sample = drawSpotCheckSample(population, options);
    expect(sample).toHaveLength(20);
    expect(new Set(ids(sample)).size).toBe(20);
    for (const task of sample) {
      expect(population).toContainEqual({ taskId: task.taskId, preparerId: task.preparerId });
      expect(task.weight).toBe({ 'p-a': 3, 'p-b': 1, 'p-c': 0.5 }[task.preparerId]);
      expect(Object.keys(task).sort()).toEqual(['preparerId', 'taskId', 'weight']);
    }
  });

  it.each([
    { n: 0, ratePercent: 10, minimum: 3, size: 0 },
    { n: 2, ratePercent: 10, minimum: 3, size: 2 },
    { n: 10, ratePercent: 10, minimum: 3, size: 3 },
    { n: 30, ratePercent: 10, minimum: 3, size: 3 },
    { n: 31, ratePercent: 10, minimum: 3, size: 4 },
    { n: 100, ratePercent: 10, minimum: 3, size: 10 },
    { n: 101, ratePercent: 10, minimum: 3, size: 11 },
    { n: 25, ratePercent: 10, minimum: 0, size: 3 },
    { n: 7, ratePercent: 50, minimum: 0, size: 4 },
    { n: 50, ratePercent: 1, minimum: 0, size: 1 },
    { n: 5, ratePercent: 100, minimum: 0, size: 5 },
    { n: 5, ratePercent: 10, minimum: 100, size: 5 },
  ])('draws $size of $n at $ratePercent% with a minimum of $minimum', ({ n, ratePercent, minimum, size }) => {
    expect(drawSpotCheckSample(candidates(n), { ...OPTIONS, ratePercent, minimum })).toHaveLength(size);
  });

  it('sizes the sample as max(minimum, ceil(rate × n)) capped at n, for any firm setting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 100 }), (n, ratePercent, minimum) => {
        // Exact integer arithmetic: ceil(n × rate / 100) without floats.
        const byRate = Math.floor((n * ratePercent + 99) / 100);
        expect(drawSpotCheckSample(candidates(n), { ...OPTIONS, ratePercent, minimum })).toHaveLength(Math.min(n, Math.max(minimum, byRate)));
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('gives a weight-3 preparer clearly more of the sample than a weight-½ preparer', () => {
    const risky = Array.from({ length: 20 }, (_, i) => ({ taskId: `r-${i}`, preparerId: 'risky' }));
    const steady = Array.from({ length: 20 }, (_, i) => ({ taskId: `s-${i}`, preparerId: 'steady' }));
    const options = { ...OPTIONS, ratePercent: 10, minimum: 0, reworkRateByPreparer: new Map([['risky', 0.9], ['steady', 0]]) };
    let riskyDrawn = 0;
    let steadyDrawn = 0;
    for (let i = 0; i < 2000; i++) {
      for (const task of drawSpotCheckSample([...risky, ...steady], { ...options, seed: `month-${i}` })) {
        riskyDrawn += task.preparerId === 'risky' ? 1 : 0;
        steadyDrawn += task.preparerId === 'steady' ? 1 : 0;
      }
    }
    expect(riskyDrawn + steadyDrawn).toBe(2000 * 4);
    // With weights 3 and ½ the risky share is about 6/7; anything above 3:1 is "clearly more".
    expect(riskyDrawn).toBeGreaterThan(3 * steadyDrawn);
    expect(steadyDrawn).toBeGreaterThan(0);
  });

  it('draws every task about equally often when weights are equal', () => {
    const population = candidates(40, ['p-a', 'p-b']);
    const drawn = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      for (const task of drawSpotCheckSample(population, { ...OPTIONS, seed: `month-${i}`, minimum: 0 })) {
        drawn.set(task.taskId, (drawn.get(task.taskId) ?? 0) + 1);
      }
    }
    // 2000 × 4 draws over 40 tasks: about 200 each (standard deviation about 13).
    expect(drawn.size).toBe(40);
    for (const count of drawn.values()) {
      expect(count).toBeGreaterThan(130);
      expect(count).toBeLessThan(270);
    }
  });
});

describe('preparerWeight', () => {
  it('raises the weight above the threshold, up to 3', () => {
    expect(preparerWeight(0.4, 0.2)).toBe(2);
    expect(preparerWeight(0.6, 0.2)).toBeCloseTo(3, 12);
    expect(preparerWeight(1, 0.2)).toBe(3);
  });

  it('weighs a preparer at the threshold as 1', () => {
    expect(preparerWeight(0.2, 0.2)).toBe(1);
  });

  it('lowers the weight below the threshold, down to ½', () => {
    expect(preparerWeight(0.15, 0.2)).toBeCloseTo(0.75, 12);
    expect(preparerWeight(0.05, 0.2)).toBe(0.5);
    expect(preparerWeight(0, 0.2)).toBe(0.5);
  });

  it('weighs everyone 1 when the threshold is 0', () => {
    expect(preparerWeight(0, 0)).toBe(1);
    expect(preparerWeight(0.9, 0)).toBe(1);
  });

  it('stays between ½ and 3 for any rate and positive threshold', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), (rate, threshold) => {
        const weight = preparerWeight(rate, threshold);
        expect(weight).toBeGreaterThanOrEqual(0.5);
        expect(weight).toBeLessThanOrEqual(3);
      }),
      { numRuns: 500, seed: 9 },
    );
  });
});

describe('seededRandom', () => {
  it('yields values in [0, 1) for any seed', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const random = seededRandom(seed);
        for (let i = 0; i < 50; i++) {
          const value = random();
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('repeats the same sequence for the same seed', () => {
    const a = seededRandom('2026-03 firm-1');
    const b = seededRandom('2026-03 firm-1');
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    expect(new Set(first).size).toBe(100);
  });

  it('yields the same values on every platform and version', () => {
    const random = seededRandom('2026-03');
    expect([random(), random(), random()]).toEqual([0.8825127184391022, 0.4271915857680142, 0.5977199536282569]);
  });

  it('gives a different sequence for a different seed', () => {
    expect(seededRandom('2026-03')()).not.toBe(seededRandom('2026-04')());
  });

  it('spreads values evenly', () => {
    const random = seededRandom('spread');
    const buckets = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 100_000; i++) {
      const bucket = Math.floor(random() * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) {
      expect(count).toBeGreaterThan(9_500);
      expect(count).toBeLessThan(10_500);
    }
  });
});
