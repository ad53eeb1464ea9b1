/**
 * Reading the cells of a statement row: trimming what banks pad, and amounts written every way
 * banks write them ("-1.234,56", "£1,183.23", "+ £1,100.00", " 7.80", "(12.00)", "12.00 CR"),
 * always into integer minor units through `parseAmount`, never through a float.
 */
import { parseAmount } from '../../money';

export type AmountCell = { kind: 'blank' } | { kind: 'ok'; minor: number } | { kind: 'bad'; problem: string };

const BLANK: AmountCell = { kind: 'blank' };

/**
 * A cell as a value: trimmed, and without the stray quote a broken row leaves at its start or end
 * (`NL77RABO0311467415"` when a row lost its opening quote). Balanced quotes are content.
 */
export function cleanCell(cell: string | undefined): string {
  if (cell === undefined) {
    return '';
  }
  const trimmed = cell.trim();
  if (trimmed.length > 0 && (trimmed.charCodeAt(0) === 34 || trimmed.charCodeAt(trimmed.length - 1) === 34) && trimmed.split('"').length % 2 === 0) {
    return trimmed.replace(/^"|"$/, '').trim();
  }
  return trimmed;
}

/** Spaces, tabs and line breaks inside a text cell collapsed to one space. */
export function collapseSpaces(text: string): string {
  return /\s\s|[\t\n\r\u00a0]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

const PLAIN_AMOUNT: Record<'.' | ',', RegExp> = { '.': /^-?\d{1,15}(?:\.\d{1,15})?$/, ',': /^-?\d{1,15}(?:,\d{1,15})?$/ };
const CURRENCY_SIGNS = /[£$€¥₹₩₽₺₪₫₴₦₱฿]/g;
const CURRENCY_CODE_EDGE = /^[A-Z]{3}\s*(?=[-+(\d\u2212])|(?<=[\d)])\s*[A-Z]{3}$/;
const DIRECTION_SUFFIX = /\s*\b(CR|DR|Cr|Dr|cr|dr)\.?$/;

/**
 * Reads one amount cell into minor units. `currencyLabel` names the currency in the refusal of an
 * amount with more decimals than it has ("EUR", or null when the file names none).
 *
 * @example readAmountCell('£1,183.23', '.', 2, 'GBP') → { kind: 'ok', minor: 118323 }
 */
export function readAmountCell(cell: string | undefined, decimalMark: '.' | ',', exponent: number, currencyLabel: string | null): AmountCell {
  const text = cleanCell(cell);
  if (text === '') {
    return BLANK;
  }
  if (PLAIN_AMOUNT[decimalMark].test(text)) {
    const minor = readPlainAmount(text, decimalMark, exponent) ?? parseAmount(text, { exponent, decimalMark });
    return minor === null ? refuse(text, decimalMark, exponent, currencyLabel) : { kind: 'ok', minor };
  }
  let rest = text.replace(CURRENCY_SIGNS, '');
  let direction = 0;
  const suffix = DIRECTION_SUFFIX.exec(rest);
  if (suffix) {
    direction = (suffix[1] ?? '').toLowerCase() === 'cr' ? 1 : -1;
    rest = rest.slice(0, suffix.index);
  }
  rest = rest.replace(CURRENCY_CODE_EDGE, '').trim();
  if (rest === '' || !hasValidGrouping(rest, decimalMark)) {
    return { kind: 'bad', problem: `amount '${text}' is not a number written with '${decimalMark}' as the decimal mark` };
  }
  const minor = parseAmount(rest, { exponent, decimalMark });
  if (minor === null) {
    return refuse(text, decimalMark, exponent, currencyLabel, rest);
  }
  return { kind: 'ok', minor: direction === 0 ? minor : direction * Math.abs(minor) };
}

/**
 * True when a cell reads as a money amount in some notation; used by detection. Numbers with a
 * leading zero ("000123", "0417") are identifiers, not money.
 */
export function looksLikeAmount(cell: string): boolean {
  let text = cleanCell(cell).replace(CURRENCY_SIGNS, '').replace(DIRECTION_SUFFIX, '').replace(CURRENCY_CODE_EDGE, '').trim();
  if (text === '' || text.length > 24) {
    return false;
  }
  text = text.replace(/^\(|\)$/g, '').replace(/^[-+\u2212]\s*|\s*-$/, '');
  if (/^0\d/.test(text) || /\d{14}/.test(text)) {
    return false; // identifiers and card numbers, not money
  }
  return /^(?:\d{1,3}(?:([.,' \u00a0])\d{3})(?:\1\d{3})*|\d+)(?:[.,]\d+)?$/.test(text);
}

/** True when the amount text carries a sign ('-12', '12-', '(12)'). */
export function isSignedAmount(cell: string): boolean {
  const text = cleanCell(cell);
  return /^[-\u2212(]|-$/.test(text) || /\bDR\.?$/i.test(text);
}

/**
 * What one amount says about the decimal mark: '.' for "1,234.56" or "12.5", ',' for "1.234,56"
 * or "-8,78", null when it cannot tell ("1,234", "350").
 */
export function decimalMarkOf(cell: string): '.' | ',' | null {
  const text = cleanCell(cell).replace(/[^\d.,]/g, '');
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) {
    return null;
  }
  if (lastDot !== -1 && lastComma !== -1) {
    return lastDot > lastComma ? '.' : ',';
  }
  const mark = lastDot !== -1 ? '.' : ',';
  const at = lastDot !== -1 ? lastDot : lastComma;
  if (text.indexOf(mark) !== at) {
    // The same mark twice is grouping ("1.234.567"): the decimal mark is the other one.
    return mark === '.' ? ',' : '.';
  }
  const decimals = text.length - at - 1;
  const wholeDigits = at;
  if (decimals === 3 && wholeDigits <= 3) {
    return null;
  }
  return mark;
}

/**
 * The common case of a million-row file, "-1234.56", without `parseAmount`'s general machinery:
 * the same digits-to-integer arithmetic on text, for text that PLAIN_AMOUNT matched. Returns null
 * (so that `parseAmount` decides) for anything else: more decimals than the exponent, unsafe sizes.
 */
export function readPlainAmount(text: string, decimalMark: '.' | ',', exponent: number): number | null {
  const isNegative = text.charCodeAt(0) === 45;
  const unsigned = isNegative ? text.slice(1) : text;
  const at = unsigned.indexOf(decimalMark);
  const whole = at === -1 ? unsigned : unsigned.slice(0, at);
  const fraction = at === -1 ? '' : unsigned.slice(at + 1);
  if (fraction.length > exponent) {
    return null;
  }
  const magnitude = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(magnitude)) {
    return null;
  }
  return isNegative && magnitude !== 0 ? -magnitude : magnitude;
}

function refuse(text: string, decimalMark: '.' | ',', exponent: number, currencyLabel: string | null, cleaned = text): AmountCell {
  if (parseAmount(cleaned, { exponent: exponent + 12, decimalMark }) !== null) {
    const allowed = currencyLabel ? `${currencyLabel} allows` : `the currency allows (${exponent})`;
    return { kind: 'bad', problem: `amount '${text}' has more decimals than ${allowed}; it is not rounded` };
  }
  return { kind: 'bad', problem: `amount '${text}' is not a number` };
}

/**
 * Group separators must sit where groups are: "1,234.56" but not "1,50" when '.' is the decimal
 * mark (that is a decimal comma, and reading it as 150 would be off by a hundred).
 */
function hasValidGrouping(text: string, decimalMark: '.' | ','): boolean {
  const group = decimalMark === '.' ? ',' : '.';
  const unsigned = text.replace(/^[-+(\s\u2212]+|[-)\s]+$/g, '');
  const whole = unsigned.split(decimalMark)[0] ?? '';
  if (!whole.includes(group)) {
    return true;
  }
  const parts = whole.split(group);
  const [first = '', ...others] = parts;
  if (!/^\d{1,3}$/.test(first)) {
    return false;
  }
  const isThousands = others.every((part) => /^\d{3}$/.test(part));
  // Indian grouping: 12,34,567.00
  const isLakh = others.length > 1 && others.slice(0, -1).every((part) => /^\d{2}$/.test(part)) && /^\d{3}$/.test(others[others.length - 1] ?? '');
  return isThousands || isLakh;
}
