/**
 * What may be done to a bank reconciliation in which status, how the task's sign-off moves it,
 * and whether it is ready to be submitted for review. Pure: the server feeds it facts it loaded.
 *
 * The life of a reconciliation follows its task: `draft` while the preparer works, `in_review`
 * once the task is submitted, back to `draft` when returned or reopened, `approved` (locked,
 * lines reconciled, snapshot hashed) when the task is approved. A later import that changes the
 * approved period `suspended`s the sign-off: the preparer may work the new lines, and the
 * reviewer then approves again (if it is ready) or returns it to draft.
 */

export const RECONCILIATION_STATUSES = ['draft', 'in_review', 'approved', 'suspended'] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

/** Carried-forward items older than this many days need a note before submission. */
export const STALE_ITEM_DAYS = 90;

/** Work done on a reconciliation, each allowed in some statuses only. */
export type ReconciliationWork = 'edit' | 'match' | 'approveAdjustment' | 'addReviewNote';

export interface StatusRefusal {
  code: 'reconciliation_locked' | 'reconciliation_in_review';
  message: string;
}

const ALLOWED: Record<ReconciliationWork, readonly ReconciliationStatus[]> = {
  edit: ['draft', 'suspended'],
  match: ['draft', 'suspended'],
  approveAdjustment: ['draft', 'in_review', 'suspended'],
  addReviewNote: ['draft', 'in_review', 'approved', 'suspended'],
};

/** Whether `work` is possible in `status` at all (who may do it is the policy's business). */
export function isWorkAllowed(status: ReconciliationStatus, work: ReconciliationWork): boolean {
  return ALLOWED[work].includes(status);
}

/** Why `work` is refused in `status`, or null when the status allows it. */
export function statusRefusal(status: ReconciliationStatus, work: ReconciliationWork): StatusRefusal | null {
  if (isWorkAllowed(status, work)) {
    return null;
  }
  if (status === 'approved') {
    return { code: 'reconciliation_locked', message: 'This reconciliation is approved and locked; a partner must reopen the task to change it.' };
  }
  return { code: 'reconciliation_in_review', message: 'This reconciliation is in review; it can be changed again once the reviewer returns it.' };
}

/** Task actions that move the reconciliation, plus the system's suspension of a sign-off. */
export type SignOffEvent = 'submit' | 'return' | 'resume' | 'approve' | 'reopen' | 'suspend_signoff';

/**
 * The reconciliation's status after its task takes `event`, or null when the event does not
 * concern it in that status (the task may still move).
 */
