import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../context';
import { ForbiddenError } from '../../errors';
import { seesAllClients } from '../../policies/client.policy';
import { taskEvents } from '../../events/task-events';
import { SESSION_COOKIE } from '../auth/authentication';
import { authenticate } from '../auth/session.service';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/tracker/events`: server-sent events for everyone looking at the tracker. Each change
 * to a task the viewer may see arrives as one `task` event within milliseconds of its commit;
 * the page then refetches what it shows. A comment line every 15 s keeps proxies from closing it.
 */
export const taskStreamRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tracker/events',
    { config: { policy: 'task.read' }, schema: { tags: ['tasks'], summary: 'Live task changes (text/event-stream)', produces: ['text/event-stream'] } },
    (request, reply) => {
      const actor = requireActor(request.ctx);
      if (actor.role === 'client') {
        throw new ForbiddenError('The tracker is for the firm’s staff.'); // as GET /tasks: client users never see task changes
      }
      let visibleAll = seesAllClients(actor);
      let clientIds = new Set(actor.clientIds);
      const token = request.cookies[SESSION_COOKIE] ?? '';
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write(`retry: 3000\n: connected\n\n`);
      const unsubscribe = taskEvents.subscribe((change) => {
        if (change.firmId !== actor.firmId || (!visibleAll && !clientIds.has(change.clientId))) {
          return;
        }
        res.write(`event: task\ndata: ${JSON.stringify({ taskId: change.taskId, status: change.status, version: change.version, type: change.type, actorId: change.actorId })}\n\n`);
      });
      // Each heartbeat re-checks the session: a sign-out, deactivation or lost assignment ends or
      // narrows the stream within one interval, as the next request would.
      const heartbeat = setInterval(() => {
        authenticate(request.ctx.db, token, request.ctx.now())
          .then((auth) => {
            if (!auth) {
              res.end();
              return;
            }
            visibleAll = seesAllClients(auth.actor);
            clientIds = new Set(auth.actor.clientIds);
            res.write(': keep-alive\n\n');
          })
          .catch(() => res.end()); // a failed check closes the stream; the browser reconnects and re-authenticates
      }, HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
};
