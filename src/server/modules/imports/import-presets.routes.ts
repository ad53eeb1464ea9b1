import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, ProblemSchema } from '../../../shared/common';
import { CreateImportPresetBodySchema, ImportPresetDtoSchema, ImportPresetListDtoSchema, ImportPresetListQuerySchema } from '../../../shared/bank-accounts';
import { createPreset, deletePreset, listPresets } from './import-presets.service';

const tags = ['imports'];

export const importPresetsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/import-presets',
    {
      config: { policy: 'importPreset.read' },
      schema: { tags, summary: 'The firm’s saved CSV column mappings, by name', querystring: ImportPresetListQuerySchema, response: { 200: ImportPresetListDtoSchema } },
    },
    async (request) => ({ items: await listPresets(request.ctx, request.query.side) }),
  );

  app.post(
    '/import-presets',
    {
      config: { policy: 'importPreset.create' },
      schema: { tags, summary: 'Save a confirmed CSV column mapping under a name (for a bank, or a ledger export)', body: CreateImportPresetBodySchema, response: { 201: ImportPresetDtoSchema, 409: ProblemSchema } },
    },
    async (request, reply) => reply.status(201).send(await createPreset(request.ctx, request.body)),
  );

  app.delete(
    '/import-presets/:id',
    { config: { policy: 'importPreset.delete' }, schema: { tags, summary: 'Delete a saved CSV column mapping', params: IdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deletePreset(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
