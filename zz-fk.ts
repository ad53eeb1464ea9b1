import { sql } from 'kysely';
import { openDatabase } from './src/server/db/database';
import { migrateToLatest } from './src/server/db/migrate';
import { newId } from './src/server/ids';
const url = process.env.DATABASE_URL;
const database = url ? await openDatabase({ databaseUrl: url }) : await openDatabase({ dataDir: 'memory://' });
await migrateToLatest(database.db);
const db = database.db;
await sql`drop table if exists lines_nofk`.execute(db);
await sql`create table lines_nofk (like statement_lines including defaults including indexes)`.execute(db);
const N = 50000;
const ids = Array.from({ length: N }, () => newId());
for (const table of ['lines_nofk', 'lines_nofk_noindex']) {
  if (table === 'lines_nofk_noindex') { await sql`create table lines_nofk_noindex (like statement_lines including defaults)`.execute(db); }
  const t0 = performance.now();
  await db.transaction().execute(async (trx) => {
    for (let s = 0; s < N; s += 2000) {
      const part = ids.slice(s, s + 2000);
      await sql`insert into ${sql.table(table)} (id, firm_id, client_id, bank_account_id, side, import_id, position, booked_on, amount_minor, description, reference, bank_id, dedupe_key)
        select id, ${newId()}::uuid, ${newId()}::uuid, ${newId()}::uuid, 'bank', ${newId()}::uuid, 1, '2025-03-01', 5, 'Payment to vendor', null, null, id::text from unnest(${part}::uuid[]) as t(id)`.execute(trx);
    }
  });
  console.log(database.kind, table, Math.round(N / ((performance.now() - t0) / 1000)), 'rows/s');
}
await database.close();
