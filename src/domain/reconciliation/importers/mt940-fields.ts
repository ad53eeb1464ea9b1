/**
 * Readers for the MT940/MT942 fields that carry money and dates (:60F:, :62F:, :61: …). Each one
 * throws `StatementFormatError` naming the line and the tag, so a file is refused with a message
 * a user can act on instead of being half-read.
 */
import type { LocalDate } from '../../dates';
import { currencyExponent, parseAmount } from '../../money';
import { StatementFormatError } from '../statement';

/** A balance field (:60F:, :60M:, :62F:, :62M:), signed: a D mark makes it negative. */
export interface Mt940Balance {
  amountMinor: number;
  date: LocalDate;
  currency: string;
}

/** What one :61: statement line says, before its :86: details are joined to it. */
export interface Mt940StatementLine {
  /** The value date, the date the money counts from (the entry date is only checked). */
  date: LocalDate;
  /** Minor units; C and RD lines are money in, D and RC lines money out. */
  amountMinor: number;
  /** Customer reference, null when the bank wrote none or NONREF. */
  reference: string | null;
  /** Reference of the account-servicing bank (after `//`), null when absent or NONREF. */
  bankReference: string | null;
  /** Text after the 16-character reference on the first line (Rabobank writes the counterparty there). */
  trailingText: string;
  /** The supplementary details lines (34x) after the first line. */
  supplementary: string;
}

/**
 * Reads a SWIFT date YYMMDD. Years 00–79 are 2000–2079 and 80–99 are 1980–1999 (SWIFT's own
 * window). A day past the end of its month (banks write 30 February for month-end postings) is
 * read as the last day of that month, as other readers of these files do; a day or month that
 * cannot exist (00, 32, month 13) is refused.
 */
export function readSwiftDate(text: string, what: string, line: number): LocalDate {
  if (!/^\d{6}$/.test(text)) {
    throw new StatementFormatError(`line ${line}`, `the ${what} '${text}' is not a date written YYMMDD`);
  }
  const yy = Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw new StatementFormatError(`line ${line}`, `the ${what} '${text}' is not a date written YYMMDD`);
  }
  const lastDay = daysInMonthOf(year, month);
  return `${year}-${text.slice(2, 4)}-${day > lastDay ? String(lastDay) : text.slice(4, 6)}`;
}

/** Days per month, without building a Date for every statement line (this is the importer's hot path). */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonthOf(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) {
    return 29;
  }
  return DAYS_IN_MONTH[month - 1] ?? 31;
}

/**
 * Reads an unsigned SWIFT amount ("1234,56", "500,", "000000000473,17", and "500" without the
 * comma that some banks leave out) into minor units of `currency`. More decimals than the
 * currency has are refused, never rounded.
 */
export function readSwiftAmount(text: string, currency: string | null, what: string, line: number): number {
  if (!/^\d+(,\d*)?$/.test(text)) {
    throw new StatementFormatError(`line ${line}`, `the ${what} '${text}' is not an amount written like 1234,56`);
  }
  const exponent = currencyExponent(currency);
  const minor = parseAmount(text, { decimalMark: ',', exponent });
  if (minor !== null) {
    return minor;
  }
  const fraction = (text.split(',')[1] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    const unit = currency ?? 'the statement currency';
    throw new StatementFormatError(`line ${line}`, `the ${what} '${text}' has more decimals than ${unit} allows (${exponent})`);
  }
  throw new StatementFormatError(`line ${line}`, `the ${what} '${text}' is too large`);
}

/**
 * Reads a balance field's text, e.g. "C110522EUR3236,28" (mark, date, currency, amount). Lines a
 * bank wrapped are joined by the caller before this is called.
 */
export function readBalance(tag: string, text: string, line: number): Mt940Balance {
  const match = /^([CD])(\d{6})([A-Z]{3})(\d[\d,]*)$/.exec(text.trim());
  if (!match) {
    throw new StatementFormatError(
      `line ${line}`,
      `the :${tag}: balance '${text.trim()}' cannot be read (expected C or D, a date YYMMDD, a currency and an amount, like C250131EUR1234,56)`,
    );
  }
  const [, mark = 'C', yymmdd = '', currency = '', amountText = ''] = match;
  const magnitude = readSwiftAmount(amountText, currency, `:${tag}: amount`, line);
  return {
    amountMinor: mark === 'D' && magnitude !== 0 ? -magnitude : magnitude,
    date: readSwiftDate(yymmdd, `:${tag}: date`, line),
    currency,
  };
}

