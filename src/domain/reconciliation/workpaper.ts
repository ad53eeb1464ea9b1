/**
 * Everything a reconciliation workpaper (PDF or XLSX) shows, computed by the server from the
 * reconciliation and handed to the renderers. Amounts are minor units of `currency`.
 */
import type { LocalDate } from '../dates';

export interface WorkpaperSignOff {
  name: string;
  /** ISO timestamp (UTC). */
  at: string;
}

export interface WorkpaperItem {
  date: LocalDate;
  description: string;
  reference: string | null;
  amountMinor: number;
  /** Days from the item's date to the statement date. */
  ageDays: number;
  /** The preparer's explanation, when documented. */
  note: string | null;
}

export interface WorkpaperAdjustment {
  date: LocalDate;
  description: string;
  amountMinor: number;
  reasonCode: string;
  account: string | null;
  status: 'proposed' | 'approved';
}

export interface WorkpaperMatchSummary {
  reason: string;
  groups: number;
  bankLines: number;
  ledgerLines: number;
  amountMinor: number;
}

export interface ReconciliationWorkpaper {
  firmName: string;
  clientName: string;
  accountName: string;
  /** Masked account identifier, e.g. "•••• 4821". */
  accountNumber: string | null;
  currency: string;
  periodStart: LocalDate;
  /** The statement date the reconciliation is as of. */
  statementDate: LocalDate;
  status: 'draft' | 'in_review' | 'approved' | 'suspended';
  preparer: WorkpaperSignOff | null;
  reviewer: WorkpaperSignOff | null;
  /** Name of the task's assigned preparer and reviewer, shown even before sign-off. */
  assignedPreparer: string | null;
  assignedReviewer: string | null;
  proof: {
    statementBalanceMinor: number;
    depositsInTransitMinor: number;
    outstandingChecksMinor: number;
    adjustedBankBalanceMinor: number;
    bookBalanceMinor: number;
    adjustmentsMinor: number;
    adjustedBookBalanceMinor: number;
    differenceMinor: number;
  };
  outstandingChecks: WorkpaperItem[];
  depositsInTransit: WorkpaperItem[];
  adjustments: WorkpaperAdjustment[];
  matchedSummary: WorkpaperMatchSummary[];
  /** ISO timestamp of generation (UTC), and who generated it. */
  generatedAt: string;
  generatedBy: string;
}
