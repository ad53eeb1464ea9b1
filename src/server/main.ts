import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { systemContext } from './context';
import { maintainDatabase, openDatabase, type Database } from './db/database';
import { migrateToLatest } from './db/migrate';
import { DEMO_FIRM_NAME, demoLoginsFromPeople, isDatabaseEmpty, seedDemoFirm, type DemoLogin } from './db/seed-demo';
import { readEnv, type Env } from './env';
import { writeCheckpoint } from './audit/verify-audit';
import { newSecret } from './ids';
import { localFileStorage, type FileStorage } from './storage/file-storage';
import { generateTasks } from './modules/services/task-generation';
import { JOB_HANDLERS } from './jobs/handlers';
import { startJobRunner } from './jobs/job-runner';
import { withFileStreams } from './statements/stored-files';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHECKPOINT_EVERY_MS = 5 * 60_000;

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite under the data folder. */
export async function openConfiguredDatabase(env: Env): Promise<Database> {
  if (env.DATABASE_URL) {
    return openDatabase({ databaseUrl: env.DATABASE_URL });
  }
  fs.mkdirSync(env.dataDir, { recursive: true });
  return openDatabase({ dataDir: path.join(env.dataDir, 'pglite') });
}

export function checkpointFile(env: Env): string {
  return path.join(env.dataDir, 'audit-checkpoints.jsonl');
}

/**
 * `tickmark serve`: migrate, seed the demo firm into an empty database, listen, and write audit
 * checkpoints every few minutes and at shutdown. SIGINT/SIGTERM close the server gracefully.
 */
export async function serve(env: Env = readEnv()): Promise<void> {
  const database = await openConfiguredDatabase(env);
  await migrateToLatest(database.db);
  const filesRoot = path.join(env.dataDir, 'files');
  const files = withFileStreams(localFileStorage(filesRoot), filesRoot);
  const logins = await seedIfEmpty(database, env, files);

  const app = await buildApp({
    database,
    webRoot: path.join(projectRoot, 'dist', 'web'),
    files,
    secureCookies: env.TICKMARK_SECURE_COOKIES,
    logger: {
      level: env.LOG_LEVEL,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
  });
  await app.listen({ port: env.PORT, host: env.HOST });
  // Background jobs (imports, matching) run in this process; other processes may run their own.
  const jobRunner = startJobRunner({ db: database.db, handlers: JOB_HANDLERS, log: app.log, files });
  const url = `http://localhost:${env.PORT}`;
  printBanner(url, database.kind, logins);

  fs.mkdirSync(env.dataDir, { recursive: true });
  const timer = setInterval(() => {
    writeCheckpoint(database.db, checkpointFile(env)).catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed'));
  }, CHECKPOINT_EVERY_MS);
  timer.unref();

  // Recurring work: create the tasks of periods that have ended, now and every hour (idempotent).
  const createDueTasks = async () => {
    const firms = await database.db.selectFrom('firms').select('id').execute();
    const ctx = systemContext(database.db);
    for (const firm of firms) {
      const result = await database.db.transaction().execute((trx) => generateTasks(trx, ctx, firm.id, new Date().toISOString().slice(0, 10)));
      if (result.created > 0) {
        app.log.info({ firmId: firm.id, created: result.created }, 'recurring tasks created');
      }
    }
  };
  const hourly = async () => {
    await createDueTasks();
    await maintainDatabase(database);
  };
  await hourly().catch((err: unknown) => app.log.error({ err }, 'hourly jobs failed'));
  const generationTimer = setInterval(() => {
    hourly().catch((err: unknown) => app.log.error({ err }, 'hourly jobs failed'));
  }, 3_600_000);
  generationTimer.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(timer);
    clearInterval(generationTimer);
    await app.close();
    await jobRunner.stop();
    await writeCheckpoint(database.db, checkpointFile(env)).catch((err: unknown) => app.log.error({ err }, 'audit checkpoint failed'));
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** On an empty database, seeds the demo firm; the password is TICKMARK_DEMO_PASSWORD or a generated one kept in the data folder. */
async function seedIfEmpty(database: Database, env: Env, files: FileStorage): Promise<{ logins: DemoLogin[]; password: string | null }> {
  const passwordFile = path.join(env.dataDir, 'demo-password.txt');
  if (!(await isDatabaseEmpty(database.db))) {
    const known = env.TICKMARK_DEMO_PASSWORD ?? (fs.existsSync(passwordFile) ? fs.readFileSync(passwordFile, 'utf8').trim() : null);
    return { logins: demoLoginsFromPeople(), password: known };
  }
  const password = env.TICKMARK_DEMO_PASSWORD ?? newSecret(15);
  if (!env.TICKMARK_DEMO_PASSWORD) {
    fs.mkdirSync(env.dataDir, { recursive: true });
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const logins = await seedDemoFirm({ ...systemContext(database.db), files }, password);
  return { logins, password };
}

function printBanner(url: string, kind: string, demo: { logins: DemoLogin[]; password: string | null }): void {
  const lines = [
    '',
    `  Tickmark is running at ${url}  (database: ${kind})`,
    '',
    `  Demo firm: ${DEMO_FIRM_NAME}`,
    `  Password for every demo login: ${demo.password ?? '(set when the demo was seeded; see TICKMARK_DEMO_PASSWORD)'}`,
    '',
    ...demo.logins.map((l) => `    ${l.role.padEnd(9)} ${l.email.padEnd(38)} ${l.role === 'admin' ? 'all clients' : l.clients.join(', ')}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
