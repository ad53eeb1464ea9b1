import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeProof } from './proof';

describe('computeProof', () => {
  it('proves the documented example without a difference', () => {
    expect(
      computeProof({
        statementBalanceMinor: 100_000,
        bookBalanceMinor: 118_000,
        outstanding: [{ amountMinor: 25_000 }, { amountMinor: -8_000 }],
        bankOnlyResolved: [{ amountMinor: -1_000 }],
        matchAdjustments: [],
      }),
    ).toEqual({
      depositsInTransitMinor: 25_000,
      outstandingChecksMinor: -8_000,
      adjustedBankBalanceMinor: 117_000,
      adjustmentsMinor: -1_000,
      adjustedBookBalanceMinor: 117_000,
      differenceMinor: 0,
    });
  });

  it('shows an unresolved bank-only line as the difference', () => {
    // The bank charged a 12.00 fee nobody has explained: the books are 12.00 higher than the bank.
    const proof = computeProof({ statementBalanceMinor: 98_800, bookBalanceMinor: 100_000, outstanding: [], bankOnlyResolved: [], matchAdjustments: [] });
    expect(proof.differenceMinor).toBe(-1_200);
  });

  it('counts tolerance differences of matches as adjustments to the books', () => {
    const proof = computeProof({ statementBalanceMinor: 98_500, bookBalanceMinor: 100_000, outstanding: [], bankOnlyResolved: [], matchAdjustments: [{ amountMinor: -1_500 }] });
    expect(proof).toMatchObject({ adjustmentsMinor: -1_500, adjustedBookBalanceMinor: 98_500, differenceMinor: 0 });
  });

  it('splits outstanding ledger lines into deposits in transit and outstanding checks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { maxLength: 40 }), (amounts) => {
        const proof = computeProof({ statementBalanceMinor: 0, bookBalanceMinor: 0, outstanding: amounts.map((amountMinor) => ({ amountMinor })), bankOnlyResolved: [], matchAdjustments: [] });
        expect(proof.depositsInTransitMinor).toBe(amounts.filter((a) => a > 0).reduce((t, a) => t + a, 0));
        expect(proof.outstandingChecksMinor).toBe(amounts.filter((a) => a < 0).reduce((t, a) => t + a, 0));
        expect(proof.outstandingChecksMinor).toBeLessThanOrEqual(0);
        expect(proof.adjustedBankBalanceMinor - proof.adjustedBookBalanceMinor).toBe(proof.differenceMinor);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('refuses totals beyond exact whole numbers instead of rounding them', () => {
    expect(() => computeProof({ statementBalanceMinor: Number.MAX_SAFE_INTEGER, bookBalanceMinor: 0, outstanding: [{ amountMinor: 10 }], bankOnlyResolved: [], matchAdjustments: [] })).toThrow(RangeError);
  });
});
