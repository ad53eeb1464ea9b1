import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCKED_ON, SYSTEM_TASK_ACTIONS, TASK_ACTIONS, TASK_STATUSES, TRANSITIONS, type BlockedOn, type TaskAction, type TaskStatus } from './task-states';
import { availableActions, decideTransition, SYSTEM_ACTOR, type Attempt, type Decision, type Refusal, type TaskFacts } from './transitions';

/**
 * The tracker's state machine as SPEC 2.4 draws it, written out a second time on purpose: if
 * someone edits `TRANSITIONS`, this table and the tests below disagree until the change is meant.
 */
const EXPECTED: Record<TaskAction, { from: readonly TaskStatus[]; to: TaskStatus | 'previous' }> = {
  start: { from: ['not_started'], to: 'in_progress' },
  submit: { from: ['in_progress'], to: 'ready_for_review' },
  return: { from: ['ready_for_review'], to: 'returned' },
  resume: { from: ['returned'], to: 'in_progress' },
  approve: { from: ['ready_for_review'], to: 'approved' },
  close: { from: ['approved'], to: 'closed' },
  block: { from: ['not_started', 'in_progress', 'returned'], to: 'blocked' },
  unblock: { from: ['blocked'], to: 'previous' },
  reopen: { from: ['approved', 'closed'], to: 'returned' },
};

const PREPARER = { userId: 'u-preparer', role: 'preparer' };
const REVIEWER = { userId: 'u-reviewer', role: 'reviewer' };
const PARTNER = { userId: 'u-partner', role: 'partner' };
const OTHER_PREPARER = { userId: 'u-other-preparer', role: 'preparer' };
const OTHER_REVIEWER = { userId: 'u-other-reviewer', role: 'reviewer' };
const ADMIN = { userId: 'u-admin', role: 'admin' };

function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    status: 'not_started',
    preparerId: PREPARER.userId,
    reviewerId: REVIEWER.userId,
    preparedBy: [],
    blockedFromStatus: null,
    openRequiredItems: 0,
    unansweredNotes: 0,
    unclearedNotes: 0,
    ...overrides,
  };
}

function expectAllowed(result: Decision | Refusal): Decision {
  if (!result.ok) {
    throw new Error(`expected the action to be allowed, got ${result.code}: ${result.message}`);
  }
  return result;
}

function expectRefused(result: Decision | Refusal, code: Refusal['code']): void {
  expect(result.ok).toBe(false);
  expect(result).toMatchObject({ ok: false, code });
  if (!result.ok) {
    expect(result.message.length).toBeGreaterThan(0);
  }
}

/** The actor entitled to take `action` (so that only the state can make it fail). */
function entitledActor(action: TaskAction): Attempt['actor'] {
  switch (TRANSITIONS[action].by) {
    case 'preparer':
      return PREPARER;
    case 'reviewer':
    case 'preparerOrReviewer':
      return REVIEWER;
    case 'partner':
      return PARTNER;
    case 'system':
      return SYSTEM_ACTOR;
  }
}

