import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/common';
import { NewChecklistVersionBodySchema, WorkflowDtoSchema, WorkflowListDtoSchema } from '../../../shared/workflows';
import { createChecklistVersion, getWorkflow, listWorkflows } from './workflows.service';

const tags = ['workflows'];

export const workflowsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workflows', { config: { policy: 'workflow.read' }, schema: { tags, summary: 'Workflow templates with their current checklist', response: { 200: WorkflowListDtoSchema } } }, async (request) => ({
    items: await listWorkflows(request.ctx),
  }));

  app.get('/workflows/:id', { config: { policy: 'workflow.read' }, schema: { tags, summary: 'One workflow template', params: IdParamsSchema, response: { 200: WorkflowDtoSchema } } }, async (request) =>
    getWorkflow(request.ctx, request.params.id),
  );

  app.post(
    '/workflows/:id/checklist-versions',
    { config: { policy: 'workflow.manage' }, schema: { tags, summary: 'Publish a new checklist version (started tasks keep theirs)', params: IdParamsSchema, body: NewChecklistVersionBodySchema, response: { 200: WorkflowDtoSchema } } },
    async (request) => createChecklistVersion(request.ctx, request.params.id, request.body),
  );
};
