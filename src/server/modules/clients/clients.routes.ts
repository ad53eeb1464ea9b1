import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/common';
import { ClientDtoSchema, ClientListDtoSchema, ClientListQuerySchema, CreateClientBodySchema, UpdateClientBodySchema } from '../../../shared/clients';
import { requireActor } from '../../context';
import { presentClient } from './clients.presenter';
import { createClient, getClient, listClients, updateClient } from './clients.service';

const tags = ['clients'];

export const clientsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/clients',
    { config: { policy: 'client.read' }, schema: { tags, summary: 'Clients you may see', querystring: ClientListQuerySchema, response: { 200: ClientListDtoSchema } } },
    async (request) => {
      const items = await listClients(request.ctx, request.query);
      const actor = requireActor(request.ctx);
      return { items: items.map((c) => presentClient(actor, c)), total: items.length };
    },
  );

  app.post(
    '/clients',
    { config: { policy: 'firm.manageClients' }, schema: { tags, summary: 'Add a client', body: CreateClientBodySchema, response: { 201: ClientDtoSchema } } },
    async (request, reply) => {
      const created = await createClient(request.ctx, request.body);
      return reply.status(201).send(presentClient(requireActor(request.ctx), created));
    },
  );

  app.get(
    '/clients/:id',
    { config: { policy: 'client.read' }, schema: { tags, summary: 'One client', params: IdParamsSchema, response: { 200: ClientDtoSchema } } },
    async (request) => presentClient(requireActor(request.ctx), await getClient(request.ctx, request.params.id)),
  );

  app.patch(
    '/clients/:id',
    {
      config: { policy: 'client.update' },
      schema: { tags, summary: 'Edit a client (send the version you read)', params: IdParamsSchema, body: UpdateClientBodySchema, response: { 200: ClientDtoSchema } },
    },
    async (request) => presentClient(requireActor(request.ctx), await updateClient(request.ctx, request.params.id, request.body)),
  );
};
