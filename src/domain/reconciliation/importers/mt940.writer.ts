/**
 * Writes statements as SWIFT MT940 messages (MT942 for a statement with a currency but no
 * balances), for round-trip tests, benchmarks and exports. One message per statement:
 * :20: :25: :28C: :60F: then :61:/:86: per transaction, :62F:, and the `-` that ends block 4.
 *
 * What MT940 cannot carry is refused with a RangeError rather than written wrongly: dates outside
 * 1980–2079 (two-digit years), amounts longer than 15 characters, references over 16 characters
 * (or containing `//`), a balance without a currency. Descriptions are written as free :86: text,
 * whitespace collapsed and wrapped at 65 characters; SWIFT allows 6 lines (390 characters), longer
 * descriptions get more lines, which this importer and most readers accept.
 */
import type { LocalDate } from '../../dates';
import { currencyExponent, formatMinor } from '../../money';
import { transactionDateRange, type Statement, type StatementTransaction } from '../statement';
import { DETAILS_LINE_WIDTH, isStructuredDetails } from './mt940-details';

export interface Mt940WriteOptions {
  /** Wrap each message in SWIFT blocks `{1:…}{2:…}{4:` … `-}`. Default false (bare messages ending in `-`). */
  swiftBlocks?: boolean;
  /** Default CRLF, as SWIFT sends it. */
  lineEnding?: '\r\n' | '\n';
}

/** Writes `file.statements` as MT940/MT942 text; see the module comment for what is refused. */
export function writeMt940(file: { readonly statements: readonly Statement[] }, options: Mt940WriteOptions = {}): string {
  const eol = options.lineEnding ?? '\r\n';
  const out: string[] = [];
  file.statements.forEach((statement, index) => {
    writeMessage(statement, index, options.swiftBlocks ?? false, out);
  });
  return out.length === 0 ? '' : out.join(eol) + eol;
}

function writeMessage(statement: Statement, index: number, swiftBlocks: boolean, out: string[]): void {
  const currency = statement.currency;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
    throw new RangeError(`MT940 needs a three-letter currency code, not '${currency}'`);
  }
  const isInterim = currency !== null && statement.openingBalanceMinor === null && statement.closingBalanceMinor === null;
  const exponent = currencyExponent(currency);
  const range = transactionDateRange(statement.transactions);
  if (swiftBlocks) {
    out.push(`{1:F01TICKXXXXAXXX0000000000}{2:I${isInterim ? '942' : '940'}TICKXXXXXXXXN}{4:`);
  }
  out.push(`:20:TM${String(index + 1).padStart(8, '0')}`);
  if (statement.accountId !== null) {
    out.push(`:25:${checkText(statement.accountId, 35, 'account id')}`);
  }
  out.push(`:28C:${(index % 99_999) + 1}/1`);
  if (isInterim) {
    out.push(`:34F:${currency}0,`);
    const stamp = statement.endDate ?? range.endDate;
    if (stamp !== null) {
      out.push(`:13D:${yymmdd(stamp)}0000+0000`);
    }
  }
  if (statement.openingBalanceMinor !== null) {
    out.push(`:60F:${balanceText(statement.openingBalanceMinor, statement.startDate ?? range.startDate, currency, exponent)}`);
  }
  for (const transaction of statement.transactions) {
    writeTransaction(transaction, exponent, out);
  }
  if (statement.closingBalanceMinor !== null) {
    out.push(`:62F:${balanceText(statement.closingBalanceMinor, statement.endDate ?? range.endDate, currency, exponent)}`);
  }
  out.push(swiftBlocks ? '-}' : '-');
}

function writeTransaction(transaction: StatementTransaction, exponent: number, out: string[]): void {
  const date = yymmdd(transaction.date);
  const mark = transaction.amountMinor < 0 ? 'D' : 'C';
  const reference = transaction.reference === null ? 'NONREF' : checkReference(transaction.reference);
  const bankReference = transaction.bankId === null ? '' : `//${checkText(transaction.bankId, 16, 'bank reference')}`;
  out.push(`:61:${date}${date.slice(2)}${mark}${amountText(Math.abs(transaction.amountMinor), exponent)}NTRF${reference}${bankReference}`);
  const description = transaction.description.replace(/\s+/g, ' ').trim();
  if (description !== '') {
    checkNoControlCharacters(description, 'description');
    const lines = wrapDetails(description);
    out.push(`:86:${lines[0] ?? ''}`, ...lines.slice(1));
  }
}

