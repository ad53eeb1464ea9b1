import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/common';
import { SetClientAccessBodySchema, UpdateUserBodySchema, UserDtoSchema, UserListDtoSchema, UserListQuerySchema } from '../../../shared/users';
import { requireActor } from '../../context';
import { presentUser } from './users.presenter';
import { changeAccount, getUser, listUsers, setClientAccess, updateUser, type AccountAction } from './users.service';

const tags = ['users'];

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    { config: { policy: 'firm.readUsers' }, schema: { tags, summary: 'People of the firm', querystring: UserListQuerySchema, response: { 200: UserListDtoSchema } } },
    async (request) => {
      const rows = await listUsers(request.ctx, request.query);
      const actor = requireActor(request.ctx);
      return { items: rows.map((r) => presentUser(actor, r, request.ctx.now())), total: rows.length };
    },
  );

  app.get(
    '/users/:id',
    { config: { policy: 'user.read' }, schema: { tags, summary: 'One person', params: IdParamsSchema, response: { 200: UserDtoSchema } } },
    async (request) => presentUser(requireActor(request.ctx), await getUser(request.ctx, request.params.id), request.ctx.now()),
  );

  app.patch(
    '/users/:id',
    {
      config: { policy: 'user.update' },
      schema: { tags, summary: 'Edit name, time zone or role (send the version you read)', params: IdParamsSchema, body: UpdateUserBodySchema, response: { 200: UserDtoSchema } },
    },
    async (request) => presentUser(requireActor(request.ctx), await updateUser(request.ctx, request.params.id, request.body), request.ctx.now()),
  );

  app.put(
    '/users/:id/client-access',
    {
      config: { policy: 'user.manageAccess' },
      schema: { tags, summary: 'Set the clients a person may see', params: IdParamsSchema, body: SetClientAccessBodySchema, response: { 200: UserDtoSchema } },
    },
    async (request) => presentUser(requireActor(request.ctx), await setClientAccess(request.ctx, request.params.id, request.body), request.ctx.now()),
  );

  const actions: Array<[string, AccountAction, string]> = [
    ['deactivation', 'deactivate', 'Deactivate an account (its sessions end at once)'],
    ['reactivation', 'reactivate', 'Reactivate an account'],
    ['mfa-reset', 'resetMfa', 'Reset two-step verification (the person enrols again)'],
    ['unlock', 'unlock', 'Unlock an account locked by failed sign-ins'],
  ];
  for (const [path, action, summary] of actions) {
    app.post(
      `/users/:id/${path}`,
      { config: { policy: `user.${action}` }, schema: { tags, summary, params: IdParamsSchema, response: { 200: UserDtoSchema } } },
      async (request) => presentUser(requireActor(request.ctx), await changeAccount(request.ctx, request.params.id, action), request.ctx.now()),
    );
  }
};
