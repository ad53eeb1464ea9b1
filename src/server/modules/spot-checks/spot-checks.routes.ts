import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdSchema } from '../../../shared/common';
import { ConcludeSpotCheckBodySchema, DrawSpotCheckBodySchema, SpotCheckDtoSchema, SpotCheckQuerySchema } from '../../../shared/spot-checks';
import { concludeSpotCheckItem, drawSpotCheck, getSpotCheck } from './spot-checks.service';

const tags = ['spot-checks'];

export const spotChecksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/spot-checks', { config: { policy: 'spot_check.read' }, schema: { tags, summary: 'A month’s partner spot-check sample and results', querystring: SpotCheckQuerySchema, response: { 200: SpotCheckDtoSchema } } }, async (request) =>
    getSpotCheck(request.ctx, request.query.month),
  );

  app.post('/spot-checks', { config: { policy: 'spot_check.draw' }, schema: { tags, summary: 'Draw the month’s reproducible, risk-weighted sample', body: DrawSpotCheckBodySchema, response: { 200: SpotCheckDtoSchema } } }, async (request) =>
    drawSpotCheck(request.ctx, request.body.month),
  );

  app.post(
    '/spot-checks/:id/items/:itemId/conclusion',
    {
      config: { policy: 'spot_check.conclude' },
      schema: { tags, summary: 'Record pass or findings (findings reopen the task)', params: z.object({ id: IdSchema, itemId: IdSchema }).strict(), body: ConcludeSpotCheckBodySchema, response: { 200: SpotCheckDtoSchema } },
    },
    async (request) => concludeSpotCheckItem(request.ctx, request.params.id, request.params.itemId, request.body),
  );
};
