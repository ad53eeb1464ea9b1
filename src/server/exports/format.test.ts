import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMinor, parseAmount } from '../../domain/money';
import { formatAmountForDisplay, formatProofConclusion, formatSignOff, formatTimestampForDisplay } from './format';

describe('formatAmountForDisplay', () => {
  it.each([
    [123456, 'USD', '1,234.56'],
    [-123456, 'USD', '-1,234.56'],
    [0, 'USD', '0.00'],
    [-5, 'USD', '-0.05'],
    [99, 'USD', '0.99'],
    [100000, 'USD', '1,000.00'],
    [123456789, 'USD', '1,234,567.89'],
    [-1500, 'JPY', '-1,500'],
    [1234, 'KWD', '1.234'],
    [Number.MAX_SAFE_INTEGER, 'USD', '90,071,992,547,409.91'],
  ])('writes %i minor units of %s as %s', (minor, currency, expected) => {
    expect(formatAmountForDisplay(minor, currency)).toBe(expected);
  });

  it('reads back to the same minor units once the thousands separators are ignored', () => {
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('USD', 'JPY', 'KWD'), (minor, currency) => {
        const text = formatAmountForDisplay(minor, currency);
        expect(text.replace(/,/g, '')).toBe(formatMinor(minor, currencyExponent(currency)));
        expect(parseAmount(text, { exponent: currencyExponent(currency) })).toBe(minor);
      }),
    );
  });
});

describe('workpaper wording', () => {
  it('writes timestamps in UTC to the minute', () => {
    expect(formatTimestampForDisplay('2026-11-04T09:12:59.999Z')).toBe('2026-11-04 09:12 UTC');
    expect(formatTimestampForDisplay('2026-11-04T23:30:00-02:00')).toBe('2026-11-05 01:30 UTC');
  });

  it('names the person still to sign off', () => {
    expect(formatSignOff({ name: 'Preparer One', at: '2026-11-04T09:12:00Z' }, 'Someone Else')).toBe('Preparer One, signed off 2026-11-04 09:12 UTC');
    expect(formatSignOff(null, 'Reviewer Two')).toBe('Reviewer Two — not signed off');
    expect(formatSignOff(null, null)).toBe('not signed off');
  });

  it('calls a reconciliation reconciled only when the difference is exactly zero', () => {
    expect(formatProofConclusion(0, 'USD')).toBe('Reconciled — no unexplained difference');
    expect(formatProofConclusion(1, 'USD')).toBe('Unexplained difference of 0.01 USD');
    expect(formatProofConclusion(-1234567, 'USD')).toBe('Unexplained difference of -12,345.67 USD');
  });
});
