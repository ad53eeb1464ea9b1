/**
 * Reading the values of a camt document: amounts (always `.`-decimal, unsigned, with the sign in
 * a separate credit/debit indicator), ISO dates and date-times, and free text.
 */
import { isLocalDate, type LocalDate } from '../../dates';
import { currencyExponent, parseAmount } from '../../money';

export type AmountReading = { ok: true; minor: number } | { ok: false; problem: string };

/**
 * An unsigned camt amount (`ActiveOrHistoricCurrencyAndAmount`) in minor units of `currency`.
 * Trailing zeros beyond the currency's decimals are accepted ("18.150" EUR); any other extra
 * decimal is refused, never rounded.
 */
export function readCamtAmount(text: string, currency: string | null): AmountReading {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) {
    return { ok: false, problem: trimmed === '' ? 'the amount is empty' : `amount '${trimmed}' is not a number` };
  }
  const exponent = currencyExponent(currency);
  const minor = parseAmount(trimmed, { exponent, decimalMark: '.' });
  if (minor !== null) {
    return { ok: true, minor };
  }
  const decimals = trimmed.split('.')[1] ?? '';
  if (decimals.length > exponent) {
    const unit = currency ?? 'the currency';
    return { ok: false, problem: `amount '${trimmed}' has more decimals than ${unit} allows (${exponent})` };
  }
  return { ok: false, problem: `amount '${trimmed}' is too large` };
}

/**
 * The calendar date of an ISO date (`2024-03-31`) or date-time (`2024-03-31T10:15:00+01:00`),
 * as the bank wrote it (no time-zone shifting: the bank's booking day is the day). Null when the
 * text is not one.
 */
export function readCamtDate(text: string): LocalDate | null {
  const trimmed = text.trim();
  const date = trimmed.slice(0, 10);
  if (!isLocalDate(date)) {
    return null;
  }
  const rest = trimmed.slice(10);
  return rest === '' || rest.startsWith('T') ? date : null;
}

/** Signs an amount by its credit/debit indicator; null when the indicator is neither. */
export function signByIndicator(minor: number, indicator: string): number | null {
  if (indicator === 'CRDT') {
    return minor;
  }
  if (indicator === 'DBIT') {
    return minor === 0 ? 0 : -minor;
  }
  return null;
}

/** Whitespace runs (including line breaks inside long remittance texts) become one space. */
export function collapseWhitespace(text: string): string {
  // Most texts have single spaces only; they skip the replace (and its new string).
  const collapsed = /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ') : text;
  return collapsed.trim();
}

/** Text or null, with the placeholders banks write for "no reference" treated as none. */
export function readReference(text: string | null): string | null {
  if (text === null) {
    return null;
  }
  const trimmed = text.trim();
  if (trimmed === '' || /^(NOTPROVIDED|NOT PROVIDED|NONREF)$/i.test(trimmed)) {
    return null;
  }
  return trimmed;
}

/**
 * Joins description parts with ' / ', leaving out empty parts and any part that another part
 * already contains (banks often repeat the remittance text inside the booking text).
 *
 * @example joinDescriptionParts(['ACME Ltd', 'Invoice 12', 'Invoice 12']) === 'ACME Ltd / Invoice 12'
 */
export function joinDescriptionParts(parts: ReadonlyArray<string | null>): string {
  const kept: string[] = [];
  for (const part of parts) {
    if (part === null || part === '') {
      continue;
    }
    const lower = part.toLowerCase();
    if (kept.some((existing) => existing.toLowerCase().includes(lower))) {
      continue;
    }
    for (let i = kept.length - 1; i >= 0; i--) {
      if (lower.includes((kept[i] ?? '').toLowerCase())) {
        kept.splice(i, 1);
      }
    }
    kept.push(part);
  }
  return kept.join(' / ');
}
