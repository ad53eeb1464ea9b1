import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from './db/database';
import type { FileStorage } from './storage/file-storage';
import multipart from '@fastify/multipart';
import type { RequestContext } from './context';
import { installErrorHandler } from './errors';
import { installAuthentication } from './modules/auth/authentication';
import type { Authenticated } from './modules/auth/session.service';
import type { RoutePolicy } from './policies';
import { authRoutes } from './modules/auth/auth.routes';
import { healthRoutes } from './modules/health/health.routes';
import { clientsRoutes } from './modules/clients/clients.routes';
import { usersRoutes } from './modules/users/users.routes';
import { invitationsRoutes } from './modules/users/invitations.routes';
import { firmRoutes } from './modules/firm/firm.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { tasksRoutes } from './modules/tasks/tasks.routes';
import { documentsRoutes } from './modules/documents/documents.routes';
import { spotChecksRoutes } from './modules/spot-checks/spot-checks.routes';
import { savedViewsRoutes } from './modules/saved-views/saved-views.routes';
import { taskStreamRoutes } from './modules/tasks/task-stream.routes';
import { workflowsRoutes } from './modules/workflows/workflows.routes';
import { servicesRoutes } from './modules/services/services.routes';
import { bankAccountsRoutes } from './modules/bank-accounts/bank-accounts.routes';
import { importsRoutes } from './modules/imports/imports.routes';
import { importPresetsRoutes } from './modules/imports/import-presets.routes';
import { jobsRoutes } from './modules/jobs/jobs.routes';
import { reconciliationsRoutes } from './modules/reconciliations/reconciliations.routes';
import { reconciliationRulesRoutes } from './modules/reconciliation-rules/reconciliation-rules.routes';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which policy guards the route: `public`, or the `resource.action` a policy decides. */
    policy?: RoutePolicy;
    /** Reachable while a person who must enrol MFA has not done so yet. */
    allowDuringMfaEnrolment?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    auth: Authenticated | null;
  }
}

export interface AppOptions {
  database: Database;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Where the built web bundle lives; served with an SPA fallback when present. */
  webRoot?: string;
  secureCookies?: 'auto' | 'always' | 'never';
  trustProxy?: boolean;
  /** Where uploads are kept; required for routes that store files. */
  files?: FileStorage;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy | undefined;
}

/** Builds the HTTP app without listening: main.ts listens, tests use `app.inject()`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance & { routesTable: RegisteredRoute[] }> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a cross-site HTML form can post text/plain, never application/json.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);

  const routesTable: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) {
      return;
    }
    const policy = route.config?.policy;
    if (!policy) {
      throw new Error(`Route ${methods.join(',')} ${route.url} has no policy tag (config.policy)`);
    }
    for (const method of methods) {
      if (method !== 'HEAD') {
        routesTable.push({ method, url: route.url, policy });
      }
    }
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 25 * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: options.secureCookies === 'always' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tickmark API', version: '1', description: 'Recurring accounting work with preparer/reviewer separation and audit evidence.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tm_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installAuthentication(app, {
    db: options.database.db,
    now: options.now ?? (() => new Date()),
    secureCookies: options.secureCookies ?? 'auto',
    files: options.files ?? null,
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { database: options.database });
      await api.register(authRoutes, { secureCookies: options.secureCookies ?? 'auto' });
      await api.register(clientsRoutes);
      await api.register(usersRoutes);
      await api.register(invitationsRoutes);
      await api.register(firmRoutes);
      await api.register(auditRoutes);
      await api.register(tasksRoutes);
      await api.register(documentsRoutes);
      await api.register(spotChecksRoutes);
      await api.register(savedViewsRoutes);
      await api.register(taskStreamRoutes);
      await api.register(workflowsRoutes);
      await api.register(servicesRoutes);
      await api.register(bankAccountsRoutes);
      await api.register(importsRoutes);
      await api.register(importPresetsRoutes);
      await api.register(jobsRoutes);
      await api.register(reconciliationsRoutes);
      await api.register(reconciliationRulesRoutes);
    },
    { prefix: '/api' },
  );

  if (options.webRoot && fs.existsSync(path.join(options.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: options.webRoot, wildcard: false, index: false });
    const indexHtml = fs.readFileSync(path.join(options.webRoot, 'index.html'), 'utf8');
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/')) {
        return reply.callNotFound();
      }
      const file = path.join(options.webRoot ?? '', path.normalize(url));
      if (url !== '/' && file.startsWith(options.webRoot ?? '') && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(path.relative(options.webRoot ?? '', file));
      }
      return reply.type('text/html').header('cache-control', 'no-store').send(indexHtml);
    });
  }

  await app.ready();
  return Object.assign(app, { routesTable });
}