/**
 * Reads a :61: statement line from its raw lines:
 * `YYMMDD[MMDD](C|D|RC|RD)[funds code]amount type customer-ref[//bank-ref]` on the first line,
 * then optional supplementary details. Some banks break the line right after the mark (the
 * amount starts the next line); that is read as one line.
 */
export function readStatementLine(lines: readonly string[], currency: string | null, line: number): Mt940StatementLine {
  let first = lines[0] ?? '';
  let rest = 1;
  const where = `line ${line}`;
  if (!isDigits(first, 0, 6)) {
    throw new StatementFormatError(where, `the :61: statement line '${first.trim()}' does not start with a value date written YYMMDD`);
  }
  const date = readSwiftDate(first.slice(0, 6), ':61: value date', line);
  let p = 6;
  if (isDigits(first, 6, 10)) {
    checkEntryDate(first.slice(6, 10), line);
    p = 10;
  }
  // Debit/credit mark: C, D, or RC/RD for the reversal of a credit/debit.
  let isMoneyIn: boolean;
  if (first[p] === 'R' && (first[p + 1] === 'C' || first[p + 1] === 'D')) {
    isMoneyIn = first[p + 1] === 'D';
    p += 2;
  } else if (first[p] === 'C' || first[p] === 'D') {
    isMoneyIn = first[p] === 'C';
    p += 1;
  } else {
    throw new StatementFormatError(where, `the :61: statement line has no debit/credit mark (C, D, RC or RD) after its date: '${first.trim()}'`);
  }
  // Optional funds code: one letter (the third letter of the currency code).
  if (isUpperLetter(first.charCodeAt(p))) {
    p += 1;
  }
  if (p === first.trimEnd().length && lines.length > rest) {
    first = first.slice(0, p) + (lines[rest] ?? '');
    rest += 1;
  }
  const amountStart = p;
  while (p < first.length && (isDigit(first.charCodeAt(p)) || first[p] === ',')) {
    p += 1;
  }
  if (p === amountStart) {
    throw new StatementFormatError(where, `the :61: statement line has no amount after its debit/credit mark: '${first.trim()}'`);
  }
  const magnitude = readSwiftAmount(first.slice(amountStart, p), currency, ':61: amount', line);
  const amountMinor = isMoneyIn || magnitude === 0 ? magnitude : -magnitude;
  // Transaction type: N, F or S and three characters (NTRF, FMSC, S103, "S   ").
  if (first.slice(p).trim() !== '') {
    if (!isTransactionType(first, p)) {
      throw new StatementFormatError(where, `the :61: statement line has no transaction type (such as NTRF) after its amount: '${first.trim()}'`);
    }
    p += 4;
  }
  const tail = first.slice(p);
  const split = tail.indexOf('//');
  let reference: string;
  let bankReference: string | null = null;
  let trailingText = '';
  if (split >= 0) {
    reference = tail.slice(0, split).trim();
    bankReference = nullIfNoReference(tail.slice(split + 2).trim());
  } else {
    reference = tail.slice(0, 16).trim();
    trailingText = tail.slice(16).trim();
  }
  const supplementary =
    lines.length <= rest
      ? ''
      : lines
          .slice(rest)
          .map((text) => text.trim())
          .filter((text) => text !== '')
          .join(' ');
  return { date, amountMinor, reference: nullIfNoReference(reference), bankReference, trailingText, supplementary };
}

/** The entry (booking) date MMDD is optional; when present it must be a month and a day. */
function checkEntryDate(mmdd: string, line: number): void {
  const month = Number(mmdd.slice(0, 2));
  const day = Number(mmdd.slice(2, 4));
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw new StatementFormatError(`line ${line}`, `the :61: entry date '${mmdd}' is not a date written MMDD`);
  }
}

function nullIfNoReference(text: string): string | null {
  return text === '' || text === 'NONREF' ? null : text;
}

function isDigits(text: string, from: number, to: number): boolean {
  if (text.length < to) {
    return false;
  }
  for (let i = from; i < to; i += 1) {
    if (!isDigit(text.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

/** N, F or S (any capital letter, as banks use) and three letters, digits or spaces: NTRF, S103, "S   ". */
function isTransactionType(text: string, at: number): boolean {
  if (text.length < at + 4 || !isUpperLetter(text.charCodeAt(at))) {
    return false;
  }
  for (let i = at + 1; i < at + 4; i += 1) {
    const code = text.charCodeAt(i);
    if (!isUpperLetter(code) && !isDigit(code) && code !== 32) {
      return false;
    }
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpperLetter(code: number): boolean {
  return code >= 65 && code <= 90;
}
