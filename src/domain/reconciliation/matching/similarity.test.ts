import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DescriptionPool, RuleTextIndex, containsRuleText, normalizeForRuleFast } from './description-pool';
import {
  descriptionSimilarity,
  firstSharedNumber,
  isNumericReference,
  lineNumbers,
  monthDay,
  normalizeForRule,
  normalizeReference,
  ruleTextMatches,
  sharedWords,
  sharedWrittenDate,
  tokenizeDescription,
  writtenDates,
} from './similarity';

const similarity = (a: string, b: string): number => descriptionSimilarity(tokenizeDescription(a), tokenizeDescription(b));

describe('tokenizeDescription', () => {
  it('keeps the payee’s words and drops boilerplate, card numbers, dates and short noise', () => {
    expect(tokenizeDescription('POS DEBIT AMAZON MKTPL*2K4 SEATTLE WA 03/15 XXXX1234')).toEqual({ words: ['amazon', 'mktpl', 'seattle'], numbers: [] });
  });

  it('reads digit runs of three or more as numbers, without leading zeros, each once', () => {
    expect(tokenizeDescription('CHECK #001042 inv 1042 store 77').numbers).toEqual(['1042']);
  });

  it('folds case and accents so a bank’s capitals agree with the books’ spelling', () => {
    expect(tokenizeDescription('CAFÉ MÜLLER').words).toEqual(['cafe', 'muller']);
  });
});

describe('descriptionSimilarity', () => {
  it('scores identical payees highest whatever the case, punctuation and word order', () => {
    expect(similarity('HARBOR SUPPLY', 'Supply, Harbor')).toBe(1000);
  });

  it('still agrees when the bank truncated or abbreviated a word', () => {
    expect(similarity('BLUE SUMMIT LOGIST', 'Blue Summit Logistics')).toBeGreaterThanOrEqual(900);
    expect(similarity('AMZN MKTPL', 'Amazon Marketplace')).toBeGreaterThanOrEqual(600);
  });

  it('prefers the payee that shares more words', () => {
    expect(similarity('HARBOR SUPPLY #12 SEATTLE', 'Harbor Supply')).toBeGreaterThan(similarity('HARBOR SUPPLY #12 SEATTLE', 'Harbor Freight'));
  });

  it('is zero when the descriptions share nothing, or one of them is only boilerplate', () => {
    expect(similarity('TRANSFER TO SAVINGS', 'Payment - Harbor Supply')).toBe(0);
    expect(similarity('POS DEBIT 4417', 'Harbor Supply')).toBe(0);
  });

  it('is symmetric and stays within 0..1000', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = similarity(a, b);
        expect(ab).toBe(similarity(b, a));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1000);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

describe('references, numbers and written dates', () => {
  it('normalises references by case, punctuation, spaces and leading zeros', () => {
    expect(normalizeReference(' Chk #00-1042 ')).toBe('chk001042');
    expect(normalizeReference('001042')).toBe('1042');
    expect(normalizeReference('---')).toBeNull();
    expect(isNumericReference(normalizeReference('0042'))).toBe(true);
  });

  it('finds a check number carried by one side’s reference and the other side’s description', () => {
    expect(firstSharedNumber(lineNumbers(tokenizeDescription('CHECK'), '1042'), lineNumbers(tokenizeDescription('Check 1042 - Rent'), null))).toBe('1042');
  });

  it('reads month/day dates from card descriptions and matches them to the other line’s date', () => {
    expect(writtenDates('SQ *COFFEE 3/15 12/31/24 2024/03/15 13/40')).toEqual(['03/15', '12/31']);
    expect(monthDay('2024-03-15')).toBe('03/15');
    expect(sharedWrittenDate({ date: '2024-03-17', description: 'COFFEE 03/15' }, { date: '2024-03-15', description: 'Coffee' })).toBe('03/15');
    expect(sharedWrittenDate({ date: '2024-03-17', description: 'COFFEE 03/16' }, { date: '2024-03-15', description: 'Coffee' })).toBeNull();
  });

  it('matches rule text case-insensitively across punctuation and spacing', () => {
    expect(ruleTextMatches('MONTHLY SERVICE-CHARGE 03/24', 'service charge')).toBe(true);
    expect(ruleTextMatches('SERVICE', 'service charge')).toBe(false);
    expect(ruleTextMatches('anything', '  ')).toBe(false);
  });
});

/** Text built from pieces that exercise every branch: words, truncations, numbers, dates, accents, noise. */
const textArbitrary = fc
  .array(fc.constantFrom('HARBOR', 'harbor', 'Harb', 'HRBR', 'supply', 'SUP', 'café', 'CAFE', '001042', '1042', '42', '03/15', '3/5/24', 'x1b', 'POS', 'the', '#', '-', ' ', '/', 'ß', 'İ', '\u00a0', '😀', 'amzn', 'amazon', 'École', 'ecole', 'ÉCOLE'), { maxLength: 8 })
  .map((parts) => parts.join(' '));

describe('DescriptionPool (the fast reading)', () => {
  it('answers exactly as the plain definitions for any pair of descriptions', () => {
    fc.assert(
      fc.property(textArbitrary, textArbitrary, fc.option(fc.constantFrom('1042', 'A-7', '0042'), { nil: null }), fc.option(fc.constantFrom('1042', '42'), { nil: null }), (a, b, refA, refB) => {
        const texts = [a, b];
        const pool = new DescriptionPool((node) => texts[node] ?? '', 2);
        const ta = tokenizeDescription(a);
        const tb = tokenizeDescription(b);
        const na = normalizeReference(refA);
        const nb = normalizeReference(refB);
        expect(pool.similarity(0, 1)).toBe(descriptionSimilarity(ta, tb));
        expect(pool.sharedWords(0, 1)).toEqual(sharedWords(ta, tb));
        expect(pool.firstSharedNumber(0, na, 1, nb)).toBe(firstSharedNumber(lineNumbers(ta, na), lineNumbers(tb, nb)));
        expect(pool.hasNumber(1, '1042')).toBe(tb.numbers.includes('1042'));
        const expectedDate = sharedWrittenDate({ date: '2024-03-15', description: a }, { date: '2024-03-05', description: b });
        const code = pool.sharedWrittenDate(0, 315, 1, 305);
        expect(code < 0 ? null : `${String(Math.floor(code / 100)).padStart(2, '0')}/${String(code % 100).padStart(2, '0')}`).toBe(expectedDate);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('finds rule texts exactly as the plain definition does', () => {
    fc.assert(
      fc.property(textArbitrary, fc.array(fc.constantFrom('harbor supply', 'supply', 'cafe', '1042', 'pos 42', 'sup', ''), { maxLength: 4 }), (text, needles) => {
        expect(normalizeForRuleFast(text)).toBe(normalizeForRule(text));
        const index = new RuleTextIndex(needles);
        const expected = needles.findIndex((needle) => ruleTextMatches(text, needle));
        expect(index.firstMatch(text)).toBe(expected);
        for (const needle of needles) {
          expect(containsRuleText(text, needle)).toBe(ruleTextMatches(text, needle));
        }
      }),
      { seed: 5, numRuns: 2000 },
    );
  });
});
