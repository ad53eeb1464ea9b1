import type { MantineColor } from '@mantine/core';
import { ADJUSTMENT_REASON_LABELS, AdjustmentReasonCodeSchema, STALE_ITEM_DAYS, type ReconciliationLineDto } from '../../../shared/reconciliation';

/** What a line is, in the words the lists show, and the one colour for it. */
export type LineStateKind = 'reconciled' | 'matched' | 'adjusted' | 'suggested' | 'needs_action' | 'outstanding_check' | 'deposit_in_transit' | 'outstanding';

export interface LineState {
  kind: LineStateKind;
  label: string;
  color: MantineColor;
  /** An outstanding item older than STALE_ITEM_DAYS that was carried forward and has no note yet. */
  needsNote: boolean;
}

const COLORS: Record<LineStateKind, MantineColor> = {
  reconciled: 'teal.9',
  matched: 'green',
  adjusted: 'green',
  suggested: 'violet',
  needs_action: 'orange',
  outstanding_check: 'blue',
  deposit_in_transit: 'blue',
  outstanding: 'blue',
};

/**
 * A line's state: cleared lines are matched (or adjusted, or reconciled once approved); an
 * uncleared line with suggestions is suggested; an uncleared bank line needs a match or an
 * adjustment; an uncleared ledger line is an outstanding check (money out) or a deposit in
 * transit (money in).
 */
export function lineState(line: ReconciliationLineDto): LineState {
  const needsNote = !line.cleared && line.carriedForward && line.ageDays > STALE_ITEM_DAYS && line.itemNote === null;
  const of = (kind: LineStateKind, label: string): LineState => ({
    kind,
    label,
    color: COLORS[kind],
    needsNote,
  });
  if (line.reconciled) {
    return of('reconciled', 'Reconciled');
  }
  if (line.cleared && line.match) {
    if (line.match.adjustment) {
      const isApproved = line.match.adjustment.status === 'approved';
      return {
        ...of('adjusted', isApproved ? 'Adjusted' : 'Adjustment'),
        color: isApproved ? 'green' : 'yellow',
      };
    }
    return of('matched', 'Matched');
  }
  if (line.suggestions.length > 0) {
    return of('suggested', line.suggestions.length === 1 ? 'Suggested' : `${line.suggestions.length} suggestions`);
  }
  if (line.side === 'bank') {
    return of('needs_action', 'To resolve');
  }
  if (line.amountMinor < 0) {
    return of('outstanding_check', 'Outstanding check');
  }
  if (line.amountMinor > 0) {
    return of('deposit_in_transit', 'Deposit in transit');
  }
  return of('outstanding', 'Outstanding');
}

/** "Bank fee" for `bank_fee`; unknown codes (a rule's own) are shown as written. */
export function reasonLabel(code: string): string {
  const parsed = AdjustmentReasonCodeSchema.safeParse(code);
  return parsed.success ? ADJUSTMENT_REASON_LABELS[parsed.data] : code.replaceAll('_', ' ');
}

const MATCH_REASON_LABELS: Record<string, string> = {
  'bank-id': 'Bank id',
  'amount+reference': 'Amount + reference',
  'amount+date': 'Amount + date',
  'one-to-many': 'Batch (1 → many)',
  'many-to-one': 'Split (many → 1)',
  transfer: 'Transfer',
  rule: 'Firm rule',
  tolerance: 'Tolerance rule',
  manual: 'Manual',
};

/** A matcher's reason (`amount+reference`) as a short chip ("Amount + reference"). */
export function matchReasonLabel(reason: string): string {
  const known = MATCH_REASON_LABELS[reason];
  if (known) {
    return known;
  }
  const words = reason.replaceAll(/[_-]+/g, ' ').trim();
  return words === '' ? 'Match' : words.charAt(0).toUpperCase() + words.slice(1);
}

/** A 0–1 (or 0–100) confidence as a whole percentage. */
export function confidencePercent(confidence: number): number {
  const percent = confidence <= 1 ? confidence * 100 : confidence;
  return Math.max(0, Math.min(100, Math.round(percent)));
}
