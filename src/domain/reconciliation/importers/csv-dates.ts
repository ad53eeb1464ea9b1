/**
 * Dates in spreadsheets and CSV exports, written as a pattern such as 'DD.MM.YYYY' or 'D MMM YYYY'.
 * Tokens: YYYY, YY (2000–2069, 1970–1999), MM or M (a month number, one or two digits), DD or D
 * (a day, one or two digits), MMM (a month name or abbreviation in English, German, Dutch, French,
 * Spanish or Italian). Everything else is literal; a space matches one or more spaces. A time of
 * day after the date ("2018-02-25 12:34:56 +0000", "2018-03-01T11:33:59") is accepted and ignored.
 */
import { toLocalDate, type LocalDate } from '../../dates';

/** The patterns auto-detection tries, most specific first. */
export const DETECTABLE_DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'YYYY.MM.DD.',
  'YYYY.MM.DD',
  'YYYYMMDD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'DD/MM/YY',
  'MM/DD/YY',
  'DD.MM.YY',
  'DD-MM-YY',
  'D MMM YYYY',
  'DD-MMM-YYYY',
  'DD-MMM-YY',
  'D MMM YY',
  'MMM D, YYYY',
  'D. MMM YYYY',
] as const;

export type DateReader = (text: string) => LocalDate | null;

const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  ['jan', 'january', 'januar', 'januari', 'janv', 'janvier', 'ene', 'enero', 'gen', 'gennaio', 'jän', 'jänner'],
  ['feb', 'february', 'februar', 'februari', 'févr', 'fevr', 'février', 'fevrier', 'febrero', 'febbraio'],
  ['mar', 'march', 'mär', 'mrz', 'märz', 'maerz', 'mrt', 'maart', 'mars', 'marzo'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mei', 'mayo', 'mag', 'maggio'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giu', 'giugno'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'lug', 'luglio'],
  ['aug', 'august', 'augustus', 'août', 'aout', 'ago', 'agosto'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'decembre', 'dic', 'diciembre', 'dicembre'],
];

const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));

const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const TIME_OF_DAY = String.raw`(?:(?:[ T]+|, ?)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?[AaPp]\.?[Mm]\.?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT(?:[+-]\d{1,2})?))?)?`;

type Part = 'year4' | 'year2' | 'month' | 'monthName' | 'day';

const TOKENS: ReadonlyArray<{ token: string; part: Part; source: string }> = [
  { token: 'YYYY', part: 'year4', source: String.raw`(\d{4})` },
  { token: 'YY', part: 'year2', source: String.raw`(\d{2})` },
  { token: 'MMMM', part: 'monthName', source: String.raw`([^\d\s.,/-]{3,}\.?)` },
  { token: 'MMM', part: 'monthName', source: String.raw`([^\d\s.,/-]{3,}\.?)` },
  { token: 'MM', part: 'month', source: String.raw`(\d{1,2})` },
  { token: 'M', part: 'month', source: String.raw`(\d{1,2})` },
  { token: 'DD', part: 'day', source: String.raw`(\d{1,2})` },
  { token: 'D', part: 'day', source: String.raw`(\d{1,2})` },
];

interface CompiledFormat {
  pattern: RegExp;
  parts: Part[];
}

const compiled = new Map<string, CompiledFormat | null>();

/** True when `format` names a year, a month and a day exactly once each. */
export function isDateFormat(format: string): boolean {
  return compileFormat(format) !== null;
}

/**
 * A fast reader for one pattern (compiled once); it returns null for text that does not match or
 * is not a real calendar date ('31/02/2024').
 *
 * @example createDateReader('DD.MM.YY')('22.02.18') === '2018-02-22'
 */
export function createDateReader(format: string): DateReader {
  const compiledFormat = compileFormat(format);
  if (!compiledFormat) {
    throw new RangeError(`Not a date format: ${format}`);
  }
  const { pattern, parts } = compiledFormat;
  const yearGroup = 1 + parts.findIndex((part) => part === 'year4' || part === 'year2');
  const isShortYear = parts.includes('year2');
  const monthGroup = 1 + parts.findIndex((part) => part === 'month' || part === 'monthName');
  const isMonthName = parts.includes('monthName');
  const dayGroup = 1 + parts.indexOf('day');
  // Statements list many rows per day: the previous answer is often the next one.
  let lastText: string | null = null;
  let lastDate: LocalDate | null = null;
  const read = (text: string): LocalDate | null => {
    const match = pattern.exec(text.trim());
    if (!match) {
      return null;
    }
    const yearValue = Number(match[yearGroup]);
    const year = isShortYear ? expandTwoDigitYear(yearValue) : yearValue;
    const monthText = match[monthGroup] ?? '';
    const month = isMonthName ? (MONTH_BY_NAME.get(monthText.toLowerCase().replace(/\.$/, '')) ?? 0) : Number(monthText);
    const day = Number(match[dayGroup]);
    if (day >= 1 && day <= 28 && month >= 1 && month <= 12 && year >= 1000 && year <= 9999) {
      // Every month has these days: no calendar check needed (the common case, kept fast).
      return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
    }
    return toLocalDate(year, month, day);
  };
  return (text) => {
    if (text !== lastText) {
      lastText = text;
      lastDate = read(text);
    }
    return lastDate;
  };
}

/**
 * Writes a date in a pattern (month names in English), for the CSV writer and tests.
 *
 * @example formatDate('2024-03-07', 'D MMM YYYY') === '7 Mar 2024'
 */
export function formatDate(date: LocalDate, format: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return format.replace(/YYYY|YY|MMMM|MMM|MM|M|DD|D/g, (token) => {
    switch (token) {
      case 'YYYY':
        return year;
      case 'YY':
        return year.slice(2);
      case 'MMMM':
      case 'MMM':
        return ENGLISH_MONTHS[month - 1] ?? '';
      case 'MM':
        return String(month).padStart(2, '0');
      case 'M':
        return String(month);
      case 'DD':
        return String(day).padStart(2, '0');
      default:
        return String(day);
    }
  });
}

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999. */
function expandTwoDigitYear(value: number): number {
  return value < 70 ? 2000 + value : 1900 + value;
}

function findToken(text: string): (typeof TOKENS)[number] | undefined {
  return TOKENS.find((candidate) => text.startsWith(candidate.token));
}

function compileFormat(format: string): CompiledFormat | null {
  if (compiled.has(format)) {
    return compiled.get(format) ?? null;
  }
  const parts: Part[] = [];
  let source = '';
  let rest = format;
  let isAfterToken = false;
  while (rest.length > 0) {
    const token = findToken(rest);
    if (token) {
      rest = rest.slice(token.token.length);
      // Numbers written back to back ('YYYYMMDD') need their full width to be told apart.
      const isPacked = isAfterToken || findToken(rest) !== undefined;
      parts.push(token.part);
      source += isPacked && (token.part === 'month' || token.part === 'day') ? String.raw`(\d{2})` : token.source;
      isAfterToken = true;
      continue;
    }
    isAfterToken = false;
    const literal = rest.charAt(0);
    source += literal === ' ' ? ' +' : literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    rest = rest.slice(1);
  }
  const years = parts.filter((part) => part === 'year4' || part === 'year2').length;
  const months = parts.filter((part) => part === 'month' || part === 'monthName').length;
  const days = parts.filter((part) => part === 'day').length;
  const result = years === 1 && months === 1 && days === 1 ? { pattern: new RegExp(`^${source}${TIME_OF_DAY}$`), parts } : null;
  compiled.set(format, result);
  return result;
}