describe('the transitions table', () => {
  it('is the state machine of the spec', () => {
    for (const action of TASK_ACTIONS) {
      expect({ action, from: [...TRANSITIONS[action].from].sort(), to: TRANSITIONS[action].to }).toEqual({ action, from: [...EXPECTED[action].from].sort(), to: EXPECTED[action].to });
    }
  });

  const pairs = TASK_STATUSES.flatMap((status) => TASK_ACTIONS.map((action) => ({ status, action, allowed: EXPECTED[action].from.includes(status) })));

  it.each(pairs)('decides $action from $status as allowed=$allowed', ({ status, action, allowed }) => {
    const facts = task({
      status,
      // every gate open except the state itself: a note to return with, nothing open to approve
      unclearedNotes: action === 'return' ? 1 : 0,
      blockedFromStatus: status === 'blocked' ? 'returned' : null,
    });
    const result = decideTransition(facts, { action, actor: entitledActor(action), reason: 'Waiting on the bank statement', waitingOn: 'client_documents' });
    expect(TRANSITIONS[action].from.includes(status)).toBe(allowed);
    if (!allowed) {
      expectRefused(result, 'invalid_transition');
      return;
    }
    const decision = expectAllowed(result);
    const rule = EXPECTED[action];
    expect(decision.to).toBe(rule.to === 'previous' ? 'returned' : rule.to);
  });

  it.each(EXPECTED.block.from)('unblocks a task blocked from %s back to that state', (from) => {
    const blocked = expectAllowed(decideTransition(task({ status: from }), { action: 'block', actor: PREPARER, reason: 'No statement yet', waitingOn: 'client_documents' }));
    expect(blocked.to).toBe('blocked');
    const unblocked = expectAllowed(decideTransition(task({ status: 'blocked', blockedFromStatus: from }), { action: 'unblock', actor: REVIEWER }));
    expect(unblocked.to).toBe(from);
  });

  it('unblocks to in progress when the earlier state is unknown', () => {
    expect(expectAllowed(decideTransition(task({ status: 'blocked', blockedFromStatus: null }), { action: 'unblock', actor: PREPARER })).to).toBe('in_progress');
  });

  it('names the state and the action when refusing an impossible transition', () => {
    const result = decideTransition(task({ status: 'in_progress' }), { action: 'approve', actor: REVIEWER });
    expectRefused(result, 'invalid_transition');
    expect(result.ok ? '' : result.message).toBe('A task that is in progress cannot be approved.');
  });
});

describe('the system’s suspension of a sign-off', () => {
  const SUSPENDABLE: readonly TaskStatus[] = ['approved', 'closed'];

  it('is the one system action, and the table says so', () => {
    expect([...SYSTEM_TASK_ACTIONS]).toEqual(['suspend_signoff']);
    expect(TRANSITIONS.suspend_signoff).toMatchObject({ from: SUSPENDABLE, to: 'ready_for_review', by: 'system' });
    expect(TASK_ACTIONS).not.toContain('suspend_signoff');
  });

  it.each(TASK_STATUSES)('decides a suspension from %s', (status) => {
    const result = decideTransition(task({ status, preparedBy: [PREPARER.userId] }), { action: 'suspend_signoff', actor: SYSTEM_ACTOR, reason: 'A later import added a line dated 2026-03-30' });
    if (!SUSPENDABLE.includes(status)) {
      expectRefused(result, 'invalid_transition');
      return;
    }
    expect(expectAllowed(result)).toEqual({ ok: true, to: 'ready_for_review', countsAsRework: false, isPreparerWork: false, overridden: null });
  });

  it('refuses every person, whatever their role or seat', () => {
    for (const status of SUSPENDABLE) {
      for (const actor of [PREPARER, REVIEWER, PARTNER, ADMIN, OTHER_REVIEWER, { userId: 'u-x', role: 'auditor' }]) {
        expectRefused(decideTransition(task({ status }), { action: 'suspend_signoff', actor, reason: 'New line' }), 'not_your_task');
      }
    }
  });

  it('gives the system no human action', () => {
    for (const status of TASK_STATUSES) {
      for (const action of TASK_ACTIONS) {
        const facts = task({ status, unclearedNotes: 1, blockedFromStatus: status === 'blocked' ? 'in_progress' : null });
        expect(decideTransition(facts, { action, actor: SYSTEM_ACTOR, reason: 'x', waitingOn: 'other', override: true }).ok).toBe(false);
      }
    }
  });

  it('is never offered to people as an available action', () => {
    for (const status of ['approved', 'closed'] as const) {
      for (const actor of [PREPARER, REVIEWER, PARTNER, ADMIN]) {
        expect(availableActions(task({ status }), actor).map((a) => a.action)).not.toContain('suspend_signoff');
      }
    }
  });
});

