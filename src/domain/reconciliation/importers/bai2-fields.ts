/**
 * The fields of BAI2 records: comma-separated, the record ended by `/`, continued across `88`
 * records at a field boundary. Amounts carry no decimal point — their decimals are implied by the
 * currency, so the digits ARE the minor units ("10000" GBP is 100.00) — and dates are YYMMDD.
 */
import { toLocalDate, type LocalDate } from '../../dates';

/**
 * Reads fields one after the other across a record's pieces (the record, then its `88`s). A
 * piece ending in a comma has one more, empty, field; a piece ending without one simply ends,
 * and the next field is the first of the following piece.
 */
export class FieldCursor {
  private index = 0;
  private position = 0;

  private constructor(private readonly pieces: readonly string[]) {}

  /** For records whose fields end at the first `/` (everything but transaction details). */
  static forFields(pieces: readonly string[]): FieldCursor {
    return new FieldCursor(pieces.map(cutAtSlash));
  }

  /**
   * For transaction details (16): their last field is free text that may contain `/`, so only
   * the one closing `/` of each piece is removed.
   */
  static forText(pieces: readonly string[]): FieldCursor {
    return new FieldCursor(pieces.map((piece) => (piece.endsWith('/') ? piece.slice(0, -1) : piece)));
  }

  /** Whether another field follows (possibly empty). */
  hasMore(): boolean {
    this.skipExhaustedPieces();
    return this.index < this.pieces.length;
  }

  /** The next field, trimmed; '' when there is none left. */
  next(): string {
    this.skipExhaustedPieces();
    const piece = this.pieces[this.index];
    if (piece === undefined) {
      return '';
    }
    const comma = piece.indexOf(',', this.position);
    const end = comma === -1 ? piece.length : comma;
    const field = piece.slice(this.position, end);
    this.position = end + 1;
    return field.trim();
  }

  /** Everything after the fields read so far: the rest of this piece, then each later piece. */
  rest(): string {
    const parts: string[] = [];
    for (; this.index < this.pieces.length; this.index += 1, this.position = 0) {
      const piece = this.pieces[this.index] ?? '';
      if (this.position <= piece.length) {
        parts.push(piece.slice(this.position));
      }
    }
    return parts.join(' ');
  }

  private skipExhaustedPieces(): void {
    while (this.index < this.pieces.length && this.position > (this.pieces[this.index] ?? '').length) {
      this.index += 1;
      this.position = 0;
    }
  }
}

function cutAtSlash(piece: string): string {
  const slash = piece.indexOf('/');
  return slash === -1 ? piece : piece.slice(0, slash);
}

export type FieldReading<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Whitespace runs (wrapped lines, padded texts) become one space. */
export function collapseWhitespace(text: string): string {
  // Most texts have single spaces only; they skip the replace (and its new string).
  const collapsed = /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
  return collapsed.trim();
}

/** A signed amount in minor units (balances, summaries); null when the field is empty. */
export function readSignedAmount(text: string): FieldReading<number | null> {
  if (text === '') {
    return { ok: true, value: null };
  }
  if (!/^[+-]?\d+$/.test(text)) {
    return { ok: false, problem: notWholeAmount(text) };
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    return { ok: false, problem: `amount '${text}' is too large` };
  }
  return { ok: true, value: value === 0 ? 0 : value };
}

/** A transaction amount: unsigned digits (the type code says credit or debit). */
export function readDetailAmount(text: string): FieldReading<number> {
  if (text === '') {
    return { ok: false, problem: 'the transaction has no amount' };
  }
  if (/^-\d+$/.test(text)) {
    return { ok: false, problem: `transaction amount '${text}' has a sign; BAI2 gives the direction by the type code` };
  }
  const reading = readSignedAmount(text);
  if (!reading.ok) {
    return reading;
  }
  return { ok: true, value: reading.value ?? 0 };
}

function notWholeAmount(text: string): string {
  return /^[+-]?\d*[.,]\d*$/.test(text)
    ? `amount '${text}' has a decimal mark; BAI2 amounts are whole numbers of the currency's minor unit`
    : `amount '${text}' is not a number`;
}

/** A control total of a trailer, exactly (totals of large files pass 2^53); null when blank. */
export function readControlTotal(text: string): FieldReading<bigint | null> {
  if (text === '') {
    return { ok: true, value: null };
  }
  if (!/^[+-]?\d+$/.test(text)) {
    return { ok: false, problem: `control total '${text}' is not a whole number` };
  }
  return { ok: true, value: BigInt(text.startsWith('+') ? text.slice(1) : text) };
}

/** A count of a trailer (records, accounts, groups); null when blank. */
export function readCount(text: string): FieldReading<number | null> {
  if (text === '') {
    return { ok: true, value: null };
  }
  if (!/^\+?\d+$/.test(text)) {
    return { ok: false, problem: `count '${text}' is not a whole number` };
  }
  return { ok: true, value: Number(text) };
}

/**
 * A YYMMDD date. Two-digit years follow the POSIX rule: 69–99 are 1969–1999, 00–68 are
 * 2000–2068.
 */
export function readYymmdd(text: string): LocalDate | null {
  if (!/^\d{6}$/.test(text)) {
    return null;
  }
  const yy = Number(text.slice(0, 2));
  return toLocalDate(yy >= 69 ? 1900 + yy : 2000 + yy, Number(text.slice(2, 4)), Number(text.slice(4, 6)));
}

/**
 * How many fields follow a funds type: V has a value date and time, S three availability
 * amounts, D a count and that many day/amount pairs; the others none. Reads the D count from the
 * cursor. A problem when the funds type is unknown or the D count is not a number.
 */
export function readFundsTypeExtras(fundsType: string, cursor: FieldCursor): FieldReading<string[]> {
  switch (fundsType.toUpperCase()) {
    case '':
    case '0':
    case '1':
    case '2':
    case 'Z':
      return { ok: true, value: [] };
    case 'V':
      return { ok: true, value: [cursor.next(), cursor.next()] };
    case 'S':
      return { ok: true, value: [cursor.next(), cursor.next(), cursor.next()] };
    case 'D': {
      const countText = cursor.next();
      if (!/^\d+$/.test(countText)) {
        return { ok: false, problem: `funds type D needs a number of distributions, not '${countText}'` };
      }
      const extras = [countText];
      for (let i = 0; i < Number(countText) * 2; i++) {
        extras.push(cursor.next());
      }
      return { ok: true, value: extras };
    }
    default:
      return { ok: false, problem: `funds type '${fundsType}' is not one of 0, 1, 2, V, S, D or Z` };
  }
}

/** What a transaction-detail type code means for the account (BAI2 Appendix A ranges). */
export type DetailKind = 'credit' | 'debit' | 'information' | 'balance' | 'unknown';

export function classifyDetailTypeCode(code: number): DetailKind {
  if ((code >= 100 && code <= 399) || (code >= 920 && code <= 959)) {
    return 'credit';
  }
  if ((code >= 400 && code <= 699) || (code >= 960 && code <= 999)) {
    return 'debit';
  }
  // 700–799 are loan details and 890 non-monetary information: not movements of the account.
  if (code >= 700 && code <= 899) {
    return 'information';
  }
  if ((code >= 1 && code <= 99) || (code >= 900 && code <= 919)) {
    return 'balance';
  }
  return 'unknown';
}
