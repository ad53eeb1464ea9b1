/**
 * Text that Tickmark writes into CSV and XLSX files often comes from outside the firm (bank
 * descriptions, client notes). A spreadsheet program treats a cell that starts with `=`, `+`,
 * `-` or `@` as a formula, which can run commands or send data away (CSV injection). Following
 * the OWASP guidance, such text cells get a leading single quote so they stay text.
 *
 * The API keeps two kinds of cells apart: `neutraliseCell` is for text only; amounts go through
 * `decimalCell`, which writes minor units as a plain decimal and so may start with `-` on purpose.
 * A negative amount must never be passed to `neutraliseCell` (it would become the text "'-12.50").
 */
import { formatMinor } from './money';

/** Characters that make a spreadsheet read the cell as a formula (the full-width forms too). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\uff1d', '\uff0b', '\uff0d', '\uff20']);

/**
 * Control characters other than tab and line feed (C0, DEL, C1), and the bidirectional
 * embedding, override and isolate marks that can reorder what a reader sees.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const HIDING_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HIDING_CHARACTERS = new RegExp(HIDING_CHARACTER.source, 'g');

/** Shown in place of a character that could hide content, so that a reader sees something was there. */
export const REPLACEMENT_CHARACTER = '\ufffd';

/**
 * Makes a text cell safe to open in a spreadsheet program:
 * - line endings become `\n` (a lone carriage return can hide the text before it);
 * - every other control character and bidi override becomes U+FFFD;
 * - when the text starts with `=`, `+`, `-`, `@`, a tab, a line break or a control character
 *   (also after leading spaces), a single quote is put in front.
 *
 * Idempotent. Text cells only: see `decimalCell` for amounts.
 *
 * @example neutraliseCell('=HYPERLINK("http://x")') === '\'=HYPERLINK("http://x")'
 * @example neutraliseCell('ACME PAYROLL') === 'ACME PAYROLL'
 */
export function neutraliseCell(text: string): string {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(HIDING_CHARACTERS, REPLACEMENT_CHARACTER);
  return startsDangerously(text) ? `'${cleaned}` : cleaned;
}

/**
 * Writes minor units as a plain decimal ("-1234.50") for a numeric CSV cell; never neutralised,
 * since a spreadsheet reads it as a number. Throws on a value that is not a safe integer
 * (a programming error: amounts are integers of minor units everywhere in Tickmark).
 *
 * @example decimalCell(-123450, 2) === '-1234.50'
 */
export function decimalCell(minor: number, exponent: number): string {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`An amount must be a safe integer of minor units, got ${String(minor)}`);
  }
  return formatMinor(minor, exponent);
}

function startsDangerously(text: string): boolean {
  const first = text.charAt(0);
  if (first === '\t' || first === '\r' || first === '\n' || HIDING_CHARACTER.test(first)) {
    return true;
  }
  // Some programs skip leading spaces before reading a formula.
  return FORMULA_TRIGGERS.has(text.trimStart().charAt(0));
}