describe('segregation of duties', () => {
  const readyForReview = task({ status: 'ready_for_review', preparedBy: [PREPARER.userId] });
  const approved = task({ status: 'approved', preparedBy: [PREPARER.userId] });

  it('refuses a return by the preparer', () => {
    expectRefused(decideTransition(task({ status: 'ready_for_review', unclearedNotes: 1 }), { action: 'return', actor: PREPARER }), 'segregation_of_duties');
  });

  it('refuses approval by the preparer', () => {
    expectRefused(decideTransition(readyForReview, { action: 'approve', actor: PREPARER }), 'segregation_of_duties');
  });

  it('refuses closing by the preparer', () => {
    expectRefused(decideTransition(approved, { action: 'close', actor: PREPARER }), 'segregation_of_duties');
  });

  it('refuses the preparer even when they are also the task’s reviewer', () => {
    const samePerson = task({ status: 'ready_for_review', reviewerId: PREPARER.userId, unclearedNotes: 1 });
    expectRefused(decideTransition(samePerson, { action: 'return', actor: PREPARER }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...samePerson, unclearedNotes: 0 }, { action: 'approve', actor: PREPARER }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...samePerson, unclearedNotes: 0, status: 'approved' }, { action: 'close', actor: PREPARER }), 'segregation_of_duties');
  });

  it('refuses the preparer even when they are a partner', () => {
    const partnerPreparer = { userId: PREPARER.userId, role: 'partner' };
    expectRefused(decideTransition(task({ status: 'ready_for_review', unclearedNotes: 1 }), { action: 'return', actor: partnerPreparer }), 'segregation_of_duties');
    expectRefused(decideTransition(readyForReview, { action: 'approve', actor: partnerPreparer }), 'segregation_of_duties');
    expectRefused(decideTransition(approved, { action: 'close', actor: partnerPreparer }), 'segregation_of_duties');
    expectRefused(decideTransition(approved, { action: 'reopen', actor: partnerPreparer, reason: 'Wrong account' }), 'segregation_of_duties');
  });

  it('refuses the preparer’s approval even with a partner override and a reason', () => {
    const partnerPreparer = { userId: PREPARER.userId, role: 'partner' };
    const override = { override: true, reason: 'Client deadline, I take responsibility' };
    expectRefused(decideTransition(readyForReview, { action: 'approve', actor: partnerPreparer, ...override }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...readyForReview, unclearedNotes: 2 }, { action: 'approve', actor: partnerPreparer, ...override }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...readyForReview, openRequiredItems: 1 }, { action: 'approve', actor: partnerPreparer, ...override }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...readyForReview, unclearedNotes: 1 }, { action: 'return', actor: partnerPreparer, ...override }), 'segregation_of_duties');
  });

  it('refuses approval by a previous preparer who is now the reviewer', () => {
    const reassigned = task({ status: 'ready_for_review', preparerId: OTHER_PREPARER.userId, reviewerId: REVIEWER.userId, preparedBy: [REVIEWER.userId, OTHER_PREPARER.userId] });
    expectRefused(decideTransition(reassigned, { action: 'approve', actor: REVIEWER }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...reassigned, unclearedNotes: 1 }, { action: 'return', actor: REVIEWER }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...reassigned, status: 'approved' }, { action: 'close', actor: REVIEWER }), 'segregation_of_duties');
  });

  it('refuses approval by a partner who did preparer work earlier, override or not', () => {
    const reassigned = task({ status: 'ready_for_review', preparedBy: [PARTNER.userId, PREPARER.userId] });
    expectRefused(decideTransition(reassigned, { action: 'approve', actor: PARTNER }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...reassigned, unclearedNotes: 1 }, { action: 'approve', actor: PARTNER, override: true, reason: 'Deadline' }), 'segregation_of_duties');
    expectRefused(decideTransition({ ...reassigned, status: 'approved' }, { action: 'reopen', actor: PARTNER, reason: 'Wrong account' }), 'segregation_of_duties');
  });

  it('lets a previous preparer who did no preparer work approve', () => {
    // Being named preparer once is not preparing; only work recorded in preparedBy counts.
    const reassigned = task({ status: 'ready_for_review', preparerId: OTHER_PREPARER.userId, preparedBy: [OTHER_PREPARER.userId] });
    expect(decideTransition(reassigned, { action: 'approve', actor: REVIEWER }).ok).toBe(true);
  });
});

