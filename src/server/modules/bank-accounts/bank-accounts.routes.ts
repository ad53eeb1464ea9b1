import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, ProblemSchema } from '../../../shared/common';
import { BankAccountDtoSchema, BankAccountListDtoSchema, CreateBankAccountBodySchema, UpdateBankAccountBodySchema } from '../../../shared/bank-accounts';
import { requireActor } from '../../context';
import { presentBankAccount } from './bank-accounts.presenter';
import { createBankAccount, getBankAccount, listClientBankAccounts, updateBankAccount } from './bank-accounts.service';

const tags = ['bank accounts'];

export const bankAccountsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/clients/:id/bank-accounts',
    {
      config: { policy: 'bankAccount.read' },
      schema: { tags, summary: 'A client’s bank accounts, with their latest imports and unreconciled lines', params: IdParamsSchema, response: { 200: BankAccountListDtoSchema } },
    },
    async (request) => {
      const actor = requireActor(request.ctx);
      const accounts = await listClientBankAccounts(request.ctx, request.params.id);
      return { items: accounts.map(({ account, activity }) => presentBankAccount(actor, account, activity)) };
    },
  );

  app.post(
    '/clients/:id/bank-accounts',
    {
      config: { policy: 'bankAccount.update' },
      schema: { tags, summary: 'Add a bank account to a client', params: IdParamsSchema, body: CreateBankAccountBodySchema, response: { 201: BankAccountDtoSchema, 409: ProblemSchema } },
    },
    async (request, reply) => {
      const { account, activity } = await createBankAccount(request.ctx, request.params.id, request.body);
      return reply.status(201).send(presentBankAccount(requireActor(request.ctx), account, activity));
    },
  );

  app.get(
    '/bank-accounts/:id',
    { config: { policy: 'bankAccount.read' }, schema: { tags, summary: 'One bank account with its import summary', params: IdParamsSchema, response: { 200: BankAccountDtoSchema } } },
    async (request) => {
      const { account, activity } = await getBankAccount(request.ctx, request.params.id);
      return presentBankAccount(requireActor(request.ctx), account, activity);
    },
  );

  app.patch(
    '/bank-accounts/:id',
    {
      config: { policy: 'bankAccount.update' },
      schema: { tags, summary: 'Edit a bank account (send the version you read)', params: IdParamsSchema, body: UpdateBankAccountBodySchema, response: { 200: BankAccountDtoSchema, 409: ProblemSchema } },
    },
    async (request) => {
      const { account, activity } = await updateBankAccount(request.ctx, request.params.id, request.body);
      return presentBankAccount(requireActor(request.ctx), account, activity);
    },
  );
};
