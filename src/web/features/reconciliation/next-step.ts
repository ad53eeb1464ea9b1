import type { ReconciliationDto } from '../../../shared/reconciliation';

/** What the preparer should do next on a reconciliation, for the hint above the lists. */
export type NextStep =
  | { kind: 'import_bank' }
  | { kind: 'import_ledger' }
  | { kind: 'run_matching' }
  | { kind: 'enter_balances'; message: string }
  | { kind: 'resolve_bank_lines'; count: number }
  | { kind: 'explain_difference' }
  | { kind: 'document_items'; count: number }
  | { kind: 'submit'; outstanding: number }
  | { kind: 'wait'; message: string };

/** Reads the reconciliation's counts and readiness (server facts) and names the one next step. */
export function nextStep(rec: ReconciliationDto): NextStep {
  const bankLines = rec.counts.matchedBank + rec.counts.unmatchedBank;
  const ledgerLines = rec.counts.matchedLedger + rec.counts.unmatchedLedger;
  if (rec.status === 'in_review') {
    return {
      kind: 'wait',
      message: 'Submitted for review: the reviewer checks the matches and approves the adjustments.',
    };
  }
  if (rec.status === 'approved') {
    return { kind: 'wait', message: 'Approved and locked.' };
  }
  if (bankLines === 0) {
    return { kind: 'import_bank' };
  }
  if (ledgerLines === 0) {
    return { kind: 'import_ledger' };
  }
  if (rec.lastMatchRun === null && rec.counts.matches === 0) {
    return { kind: 'run_matching' };
  }
  if (rec.counts.bankLinesNeedingAction > 0) {
    return {
      kind: 'resolve_bank_lines',
      count: rec.counts.bankLinesNeedingAction,
    };
  }
  const missing = rec.readiness.problems.find((p) => p.code === 'balances_missing');
  if (missing) {
    return { kind: 'enter_balances', message: missing.message };
  }
  if (rec.counts.undocumentedStaleItems > 0) {
    return { kind: 'document_items', count: rec.counts.undocumentedStaleItems };
  }
  if (rec.proof.differenceMinor !== 0) {
    return { kind: 'explain_difference' };
  }
  return { kind: 'submit', outstanding: rec.counts.unmatchedLedger };
}
