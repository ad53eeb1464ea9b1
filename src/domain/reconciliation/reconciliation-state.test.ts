import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessReadiness,
  decideManualMatch,
  isStaleItem,
  isWorkAllowed,
  RECONCILIATION_STATUSES,
  statusAfter,
  statusRefusal,
  type ReadinessFacts,
  type ReconciliationStatus,
  type ReconciliationWork,
  type SignOffEvent,
} from './reconciliation-state';

const WORK: ReconciliationWork[] = ['edit', 'match', 'approveAdjustment', 'addReviewNote'];

/** Written out a second time on purpose: which work each status allows. */
const EXPECTED_ALLOWED: Record<ReconciliationStatus, ReconciliationWork[]> = {
  draft: ['edit', 'match', 'approveAdjustment', 'addReviewNote'],
  in_review: ['approveAdjustment', 'addReviewNote'],
  approved: ['addReviewNote'],
  suspended: ['edit', 'match', 'approveAdjustment', 'addReviewNote'],
};

describe('what may be done in which status', () => {
  const cases = RECONCILIATION_STATUSES.flatMap((status) => WORK.map((work) => ({ status, work, allowed: EXPECTED_ALLOWED[status].includes(work) })));

  it.each(cases)('decides $work in $status as allowed=$allowed', ({ status, work, allowed }) => {
    expect(isWorkAllowed(status, work)).toBe(allowed);
    expect(statusRefusal(status, work) === null).toBe(allowed);
  });

  it('refuses every change to an approved reconciliation as locked, and still takes review notes', () => {
    for (const work of ['edit', 'match', 'approveAdjustment'] as const) {
      expect(statusRefusal('approved', work)?.code).toBe('reconciliation_locked');
    }
    expect(statusRefusal('approved', 'addReviewNote')).toBeNull();
  });

  it('refuses the preparer’s changes in review with a code of its own', () => {
    expect(statusRefusal('in_review', 'match')).toEqual({ code: 'reconciliation_in_review', message: expect.stringContaining('in review') as unknown });
    expect(statusRefusal('in_review', 'edit')?.code).toBe('reconciliation_in_review');
  });
});

describe('how the task’s sign-off moves the reconciliation', () => {
  /** Written out a second time on purpose: every status × event. */
  const EXPECTED: Record<SignOffEvent, Partial<Record<ReconciliationStatus, ReconciliationStatus>>> = {
    submit: { draft: 'in_review', suspended: 'in_review' },
    return: { in_review: 'draft', suspended: 'draft' },
    resume: { suspended: 'draft' },
    approve: { in_review: 'approved', suspended: 'approved' },
    reopen: { approved: 'draft', suspended: 'draft' },
    suspend_signoff: { approved: 'suspended' },
  };
  const events = Object.keys(EXPECTED) as SignOffEvent[];
  const cases = RECONCILIATION_STATUSES.flatMap((status) => events.map((event) => ({ status, event, to: EXPECTED[event][status] ?? null })));

  it.each(cases)('moves $status on $event to $to', ({ status, event, to }) => {
    expect(statusAfter(status, event)).toBe(to);
  });

  it('never unlocks an approved reconciliation except by reopening or suspension', () => {
    const unlocking = events.filter((event) => {
      const next = statusAfter('approved', event);
      return next !== null && next !== 'approved';
    });
    expect(unlocking.sort()).toEqual(['reopen', 'suspend_signoff']);
  });

  it('only approves what was submitted or suspended', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RECONCILIATION_STATUSES), fc.array(fc.constantFrom(...events), { maxLength: 20 }), (start, history) => {
        let status = start;
        for (const event of history) {
          const next = statusAfter(status, event);
          if (next === 'approved') {
            expect(['in_review', 'suspended']).toContain(status);
          }
          status = next ?? status;
        }
      }),
    );
  });
});

