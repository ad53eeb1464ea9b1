import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase, type Database } from '../../db/database';
import { currentMigration } from '../../db/migrate';

const HealthDtoSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  migration: z.string(),
});

/** `GET /api/health`: a fixed point scripts rely on (SPEC 3). Answers only when the database does. */
export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/health',
    {
      config: { policy: 'public' },
      schema: { tags: ['health'], summary: 'Liveness, database kind and migration level', response: { 200: HealthDtoSchema } },
    },
    async () => {
      await pingDatabase(database.db);
      const migration = await currentMigration(database.db);
      return { status: 'ok' as const, database: database.kind, migration: migration ?? 'none' };
    },
  );
};
