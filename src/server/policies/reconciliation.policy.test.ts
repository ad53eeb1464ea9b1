import { describe, expect, it } from 'vitest';
import type { Actor } from '../context';
import type { ReconciliationStatus, Role } from '../db/schema';
import { canStartReconciliation, reconciliationAbilities } from './reconciliation.policy';
import { canCreateReconciliationRule, reconciliationRuleAbilities } from './reconciliation-rule.policy';

/**
 * The reconciliation policy as tables: who (seat on the task, role, client access, firm) × the
 * reconciliation's status → the actions allowed, written out in full.
 */

const FIRM = 'f0000000-0000-7000-8000-000000000001';
const OTHER_FIRM = 'f0000000-0000-7000-8000-000000000002';
const CLIENT = 'c0000000-0000-7000-8000-000000000001';
const OTHER_CLIENT = 'c0000000-0000-7000-8000-000000000002';
const PREPARER = 'a0000000-0000-7000-8000-000000000001';
const REVIEWER = 'a0000000-0000-7000-8000-000000000002';
const SOMEONE = 'a0000000-0000-7000-8000-000000000003';

function actor(role: Role, userId: string, options: { firm?: string; clients?: string[] } = {}): Actor {
  return { userId, firmId: options.firm ?? FIRM, role, email: 'x@test.example', name: 'X', sessionId: 's', clientIds: new Set(options.clients ?? [CLIENT]), mustEnrolMfa: false };
}

const task = { preparerId: PREPARER, reviewerId: REVIEWER, preparedBy: [PREPARER], status: 'in_progress' as const };
const rec = (status: ReconciliationStatus) => ({ firmId: FIRM, clientId: CLIENT, status });
const allowed = (abilities: Record<string, boolean>) =>
  Object.entries(abilities)
    .filter(([, isAllowed]) => isAllowed)
    .map(([action]) => action)
    .sort();

const READ = ['downloadWorkpaper', 'read'];
const PREPARE = ['downloadWorkpaper', 'edit', 'match', 'read'];
const REVIEW = ['addReviewNote', 'approveAdjustment', 'downloadWorkpaper', 'read'];
const REVIEW_LOCKED = ['addReviewNote', 'downloadWorkpaper', 'read'];

type Row = [who: string, actor: Actor, draft: string[], inReview: string[], approved: string[], suspended: string[]];

const table: Row[] = [
  ['the task’s preparer', actor('preparer', PREPARER), PREPARE, READ, READ, PREPARE],
  ['the task’s reviewer', actor('reviewer', REVIEWER), REVIEW, REVIEW, REVIEW_LOCKED, REVIEW],
  ['a partner on the client', actor('partner', SOMEONE), REVIEW, REVIEW, REVIEW_LOCKED, REVIEW],
  ['a partner who prepared the task', actor('partner', PREPARER), PREPARE, READ, READ, PREPARE],
  ['the admin', actor('admin', SOMEONE, { clients: [] }), READ, READ, READ, READ],
  ['another preparer on the client', actor('preparer', SOMEONE), READ, READ, READ, READ],
  ['another reviewer on the client', actor('reviewer', SOMEONE), READ, READ, READ, READ],
  ['an auditor granted the client', actor('auditor', SOMEONE), [], [], READ, []],
  ['a client user of the client', actor('client', SOMEONE), [], [], [], []],
  ['staff of another client', actor('reviewer', REVIEWER, { clients: [OTHER_CLIENT] }), [], [], [], []],
  ['an admin of another firm', actor('admin', SOMEONE, { firm: OTHER_FIRM }), [], [], [], []],
];

describe('reconciliation abilities', () => {
  it.each(table)('gives %s what the table says in each status', (_who, who, draft, inReview, approved, suspended) => {
    expect(allowed(reconciliationAbilities(who, rec('draft'), task))).toEqual(draft);
    expect(allowed(reconciliationAbilities(who, rec('in_review'), task))).toEqual(inReview);
    expect(allowed(reconciliationAbilities(who, rec('approved'), task))).toEqual(approved);
    expect(allowed(reconciliationAbilities(who, rec('suspended'), task))).toEqual(suspended);
  });

  it('never lets anyone who did preparer work approve an adjustment, even as the named reviewer', () => {
    const reviewerWhoPrepared = { ...task, preparedBy: [PREPARER, REVIEWER] };
    expect(reconciliationAbilities(actor('reviewer', REVIEWER), rec('in_review'), reviewerWhoPrepared).approveAdjustment).toBe(false);
  });

  it('lets only the task’s preparer start a reconciliation, before submission', () => {
    const of = (status: 'not_started' | 'in_progress' | 'returned' | 'ready_for_review' | 'approved') => ({ firmId: FIRM, clientId: CLIENT, preparerId: PREPARER, status });
    expect(canStartReconciliation(actor('preparer', PREPARER), of('in_progress'))).toBe(true);
    expect(canStartReconciliation(actor('preparer', PREPARER), of('not_started'))).toBe(true);
    expect(canStartReconciliation(actor('preparer', PREPARER), of('ready_for_review'))).toBe(false);
    expect(canStartReconciliation(actor('reviewer', REVIEWER), of('in_progress'))).toBe(false);
    expect(canStartReconciliation(actor('admin', SOMEONE, { clients: [] }), of('in_progress'))).toBe(false);
    expect(canStartReconciliation(actor('preparer', PREPARER, { firm: OTHER_FIRM }), of('in_progress'))).toBe(false);
  });
});

describe('matching rule abilities', () => {
  const firmWide = { firmId: FIRM, clientId: null };
  const ofClient = { firmId: FIRM, clientId: CLIENT };
  const ofOther = { firmId: FIRM, clientId: OTHER_CLIENT };
  const rows: Array<[string, Actor, string[], string[], string[]]> = [
    ['the admin', actor('admin', SOMEONE, { clients: [] }), ['delete', 'read', 'update'], ['delete', 'read', 'update'], ['delete', 'read', 'update']],
    ['a partner', actor('partner', SOMEONE), ['delete', 'read', 'update'], ['delete', 'read', 'update'], []],
    ['a reviewer', actor('reviewer', SOMEONE), ['read'], ['read'], []],
    ['a preparer', actor('preparer', SOMEONE), ['read'], ['read'], []],
    ['an auditor', actor('auditor', SOMEONE), [], [], []],
    ['a client user', actor('client', SOMEONE), [], [], []],
    ['an admin of another firm', actor('admin', SOMEONE, { firm: OTHER_FIRM }), [], [], []],
  ];

  it.each(rows)('gives %s what the table says on firm-wide, own-client and other-client rules', (_who, who, wide, own, other) => {
    expect(allowed(reconciliationRuleAbilities(who, firmWide))).toEqual(wide);
    expect(allowed(reconciliationRuleAbilities(who, ofClient))).toEqual(own);
    expect(allowed(reconciliationRuleAbilities(who, ofOther))).toEqual(other);
  });

  it('lets only admins and partners create rules (in their own firm)', () => {
    const creators = (['admin', 'partner', 'reviewer', 'preparer', 'auditor', 'client'] as const).filter((role) => canCreateReconciliationRule(actor(role, SOMEONE), null));
    expect(creators).toEqual(['admin', 'partner']);
    expect(canCreateReconciliationRule(actor('partner', SOMEONE), OTHER_CLIENT)).toBe(false);
  });
});
