/**
 * Reading OFX leaf values: amounts, dates and the human text of a transaction. Each reader says
 * what is wrong in words, and the statement reader adds where. The text helpers and the amount
 * explanation are shared with the QIF importer, whose payee and memo work the same way.
 */
import { toLocalDate, type LocalDate } from '../../dates';
import { parseAmount } from '../../money';

export type AmountReading = { ok: true; minor: number } | { ok: false; problem: string };

/**
 * OFX writes amounts without group separators: an optional sign, digits and at most one decimal
 * mark. Some banks use a comma for it (`-6,60`); `.50` and `+5` are fine too.
 */
const OFX_AMOUNT = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/**
 * Reads an OFX amount into minor units of a currency with `exponent` decimals. Refuses (never
 * rounds) a value with more significant decimals than the currency has.
 *
 * @example readOfxAmount('-6.6', 2, 'USD') → { ok: true, minor: -660 }
 */
export function readOfxAmount(text: string, exponent: number, currency: string | null): AmountReading {
  if (!OFX_AMOUNT.test(text)) {
    return { ok: false, problem: `'${text}' is not an amount` };
  }
  const decimalMark = text.includes(',') ? ',' : '.';
  const minor = parseAmount(text, { exponent, decimalMark });
  if (minor !== null) {
    return { ok: true, minor };
  }
  return { ok: false, problem: explainUnreadableAmount(text, decimalMark, exponent, currency) };
}

/** Why `parseAmount` refused a well-formed number: too many decimals, or too large. */
export function explainUnreadableAmount(text: string, decimalMark: '.' | ',', exponent: number, currency: string | null): string {
  const fraction = (text.split(decimalMark)[1] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    return currency === null ? `'${text}' has more than ${exponent} decimals` : `'${text}' has more decimals than ${currency} allows (${exponent})`;
  }
  return `'${text}' is too large to be an amount`;
}

/**
 * The calendar date of an OFX date-time (`20090401`, `20090523122017.000[-5:EST]`): the date part
 * exactly as written, without moving it across time zones. Null when it is not a real date.
 */
export function readOfxDate(text: string): LocalDate | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(text);
  if (!match) {
    return null;
  }
  const [, year = '', month = '', day = ''] = match;
  // The common case (a day up to 28 of a real month) needs no calendar.
  if (month >= '01' && month <= '12' && day >= '01' && day <= '28' && year !== '0000') {
    return `${year}-${month}-${day}`;
  }
  return toLocalDate(Number(year), Number(month), Number(day));
}

/** Runs of whitespace become one space; ends trimmed. */
export function collapseWhitespace(text: string): string {
  return /\s\s|[\t\n\r\f\v\u00a0]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/** Values made only of zeros ("0", "000000000000000") are placeholders banks write for "none". */
export function isPlaceholder(text: string): boolean {
  return /^0+$/.test(text);
}

/**
 * The most useful text of a transaction from its payee and memo: one of them when the other is
 * empty or already contained in it (banks often repeat or truncate the payee in the memo),
 * otherwise both joined with ' / '.
 *
 * @example joinDescription('ALDI STORE', 'ALDI STORE GEELONG') === 'ALDI STORE GEELONG'
 */
export function joinDescription(payee: string | null, memo: string | null): string {
  const first = payee === null ? '' : collapseWhitespace(payee);
  const second = memo === null ? '' : collapseWhitespace(memo);
  if (first === '') {
    return second;
  }
  if (second === '') {
    return first;
  }
  const firstLower = first.toLowerCase();
  const secondLower = second.toLowerCase();
  if (secondLower.includes(firstLower)) {
    return second;
  }
  if (firstLower.includes(secondLower)) {
    return first;
  }
  return `${first} / ${second}`;
}

/**
 * An amount with more decimals than the currency rounded half-to-even to the minor unit, from its
 * digits (no floating point). Only for investment statements' cash lines: custodians report money
 * market sweeps at the fund's precision (`115.8331`), while the cash that moves is whole cents.
 * Null when the text is not a plain decimal.
 *
 * @example roundOfxAmountHalfEven('+00000000000115.8331', 2) === 11583
 */
export function roundOfxAmountHalfEven(text: string, exponent: number): number | null {
  const match = /^\s*([+-]?)(\d*)[.,](\d+)\s*$/.exec(text);
  if (!match) {
    return null;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const kept = BigInt(`${whole || '0'}${fraction.slice(0, exponent).padEnd(exponent, '0')}`);
  const rest = fraction.slice(exponent);
  const half = `5${'0'.repeat(Math.max(0, rest.length - 1))}`;
  const restValue = rest === '' ? 0n : BigInt(rest);
  const halfValue = rest === '' ? 1n : BigInt(half);
  const roundUp = restValue > halfValue || (restValue === halfValue && kept % 2n === 1n);
  const magnitude = Number(kept + (roundUp ? 1n : 0n));
  if (!Number.isSafeInteger(magnitude)) {
    return null;
  }
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}
