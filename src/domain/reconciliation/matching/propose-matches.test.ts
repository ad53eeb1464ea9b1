import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../dates';
import { computeProof } from './proof';
import { proposeMatches } from './propose-matches';
import { lineIdentityKey } from './similarity';
import { DEFAULT_MATCH_OPTIONS, type Match, type MatchLine, type MatchOptions, type MatchResult, type MatchRule } from './types';

const WORDS = ['HARBOR SUPPLY', 'Harbor Supply', 'COFFEE CORNER 03/04', 'Coffee Corner', 'SERVICE CHARGE', 'INTEREST PAYMENT', 'DEPOSIT', 'Receipt A', 'CHECK 1042', 'Rent', 'TRANSFER', 'POS 4417'];
const RULES: MatchRule[] = [
  { id: 'fee', name: 'Fees', descriptionContains: 'service charge', kind: 'adjustment', direction: 'out', reasonCode: 'bank_fee', account: '6100' },
  { id: 'int', name: 'Interest', descriptionContains: 'interest', kind: 'adjustment', direction: 'in', reasonCode: 'interest', account: null },
  { id: 'tol', name: 'Harbor tolerance', descriptionContains: 'harbor', kind: 'tolerance', reasonCode: 'rounding', account: null, amountToleranceMinor: 300, dateToleranceDays: 3 },
];

const lineArbitrary: fc.Arbitrary<MatchLine> = fc
  .record({
    day: fc.integer({ min: 0, max: 20 }),
    amountMinor: fc.oneof(fc.constantFrom(-2500, -10000, 2500, 4999, -1234, 350, 0), fc.integer({ min: -60000, max: 60000 })),
    description: fc.constantFrom(...WORDS),
    reference: fc.option(fc.constantFrom('1042', '001042', '1043', 'INV-7'), { nil: null, freq: 3 }),
    bankId: fc.option(fc.constantFrom('F1', 'F2', 'F3'), { nil: null, freq: 3 }),
    accountKey: fc.option(fc.constantFrom('checking', 'savings'), { nil: null, freq: 3 }),
  })
  .map(({ day, ...rest }) => ({ date: addDays('2024-03-01', day), ...rest }));

const caseArbitrary = fc.record({
  bank: fc.array(lineArbitrary, { maxLength: 12 }),
  ledger: fc.array(lineArbitrary, { maxLength: 12 }),
  options: fc.record({
    dateWindowDays: fc.integer({ min: 0, max: 6 }),
    maxGroupSize: fc.integer({ min: 1, max: 6 }),
    rules: fc.subarray(RULES),
  }),
});

/** Duplicates some lines so identical lines (the interesting case for order and ambiguity) are common. */
function withTwins(lines: MatchLine[], twins: number[]): MatchLine[] {
  return [...lines, ...twins.filter((i) => i < lines.length).map((i) => ({ ...(lines[i] as MatchLine) }))];
}

function expectInvariants(result: MatchResult, bank: readonly MatchLine[], ledger: readonly MatchLine[]): void {
  const usedBank = new Set<number>();
  const usedLedger = new Set<number>();
  for (const match of result.matches) {
    expect(match.bank.length + match.ledger.length).toBeGreaterThan(0);
    for (const b of match.bank) {
      expect(usedBank.has(b)).toBe(false);
      usedBank.add(b);
    }
    for (const l of match.ledger) {
      expect(usedLedger.has(l)).toBe(false);
      usedLedger.add(l);
    }
    const difference = match.bank.reduce((t, b) => t + (bank[b]?.amountMinor ?? 0), 0) - match.ledger.reduce((t, l) => t + (ledger[l]?.amountMinor ?? 0), 0);
    expect(difference).toBe(match.adjustment?.amountMinor ?? 0);
    expect(match.confidence).toBeGreaterThanOrEqual(0.8);
    expect(match.confidence).toBeLessThanOrEqual(1);
    expect(match.explanation).toMatch(/^[A-Z].*\.$/);
  }
  expect(result.unmatchedBank).toEqual(bank.map((_, i) => i).filter((i) => !usedBank.has(i)));
  expect(result.unmatchedLedger).toEqual(ledger.map((_, i) => i).filter((i) => !usedLedger.has(i)));
  const matchKeys = new Set(result.matches.map(linesKey));
  for (const suggestion of result.suggestions) {
    expect(suggestion.bank.some((b) => usedBank.has(b)) || suggestion.ledger.some((l) => usedLedger.has(l))).toBe(false);
    expect(matchKeys.has(linesKey(suggestion))).toBe(false);
    expect(suggestion.confidence).toBeGreaterThanOrEqual(0);
    expect(suggestion.confidence).toBeLessThan(0.8);
  }
  expect(result.matches.map(linesKey)).toEqual([...result.matches].sort(compareByLines).map(linesKey));
}

function linesKey(match: Pick<Match, 'bank' | 'ledger'>): string {
  return `${match.bank.join(',')}|${match.ledger.join(',')}`;
}

function compareByLines(a: Match, b: Match): number {
  return (a.bank[0] ?? Infinity) - (b.bank[0] ?? Infinity) || (a.ledger[0] ?? Infinity) - (b.ledger[0] ?? Infinity);
}

