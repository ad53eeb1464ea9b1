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

const SEPARATED = /^(\d{1,4})\s*[/.-]\s*(\d{1,2})\s*([/.\-']|\s)\s*(\d{1,4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Splits a date into its fields; null when it is not written as three numbers. */
export function splitQifDate(text: string): QifDateFields | null {
  const trimmed = text.trim();
  const compact = COMPACT.exec(trimmed);
  if (compact) {
    return { first: Number(compact[1]), second: Number(compact[2]), third: Number(compact[3]), isYearFirst: true, thirdDigits: 2, hasApostropheYear: false };
  }
  const match = SEPARATED.exec(trimmed);
  if (!match) {
    return null;
  }
  const first = match[1] ?? '';
  const third = match[4] ?? '';
  return {
    first: Number(first),
    second: Number(match[2]),
    third: Number(third),
    isYearFirst: first.length === 4,
    thirdDigits: third.length,
    hasApostropheYear: match[3] === "'",
  };
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
    return toLocalDate(fields.first, fields.second, fields.third);
  }
  if (order === 'ymd') {
    return toLocalDate(expandYear(fields.first, 2, false), fields.second, fields.third);
  }
  const year = expandYear(fields.third, fields.thirdDigits, fields.hasApostropheYear);
  return order === 'mdy' ? toLocalDate(year, fields.first, fields.second) : toLocalDate(year, fields.second, fields.first);
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
