import type { Actor } from '../context';
import type { ReconciliationRuleRow } from '../db/schema';

export type ReconciliationRuleAction = 'read' | 'update' | 'delete';

/**
 * Matching rules are the firm's method: staff read the firm-wide ones and those of clients they
 * see; admins and partners change them. Client users and auditors never see them.
 */
export function reconciliationRuleAbilities(actor: Actor, rule: Pick<ReconciliationRuleRow, 'firmId' | 'clientId'>): Record<ReconciliationRuleAction, boolean> {
  const isSameFirm = actor.firmId === rule.firmId;
  const isStaff = isSameFirm && actor.role !== 'client' && actor.role !== 'auditor';
  const seesScope = rule.clientId === null || actor.role === 'admin' || actor.clientIds.has(rule.clientId);
  const manages = isStaff && seesScope && (actor.role === 'admin' || actor.role === 'partner');
  return { read: isStaff && seesScope, update: manages, delete: manages };
}

/** Creating a rule (firm-wide, or for a client the actor sees) is for admins and partners. */
export function canCreateReconciliationRule(actor: Actor, clientId: string | null): boolean {
  return reconciliationRuleAbilities(actor, { firmId: actor.firmId, clientId }).update;
}

/** Reading the rule list: the firm's staff. */
export function canReadReconciliationRules(actor: Actor): boolean {
  return actor.role !== 'client' && actor.role !== 'auditor';
}
