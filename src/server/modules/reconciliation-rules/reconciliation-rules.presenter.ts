import type { Actor } from '../../context';
import { reconciliationRuleAbilities } from '../../policies/reconciliation-rule.policy';
import type { ReconciliationRuleDto } from '../../../shared/reconciliation';
import type { RuleWithClient } from './reconciliation-rules.repository';

export function presentRule(actor: Actor, rule: RuleWithClient): ReconciliationRuleDto {
  const abilities = reconciliationRuleAbilities(actor, rule);
  return {
    id: rule.id,
    client: rule.clientId ? { id: rule.clientId, name: rule.clientName ?? '' } : null,
    name: rule.name,
    descriptionContains: rule.descriptionContains,
    kind: rule.kind,
    direction: rule.direction,
    reasonCode: rule.reasonCode,
    account: rule.account,
    amountToleranceMinor: rule.amountToleranceMinor,
    dateToleranceDays: rule.dateToleranceDays,
    active: rule.active,
    abilities: { update: abilities.update, delete: abilities.delete },
    version: rule.version,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}

/** The audit record of a rule: its fields, without timestamps. */
export function ruleRecord(rule: Omit<RuleWithClient, 'clientName'>): Record<string, unknown> {
  return {
    clientId: rule.clientId,
    name: rule.name,
    descriptionContains: rule.descriptionContains,
    kind: rule.kind,
    direction: rule.direction,
    reasonCode: rule.reasonCode,
    account: rule.account,
    amountToleranceMinor: rule.amountToleranceMinor,
    dateToleranceDays: rule.dateToleranceDays,
    active: rule.active,
  };
}
