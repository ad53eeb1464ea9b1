/**
 * Duplicate protection for imported lines. Every line of an account's side gets a key that is
 * unique there (the database refuses a second line with the same key), chosen so that importing
 * the same transactions again — the same file twice, a re-export with different spacing, or a
 * statement that overlaps an earlier one — produces the same keys and adds nothing:
 *
 * - `id:<bank id>` when the bank gave the transaction an id of its own (OFX FITID, CAMT
 *   AcctSvcrRef …). Some banks repeat an id inside one file for different transactions, so the
 *   second use of an id in a file becomes `id:<bank id>#2`, and so on.
 * - otherwise `fp:<fingerprint>#<occurrence>`: a 64-bit FNV-1a hash of date | amount |
 *   description (folded: case, accents, punctuation and spacing do not count), and how many
 *   times that fingerprint has occurred in the file so far. Two genuine identical lines on one
 *   day are #1 and #2 and both kept; the same two lines in a later file map to the same keys.
 *
 * Occurrences count within one file, per fingerprint, which includes the date: an overlapping
 * statement repeats whole days, so its lines on a repeated day number the same way.
 */
import type { StatementTransaction } from './statement';

export type DedupeInput = Pick<StatementTransaction, 'date' | 'amountMinor' | 'description' | 'bankId'>;

/**
 * A keyer for one file's transactions, in file order.
 *
 * @example
 * const keyer = createDedupeKeyer();
 * keyer.keyOf({ date: '2026-03-02', amountMinor: -450, description: 'Coffee  Shop', bankId: null }); // 'fp:…#1'
 * keyer.keyOf({ date: '2026-03-02', amountMinor: -450, description: 'COFFEE SHOP.', bankId: null }); // 'fp:…#2'
 */
export function createDedupeKeyer(): { keyOf(transaction: DedupeInput): string } {
  const seen = new Map<string, number>();
  const next = (base: string): number => {
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return occurrence;
  };
  return {
    keyOf(transaction) {
      const bankId = transaction.bankId?.trim() ?? '';
      if (bankId !== '') {
        const base = `id:${bankId}`;
        const occurrence = next(base);
        return occurrence === 1 ? base : `${base}#${occurrence}`;
      }
      const base = `fp:${fingerprint(transaction)}`;
      return `${base}#${next(base)}`;
    },
  };
}

/** The fingerprint of a line without a bank id: 16 hex digits of FNV-1a 64 over its canonical text. */
export function fingerprint(transaction: Pick<StatementTransaction, 'date' | 'amountMinor' | 'description'>): string {
  return fnv1a64(`${transaction.date}|${transaction.amountMinor}|${normaliseDescription(transaction.description)}`);
}

/**
 * A description as compared for duplicates: lower case, accents dropped, and only letters and
 * digits kept, so that re-exports that change spacing or punctuation still match.
 * "ACME  Corp., Inv #12" → "acmecorpinv12".
 */
export function normaliseDescription(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of `text`, as 16 lower-case hex digits. Computed in
 * four 16-bit limbs so that no intermediate product leaves the exact range of a double.
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, limbs from least significant.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of utf8Bytes(text)) {
    h0 ^= byte;
    // Multiply by the prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64: h * 0x1b3 limb by limb,
    // plus h << 40 (limb 0 shifted 8 bits into limb 2, limb 1 into limb 3), carries upwards.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (t1 >>> 16) + (h0 << 8);
    const t3 = h3 * 0x1b3 + (t2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

const encoder = new TextEncoder();

/** The UTF-8 bytes of `text`. */
function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}
