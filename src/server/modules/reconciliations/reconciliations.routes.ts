import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/common';
import {
  AcceptSuggestionBodySchema,
  CreateMatchBodySchema,
  CreateReconciliationBodySchema,
  ItemNoteBodySchema,
  ItemParamsSchema,
  MatchChangedDtoSchema,
  MatchParamsSchema,
  MatchRunAcceptedDtoSchema,
  ReconciliationDtoSchema,
  ReconciliationLinesDtoSchema,
  ReconciliationLinesQuerySchema,
  ReconciliationParamsSchema,
  RemoveMatchBodySchema,
  RuleProposalListDtoSchema,
  UpdateReconciliationBodySchema,
} from '../../../shared/reconciliation';
import { requireActor } from '../../context';
import { presentJob } from '../jobs/jobs.presenter';
import { getJob } from '../jobs/jobs.service';
import { listLines } from './lines.service';
import { acceptSuggestion, approveAdjustment, createManualMatch, documentItem, removeMatch, type MatchChange } from './manual-match.service';
import { startMatchRun } from './matching.service';
import { presentMatch, presentReconciliation } from './reconciliations.presenter';
import { createReconciliation, getReconciliation, getReconciliationOfTask, updateReconciliation } from './reconciliations.service';
import { listRuleProposals } from './rule-proposals.service';
import { generateWorkpaper, WORKPAPER_CONTENT_TYPES, type WorkpaperFormat } from './workpaper.service';

const tags = ['reconciliations'];
const changed = (change: MatchChange) => ({ match: presentMatch(change.match, change.matchLines), reconciliation: presentReconciliation(change.view) });

export const reconciliationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/tasks/:id/reconciliation',
    {
      config: { policy: 'reconciliation.create' },
      schema: { tags, summary: 'Start the reconciliation of a bank reconciliation task (as of its period end unless told)', params: IdParamsSchema, body: CreateReconciliationBodySchema, response: { 200: ReconciliationDtoSchema, 201: ReconciliationDtoSchema } },
    },
    async (request, reply) => {
      const { view, created } = await createReconciliation(request.ctx, request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(presentReconciliation(view));
    },
  );

  app.get(
    '/tasks/:id/reconciliation',
    { config: { policy: 'reconciliation.read' }, schema: { tags, summary: 'The reconciliation of a task (404 while none was started)', params: IdParamsSchema, response: { 200: ReconciliationDtoSchema } } },
    async (request) => presentReconciliation(await getReconciliationOfTask(request.ctx, request.params.id)),
  );

  app.get(
    '/reconciliations/:id',
    { config: { policy: 'reconciliation.read' }, schema: { tags, summary: 'A reconciliation: balances, proof, counts, readiness, adjustments', params: ReconciliationParamsSchema, response: { 200: ReconciliationDtoSchema } } },
    async (request) => presentReconciliation(await getReconciliation(request.ctx, request.params.id)),
  );

  app.patch(
    '/reconciliations/:id',
    {
      config: { policy: 'reconciliation.edit' },
      schema: { tags, summary: 'Change the statement date or the entered balances (draft; the version you read)', params: ReconciliationParamsSchema, body: UpdateReconciliationBodySchema, response: { 200: ReconciliationDtoSchema } },
    },
    async (request) => presentReconciliation(await updateReconciliation(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/reconciliations/:id/lines',
    {
      config: { policy: 'reconciliation.read' },
      schema: { tags, summary: 'Lines in scope on one side, filtered and paged, with matches, suggestions and notes', params: ReconciliationParamsSchema, querystring: ReconciliationLinesQuerySchema, response: { 200: ReconciliationLinesDtoSchema } },
    },
    async (request) => listLines(request.ctx, request.params.id, request.query),
  );

  app.post(
    '/reconciliations/:id/match-runs',
    { config: { policy: 'reconciliation.match' }, schema: { tags, summary: 'Run matching as a background job (poll the job)', params: ReconciliationParamsSchema, response: { 202: MatchRunAcceptedDtoSchema } } },
    async (request, reply) => {
      const job = await startMatchRun(request.ctx, request.params.id);
      const { job: row, creatorName } = await getJob(request.ctx, job.id);
      return reply.status(202).send({ job: presentJob(requireActor(request.ctx), row, creatorName) });
    },
  );

  app.post(
    '/reconciliations/:id/matches',
    {
      config: { policy: 'reconciliation.match' },
      schema: { tags, summary: 'Match lines by hand (a difference needs a reason code and becomes a proposed adjustment)', params: ReconciliationParamsSchema, body: CreateMatchBodySchema, response: { 200: MatchChangedDtoSchema, 201: MatchChangedDtoSchema } },
    },
    async (request, reply) => {
      const change = await createManualMatch(request.ctx, request.params.id, request.body);
      return reply.status(change.created ? 201 : 200).send(changed(change));
    },
  );

  app.post(
    '/reconciliations/:id/suggestions/accept',
    { config: { policy: 'reconciliation.match' }, schema: { tags, summary: 'Accept one of the matcher’s suggestions', params: ReconciliationParamsSchema, body: AcceptSuggestionBodySchema, response: { 200: MatchChangedDtoSchema, 201: MatchChangedDtoSchema } } },
    async (request, reply) => {
      const change = await acceptSuggestion(request.ctx, request.params.id, request.body);
      return reply.status(change.created ? 201 : 200).send(changed(change));
    },
  );

  app.post(
    '/reconciliations/:id/matches/:matchId/remove',
    { config: { policy: 'reconciliation.match' }, schema: { tags, summary: 'Unmatch a group, with a note saying why', params: MatchParamsSchema, body: RemoveMatchBodySchema, response: { 200: ReconciliationDtoSchema } } },
    async (request) => presentReconciliation(await removeMatch(request.ctx, request.params.id, request.params.matchId, request.body)),
  );

  app.post(
    '/reconciliations/:id/matches/:matchId/approve-adjustment',
    { config: { policy: 'reconciliation.approveAdjustment' }, schema: { tags, summary: 'Approve a proposed adjustment (a reviewer who did not prepare the task)', params: MatchParamsSchema, response: { 200: ReconciliationDtoSchema } } },
    async (request) => presentReconciliation(await approveAdjustment(request.ctx, request.params.id, request.params.matchId)),
  );

  app.put(
    '/reconciliations/:id/items/:lineId/note',
    { config: { policy: 'reconciliation.match' }, schema: { tags, summary: 'Document an uncleared item', params: ItemParamsSchema, body: ItemNoteBodySchema, response: { 200: ReconciliationDtoSchema } } },
    async (request) => presentReconciliation(await documentItem(request.ctx, request.params.id, request.params.lineId, request.body)),
  );

  app.get(
    '/reconciliations/:id/rule-proposals',
    { config: { policy: 'reconciliation.read' }, schema: { tags, summary: 'Rules the firm could add, learned from repeated manual matches', params: ReconciliationParamsSchema, response: { 200: RuleProposalListDtoSchema } } },
    async (request) => listRuleProposals(request.ctx, request.params.id),
  );

  for (const format of ['pdf', 'xlsx'] as const satisfies readonly WorkpaperFormat[]) {
    app.get(
      `/reconciliations/:id/workpaper.${format}`,
      { config: { policy: 'reconciliation.downloadWorkpaper' }, schema: { tags, summary: `The workpaper as ${format.toUpperCase()}, with the sign-offs`, params: ReconciliationParamsSchema } },
      async (request, reply) => {
        const { fileName, bytes } = await generateWorkpaper(request.ctx, request.params.id, format);
        return reply.type(WORKPAPER_CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store').send(bytes);
      },
    );
  }
};