describe('readiness for review', () => {
  const ready: ReadinessFacts = { hasStatementBalance: true, hasBookBalance: true, differenceMinor: 0, bankLinesNeedingAction: 0, undocumentedStaleItems: 0, isMatching: false };

  it('is ready with both balances, no difference, every bank line resolved and stale items noted', () => {
    expect(assessReadiness(ready)).toEqual({ isReady: true, problems: [] });
  });

  it('refuses an unexplained difference and names the amount', () => {
    const result = assessReadiness({ ...ready, differenceMinor: -1250 }, (minor) => (minor / 100).toFixed(2));
    expect(result.isReady).toBe(false);
    expect(result.problems).toEqual([{ code: 'unexplained_difference', message: 'The proof shows an unexplained difference of -12.50.', count: 1 }]);
  });

  it('refuses bank lines with no match and no adjustment, even when the difference is zero', () => {
    const result = assessReadiness({ ...ready, bankLinesNeedingAction: 2 });
    expect(result.problems.map((p) => [p.code, p.count, p.message])).toEqual([['bank_lines_unresolved', 2, '2 bank lines have no match and no adjustment.']]);
  });

  it('refuses undocumented stale items', () => {
    expect(assessReadiness({ ...ready, undocumentedStaleItems: 1 }).problems[0]).toMatchObject({ code: 'stale_items_undocumented', count: 1, message: expect.stringContaining('90 days') as unknown });
  });

  it('refuses missing balances, saying which', () => {
    expect(assessReadiness({ ...ready, hasBookBalance: false }).problems[0]?.message).toContain('book balance is');
    expect(assessReadiness({ ...ready, hasStatementBalance: false }).problems[0]?.message).toContain('statement balance is');
    expect(assessReadiness({ ...ready, hasStatementBalance: false, hasBookBalance: false }).problems[0]).toMatchObject({ code: 'balances_missing', count: 2 });
  });

  it('refuses while matching runs', () => {
    expect(assessReadiness({ ...ready, isMatching: true }).problems.map((p) => p.code)).toEqual(['matching_running']);
  });

  it('lists every problem at once, and is ready exactly when there is none', () => {
    fc.assert(
      fc.property(
        fc.record({
          hasStatementBalance: fc.boolean(),
          hasBookBalance: fc.boolean(),
          differenceMinor: fc.integer({ min: -1000, max: 1000 }),
          bankLinesNeedingAction: fc.nat(3),
          undocumentedStaleItems: fc.nat(3),
          isMatching: fc.boolean(),
        }),
        (facts) => {
          const result = assessReadiness(facts);
          const expected = [!facts.hasStatementBalance || !facts.hasBookBalance, facts.differenceMinor !== 0, facts.bankLinesNeedingAction > 0, facts.undocumentedStaleItems > 0, facts.isMatching].filter(Boolean).length;
          expect(result.problems).toHaveLength(expected);
          expect(result.isReady).toBe(expected === 0);
        },
      ),
    );
  });

  it('calls an item stale only when carried forward and older than 90 days', () => {
    expect(isStaleItem({ isCarriedForward: true, ageDays: 91 })).toBe(true);
    expect(isStaleItem({ isCarriedForward: true, ageDays: 90 })).toBe(false);
    expect(isStaleItem({ isCarriedForward: false, ageDays: 400 })).toBe(false);
  });
});

describe('manual matches', () => {
  it('matches equal sums as they are', () => {
    expect(decideManualMatch({ bankAmounts: [-10_000], ledgerAmounts: [-4_000, -6_000], hasAdjustmentReason: false })).toEqual({ ok: true, adjustmentMinor: null });
  });

  it('refuses unequal sums without a reason code', () => {
    expect(decideManualMatch({ bankAmounts: [-10_025], ledgerAmounts: [-10_000], hasAdjustmentReason: false })).toMatchObject({ ok: false, code: 'sums_differ' });
  });

  it('turns the difference into a proposed adjustment, bank minus ledger', () => {
    expect(decideManualMatch({ bankAmounts: [-10_025], ledgerAmounts: [-10_000], hasAdjustmentReason: true })).toEqual({ ok: true, adjustmentMinor: -25 });
  });

  it('makes a bank-only group an adjustment of its whole sum', () => {
    expect(decideManualMatch({ bankAmounts: [-1_500], ledgerAmounts: [], hasAdjustmentReason: true })).toEqual({ ok: true, adjustmentMinor: -1_500 });
    expect(decideManualMatch({ bankAmounts: [-1_500], ledgerAmounts: [], hasAdjustmentReason: false })).toMatchObject({ ok: false, code: 'sums_differ' });
  });

  it('accepts a bank reversal pair that nets to zero without an adjustment', () => {
    expect(decideManualMatch({ bankAmounts: [-1_500, 1_500], ledgerAmounts: [], hasAdjustmentReason: false })).toEqual({ ok: true, adjustmentMinor: null });
  });

  it('refuses ledger-only groups unless they net to zero', () => {
    expect(decideManualMatch({ bankAmounts: [], ledgerAmounts: [2_000, -2_000], hasAdjustmentReason: false })).toEqual({ ok: true, adjustmentMinor: null });
    expect(decideManualMatch({ bankAmounts: [], ledgerAmounts: [2_000], hasAdjustmentReason: true })).toMatchObject({ ok: false, code: 'ledger_only_not_zero' });
  });

  it('refuses an empty group', () => {
    expect(decideManualMatch({ bankAmounts: [], ledgerAmounts: [], hasAdjustmentReason: true })).toMatchObject({ ok: false, code: 'no_lines' });
  });

  it('always leaves the books equal to the bank once the adjustment is posted', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 6 }), (bank, ledger) => {
        const decision = decideManualMatch({ bankAmounts: bank, ledgerAmounts: ledger, hasAdjustmentReason: true });
        expect(decision.ok).toBe(true);
        if (decision.ok) {
          const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          expect(total(ledger) + (decision.adjustmentMinor ?? 0)).toBe(total(bank));
        }
      }),
    );
  });
});
