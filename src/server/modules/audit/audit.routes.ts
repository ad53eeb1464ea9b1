import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPageDtoSchema, AuditQuerySchema } from '../../../shared/audit';
import { listAuditEvents } from './audit.service';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-events',
    {
      config: { policy: 'firm.readAuditLog' },
      schema: { tags: ['audit'], summary: 'The audit log, newest first, filtered by person, client, action and date', querystring: AuditQuerySchema, response: { 200: AuditPageDtoSchema } },
    },
    async (request) => listAuditEvents(request.ctx, request.query),
  );
};
