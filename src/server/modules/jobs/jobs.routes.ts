import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, ProblemSchema } from '../../../shared/common';
import { JobDtoSchema } from '../../../shared/jobs';
import { requireActor } from '../../context';
import { presentJob } from './jobs.presenter';
import { cancelJob, getJob } from './jobs.service';

const tags = ['jobs'];

export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/jobs/:id',
    {
      config: { policy: 'job.read' },
      schema: { tags, summary: 'A background job: status, phase, progress, result or the one-line error', params: IdParamsSchema, response: { 200: JobDtoSchema } },
    },
    async (request) => {
      const { job, creatorName } = await getJob(request.ctx, request.params.id);
      return presentJob(requireActor(request.ctx), job, creatorName);
    },
  );

  app.post(
    '/jobs/:id/cancel',
    {
      config: { policy: 'job.cancel' },
      schema: {
        tags,
        summary: 'Cancel a job: a queued job at once, a running one between two chunks of its work (its work is rolled back)',
        params: IdParamsSchema,
        response: { 200: JobDtoSchema, 409: ProblemSchema },
      },
    },
    async (request) => {
      const { job, creatorName } = await cancelJob(request.ctx, request.params.id);
      return presentJob(requireActor(request.ctx), job, creatorName);
    },
  );
};
