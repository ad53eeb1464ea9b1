/**
 * How the workpaper exports write amounts, timestamps and statuses for people to read.
 * Amounts stay integers of minor units until this last step.
 */
import { currencyExponent, formatMinor } from '../../domain/money';
import type { ReconciliationWorkpaper, WorkpaperSignOff } from '../../domain/reconciliation/workpaper';

/**
 * Minor units as a grouped decimal with the currency's decimals: "1,234.56", "-1,234.56",
 * "0.00", "1,500" for JPY, "1.234" for KWD. No currency symbol; the caller names the currency.
 */
export function formatAmountForDisplay(minor: number, currency: string): string {
  const plain = formatMinor(minor, currencyExponent(currency));
  const negative = plain.startsWith('-');
  const [whole = '', fraction] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An ISO timestamp as "2026-11-23 14:05 UTC" (the workpaper states times in UTC). */
export function formatTimestampForDisplay(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    return iso;
  }
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const STATUS_LABELS: Record<ReconciliationWorkpaper['status'], string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  suspended: 'Suspended',
};

export function formatStatus(status: ReconciliationWorkpaper['status']): string {
  return STATUS_LABELS[status];
}

/**
 * "Ana Silva, signed off 2026-11-23 14:05 UTC", or the assigned person followed by
 * "not signed off" (alone when nobody is assigned).
 */
export function formatSignOff(signOff: WorkpaperSignOff | null, assigned: string | null): string {
  if (signOff) {
    return `${signOff.name}, signed off ${formatTimestampForDisplay(signOff.at)}`;
  }
  return assigned ? `${assigned} — not signed off` : 'not signed off';
}

/** The account line of the header: "Operating account •••• 4821". */
export function formatAccount(wp: Pick<ReconciliationWorkpaper, 'accountName' | 'accountNumber'>): string {
  return wp.accountNumber ? `${wp.accountName} ${wp.accountNumber}` : wp.accountName;
}

/** "Reconciled — no unexplained difference" only when the difference is exactly zero. */
export function formatProofConclusion(differenceMinor: number, currency: string): string {
  if (differenceMinor === 0) {
    return 'Reconciled — no unexplained difference';
  }
  return `Unexplained difference of ${formatAmountForDisplay(differenceMinor, currency)} ${currency}`;
}

export interface ProofLine {
  label: string;
  amountMinor: number;
  /** 'total' lines close a section (adjusted balances); 'difference' is the last, emphasised line. */
  kind: 'line' | 'total' | 'difference';
}

/**
 * The proof in the order accountants read it, bank side then book side, each line shown with
 * its effect on the balance so that each side's column adds up to its adjusted balance. The
 * workpaper gives outstanding checks as a positive magnitude (adjusted bank = statement +
 * deposits in transit − outstanding checks), so that line is shown negated: "-1,234.56", the
 * same figure as the total of the outstanding checks listed (which keep their ledger sign).
 */
export function proofLines(proof: ReconciliationWorkpaper['proof']): ProofLine[] {
  return [
    { label: 'Balance per bank statement', amountMinor: proof.statementBalanceMinor, kind: 'line' },
    { label: 'Add: deposits in transit', amountMinor: proof.depositsInTransitMinor, kind: 'line' },
    { label: 'Less: outstanding checks', amountMinor: -proof.outstandingChecksMinor, kind: 'line' },
    { label: 'Adjusted bank balance', amountMinor: proof.adjustedBankBalanceMinor, kind: 'total' },
    { label: 'Balance per books', amountMinor: proof.bookBalanceMinor, kind: 'line' },
    { label: 'Add (less): adjustments', amountMinor: proof.adjustmentsMinor, kind: 'line' },
    { label: 'Adjusted book balance', amountMinor: proof.adjustedBookBalanceMinor, kind: 'total' },
    { label: 'Difference', amountMinor: proof.differenceMinor, kind: 'difference' },
  ];
}

const MATCH_REASON_LABELS: Readonly<Record<string, string>> = {
  'bank-id': 'Same bank transaction id',
  'amount+reference': 'Amount and reference',
  'amount+date': 'Amount and date',
  'one-to-many': 'One bank line to several book entries',
  'many-to-one': 'Several bank lines to one book entry',
  transfer: 'Transfer between accounts',
  rule: 'Firm rule',
  tolerance: 'Within tolerance',
  manual: 'Matched by hand',
};

/** A matcher reason code in words; an unknown code is shown as it is. */
export function formatMatchReason(reason: string): string {
  return MATCH_REASON_LABELS[reason] ?? reason;
}

const ADJUSTMENT_REASON_LABELS: Readonly<Record<string, string>> = {
  bank_fee: 'Bank fee',
  interest: 'Interest',
  nsf: 'NSF',
  rounding: 'Rounding',
  timing: 'Timing',
  error: 'Error',
};

/** An adjustment reason code in words: "bank_fee" → "Bank fee"; other codes lose their underscores. */
export function formatAdjustmentReason(code: string): string {
  const known = ADJUSTMENT_REASON_LABELS[code];
  if (known) {
    return known;
  }
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
