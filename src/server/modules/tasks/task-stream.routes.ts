import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../context';
import { seesAllClients } from '../../policies/client.policy';
import { taskEvents } from '../../events/task-events';

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
      const visibleAll = seesAllClients(actor);
      const clientIds = new Set(actor.clientIds);
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
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
};
