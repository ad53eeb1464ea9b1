// Temporary measurement script (not part of the project): times one large statement import job.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openDatabase } from './src/server/db/database';
import { migrateToLatest } from './src/server/db/migrate';
import { localFileStorage } from './src/server/storage/file-storage';
import { withFileStreams } from './src/server/statements/stored-files';
import { buildBankAccount, buildClient, buildFirm, buildUser } from './src/server/test/factories';
import { enqueueJob } from './src/server/jobs/job-queue';
import { runQueuedJobs } from './src/server/jobs/job-runner';
import { JOB_HANDLERS } from './src/server/jobs/handlers';
import { newId } from './src/server/ids';

const lines = Number(process.env.LINES ?? 1_000_000);
const url = process.env.DATABASE_URL;
const database = url ? await openDatabase({ databaseUrl: url }) : await openDatabase({ dataDir: 'memory://' });
await migrateToLatest(database.db);
const db = database.db;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-files-'));
const files = withFileStreams(localFileStorage(root), root);
const firm = await buildFirm(db);
const client = await buildClient(db, firm);
const account = await buildBankAccount(db, client);
const { user } = await buildUser(db, firm, { role: 'preparer', clients: [client] });

// A bank CSV of `lines` rows (signed amounts, ISO dates, varied descriptions).
const spool = path.join(root, 'big.csv');
const out = fs.createWriteStream(spool);
out.write('Date,Description,Reference,Amount\n');
for (let i = 0; i < lines; i += 1) {
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String(((i / 28 / 50) | 0) % 12 + 1).padStart(2, '0');
  const minor = ((i * 7919) % 200000) - 100000;
  const amount = `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
  if (!out.write(`2025-${month}-${day},Payment to vendor ${i % 5000} inv ${i},REF${i},${amount}\n`)) {
    await new Promise((r) => out.once('drain', r));
  }
}
await new Promise((r) => out.end(r));
const size = fs.statSync(spool).size;
const key = `${firm.id}/bench/${newId()}`;
await fs.promises.mkdir(path.join(root, path.dirname(key)), { recursive: true });
fs.renameSync(spool, path.join(root, key));

const ctx = { db, actor: { userId: user.id, firmId: firm.id, role: user.role, email: user.email, name: user.name, sessionId: 'b', clientIds: new Set([client.id]), mustEnrolMfa: false }, requestId: 'bench', ip: null, userAgent: null, now: () => new Date() };
const payload = { importId: newId(), bankAccountId: account.id, side: 'bank', documentId: newId(), storageKey: key, fileName: 'big.csv', sizeBytes: size, sha256: 'x', format: 'auto', mapping: null, ledgerPreset: null };
await db.insertInto('documents').values({ id: payload.documentId, firmId: firm.id, clientId: client.id, taskId: null, filename: 'big.csv', contentType: 'text/csv', sizeBytes: size, sha256: 'x', storageKey: key, uploadedBy: user.id }).execute();
await db.transaction().execute((trx) => enqueueJob(trx, ctx, { kind: 'statement.import', clientId: client.id, payload }));

// Meanwhile: what a request waiting for the database would see (one tiny query every 100 ms), and event-loop delay.
let maxQueryMs = 0;
let queries = 0;
let running = true;
const prober = (async () => {
  while (running) {
    const t0 = performance.now();
    await sql`select 1`.execute(db);
    maxQueryMs = Math.max(maxQueryMs, performance.now() - t0);
    queries += 1;
    await new Promise((r) => setTimeout(r, 100));
  }
})();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
const baseRss = process.memoryUsage().rss;
const phases: Record<string, number> = {};
const t0 = performance.now();
const [job] = await runQueuedJobs({ db, handlers: JOB_HANDLERS, files, log: { info() {}, warn() {}, error: (o, m) => console.error(m, o) }, onProgress: (p) => { phases[p.phase] ??= performance.now() - t0; } });
const total = performance.now() - t0;
running = false;
await prober;
clearInterval(sampler);
loop.disable();
console.log(JSON.stringify({
  database: database.kind, lines, megabytes: +(size / 1e6).toFixed(1), status: job?.status, error: job?.error, result: job?.result,
  seconds: +(total / 1000).toFixed(2), readingSeconds: +(((phases.saving ?? total) - (phases.reading ?? 0)) / 1000).toFixed(2), savingSeconds: +((total - (phases.saving ?? total)) / 1000).toFixed(2),
  parseMBps: +((size / 1e6) / (((phases.saving ?? total) - (phases.reading ?? 0)) / 1000)).toFixed(1),
  peakRssMB: Math.round(peakRss / 1e6), rssGrowthMB: Math.round((peakRss - baseRss) / 1e6),
  maxDbWaitMs: Math.round(maxQueryMs), probes: queries, eventLoopP99Ms: +(loop.percentile(99) / 1e6).toFixed(1), eventLoopMaxMs: +(loop.max / 1e6).toFixed(1),
}, null, 1));
await database.close();
fs.rmSync(root, { recursive: true, force: true });
