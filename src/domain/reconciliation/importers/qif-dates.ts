/**
 * QIF dates are written however the exporting program liked: `12/19/2018`, `12/19/18`,
 * `1/ 5'04` (Quicken: an apostrophe before a two-digit year means 20xx), `19.12.2018`,
 * `2018-12-19`. The day/month order is not written anywhere; these helpers split a date into
 * fields once, say what order a date proves, and resolve it when the order is known.
 */
import { toLocalDate, type LocalDate } from '../../dates';

export type QifDateOrder = 'mdy' | 'dmy' | 'ymd';

/** The three numeric fields of a QIF date as written. */
export interface QifDateFields {
  first: number;
  second: number;
  third: number;
  /** The first field has four digits (`2018-12-19`): year first whatever the file's order. */
  isYearFirst: boolean;
  /** Digits in the last field (2 → a two-digit year under mdy/dmy). */
  thirdDigits: number;
  /** The year was written after an apostrophe (`1/ 5'04`). */
  hasApostropheYear: boolean;
}

/**
 * Splits a date into its fields; null when it is not written as three numbers. A hand-written
 * scanner (spaces allowed around separators, `'` only before the year) rather than a regular
 * expression: it runs once per transaction.
 */
export function splitQifDate(text: string): QifDateFields | null {
  const n = text.length;
  if (n === 8 && isAllDigits(text)) {
    return { first: Number(text.slice(0, 4)), second: Number(text.slice(4, 6)), third: Number(text.slice(6, 8)), isYearFirst: true, thirdDigits: 2, hasApostropheYear: false };
  }
  let i = skipSpaces(text, 0);
  const firstStart = i;
  i = skipDigits(text, i);
  const firstDigits = i - firstStart;
  if (firstDigits < 1 || firstDigits > 4) {
    return null;
  }
  const first = Number(text.slice(firstStart, i));
  i = skipSpaces(text, i);
  const separator = text.charCodeAt(i);
  if (separator !== 0x2f && separator !== 0x2e && separator !== 0x2d) {
    return null;
  }
  i = skipSpaces(text, i + 1);
  const secondStart = i;
  i = skipDigits(text, i);
  if (i - secondStart < 1 || i - secondStart > 2) {
    return null;
  }
  const second = Number(text.slice(secondStart, i));
  const afterSecond = i;
  i = skipSpaces(text, i);
  const yearSeparator = text.charCodeAt(i);
  const hasApostropheYear = yearSeparator === 0x27;
  if (hasApostropheYear || yearSeparator === 0x2f || yearSeparator === 0x2e || yearSeparator === 0x2d) {
    i = skipSpaces(text, i + 1);
  } else if (i === afterSecond) {
    return null;
  }
  const thirdStart = i;
  i = skipDigits(text, i);
  const thirdDigits = i - thirdStart;
  if (thirdDigits < 1 || thirdDigits > 4 || skipSpaces(text, i) !== n) {
    return null;
  }
  return { first, second, third: Number(text.slice(thirdStart, i)), isYearFirst: firstDigits === 4, thirdDigits, hasApostropheYear };
}

function isAllDigits(text: string): boolean {
  return skipDigits(text, 0) === text.length;
}

function skipDigits(text: string, from: number): number {
  let i = from;
  for (let code = text.charCodeAt(i); code >= 0x30 && code <= 0x39; code = text.charCodeAt(++i)) {
    // advance over the digit
  }
  return i;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  for (let code = text.charCodeAt(i); code === 0x20 || code === 0x09; code = text.charCodeAt(++i)) {
    // advance over the space
  }
  return i;
}

/**
 * What a date proves about the file's order: 'dmy' when its first field cannot be a month,
 * 'mdy' when its second cannot, null when both readings are possible or it does not depend on
 * the order (year first, or day equal to month). 'impossible' when neither field is a month.
 */
export function provenOrder(fields: QifDateFields): 'mdy' | 'dmy' | 'impossible' | null {
  if (fields.isYearFirst) {
    return null;
  }
  const { first, second } = fields;
  if (first < 1 || second < 1 || first > 31 || second > 31 || (first > 12 && second > 12)) {
    return 'impossible';
  }
  if (first > 12) {
    return 'dmy';
  }
  if (second > 12) {
    return 'mdy';
  }
  return null;
}

/** True when the date means the same day in either order (year first, or day = month). */
export function isOrderFree(fields: QifDateFields): boolean {
  return fields.isYearFirst || fields.first === fields.second;
}

/** The calendar date under `order`, or null when it is not a real date. */
export function resolveQifDate(fields: QifDateFields, order: QifDateOrder): LocalDate | null {
  if (fields.isYearFirst) {
    return makeDate(fields.first, fields.second, fields.third);
  }
  if (order === 'ymd') {
    return makeDate(expandYear(fields.first, 2, false), fields.second, fields.third);
  }
  const year = expandYear(fields.third, fields.thirdDigits, fields.hasApostropheYear);
  return order === 'mdy' ? makeDate(year, fields.first, fields.second) : makeDate(year, fields.second, fields.first);
}

/** `toLocalDate`, with the common case (a day up to 28 in a four-digit year) built directly. */
function makeDate(year: number, month: number, day: number): LocalDate | null {
  if (year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 28) {
    return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  }
  return toLocalDate(year, month, day);
}

/**
 * Two-digit years: after an apostrophe they are 20xx (Quicken's convention); otherwise 00–69 are
 * 20xx and 70–99 are 19xx. Three-digit years are not dates.
 */
function expandYear(year: number, digits: number, hasApostrophe: boolean): number {
  if (digits === 4) {
    return year;
  }
  if (digits === 3) {
    return -1;
  }
  if (hasApostrophe) {
    return 2000 + year;
  }
  return year < 70 ? 2000 + year : 1900 + year;
}
