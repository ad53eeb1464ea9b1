import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/common';
import {
  CreateServiceBodySchema,
  GenerateTasksBodySchema,
  GenerateTasksDtoSchema,
  HolidaysDtoSchema,
  PutHolidaysBodySchema,
  ServiceDtoSchema,
  ServiceListDtoSchema,
  ServiceListQuerySchema,
  UpdateServiceBodySchema,
} from '../../../shared/workflows';
import { createService, getHolidays, listServices, runTaskGeneration, setHolidays, updateService } from './services.service';

const tags = ['services'];

export const servicesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/services', { config: { policy: 'service.read' }, schema: { tags, summary: 'Recurring services (client × workflow × schedule)', querystring: ServiceListQuerySchema, response: { 200: ServiceListDtoSchema } } }, async (request) => ({
    items: await listServices(request.ctx, request.query.clientId),
  }));

  app.post('/services', { config: { policy: 'service.manage' }, schema: { tags, summary: 'Subscribe a client to a workflow on a schedule', body: CreateServiceBodySchema, response: { 201: ServiceDtoSchema } } }, async (request, reply) =>
    reply.status(201).send(await createService(request.ctx, request.body)),
  );

  app.patch('/services/:id', { config: { policy: 'service.manage' }, schema: { tags, summary: 'Change a service (send the version you read)', params: IdParamsSchema, body: UpdateServiceBodySchema, response: { 200: ServiceDtoSchema } } }, async (request) =>
    updateService(request.ctx, request.params.id, request.body),
  );

  app.post('/task-generation', { config: { policy: 'service.manage' }, schema: { tags, summary: 'Create the tasks of every ended period (idempotent)', body: GenerateTasksBodySchema, response: { 200: GenerateTasksDtoSchema } } }, async (request) =>
    runTaskGeneration(request.ctx, request.body.asOf),
  );

  app.get('/holidays', { config: { policy: 'service.read' }, schema: { tags, summary: 'The firm’s holiday calendar (for business-day due dates)', response: { 200: HolidaysDtoSchema } } }, async (request) => ({
    holidays: await getHolidays(request.ctx),
  }));

  app.put('/holidays', { config: { policy: 'firm.manageSettings' }, schema: { tags, summary: 'Replace the holiday calendar', body: PutHolidaysBodySchema, response: { 200: HolidaysDtoSchema } } }, async (request) => ({
    holidays: await setHolidays(request.ctx, request.body.holidays),
  }));
};
