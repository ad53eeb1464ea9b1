import { requireActor, type RequestContext } from '../../context';
import type { Db, Trx } from '../../db/database';
import { recordAudit } from '../../audit/record-audit';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { seesAllClients } from '../../policies/client.policy';
import { canCreateReconciliationRule, canReadReconciliationRules, reconciliationRuleAbilities } from '../../policies/reconciliation-rule.policy';
import type { MatchRule } from '../../../domain/reconciliation/matching/types';
import type { CreateReconciliationRuleBody, UpdateReconciliationRuleBody } from '../../../shared/reconciliation';
import { ruleRecord } from './reconciliation-rules.presenter';
import * as repo from './reconciliation-rules.repository';

/** The rules the actor may see: firm-wide ones and those of their clients (optionally one client's). */
export async function listRules(ctx: RequestContext, query: { clientId?: string | undefined }): Promise<repo.RuleWithClient[]> {
  const actor = requireActor(ctx);
  if (!canReadReconciliationRules(actor)) {
    throw new ForbiddenError('Matching rules are for the firm’s staff.');
  }
  return repo.listRules(ctx.db, actor.firmId, { clientIds: seesAllClients(actor) ? null : [...actor.clientIds], clientId: query.clientId });
}

/** Admins and partners add a rule for the whole firm, or for one client they see. */
export async function createRule(ctx: RequestContext, body: CreateReconciliationRuleBody): Promise<repo.RuleWithClient> {
  const actor = requireActor(ctx);
  const clientId = body.clientId ?? null;
  if (!canCreateReconciliationRule(actor, clientId)) {
    throw new ForbiddenError('Only an admin or a partner changes matching rules.');
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (clientId && !(await repo.findClient(trx, actor.firmId, clientId))) {
      throw new ValidationError('That client does not exist.', [{ path: 'clientId', message: 'is not a client of this firm' }]);
    }
    const now = ctx.now();
    const rule = await repo.insertRule(trx, {
      id: newId(),
      firmId: actor.firmId,
      clientId,
      name: body.name,
      descriptionContains: body.descriptionContains,
      kind: body.kind,
      direction: body.direction ?? 'any',
      reasonCode: body.reasonCode,
      account: body.account ?? null,
      amountToleranceMinor: body.amountToleranceMinor ?? null,
      dateToleranceDays: body.dateToleranceDays ?? null,
      active: body.active ?? true,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, actor.firmId, { type: 'reconciliation_rule.changed', subjectType: 'reconciliation_rule', data: { before: null, after: ruleRecord(rule) } }, { id: rule.id, clientId });
    return loadOrThrow(trx, actor.firmId, rule.id);
  });
}

export async function updateRule(ctx: RequestContext, id: string, body: UpdateReconciliationRuleBody): Promise<repo.RuleWithClient> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const rule = await loadForChange(ctx, trx, id, 'update', body.version);
    const { version, ...fields } = body;
    const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const next = { ...rule, ...patch };
    if (next.kind === 'tolerance' && next.amountToleranceMinor === null) {
      throw new ValidationError('A tolerance rule needs an amount tolerance.', [{ path: 'amountToleranceMinor', message: 'is required for a tolerance rule' }]);
    }
    const updated = await repo.updateRule(trx, actor.firmId, id, version, { ...patch, updatedAt: ctx.now() });
    if (!updated) {
      throw new StaleVersionError('rule');
    }
    await recordAudit(trx, ctx, actor.firmId, { type: 'reconciliation_rule.changed', subjectType: 'reconciliation_rule', data: { before: ruleRecord(rule), after: ruleRecord(updated) } }, { id, clientId: rule.clientId });
    return loadOrThrow(trx, actor.firmId, id);
  });
}

export async function deleteRule(ctx: RequestContext, id: string, version: number): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const rule = await loadForChange(ctx, trx, id, 'delete', version);
    if (!(await repo.deleteRule(trx, actor.firmId, id, version))) {
      throw new StaleVersionError('rule');
    }
    await recordAudit(trx, ctx, actor.firmId, { type: 'reconciliation_rule.changed', subjectType: 'reconciliation_rule', data: { before: ruleRecord(rule), after: null } }, { id, clientId: rule.clientId });
  });
}

/** The active rules that apply to a client's reconciliations (its own and the firm-wide ones), for the matcher. */
export async function loadActiveMatchRules(db: Db | Trx, firmId: string, clientId: string): Promise<MatchRule[]> {
  const rules = await repo.listRules(db, firmId, { clientIds: null, clientId, activeOnly: true });
  return rules.map((r) => ({
    id: r.id,
    name: r.name,
    descriptionContains: r.descriptionContains,
    kind: r.kind,
    direction: r.direction,
    reasonCode: r.reasonCode,
    account: r.account,
    ...(r.amountToleranceMinor !== null ? { amountToleranceMinor: r.amountToleranceMinor } : {}),
    ...(r.dateToleranceDays !== null ? { dateToleranceDays: r.dateToleranceDays } : {}),
  }));
}

async function loadForChange(ctx: RequestContext, trx: Trx, id: string, action: 'update' | 'delete', version: number): Promise<repo.RuleWithClient> {
  const actor = requireActor(ctx);
  const rule = await repo.findRule(trx, actor.firmId, id, true);
  if (!rule) {
    throw new NotFoundError('rule');
  }
  const abilities = reconciliationRuleAbilities(actor, rule);
  readableOrNotFound(abilities, 'rule');
  authorize(abilities, action, 'Only an admin or a partner changes matching rules.');
  if (rule.version !== version) {
    throw new StaleVersionError('rule');
  }
  return rule;
}

async function loadOrThrow(trx: Trx, firmId: string, id: string): Promise<repo.RuleWithClient> {
  const rule = await repo.findRule(trx, firmId, id);
  if (!rule) {
    throw new NotFoundError('rule');
  }
  return rule;
}
