import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema } from '../../../shared/common';
import { CreateSavedViewBodySchema, SavedViewListDtoSchema, SavedViewSchema } from '../../../shared/spot-checks';
import { requireActor } from '../../context';
import { recordAudit } from '../../audit/record-audit';
import { NotFoundError } from '../../errors';
import { newId } from '../../ids';
import { readableOrNotFound } from '../../policies';
import { savedViewAbilities } from '../../policies/spot-check.policy';
import * as repo from './saved-views.repository';

const tags = ['tasks'];

/** A person's saved tracker views (named filter sets). Small enough to keep the use cases here. */
export const savedViewsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/saved-views', { config: { policy: 'saved_view.read' }, schema: { tags, summary: 'Your saved tracker views', response: { 200: SavedViewListDtoSchema } } }, async (request) => {
    const actor = requireActor(request.ctx);
    const rows = await repo.listViews(request.ctx.db, actor.firmId, actor.userId);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, query: r.query })) };
  });

  app.post('/saved-views', { config: { policy: 'saved_view.create' }, schema: { tags, summary: 'Save the current filters under a name', body: CreateSavedViewBodySchema, response: { 200: SavedViewSchema } } }, async (request) => {
    const actor = requireActor(request.ctx);
    const row = await request.ctx.db.transaction().execute(async (trx) => {
      const saved = await repo.upsertView(trx, { id: newId(), firmId: actor.firmId, userId: actor.userId, name: request.body.name, query: request.body.query });
      await recordAudit(trx, request.ctx, actor.firmId, { type: 'saved_view.changed', subjectType: 'saved_view', data: { name: saved.name, deleted: false } }, { id: saved.id });
      return saved;
    });
    return { id: row.id, name: row.name, query: row.query };
  });

  app.delete('/saved-views/:id', { config: { policy: 'saved_view.delete' }, schema: { tags, summary: 'Delete a saved view', params: IdParamsSchema, response: { 204: z.null() } } }, async (request, reply) => {
    const actor = requireActor(request.ctx);
    await request.ctx.db.transaction().execute(async (trx) => {
      const view = await repo.findView(trx, actor.firmId, request.params.id);
      if (!view) {
        throw new NotFoundError('saved view');
      }
      readableOrNotFound(savedViewAbilities(actor, view), 'saved view');
      await repo.deleteView(trx, actor.firmId, view.id);
      await recordAudit(trx, request.ctx, actor.firmId, { type: 'saved_view.changed', subjectType: 'saved_view', data: { name: view.name, deleted: true } }, { id: view.id });
    });
    return reply.status(204).send(null);
  });
};
