import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDedupeKeyer, fingerprint, fnv1a64, normaliseDescription, type DedupeInput } from './dedupe';

/** What the database does with the keys: a line whose key is already there is skipped. */
function importInto(stored: Set<string>, file: DedupeInput[]): { added: number; duplicates: number } {
  const keyer = createDedupeKeyer();
  let added = 0;
  for (const line of file) {
    const key = keyer.keyOf(line);
    if (stored.has(key)) {
      continue;
    }
    stored.add(key);
    added += 1;
  }
  return { added, duplicates: file.length - added };
}

const line = (date: string, amountMinor: number, description: string, bankId: string | null = null): DedupeInput => ({ date, amountMinor, description, bankId });

describe('fnv1a64', () => {
  it('gives the published FNV-1a 64-bit values', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes text beyond ASCII through its UTF-8 bytes', () => {
    expect(fnv1a64('é')).toBe(fnv1a64('\u00e9'));
    expect(fnv1a64('é')).not.toBe(fnv1a64('e'));
  });
});

describe('normaliseDescription', () => {
  it('folds case, accents, punctuation and spacing', () => {
    expect(normaliseDescription('ACME  Corp., Inv #12')).toBe('acmecorpinv12');
    expect(normaliseDescription(' acme corp inv#12 ')).toBe('acmecorpinv12');
    expect(normaliseDescription('Café Crème')).toBe('cafecreme');
  });
});

describe('dedupe keys', () => {
  it('uses the bank’s own transaction id when there is one', () => {
    const keyer = createDedupeKeyer();
    expect(keyer.keyOf(line('2026-03-02', -450, 'Coffee', 'FIT-1'))).toBe('id:FIT-1');
    expect(keyer.keyOf(line('2026-03-02', -450, 'Coffee', 'FIT-2'))).toBe('id:FIT-2');
  });

  it('keeps two genuine identical lines on one day as #1 and #2', () => {
    const stored = new Set<string>();
    const coffee = line('2026-03-02', -450, 'Coffee Shop');

    const result = importInto(stored, [coffee, { ...coffee }]);

    expect(result).toEqual({ added: 2, duplicates: 0 });
    expect([...stored].map((k) => k.slice(-2))).toEqual(['#1', '#2']);
  });

  it('skips every line when the same file is imported twice', () => {
    const stored = new Set<string>();
    const file = [line('2026-03-01', 10_000, 'Deposit'), line('2026-03-02', -450, 'Coffee Shop'), line('2026-03-02', -450, 'Coffee Shop'), line('2026-03-03', -1, 'Fee', 'B-7')];

    expect(importInto(stored, file)).toEqual({ added: 4, duplicates: 0 });
    expect(importInto(stored, file)).toEqual({ added: 0, duplicates: 4 });
  });

  it('recognises a re-export that changes spacing, case and punctuation', () => {
    const stored = new Set<string>();
    importInto(stored, [line('2026-03-02', -450, 'COFFEE SHOP, #12')]);

    expect(importInto(stored, [line('2026-03-02', -450, 'Coffee  shop #12.')])).toEqual({ added: 0, duplicates: 1 });
  });

  it('skips the overlap of a statement that repeats days of an earlier one, and adds the rest', () => {
    const stored = new Set<string>();
    const march1to10 = [line('2026-03-01', 500, 'A'), line('2026-03-05', -200, 'Card'), line('2026-03-05', -200, 'Card'), line('2026-03-10', 900, 'B')];
    const march5to15 = [line('2026-03-05', -200, 'Card'), line('2026-03-05', -200, 'Card'), line('2026-03-10', 900, 'B'), line('2026-03-12', -75, 'C'), line('2026-03-12', -75, 'C')];

    expect(importInto(stored, march1to10)).toEqual({ added: 4, duplicates: 0 });
    expect(importInto(stored, march5to15)).toEqual({ added: 2, duplicates: 3 });
  });

  it('keeps a third identical line that only the later, overlapping statement has', () => {
    const stored = new Set<string>();
    importInto(stored, [line('2026-03-05', -200, 'Card'), line('2026-03-05', -200, 'Card')]);

    expect(importInto(stored, [line('2026-03-05', -200, 'Card'), line('2026-03-05', -200, 'Card'), line('2026-03-05', -200, 'Card')])).toEqual({ added: 1, duplicates: 2 });
  });

  it('numbers a bank id that a file repeats, so neither use is lost', () => {
    const keyer = createDedupeKeyer();
    expect([keyer.keyOf(line('2026-03-02', -1, 'x', 'DUP')), keyer.keyOf(line('2026-03-03', -2, 'y', 'DUP'))]).toEqual(['id:DUP', 'id:DUP#2']);
  });

  it('tells lines apart by date, amount and description', () => {
    const base = line('2026-03-02', -450, 'Coffee');
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, date: '2026-03-03' }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, amountMinor: 450 }));
    expect(fingerprint(base)).not.toBe(fingerprint({ ...base, description: 'Tea' }));
  });

  it('adds nothing on a second import of any file, and keeps every line of the first', () => {
    const lines = fc.array(
      fc.record({
        date: fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-03'),
        amountMinor: fc.integer({ min: -5, max: 5 }),
        description: fc.constantFrom('A', 'a', 'B', 'b.', 'C c'),
        bankId: fc.option(fc.constantFrom('X', 'Y', 'Z'), { nil: null }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(lines, (file) => {
        const stored = new Set<string>();
        expect(importInto(stored, file)).toEqual({ added: file.length, duplicates: 0 });
        expect(importInto(stored, file)).toEqual({ added: 0, duplicates: file.length });
      }),
    );
  });
});
