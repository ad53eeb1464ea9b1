import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { systemContext } from '../src/server/context';
import { generateTasks } from '../src/server/modules/services/task-generation';
import { buildFirm, buildUser } from '../src/server/test/factories';
import { installWorkflowLibrary } from '../src/server/modules/workflows/workflows.service';
import { newId } from '../src/server/ids';

/** Diagnostic: times the tracker list's two queries separately on 100k tasks (not part of npm run bench). */
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' });
await migrateToLatest(database.db);
const db = database.db;
const firm = await buildFirm(db);
const { user: p } = await buildUser(db, firm, { role: 'preparer' });
const { user: r } = await buildUser(db, firm, { role: 'reviewer' });
const wf = await db.transaction().execute((trx) => installWorkflowLibrary(trx, firm.id));
const clients = Array.from({ length: 1400 }, (_, i) => ({ id: newId(), firmId: firm.id, name: `Client ${i}`, legalName: 'x', timeZone: 'UTC', fiscalYearEnd: '12-31', contacts: '[]' }));
for (let i = 0; i < clients.length; i += 500) {await db.insertInto('clients').values(clients.slice(i, i + 500)).execute();}
for (let i = 0; i < clients.length; i += 200)
  {await db.insertInto('services').values(clients.slice(i, i + 200).flatMap((c) => [...wf.values()].map((w) => ({ id: newId(), firmId: firm.id, clientId: c.id, workflowId: w.id, frequency: 'monthly' as const, dueRule: '{"kind":"business_days","days":5}', preparerId: p.id, reviewerId: r.id, startsOn: '2025-11-01' })))).execute();}
await db.transaction().execute((trx) => generateTasks(trx, systemContext(db), firm.id, '2026-11-23'));
await sql`update tasks set status = case when period < '2026-09' then 'closed' when random() < 0.2 then 'ready_for_review' when random() < 0.3 then 'in_progress' else 'not_started' end`.execute(db);
await sql`vacuum analyze tasks`.execute(db);
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  await sql`select status, count(*) from tasks where firm_id = ${firm.id} and status <> 'closed' group by status`.execute(db);
  const counts = performance.now() - t;
  t = performance.now();
  await sql`select t.*, c.name, w.name, p.name, r.name from tasks t join clients c on c.id = t.client_id join workflow_templates w on w.id = t.workflow_id join users p on p.id = t.preparer_id join users r on r.id = t.reviewer_id where t.firm_id = ${firm.id} and t.status <> 'closed' order by t.due_on, t.id limit 50`.execute(db);
  console.log('counts', counts.toFixed(1), 'page', (performance.now() - t).toFixed(1));
}
const plan = await sql`explain analyze select t.*, c.name, w.name, p.name, r.name from tasks t join clients c on c.id = t.client_id join workflow_templates w on w.id = t.workflow_id join users p on p.id = t.preparer_id join users r on r.id = t.reviewer_id where t.firm_id = ${firm.id} and t.status <> 'closed' order by t.due_on, t.id limit 50`.execute(db);
console.log(plan.rows.map((x) => String(Object.values(x as object)[0])).join('\n'));
await database.close();