/**
 * Wraps free text into :86: lines the reader joins back exactly: a full 65-character line is
 * joined without a separator, a shorter one with a space (the space the cut removed). No line may
 * start with '-' (it would end the message) or ':' (it could read as a tag), and text that would
 * read as structured subfields gets a leading space, which the reader trims away. Cuts fall at the
 * 65th character, else at a space; only when neither works is a line made longer than 65.
 */
function wrapDetails(description: string): string[] {
  const lines = wrapFrom(description);
  return isStructuredDetails(lines.join('')) ? wrapFrom(` ${description}`) : lines;
}

function wrapFrom(text: string): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > DETAILS_LINE_WIDTH) {
    const [line, next] = cutLine(rest);
    lines.push(line);
    rest = next;
  }
  if (rest !== '') {
    lines.push(rest);
  }
  return lines;
}

function cutLine(rest: string): [string, string] {
  if (canStartLine(rest.slice(DETAILS_LINE_WIDTH))) {
    return [rest.slice(0, DETAILS_LINE_WIDTH), rest.slice(DETAILS_LINE_WIDTH)];
  }
  for (let at = DETAILS_LINE_WIDTH - 1; at >= 1; at -= 1) {
    if (rest[at] === ' ' && rest.slice(0, at).trim() !== '' && canStartLine(rest.slice(at + 1))) {
      return [rest.slice(0, at), rest.slice(at + 1)];
    }
  }
  // Last resort (a run of '-' or ':' with no usable space before it): a line longer than 65,
  // which the reader also joins without a separator.
  let at = DETAILS_LINE_WIDTH;
  while (at < rest.length && !canStartLine(rest.slice(at))) {
    at += 1;
  }
  return [rest.slice(0, at), rest.slice(at)];
}

function canStartLine(text: string): boolean {
  return text !== '' && text[0] !== '-' && text[0] !== ':';
}

function balanceText(amountMinor: number, date: LocalDate | null, currency: string | null, exponent: number): string {
  if (currency === null) {
    throw new RangeError('MT940 cannot write a balance without a currency');
  }
  if (date === null) {
    throw new RangeError('MT940 cannot write a balance without a date (no period and no transactions)');
  }
  return `${amountMinor < 0 ? 'D' : 'C'}${yymmdd(date)}${currency}${amountText(Math.abs(amountMinor), exponent)}`;
}

/** SWIFT amounts: decimal comma, always written (so "500," for 500 yen), at most 15 characters. */
function amountText(magnitude: number, exponent: number): string {
  const plain = formatMinor(magnitude, exponent).replace('.', ',');
  const text = exponent === 0 ? `${plain},` : plain;
  if (text.length > 15) {
    throw new RangeError(`MT940 amounts have at most 15 characters; ${text} is longer`);
  }
  return text;
}

function yymmdd(date: LocalDate): string {
  const year = Number(date.slice(0, 4));
  if (!(year >= 1980 && year <= 2079)) {
    throw new RangeError(`MT940 writes two-digit years (1980–2079); ${date} is outside them`);
  }
  return `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
}

function checkReference(reference: string): string {
  const text = checkText(reference, 16, 'customer reference');
  if (text.includes('//') || text.startsWith('/') || text.endsWith('/')) {
    throw new RangeError(`an MT940 customer reference cannot contain '//' or start or end with '/': '${text}'`);
  }
  return text;
}

/** Single-line text that reads back unchanged: no line breaks, no surrounding spaces, within `max`. */
function checkText(text: string, max: number, what: string): string {
  if (text === '' || text.length > max || text !== text.trim() || /[\r\n]/.test(text)) {
    throw new RangeError(`an MT940 ${what} is 1 to ${max} characters on one line without surrounding spaces: '${text}'`);
  }
  checkNoControlCharacters(text, what);
  return text;
}

function checkNoControlCharacters(text: string, what: string): void {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) < 32) {
      throw new RangeError(`an MT940 ${what} cannot hold control characters: '${text}'`);
    }
  }
}
