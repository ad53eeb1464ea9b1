import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/common';
import {
  CreateReconciliationRuleBodySchema,
  DeleteReconciliationRuleQuerySchema,
  ReconciliationRuleDtoSchema,
  ReconciliationRuleListDtoSchema,
  ReconciliationRuleListQuerySchema,
  UpdateReconciliationRuleBodySchema,
} from '../../../shared/reconciliation';
import { requireActor } from '../../context';
import { canCreateReconciliationRule } from '../../policies/reconciliation-rule.policy';
import { presentRule } from './reconciliation-rules.presenter';
import { createRule, deleteRule, listRules, updateRule } from './reconciliation-rules.service';

const tags = ['reconciliation rules'];

export const reconciliationRulesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reconciliation-rules',
    {
      config: { policy: 'reconciliation_rule.read' },
      schema: { tags, summary: 'Matching rules: firm-wide and per client (staff read; admins and partners change)', querystring: ReconciliationRuleListQuerySchema, response: { 200: ReconciliationRuleListDtoSchema } },
    },
    async (request) => {
      const actor = requireActor(request.ctx);
      const rules = await listRules(request.ctx, request.query);
      return { items: rules.map((r) => presentRule(actor, r)), abilities: { create: canCreateReconciliationRule(actor, null) } };
    },
  );

  app.post(
    '/reconciliation-rules',
    { config: { policy: 'reconciliation_rule.create' }, schema: { tags, summary: 'Add a matching rule', body: CreateReconciliationRuleBodySchema, response: { 201: ReconciliationRuleDtoSchema } } },
    async (request, reply) => {
      const rule = await createRule(request.ctx, request.body);
      return reply.status(201).send(presentRule(requireActor(request.ctx), rule));
    },
  );

  app.patch(
    '/reconciliation-rules/:id',
    { config: { policy: 'reconciliation_rule.update' }, schema: { tags, summary: 'Change a matching rule (the version you read)', params: IdParamsSchema, body: UpdateReconciliationRuleBodySchema, response: { 200: ReconciliationRuleDtoSchema } } },
    async (request) => presentRule(requireActor(request.ctx), await updateRule(request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/reconciliation-rules/:id',
    { config: { policy: 'reconciliation_rule.delete' }, schema: { tags, summary: 'Delete a matching rule (the version you read)', params: IdParamsSchema, querystring: DeleteReconciliationRuleQuerySchema } },
    async (request, reply) => {
      await deleteRule(request.ctx, request.params.id, request.query.version);
      return reply.status(204).send();
    },
  );
};