describe('who may act', () => {
  it.each([
    ['start', 'not_started'],
    ['submit', 'in_progress'],
    ['resume', 'returned'],
  ] as const)('lets only the assigned preparer %s', (action, status) => {
    const facts = task({ status, preparedBy: [OTHER_PREPARER.userId] });
    expect(expectAllowed(decideTransition(facts, { action, actor: PREPARER })).isPreparerWork).toBe(true);
    for (const actor of [REVIEWER, PARTNER, ADMIN, OTHER_PREPARER, { userId: OTHER_PREPARER.userId, role: 'partner' }]) {
      expectRefused(decideTransition(facts, { action, actor }), 'not_your_task');
    }
  });

  it.each([
    ['return', 'ready_for_review', 1],
    ['approve', 'ready_for_review', 0],
    ['close', 'approved', 0],
  ] as const)('lets only the reviewer or a partner %s', (action, status, unclearedNotes) => {
    const facts = task({ status, unclearedNotes, preparedBy: [PREPARER.userId] });
    expect(decideTransition(facts, { action, actor: REVIEWER }).ok).toBe(true);
    expect(decideTransition(facts, { action, actor: PARTNER }).ok).toBe(true);
    for (const actor of [OTHER_REVIEWER, OTHER_PREPARER, ADMIN]) {
      expectRefused(decideTransition(facts, { action, actor }), 'not_your_task');
    }
  });

  it('lets only a partner reopen', () => {
    for (const status of ['approved', 'closed'] as const) {
      const facts = task({ status, preparedBy: [PREPARER.userId] });
      expect(expectAllowed(decideTransition(facts, { action: 'reopen', actor: PARTNER, reason: 'Wrong bank account' })).to).toBe('returned');
      for (const actor of [REVIEWER, ADMIN, OTHER_REVIEWER]) {
        expectRefused(decideTransition(facts, { action: 'reopen', actor, reason: 'Wrong bank account' }), 'not_your_task');
      }
    }
  });

  it('requires a reason to reopen', () => {
    const facts = task({ status: 'approved' });
    expectRefused(decideTransition(facts, { action: 'reopen', actor: PARTNER }), 'reason_required');
    expectRefused(decideTransition(facts, { action: 'reopen', actor: PARTNER, reason: '' }), 'reason_required');
    expectRefused(decideTransition(facts, { action: 'reopen', actor: PARTNER, reason: '   ' }), 'reason_required');
  });

  it('lets the preparer, the reviewer or a partner block and unblock, and nobody else', () => {
    const attempt = { reason: 'Statement not received', waitingOn: 'client_documents' } as const;
    for (const actor of [PREPARER, REVIEWER, PARTNER]) {
      expect(decideTransition(task({ status: 'in_progress' }), { action: 'block', actor, ...attempt }).ok).toBe(true);
      expect(decideTransition(task({ status: 'blocked', blockedFromStatus: 'in_progress' }), { action: 'unblock', actor }).ok).toBe(true);
    }
    for (const actor of [ADMIN, OTHER_PREPARER, OTHER_REVIEWER]) {
      expectRefused(decideTransition(task({ status: 'in_progress' }), { action: 'block', actor, ...attempt }), 'not_your_task');
      expectRefused(decideTransition(task({ status: 'blocked', blockedFromStatus: 'in_progress' }), { action: 'unblock', actor }), 'not_your_task');
    }
  });

  it('requires both a reason and what the task waits on to block', () => {
    const facts = task({ status: 'in_progress' });
    expectRefused(decideTransition(facts, { action: 'block', actor: PREPARER, waitingOn: 'clarification' }), 'reason_required');
    expectRefused(decideTransition(facts, { action: 'block', actor: PREPARER, reason: '  ', waitingOn: 'clarification' }), 'reason_required');
    expectRefused(decideTransition(facts, { action: 'block', actor: PREPARER, reason: 'Asked the client' }), 'reason_required');
    for (const waitingOn of BLOCKED_ON) {
      expect(decideTransition(facts, { action: 'block', actor: PREPARER, reason: 'Asked the client', waitingOn }).ok).toBe(true);
    }
  });
});

