import { Text, type TextProps } from '@mantine/core';
import { currencyExponent, formatMinor } from '../../domain/money';

export interface AmountProps extends Omit<TextProps, 'children'> {
  /** Integer minor units (cents for USD). */
  minor: number;
  /** ISO 4217 code; sets the number of decimals, and is written after the figure when `withCurrency`. */
  currency?: string | null;
  withCurrency?: boolean;
  /**
   * `plain`: never coloured (a column of bank lines: money out is normal, not news).
   * `difference`: red unless zero, green at zero (the proof's difference, a selection's difference).
   * `nonZeroRed`: red unless zero, otherwise plain.
   */
  tone?: 'plain' | 'difference' | 'nonZeroRed';
  /** Show a + before positive amounts (a movement such as "+ deposits in transit"). */
  signed?: boolean;
  /** Rendered as an inline span instead of a paragraph. */
  inline?: boolean;
}

/**
 * The one way an amount is shown: right-aligned by its container, tabular numerals so columns
 * line up, thousands grouped, a minus sign for negatives, and red only where the sign is the
 * news. The hyphen-minus is kept (not U+2212) so that a copied figure pastes into a spreadsheet
 * as a number.
 */
export function Amount({ minor, currency = null, withCurrency = false, tone = 'plain', signed = false, inline = true, ...textProps }: AmountProps) {
  const text = formatAmount(minor, currency, { signed });
  const color = tone === 'plain' ? undefined : minor !== 0 ? 'var(--mantine-color-error)' : tone === 'difference' ? 'var(--mantine-color-green-light-color)' : undefined;
  return (
    <Text
      {...(inline ? { span: true } : {})}
      fz="sm"
      className="tm-num"
      {...textProps}
      {...(color ? { c: color } : {})}
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      data-amount-minor={minor}
    >
      {text}
      {withCurrency && currency ? (
        <Text span inherit c="dimmed" ml={4} fw={400}>
          {currency}
        </Text>
      ) : null}
    </Text>
  );
}

/**
 * Minor units as display text with grouped thousands: `formatAmount(-123450, 'USD')` is
 * "-1,234.50". Integer arithmetic only, so every digit is the one stored.
 */
export function formatAmount(minor: number, currency: string | null = null, options: { signed?: boolean } = {}): string {
  const plainText = formatMinor(minor, currencyExponent(currency));
  const isNegative = plainText.startsWith('-');
  const unsigned = isNegative ? plainText.slice(1) : plainText;
  const [whole = '0', fraction] = unsigned.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = isNegative ? '-' : options.signed && minor > 0 ? '+' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