export function statusAfter(status: ReconciliationStatus, event: SignOffEvent): ReconciliationStatus | null {
  switch (event) {
    case 'submit':
      return status === 'draft' || status === 'suspended' ? 'in_review' : null;
    case 'return':
      return status === 'in_review' || status === 'suspended' ? 'draft' : null;
    case 'resume':
      return status === 'suspended' ? 'draft' : null;
    case 'approve':
      return status === 'in_review' || status === 'suspended' ? 'approved' : null;
    case 'reopen':
      return status === 'approved' || status === 'suspended' ? 'draft' : null;
    case 'suspend_signoff':
      return status === 'approved' ? 'suspended' : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Readiness for review
// ---------------------------------------------------------------------------------------------

export const READINESS_PROBLEM_CODES = ['balances_missing', 'unexplained_difference', 'bank_lines_unresolved', 'stale_items_undocumented', 'matching_running'] as const;
export type ReadinessProblemCode = (typeof READINESS_PROBLEM_CODES)[number];

export interface ReadinessFacts {
  hasStatementBalance: boolean;
  hasBookBalance: boolean;
  /** Adjusted bank − adjusted book, minor units. */
  differenceMinor: number;
  /** Bank lines in no match and with no adjustment. */
  bankLinesNeedingAction: number;
  /** Uncleared carried-forward items older than STALE_ITEM_DAYS without a note. */
  undocumentedStaleItems: number;
  /** A matching job is queued or running: its result is not in yet. */
  isMatching: boolean;
}

export interface ReadinessProblem {
  code: ReadinessProblemCode;
  message: string;
  count: number;
}

/**
 * Whether the reconciliation may go to review (SPEC 2.9: never with an unexplained difference),
 * and every reason it may not, each as a sentence the preparer can act on.
 */
export function assessReadiness(facts: ReadinessFacts, formatAmount: (minor: number) => string = String): { isReady: boolean; problems: ReadinessProblem[] } {
  const problems: ReadinessProblem[] = [];
  const missing = Number(!facts.hasStatementBalance) + Number(!facts.hasBookBalance);
  if (missing > 0) {
    const which = !facts.hasStatementBalance && !facts.hasBookBalance ? 'statement and book balances are' : !facts.hasStatementBalance ? 'statement balance is' : 'book balance is';
    problems.push({ code: 'balances_missing', message: `The ${which} not known yet: import them or enter them.`, count: missing });
  }
  if (facts.bankLinesNeedingAction > 0) {
    const n = facts.bankLinesNeedingAction;
    problems.push({ code: 'bank_lines_unresolved', message: `${n} bank ${n === 1 ? 'line has' : 'lines have'} no match and no adjustment.`, count: n });
  }
  if (facts.differenceMinor !== 0) {
    problems.push({ code: 'unexplained_difference', message: `The proof shows an unexplained difference of ${formatAmount(facts.differenceMinor)}.`, count: 1 });
  }
  if (facts.undocumentedStaleItems > 0) {
    const n = facts.undocumentedStaleItems;
    problems.push({ code: 'stale_items_undocumented', message: `${n} outstanding ${n === 1 ? 'item is' : 'items are'} older than ${STALE_ITEM_DAYS} days and ${n === 1 ? 'needs' : 'need'} a note.`, count: n });
  }
  if (facts.isMatching) {
    problems.push({ code: 'matching_running', message: 'Matching is still running; wait for it to finish.', count: 1 });
  }
  return { isReady: problems.length === 0, problems };
}

/** An uncleared item is stale when it was carried forward and is older than STALE_ITEM_DAYS. */
export function isStaleItem(item: { isCarriedForward: boolean; ageDays: number }): boolean {
  return item.isCarriedForward && item.ageDays > STALE_ITEM_DAYS;
}

// ---------------------------------------------------------------------------------------------
// Manual matches
// ---------------------------------------------------------------------------------------------

export type ManualMatchDecision =
  | { ok: true; adjustmentMinor: number | null }
  | { ok: false; code: 'no_lines' | 'sums_differ' | 'ledger_only_not_zero'; message: string };

/**
 * Checks a group a person wants to match. Equal sums match as they are. Otherwise the
 * difference (Σbank − Σledger, which the books are missing) becomes a proposed adjustment, and
 * that needs a reason code. A bank-only group is an adjustment for its whole sum (unless it nets
 * to zero, a bank reversal); a ledger-only group is accepted only when it nets to zero (an entry
 * and its reversal), since the books cannot adjust themselves against nothing on the bank.
 * Amounts are minor units of one currency.
 */
export function decideManualMatch(input: { bankAmounts: readonly number[]; ledgerAmounts: readonly number[]; hasAdjustmentReason: boolean }): ManualMatchDecision {
  const { bankAmounts, ledgerAmounts } = input;
  if (bankAmounts.length + ledgerAmounts.length === 0) {
    return { ok: false, code: 'no_lines', message: 'Choose at least one line to match.' };
  }
  const bank = sum(bankAmounts);
  const ledger = sum(ledgerAmounts);
  if (bankAmounts.length === 0) {
    return ledger === 0 ? { ok: true, adjustmentMinor: null } : { ok: false, code: 'ledger_only_not_zero', message: 'Ledger lines can be matched without bank lines only when they net to zero.' };
  }
  const difference = bank - ledger;
  if (difference === 0) {
    return { ok: true, adjustmentMinor: null };
  }
  if (!input.hasAdjustmentReason) {
    const what = ledgerAmounts.length === 0 ? 'Bank lines without ledger lines need an adjustment' : 'The two sides do not add up to the same amount; the difference needs an adjustment';
    return { ok: false, code: 'sums_differ', message: `${what} with a reason code.` };
  }
  return { ok: true, adjustmentMinor: difference };
}

function sum(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
  }
  if (!Number.isSafeInteger(total)) {
    throw new RangeError('The sum of the amounts is beyond the safe integer range');
  }
  return total;
}
