import { sql } from 'kysely';
import { buildApp } from '../src/server/app';
import { systemContext } from '../src/server/context';
import { maintainDatabase, openDatabase, type Database } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { generateTasks } from '../src/server/modules/services/task-generation';
import { installWorkflowLibrary } from '../src/server/modules/workflows/workflows.service';
import { buildFirm, buildUser } from '../src/server/test/factories';
import { hashToken, newId, newSecret } from '../src/server/ids';
// @ts-expect-error plain ESM helper without types
import { startPostgres } from '../scripts/postgres.mjs';

/**
 * Tracker benchmarks on the embedded database and on PostgreSQL, side by side:
 * 1. task creation for 500 clients × 6 workflows × 12 months (36,000 tasks), then the same run
 *    again to show it is idempotent;
 * 2. GET /api/tasks on a firm with 100,000 tasks: p50/p95 of filtered pages through the full
 *    HTTP stack (app.inject), as the admin (all clients) and as a reviewer on 50 clients.
 */
export async function benchTracker(kind: 'pglite' | 'postgres'): Promise<Record<string, number | string>> {
  let pg: { url: string; stop(): void } | null = null;
  let database: Database;
  if (kind === 'postgres') {
    pg = (await startPostgres()) as { url: string; stop(): void };
    database = await openDatabase({ databaseUrl: pg.url });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  try {
    await migrateToLatest(database.db);
    const result: Record<string, number | string> = { database: kind };
    Object.assign(result, await benchGeneration(database, 500, 12, 'gen36k'));
    Object.assign(result, await benchList(database));
    return result;
  } finally {
    await database.close();
    pg?.stop();
  }
}

async function seedFirm(database: Database, clients: number, months: number) {
  const db = database.db;
  const firm = await buildFirm(db);
  const { user: preparer } = await buildUser(db, firm, { role: 'preparer' });
  const { user: reviewer } = await buildUser(db, firm, { role: 'reviewer' });
  const workflows = await db.transaction().execute((trx) => installWorkflowLibrary(trx, firm.id));
  const clientIds: string[] = [];
  for (let start = 0; start < clients; start += 500) {
    const rows = Array.from({ length: Math.min(500, clients - start) }, (_, i) => ({ id: newId(), firmId: firm.id, name: `Client ${start + i}`, legalName: `Client ${start + i} LLC`, timeZone: 'UTC', fiscalYearEnd: '12-31', contacts: '[]' }));
    await db.insertInto('clients').values(rows).execute();
    clientIds.push(...rows.map((r) => r.id));
  }
  const startsOn = new Date(Date.UTC(2026, 10 - months, 1)).toISOString().slice(0, 10);
  for (let start = 0; start < clientIds.length; start += 200) {
    await db
      .insertInto('services')
      .values(
        clientIds.slice(start, start + 200).flatMap((clientId) =>
          [...workflows.values()].map((w) => ({ id: newId(), firmId: firm.id, clientId, workflowId: w.id, frequency: 'monthly' as const, dueRule: JSON.stringify({ kind: 'business_days', days: 5 }), preparerId: preparer.id, reviewerId: reviewer.id, startsOn })),
        ),
      )
      .execute();
  }
  return { firm, preparer, reviewer, clientIds };
}

async function benchGeneration(database: Database, clients: number, months: number, label: string) {
  const { firm } = await seedFirm(database, clients, months);
  const ctx = systemContext(database.db);
  const t1 = performance.now();
  const first = await database.db.transaction().execute((trx) => generateTasks(trx, ctx, firm.id, '2026-11-23'));
  const firstMs = performance.now() - t1;
  const t2 = performance.now();
  const second = await database.db.transaction().execute((trx) => generateTasks(trx, ctx, firm.id, '2026-11-23'));
  const secondMs = performance.now() - t2;
  return { [`${label}Created`]: first.created, [`${label}Ms`]: Math.round(firstMs), [`${label}RerunCreated`]: second.created, [`${label}RerunMs`]: Math.round(secondMs) };
}

async function benchList(database: Database) {
  const db = database.db;
  const { firm, reviewer, clientIds } = await seedFirm(database, 1400, 12);
  await database.db.transaction().execute((trx) => generateTasks(trx, systemContext(db), firm.id, '2026-11-23'));
  // Spread the states: most history closed, recent months mixed, like a live firm.
  await sql`update tasks set status = case when period < '2026-09' then 'closed' when random() < 0.2 then 'ready_for_review' when random() < 0.3 then 'in_progress' else 'not_started' end where firm_id = ${firm.id}`.execute(db);
  await maintainDatabase(database); // what the server's hourly job does on the embedded database
  if (database.kind === 'postgres') {
    await sql`vacuum (analyze)`.execute(db); // what autovacuum does on a server
  }
  const count = Number((await db.selectFrom('tasks').select((eb) => eb.fn.countAll<number>().as('n')).where('firmId', '=', firm.id).executeTakeFirstOrThrow()).n);
  const { user: admin } = await buildUser(db, firm, { role: 'admin' });
  await db.insertInto('clientAccess').values(clientIds.slice(0, 50).map((clientId) => ({ firmId: firm.id, userId: reviewer.id, clientId, expiresAt: null, grantedBy: null }))).execute();
  const app = await buildApp({ database });
  const cookieFor = async (userId: string) => {
    const token = newSecret(32);
    const now = new Date();
    await db.insertInto('sessions').values({ id: newId(), firmId: firm.id, userId, tokenHash: hashToken(token), csrfToken: newSecret(24), createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000), revokedAt: null, revokedReason: null, ip: null, userAgent: 'bench' }).execute();
    return { tm_session: token };
  };
  const adminCookies = await cookieFor(admin.id);
  const reviewerCookies = await cookieFor(reviewer.id);
  const queries: Array<[string, Record<string, string>, string]> = [
    ['adminDefault', adminCookies, ''],
    ['adminStatus', adminCookies, 'status=ready_for_review,in_progress'],
    ['adminClient', adminCookies, `clientId=${clientIds[7] ?? ''}`],
    ['adminOverdueByClientName', adminCookies, 'overdue=true&sort=client'],
    ['adminPage50', adminCookies, 'page=50'],
    ['reviewerQueue', reviewerCookies, 'queue=review'],
    ['reviewerAll', reviewerCookies, 'sort=status&dir=desc'],
  ];
  const result: Record<string, number> = { tasks: count };
  for (const [name, cookies, query] of queries) {
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/tasks?${query}`, cookies });
      if (res.statusCode !== 200) {
        throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      times.push(performance.now() - start);
    }
    const sorted = times.slice(10).sort((a, b) => a - b); // first 10 are warm-up
    result[`${name}P50Ms`] = +(sorted[Math.floor(sorted.length * 0.5)] ?? 0).toFixed(1);
    result[`${name}P95Ms`] = +(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(1);
  }
  await app.close();
  return result;
}
