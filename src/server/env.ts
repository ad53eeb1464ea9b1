import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  TICKMARK_DATA_DIR: z.string().default('data'),
  TICKMARK_DEMO_PASSWORD: z.string().optional(),
  TICKMARK_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  TICKMARK_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema> & { dataDir: string };

/** Parses process.env once at start-up and fails fast with every problem named. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set" (as in `DATABASE_URL= tickmark serve`).
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.TICKMARK_DATA_DIR) };
}