/** A result with every line replaced by what makes it interchangeable with another, so two orders can be compared. */
function canonical(result: MatchResult, bank: readonly MatchLine[], ledger: readonly MatchLine[]): { matches: string[]; suggestions: string[]; unmatched: string[] } {
  const key = (line: MatchLine | undefined): string => (line === undefined ? '?' : `${line.date}|${line.amountMinor}|${lineIdentityKey(line)}`);
  const describe = (m: Match, extra: string): string =>
    JSON.stringify([m.reason, m.confidence, m.explanation, m.adjustment, extra, m.bank.map((b) => key(bank[b])).sort(), m.ledger.map((l) => key(ledger[l])).sort()]);
  return {
    matches: result.matches.map((m) => describe(m, '')).sort(),
    suggestions: result.suggestions.map((s) => describe(s, s.distinguishing.join(','))).sort(),
    unmatched: [...result.unmatchedBank.map((b) => `b${key(bank[b])}`), ...result.unmatchedLedger.map((l) => `l${key(ledger[l])}`)].sort(),
  };
}

describe('proposeMatches', () => {
  it('keeps every invariant of the result for any lines and options', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.array(fc.nat(11), { maxLength: 4 }), ({ bank, ledger, options }, twins) => {
        const b = withTwins(bank, twins);
        const l = withTwins(ledger, twins);
        expectInvariants(proposeMatches(b, l, options), b, l);
      }),
      { seed: 20240301, numRuns: 1500 },
    );
  });

  it('gives the same answer whatever order the lines arrive in (identical lines interchangeable)', () => {
    fc.assert(
      fc.property(
        caseArbitrary.chain((c) =>
          fc.record({
            c: fc.constant(c),
            bankOrder: fc.shuffledSubarray([...c.bank.keys()], { minLength: c.bank.length, maxLength: c.bank.length }),
            ledgerOrder: fc.shuffledSubarray([...c.ledger.keys()], { minLength: c.ledger.length, maxLength: c.ledger.length }),
          }),
        ),
        ({ c, bankOrder, ledgerOrder }) => {
          const bank = bankOrder.map((i) => c.bank[i] as MatchLine);
          const ledger = ledgerOrder.map((i) => c.ledger[i] as MatchLine);
          expect(canonical(proposeMatches(bank, ledger, c.options), bank, ledger)).toEqual(canonical(proposeMatches(c.bank, c.ledger, c.options), c.bank, c.ledger));
        },
      ),
      { seed: 42, numRuns: 1500 },
    );
  });

  it('always leaves a proof without difference once unmatched bank lines are treated as adjustments', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: -1_000_000, max: 1_000_000 }), ({ bank, ledger, options }, opening) => {
        const result = proposeMatches(bank, ledger, options);
        const total = (lines: readonly MatchLine[]) => lines.reduce((t, line) => t + line.amountMinor, 0);
        const proof = computeProof({
          statementBalanceMinor: opening + total(bank),
          bookBalanceMinor: opening + total(ledger),
          outstanding: result.unmatchedLedger.map((l) => ledger[l] as MatchLine),
          bankOnlyResolved: [
            ...result.unmatchedBank.map((b) => bank[b] as MatchLine),
            ...result.matches.filter((m) => m.ledger.length === 0 && m.adjustment !== null).map((m) => m.adjustment as { amountMinor: number }),
          ],
          matchAdjustments: result.matches.filter((m) => m.ledger.length > 0 && m.adjustment !== null).map((m) => m.adjustment as { amountMinor: number }),
        });
        expect(proof.differenceMinor).toBe(0);
      }),
      { seed: 99, numRuns: 800 },
    );
  });

  it('returns an empty result for empty input', () => {
    expect(proposeMatches([], [], DEFAULT_MATCH_OPTIONS)).toEqual({ matches: [], suggestions: [], unmatchedBank: [], unmatchedLedger: [] });
  });

  it('explains each applied match in one sentence naming what agreed', () => {
    const line = (date: string, amountMinor: number, description: string, reference: string | null = null): MatchLine => ({ date, amountMinor, description, reference, bankId: null });
    const result = proposeMatches(
      [line('2024-03-05', -12345, 'AMAZON MKTPL SEATTLE'), line('2024-03-20', -50000, 'CHECK', '001042'), line('2024-03-03', -2500, 'COFFEE CORNER 03/02')],
      [line('2024-03-04', -12345, 'Amazon Marketplace'), line('2024-03-01', -50000, 'Rent', '1042'), line('2024-03-02', -2500, 'Coffee Corner')],
      DEFAULT_MATCH_OPTIONS,
    );
    expect(result.matches.map((m) => m.explanation)).toEqual([
      'Same amount and dated 1 day apart; no other line of that amount lies within 5 days on either side.',
      'Same amount and reference “001042”; dated 19 days apart.',
      'Same amount and dated 1 day apart; descriptions share “coffee” and “corner”, and one description gives the other line’s date 03/02.',
    ]);
  });

  it('matches lines dated before 1970 like any others', () => {
    const result = proposeMatches(
      [{ date: '1969-12-30', amountMinor: -1234, description: 'HARBOR SUPPLY', reference: null, bankId: null }],
      [{ date: '1970-01-02', amountMinor: -1234, description: 'Harbor Supply', reference: null, bankId: null }],
      DEFAULT_MATCH_OPTIONS,
    );
    expect(result.matches.map((m) => m.explanation)).toEqual(['Same amount and dated 3 days apart; no other line of that amount lies within 5 days on either side.']);
  });

  it('refuses a line whose date is not a calendar date', () => {
    const options: MatchOptions = DEFAULT_MATCH_OPTIONS;
    expect(() => proposeMatches([{ date: '2024-02-30', amountMinor: 1, description: '', reference: null, bankId: null }], [], options)).toThrow(/Bank line 1/);
  });
});
