import { describe, expect, it } from 'vitest';
import type { ReconciliationDto } from '../../../shared/reconciliation';
import { nextStep } from './next-step';

function rec(
  overrides: {
    counts?: Partial<ReconciliationDto['counts']>;
    proof?: Partial<ReconciliationDto['proof']>;
    status?: ReconciliationDto['status'];
    ran?: boolean;
    problems?: ReconciliationDto['readiness']['problems'];
  } = {},
): ReconciliationDto {
  return {
    status: overrides.status ?? 'draft',
    counts: {
      matches: 0,
      matchedBank: 0,
      matchedLedger: 0,
      suggestions: 0,
      unmatchedBank: 0,
      unmatchedLedger: 0,
      bankLinesNeedingAction: 0,
      undocumentedStaleItems: 0,
      proposedAdjustments: 0,
      ...overrides.counts,
    },
    proof: {
      statementBalanceMinor: 0,
      depositsInTransitMinor: 0,
      outstandingChecksMinor: 0,
      adjustedBankBalanceMinor: 0,
      bookBalanceMinor: 0,
      adjustmentsMinor: 0,
      adjustedBookBalanceMinor: 0,
      differenceMinor: 0,
      isComplete: true,
      isBalanced: true,
      ...overrides.proof,
    },
    readiness: {
      isReady: (overrides.problems ?? []).length === 0,
      problems: overrides.problems ?? [],
    },
    lastMatchRun: overrides.ran
      ? {
          jobId: 'j',
          status: 'succeeded',
          phase: '',
          progressDone: 0,
          progressTotal: 0,
          error: null,
          createdAt: '',
          finishedAt: null,
        }
      : null,
  } as ReconciliationDto; // only the fields nextStep reads
}

describe('the next step on a reconciliation', () => {
  it('asks for the bank statement first', () => {
    expect(nextStep(rec())).toEqual({ kind: 'import_bank' });
  });

  it('asks for the ledger once the bank side is in', () => {
    expect(nextStep(rec({ counts: { unmatchedBank: 40 } }))).toEqual({
      kind: 'import_ledger',
    });
  });

  it('offers matching when both sides are in and it never ran', () => {
    expect(nextStep(rec({ counts: { unmatchedBank: 40, unmatchedLedger: 41 } }))).toEqual({ kind: 'run_matching' });
  });

  it('points at the bank lines that still need a match or an adjustment', () => {
    expect(
      nextStep(
        rec({
          ran: true,
          counts: {
            matchedBank: 38,
            unmatchedBank: 2,
            matchedLedger: 38,
            bankLinesNeedingAction: 2,
          },
        }),
      ),
    ).toEqual({ kind: 'resolve_bank_lines', count: 2 });
  });

  it('asks for notes on stale outstanding items before submission', () => {
    expect(
      nextStep(
        rec({
          ran: true,
          counts: {
            matchedBank: 40,
            matchedLedger: 38,
            unmatchedLedger: 3,
            undocumentedStaleItems: 3,
          },
        }),
      ),
    ).toEqual({ kind: 'document_items', count: 3 });
  });

  it('says to submit when everything is matched and the proof is at zero', () => {
    expect(
      nextStep(
        rec({
          ran: true,
          counts: { matchedBank: 40, matchedLedger: 38, unmatchedLedger: 3 },
        }),
      ),
    ).toEqual({ kind: 'submit', outstanding: 3 });
  });

  it('waits while the reconciliation is in review', () => {
    expect(nextStep(rec({ status: 'in_review', counts: { matchedBank: 1 } })).kind).toBe('wait');
  });
});
