/**
 * Money in Tickmark is an integer number of the currency's minor unit (cents for USD) plus a
 * currency code. Never a float: amounts are read from text straight into integers.
 */

/** ISO 4217 minor-unit exponents that differ from 2. Every other currency code uses 2. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** The number of decimals of a currency's minor unit (2 when the code is unknown or absent). */
export function currencyExponent(currency: string | null | undefined): number {
  if (!currency) {
    return 2;
  }
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export interface ParseAmountOptions {
  /** Decimals of the minor unit (2 for USD, 0 for JPY). */
  exponent?: number;
  /** The decimal mark used in the text; the other of `.`/`,` (and spaces, apostrophes) are group separators. */
  decimalMark?: '.' | ',';
}

/**
 * Reads an amount such as "-1,234.50", "1.234,50-", "(12.00)", "+5" or "12.3" into minor units.
 * Returns null (never rounds) when the text is not a number or has more decimals than the
 * exponent allows, and when the result is not a safe integer.
 *
 * @example parseAmount('-1,234.5') === -123450
 * @example parseAmount('1.234,50', { decimalMark: ',' }) === 123450
 */
export function parseAmount(text: string, options: ParseAmountOptions = {}): number | null {
  const exponent = options.exponent ?? 2;
  const decimalMark = options.decimalMark ?? '.';
  let s = text.trim();
  if (s === '') {
    return null;
  }
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  const group = decimalMark === '.' ? /[,'\s\u00a0\u202f]/g : /[.'\s\u00a0\u202f]/g;
  s = s.replace(group, '');
  const parts = s.split(decimalMark);
  if (parts.length > 2) {
    return null;
  }
  const whole = parts[0] ?? '';
  const fraction = parts[1] ?? '';
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + fraction === '') {
    return null;
  }
  if (fraction.length > exponent) {
    // Trailing zeros beyond the exponent carry no value ("12.500" for USD); anything else would need rounding.
    if (!/^0*$/.test(fraction.slice(exponent))) {
      return null;
    }
  }
  const digits = (whole + fraction.slice(0, exponent).padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  const magnitude = Number(digits);
  if (!Number.isSafeInteger(magnitude)) {
    return null;
  }
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * Writes minor units as a plain decimal string ("-1234.50"), for files and exports.
 *
 * @example formatMinor(-123450, 2) === '-1234.50'
 */
export function formatMinor(minor: number, exponent = 2): string {
  const negative = minor < 0;
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}
