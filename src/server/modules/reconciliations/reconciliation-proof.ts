/**
 * The proof of a reconciliation from its aggregates. Amounts are minor units of the account's
 * currency; outstanding checks are reported as a positive magnitude.
 */
export interface ProofInput {
  statementBalanceMinor: number | null;
  bookBalanceMinor: number | null;
  /** Σ positive uncleared ledger lines: deposits in transit. */
  unclearedLedgerInflowMinor: number;
  /** Σ negative uncleared ledger lines (a negative number): outstanding checks. */
  unclearedLedgerOutflowMinor: number;
  /** Σ adjustments of the reconciliation's matches, proposed and approved. */
  adjustmentsMinor: number;
}

export interface ReconciliationProof {
  statementBalanceMinor: number;
  depositsInTransitMinor: number;
  outstandingChecksMinor: number;
  adjustedBankBalanceMinor: number;
  bookBalanceMinor: number;
  adjustmentsMinor: number;
  adjustedBookBalanceMinor: number;
  differenceMinor: number;
  isComplete: boolean;
  isBalanced: boolean;
}

/**
 * Adjusted bank = statement + deposits in transit − outstanding checks; adjusted book = book +
 * adjustments; the difference is what nothing explains. An unmatched bank line without an
 * adjustment is in the statement balance but not in the books, so it shows as difference.
 */
export function computeReconciliationProof(input: ProofInput): ReconciliationProof {
  const statement = input.statementBalanceMinor ?? 0;
  const book = input.bookBalanceMinor ?? 0;
  const depositsInTransit = input.unclearedLedgerInflowMinor;
  const outstandingChecks = -input.unclearedLedgerOutflowMinor;
  const adjustedBank = statement + depositsInTransit - outstandingChecks;
  const adjustedBook = book + input.adjustmentsMinor;
  const difference = adjustedBank - adjustedBook;
  const isComplete = input.statementBalanceMinor !== null && input.bookBalanceMinor !== null;
  return {
    statementBalanceMinor: statement,
    depositsInTransitMinor: depositsInTransit,
    outstandingChecksMinor: outstandingChecks,
    adjustedBankBalanceMinor: adjustedBank,
    bookBalanceMinor: book,
    adjustmentsMinor: input.adjustmentsMinor,
    adjustedBookBalanceMinor: adjustedBook,
    differenceMinor: difference,
    isComplete,
    isBalanced: isComplete && difference === 0,
  };
}