describe('quality gates', () => {
  it('refuses submission while required checklist items are open', () => {
    expectRefused(decideTransition(task({ status: 'in_progress', openRequiredItems: 1 }), { action: 'submit', actor: PREPARER }), 'checklist_incomplete');
    expectRefused(decideTransition(task({ status: 'in_progress', openRequiredItems: 3 }), { action: 'submit', actor: PREPARER }), 'checklist_incomplete');
  });

  it('refuses submission while review notes are unanswered', () => {
    expectRefused(decideTransition(task({ status: 'in_progress', unansweredNotes: 1 }), { action: 'submit', actor: PREPARER }), 'open_review_notes');
  });

  it('allows resubmission with answered notes the reviewer has not cleared yet', () => {
    const decision = expectAllowed(decideTransition(task({ status: 'in_progress', unclearedNotes: 2 }), { action: 'submit', actor: PREPARER }));
    expect(decision).toEqual({ ok: true, to: 'ready_for_review', countsAsRework: false, isPreparerWork: true, overridden: null });
  });

  it('refuses a return without an uncleared review note', () => {
    expectRefused(decideTransition(task({ status: 'ready_for_review' }), { action: 'return', actor: REVIEWER }), 'open_review_notes');
    expect(decideTransition(task({ status: 'ready_for_review', unclearedNotes: 1 }), { action: 'return', actor: REVIEWER }).ok).toBe(true);
  });

  it('refuses approval with uncleared review notes', () => {
    expectRefused(decideTransition(task({ status: 'ready_for_review', unclearedNotes: 1 }), { action: 'approve', actor: REVIEWER }), 'open_review_notes');
    expectRefused(decideTransition(task({ status: 'ready_for_review', unclearedNotes: 1 }), { action: 'approve', actor: PARTNER }), 'open_review_notes');
  });

  it('refuses approval with open required checklist items', () => {
    expectRefused(decideTransition(task({ status: 'ready_for_review', openRequiredItems: 1 }), { action: 'approve', actor: REVIEWER }), 'checklist_incomplete');
  });

  it('lets a partner override the approval gates with a reason, and reports that reason', () => {
    for (const gates of [{ unclearedNotes: 1 }, { openRequiredItems: 2 }, { unclearedNotes: 1, openRequiredItems: 1 }]) {
      const decision = expectAllowed(decideTransition(task({ status: 'ready_for_review', ...gates }), { action: 'approve', actor: PARTNER, override: true, reason: '  Client deadline today  ' }));
      expect(decision.to).toBe('approved');
      expect(decision.overridden).toBe('Client deadline today');
    }
  });

  it('lets a partner who is the task’s reviewer override too', () => {
    const partnerReviewer = { userId: REVIEWER.userId, role: 'partner' };
    const decision = expectAllowed(decideTransition(task({ status: 'ready_for_review', unclearedNotes: 1 }), { action: 'approve', actor: partnerReviewer, override: true, reason: 'Immaterial' }));
    expect(decision.overridden).toBe('Immaterial');
  });

  it('refuses a partner override without a reason', () => {
    const facts = task({ status: 'ready_for_review', unclearedNotes: 1 });
    expectRefused(decideTransition(facts, { action: 'approve', actor: PARTNER, override: true }), 'open_review_notes');
    expectRefused(decideTransition(facts, { action: 'approve', actor: PARTNER, override: true, reason: ' ' }), 'open_review_notes');
  });

  it('does not treat a reason alone as an override', () => {
    expectRefused(decideTransition(task({ status: 'ready_for_review', openRequiredItems: 1 }), { action: 'approve', actor: PARTNER, reason: 'Deadline' }), 'checklist_incomplete');
  });

  it('refuses an override by a reviewer', () => {
    expectRefused(decideTransition(task({ status: 'ready_for_review', unclearedNotes: 1 }), { action: 'approve', actor: REVIEWER, override: true, reason: 'Deadline' }), 'open_review_notes');
    expectRefused(decideTransition(task({ status: 'ready_for_review', openRequiredItems: 1 }), { action: 'approve', actor: REVIEWER, override: true, reason: 'Deadline' }), 'checklist_incomplete');
  });

  it('records no override when nothing needed overriding', () => {
    const decision = expectAllowed(decideTransition(task({ status: 'ready_for_review' }), { action: 'approve', actor: PARTNER, override: true, reason: 'Just in case' }));
    expect(decision.overridden).toBeNull();
  });

  it('counts returning and reopening as rework, and nothing else', () => {
    const cases: Array<[TaskAction, TaskFacts, Attempt['actor']]> = [
      ['start', task({ status: 'not_started' }), PREPARER],
      ['submit', task({ status: 'in_progress' }), PREPARER],
      ['return', task({ status: 'ready_for_review', unclearedNotes: 1 }), REVIEWER],
      ['resume', task({ status: 'returned' }), PREPARER],
      ['approve', task({ status: 'ready_for_review' }), REVIEWER],
      ['close', task({ status: 'approved' }), REVIEWER],
      ['block', task({ status: 'in_progress' }), PREPARER],
      ['unblock', task({ status: 'blocked', blockedFromStatus: 'in_progress' }), PREPARER],
      ['reopen', task({ status: 'closed' }), PARTNER],
    ];
    expect(cases.map(([action]) => action).sort()).toEqual([...TASK_ACTIONS].sort());
    for (const [action, facts, actor] of cases) {
      const decision = expectAllowed(decideTransition(facts, { action, actor, reason: 'Because', waitingOn: 'other' }));
      expect({ action, rework: decision.countsAsRework }).toEqual({ action, rework: action === 'return' || action === 'reopen' });
      expect({ action, preparerWork: decision.isPreparerWork }).toEqual({ action, preparerWork: action === 'start' || action === 'submit' || action === 'resume' });
    }
  });
});

