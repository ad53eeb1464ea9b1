/**
 * The bank reconciliation proof: the statement balance, adjusted for items the bank has not yet
 * seen, must equal the book balance, adjusted for items the books have not yet recorded. All
 * arithmetic is on integer minor units of one currency (positive = money into the account).
 */

/** Anything that carries an amount: a `MatchLine`, a `ProposedAdjustment`, or a bare `{ amountMinor }`. */
export interface AmountLike {
  amountMinor: number;
}

export interface ProofInput {
  /** The bank statement's closing balance. */
  statementBalanceMinor: number;
  /** The cash account's balance in the books at the statement date. */
  bookBalanceMinor: number;
  /**
   * Ledger lines in no match: receipts the bank has not yet credited (deposits in transit,
   * positive) and payments it has not yet paid (outstanding checks, negative).
   */
  outstanding: readonly AmountLike[];
  /**
   * Adjustments accepted or proposed for bank lines the books lack (fees, interest, NSF): each is
   * the amount to post to the books, in the same sign convention. A bank-only line without one is
   * unexplained and shows up in the difference.
   */
  bankOnlyResolved: readonly AmountLike[];
  /** Adjustments carried by matches (tolerance differences: Σbank − Σledger of the match). */
  matchAdjustments: readonly AmountLike[];
}

export interface Proof {
  /** Σ positive outstanding ledger lines. */
  depositsInTransitMinor: number;
  /** Σ negative outstanding ledger lines (a negative number). */
  outstandingChecksMinor: number;
  /** statement + deposits in transit + outstanding checks. */
  adjustedBankBalanceMinor: number;
  /** Σ bank-only adjustments + Σ match adjustments. */
  adjustmentsMinor: number;
  /** book + adjustments. */
  adjustedBookBalanceMinor: number;
  /** adjusted bank − adjusted book; zero when the reconciliation is explained. */
  differenceMinor: number;
}

/**
 * Computes the proof. A reconciliation can only be submitted for review when `differenceMinor`
 * is 0.
 *
 * @example
 * // Statement 1,000.00; books 1,180.00; a 250.00 deposit in transit; an outstanding check of
 * // 80.00; a 10.00 bank fee the books have not recorded yet (proposed adjustment −10.00).
 * computeProof({
 *   statementBalanceMinor: 100_000,
 *   bookBalanceMinor: 118_000,
 *   outstanding: [{ amountMinor: 25_000 }, { amountMinor: -8_000 }],
 *   bankOnlyResolved: [{ amountMinor: -1_000 }],
 *   matchAdjustments: [],
 * });
 * // → { depositsInTransitMinor: 25000, outstandingChecksMinor: -8000, adjustedBankBalanceMinor: 117000,
 * //     adjustmentsMinor: -1000, adjustedBookBalanceMinor: 117000, differenceMinor: 0 }
 */
export function computeProof(input: ProofInput): Proof {
  let depositsInTransitMinor = 0;
  let outstandingChecksMinor = 0;
  for (const { amountMinor } of input.outstanding) {
    if (amountMinor > 0) {
      depositsInTransitMinor += amountMinor;
    } else {
      outstandingChecksMinor += amountMinor;
    }
  }
  const adjustmentsMinor = sum(input.bankOnlyResolved) + sum(input.matchAdjustments);
  const adjustedBankBalanceMinor = input.statementBalanceMinor + depositsInTransitMinor + outstandingChecksMinor;
  const adjustedBookBalanceMinor = input.bookBalanceMinor + adjustmentsMinor;
  const proof: Proof = {
    depositsInTransitMinor,
    outstandingChecksMinor,
    adjustedBankBalanceMinor,
    adjustmentsMinor,
    adjustedBookBalanceMinor,
    differenceMinor: adjustedBankBalanceMinor - adjustedBookBalanceMinor,
  };
  for (const value of Object.values(proof)) {
    if (!Number.isSafeInteger(value)) {
      throw new RangeError('The reconciliation proof left the range of exact whole numbers');
    }
  }
  return proof;
}

function sum(items: readonly AmountLike[]): number {
  let total = 0;
  for (const { amountMinor } of items) {
    total += amountMinor;
  }
  return total;
}
