import { describe, expect, it } from 'vitest';
import { addDays } from '../../dates';
import { CASE_KINDS, buildCase, seededRandom, type MatcherCase } from './matching-test-cases';
import { proposeMatches } from './propose-matches';
import { proposeMatchesReference } from './reference-matcher';
import { MAX_CANDIDATES } from './scoring';
import { DEFAULT_MATCH_OPTIONS, type MatchLine } from './types';

/**
 * The fast matcher against the brute-force reference on thousands of seeded cases, random and
 * adversarial. Both resolve identical lines in index order, so the results must be equal outright:
 * matches (lines, reason, confidence, sentence, adjustment), suggestions and unmatched lines.
 * A failure names the case; `buildCase(kind, seed)` rebuilds it.
 */
const SEEDS_PER_KIND = 300;

function expectSameAnswer(c: MatcherCase): void {
  const fast = proposeMatches(c.bank, c.ledger, c.options);
  const reference = proposeMatchesReference(c.bank, c.ledger, c.options);
  expect({ name: c.name, ...fast }).toEqual({ name: c.name, ...reference });
}

describe('proposeMatches against the reference matcher', () => {
  for (const kind of CASE_KINDS) {
    it(`agrees on ${SEEDS_PER_KIND} seeded “${kind}” cases`, () => {
      for (let seed = 1; seed <= SEEDS_PER_KIND; seed++) {
        expectSameAnswer(buildCase(kind, seed));
      }
    });
  }

  it('agrees when one amount has more candidates than a line may weigh automatically', () => {
    const random = seededRandom(77);
    const line = (day: number, description: string): MatchLine => ({ date: addDays('2024-03-01', day), amountMinor: -1000, description, reference: null, bankId: null });
    const count = MAX_CANDIDATES + 12;
    const names = ['CITY PARKING', 'COFFEE CORNER', 'HARBOR SUPPLY', 'BLUE SUMMIT'];
    const bank = Array.from({ length: count }, (_, i) => line(Math.floor(random() * 4), names[i % names.length] ?? ''));
    const ledger = Array.from({ length: count }, (_, i) => line(Math.floor(random() * 4), (names[(i * 3) % names.length] ?? '').toLowerCase()));
    // A few lines far away in time, with one clear partner each, must still be matched.
    bank.push(line(30, 'CITY PARKING'), line(40, 'HARBOR SUPPLY'));
    ledger.push(line(29, 'City parking'), line(41, 'Harbor Supply'));
    const c: MatcherCase = { name: 'overloaded amount', bank, ledger, options: DEFAULT_MATCH_OPTIONS };
    expectSameAnswer(c);
    const result = proposeMatches(bank, ledger, DEFAULT_MATCH_OPTIONS);
    expect(result.matches.map((m) => [m.bank, m.ledger])).toEqual([
      [[count], [count]],
      [[count + 1], [count + 1]],
    ]);
  });

  it('agrees on a day of many equal receipts and deposits (the worst case for the group search)', () => {
    const line = (amountMinor: number, description: string): MatchLine => ({ date: '2024-03-05', amountMinor, description, reference: null, bankId: null });
    const bank = [line(3000, 'DEPOSIT'), line(4500, 'DEPOSIT'), line(100000, 'DEPOSIT')];
    const ledger = Array.from({ length: 24 }, (_, i) => line(i % 2 === 0 ? 1500 : 1499, `Receipt ${i}`));
    expectSameAnswer({ name: 'equal receipts', bank, ledger, options: DEFAULT_MATCH_OPTIONS });
  });
});