describe('availableActions', () => {
  it.each(TASK_STATUSES)('lists only the actions valid from %s', (status) => {
    const facts = task({ status, blockedFromStatus: status === 'blocked' ? 'in_progress' : null });
    for (const actor of [PREPARER, REVIEWER, PARTNER, ADMIN]) {
      const listed = availableActions(facts, actor).map((a) => a.action);
      expect(listed.sort()).toEqual(TASK_ACTIONS.filter((action) => EXPECTED[action].from.includes(status)).sort());
    }
  });

  it('marks the preparer’s approval as not allowed, with the reason', () => {
    const actions = availableActions(task({ status: 'ready_for_review', preparedBy: [PREPARER.userId] }), PREPARER);
    const approve = actions.find((a) => a.action === 'approve');
    expect(approve).toEqual({ action: 'approve', allowed: false, reason: expect.stringContaining('prepared') as unknown });
    expect(actions.every((a) => !a.allowed && a.reason !== null)).toBe(true);
  });

  it('marks the reviewer’s approval as allowed with no reason, and a return without notes as not allowed', () => {
    const actions = availableActions(task({ status: 'ready_for_review' }), REVIEWER);
    expect(actions).toContainEqual({ action: 'approve', allowed: true, reason: null });
    expect(actions).toContainEqual({ action: 'return', allowed: false, reason: expect.any(String) as unknown });
  });

  it('agrees with decideTransition for every state and actor', () => {
    for (const status of TASK_STATUSES) {
      const facts = task({ status, unclearedNotes: 1, preparedBy: [PREPARER.userId] });
      for (const actor of [PREPARER, REVIEWER, PARTNER, ADMIN]) {
        for (const entry of availableActions(facts, actor)) {
          const decision = decideTransition(facts, { action: entry.action, actor, reason: 'x', waitingOn: 'other' });
          expect(entry.allowed).toBe(decision.ok);
          expect(entry.reason).toBe(decision.ok ? null : decision.message);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random teams and random histories never let anyone approve work they prepared.
// ---------------------------------------------------------------------------------------------

const ROLES = ['reviewer', 'partner', 'preparer', 'admin'] as const;
const USERS = ['u0', 'u1', 'u2', 'u3'] as const;

type Step =
  | {
      kind: 'attempt';
      /** A team member by index, or whoever holds that seat at the time of the attempt. */
      actor: number | 'preparer' | 'reviewer';
      /** `raw` tries any action; otherwise the index picks among the actions valid from the current state. */
      action: { raw: TaskAction } | { valid: number };
      reason: string | undefined;
      waitingOn: BlockedOn | undefined;
      override: boolean;
      facts: { openRequiredItems: number; unansweredNotes: number; unclearedNotes: number } | null;
    }
  | { kind: 'reassign'; to: number }
  | { kind: 'completeItem' };

/** Mostly zero, so that gates are sometimes open and sometimes shut. */
const smallCount = fc.constantFrom(0, 0, 0, 1, 2);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('attempt' as const),
      actor: fc.oneof(fc.nat(USERS.length - 1), fc.constantFrom('preparer' as const, 'reviewer' as const)),
      action: fc.oneof({ weight: 1, arbitrary: fc.record({ raw: fc.constantFrom(...TASK_ACTIONS) }) }, { weight: 3, arbitrary: fc.record({ valid: fc.nat(8) }) }),
      reason: fc.constantFrom(undefined, '', '  ', 'Because of the deadline'),
      waitingOn: fc.option(fc.constantFrom(...BLOCKED_ON), { nil: undefined }),
      override: fc.boolean(),
      facts: fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.record({ openRequiredItems: smallCount, unansweredNotes: smallCount, unclearedNotes: smallCount }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reassign' as const), to: fc.nat(USERS.length - 1) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'completeItem' as const }) },
);

const scenarioArb = fc.record({
  roles: fc.tuple(fc.constantFrom(...ROLES), fc.constantFrom(...ROLES), fc.constantFrom(...ROLES), fc.constantFrom(...ROLES)),
  people: fc.tuple(fc.nat(USERS.length - 1), fc.nat(USERS.length - 2)).map(([p, r]) => ({ preparer: p, reviewer: r >= p ? r + 1 : r })),
  steps: fc.array(stepArb, { maxLength: 40, size: 'max' }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Outcome {
  approvals: number;
  signOffs: number;
  segregationRefusals: number;
  /** Refusals of someone who prepared earlier but is no longer the preparer. */
  formerPreparerRefusals: number;
  overrides: number;
}

const SIGN_OFF_ACTIONS: readonly TaskAction[] = ['return', 'approve', 'close', 'reopen'];
const PREPARER_WORK_ACTIONS: readonly TaskAction[] = ['start', 'submit', 'resume'];

/**
 * Plays a scenario against decideTransition the way the task service would, and checks every
 * decision against an independent model. `mayMakeApproverPreparer` says whether a reassignment
 * may hand the task to someone who already approved or closed it (the domain does not govern
 * reassignment, so the stronger "never both" promise holds only when reassignment refuses that).
 */
function play(scenario: Scenario, mayMakeApproverPreparer: boolean): Outcome {
  const roleOf = (userId: string) => scenario.roles[USERS.indexOf(userId as (typeof USERS)[number])] ?? 'nobody';
  const user = (index: number) => USERS[index] ?? 'nobody';
  let facts: TaskFacts = task({ preparerId: user(scenario.people.preparer), reviewerId: user(scenario.people.reviewer) });
  /** Everyone who did preparer work, kept apart from facts.preparedBy on purpose. */
  const didPrepare = new Set<string>();
  /** Everyone who approved or closed the task. */
  const signedOff = new Set<string>();
  const outcome: Outcome = { approvals: 0, signOffs: 0, segregationRefusals: 0, formerPreparerRefusals: 0, overrides: 0 };

  for (const step of scenario.steps) {
    if (step.kind === 'reassign') {
      const to = user(step.to);
      const refused = to === facts.reviewerId || (!mayMakeApproverPreparer && signedOff.has(to));
      if (!refused) {
        facts = { ...facts, preparerId: to };
      }
      continue;
    }
    if (step.kind === 'completeItem') {
      if (facts.status === 'in_progress' && facts.openRequiredItems > 0) {
        facts = { ...facts, openRequiredItems: facts.openRequiredItems - 1, preparedBy: addOnce(facts.preparedBy, facts.preparerId) };
        didPrepare.add(facts.preparerId);
      }
      continue;
    }

    if (step.facts) {
      facts = { ...facts, ...step.facts };
    }
    const validNow = TASK_ACTIONS.filter((a) => EXPECTED[a].from.includes(facts.status));
    const action = 'raw' in step.action ? step.action.raw : (validNow[step.action.valid % validNow.length] ?? 'start');
    const actorId = step.actor === 'preparer' ? facts.preparerId : step.actor === 'reviewer' ? facts.reviewerId : user(step.actor);
    const actor = { userId: actorId, role: roleOf(actorId) };
    const result = decideTransition(facts, { action, actor, reason: step.reason, waitingOn: step.waitingOn, override: step.override });

    if (!result.ok) {
      if (result.code === 'segregation_of_duties') {
        outcome.segregationRefusals += 1;
        outcome.formerPreparerRefusals += actor.userId === facts.preparerId ? 0 : 1;
        expect(didPrepare.has(actor.userId) || facts.preparedBy.includes(actor.userId) || actor.userId === facts.preparerId).toBe(true);
      }
      continue;
    }

    // The model: the state machine, the parties and the gates.
    const rule = EXPECTED[action];
    expect(rule.from).toContain(facts.status);
    expect(result.to).toBe(rule.to === 'previous' ? (facts.blockedFromStatus ?? 'in_progress') : rule.to);
    expect(result.isPreparerWork).toBe(PREPARER_WORK_ACTIONS.includes(action));
    expect(result.countsAsRework).toBe(action === 'return' || action === 'reopen');
    if (PREPARER_WORK_ACTIONS.includes(action)) {
      expect(actor.userId).toBe(facts.preparerId);
    }
    if (action === 'submit') {
      expect(facts.openRequiredItems + facts.unansweredNotes).toBe(0);
    }
    if (action === 'return') {
      expect(facts.unclearedNotes).toBeGreaterThan(0);
    }
    if (action === 'approve' && facts.openRequiredItems + facts.unclearedNotes > 0) {
      expect(actor.role).toBe('partner');
      expect(step.override).toBe(true);
      expect(result.overridden).toBe(step.reason?.trim());
      outcome.overrides += 1;
    } else {
      expect(result.overridden).toBeNull();
    }

    // The invariant: whoever signs off never prepared the task and is not its preparer.
    if (SIGN_OFF_ACTIONS.includes(action)) {
      expect(actor.userId).not.toBe(facts.preparerId);
      expect(didPrepare.has(actor.userId)).toBe(false);
      expect(facts.preparedBy).not.toContain(actor.userId);
      expect(actor.userId === facts.reviewerId || actor.role === 'partner').toBe(true);
      outcome.signOffs += 1;
    }
    if (action === 'approve' || action === 'close') {
      signedOff.add(actor.userId);
    }
    if (action === 'approve') {
      outcome.approvals += 1;
    }

    // Apply the decision as the service would.
    facts = {
      ...facts,
      status: result.to,
      blockedFromStatus: result.to === 'blocked' ? facts.status : action === 'unblock' ? null : facts.blockedFromStatus,
      preparedBy: result.isPreparerWork ? addOnce(facts.preparedBy, actor.userId) : facts.preparedBy,
    };
    if (result.isPreparerWork) {
      didPrepare.add(actor.userId);
    }
  }

  if (!mayMakeApproverPreparer) {
    for (const approver of signedOff) {
      expect(didPrepare.has(approver)).toBe(false);
    }
  }
  return outcome;
}

function addOnce(list: readonly string[], id: string): readonly string[] {
  return list.includes(id) ? list : [...list, id];
}

describe('segregation of duties over random histories', () => {
  it('never lets a person both prepare and approve the same task', () => {
    const totals: Outcome = { approvals: 0, signOffs: 0, segregationRefusals: 0, formerPreparerRefusals: 0, overrides: 0 };
    let approvedRuns = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const outcome = play(scenario, false);
        totals.approvals += outcome.approvals;
        totals.signOffs += outcome.signOffs;
        totals.segregationRefusals += outcome.segregationRefusals;
        totals.overrides += outcome.overrides;
        totals.formerPreparerRefusals += outcome.formerPreparerRefusals;
        approvedRuns += outcome.approvals > 0 ? 1 : 0;
      }),
      { numRuns: 2000, seed: 20260401 },
    );
    // The generator must reach the interesting cases, or the property proves nothing.
    expect(approvedRuns).toBeGreaterThan(150);
    expect(totals.segregationRefusals).toBeGreaterThan(200);
    expect(totals.formerPreparerRefusals).toBeGreaterThan(20);
    expect(totals.overrides).toBeGreaterThan(5);
  });

  it('never lets anyone sign off after preparing, even when past approvers may become the preparer', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        play(scenario, true);
      }),
      { numRuns: 2000, seed: 20260402 },
    );
  });
});
