import { sql } from 'kysely';
import { openDatabase } from './src/server/db/database';
import { migrateToLatest } from './src/server/db/migrate';
import { buildBankAccount, buildClient, buildFirm } from './src/server/test/factories';
import { newId } from './src/server/ids';

const url = process.env.DATABASE_URL;
const database = url ? await openDatabase({ databaseUrl: url }) : await openDatabase({ dataDir: 'memory://' });
await migrateToLatest(database.db);
const db = database.db;
const N = 50_000;
for (const mode of (process.env.MODES ?? 'values,unnest').split(',') as Array<'values' | 'unnest'>) {
  for (const batch of (process.env.BATCHES ?? '250,1000').split(',').map(Number)) {
    const firm = await buildFirm(db);
    const client = await buildClient(db, firm);
    const account = await buildBankAccount(db, client);
    const importId = newId();
    await db.insertInto('statementImports').values({ id: importId, firmId: firm.id, clientId: client.id, bankAccountId: account.id, side: 'bank', fileName: 'x', format: 'csv', sha256: 'x', sizeBytes: 1, documentId: null, sourceAccountId: null, openingBalanceMinor: null, closingBalanceMinor: null, startOn: null, endOn: null, linesTotal: 0, linesAdded: 0, linesDuplicate: 0, importedBy: null }).execute();
    const rows = Array.from({ length: N }, (_, i) => ({ id: newId(), firmId: firm.id, clientId: client.id, bankAccountId: account.id, side: 'bank' as const, importId, position: i + 1, bookedOn: '2025-03-01', amountMinor: i, description: `Payment to vendor ${i}`, reference: `R${i}`, bankId: null, dedupeKey: `fp:${i}#1`, reconciledIn: null, createdAt: new Date() }));
    let maxMs = 0;
    const t0 = performance.now();
    await db.transaction().execute(async (trx) => {
      for (let s = 0; s < N; s += batch) {
        const part = rows.slice(s, s + batch);
        const b0 = performance.now();
        if (mode === 'values') {
          await trx.insertInto('statementLines').values(part).onConflict((oc) => oc.columns(['bankAccountId', 'side', 'dedupeKey']).doNothing()).returning('bookedOn').execute();
        } else {
          const col = <K extends keyof (typeof part)[number]>(k: K) => part.map((r) => r[k]);
          await sql`insert into statement_lines (id, firm_id, client_id, bank_account_id, side, import_id, position, booked_on, amount_minor, description, reference, bank_id, dedupe_key, created_at)
            select id, ${firm.id}::uuid, ${client.id}::uuid, ${account.id}::uuid, 'bank', ${importId}::uuid, position, booked_on, amount_minor, description, reference, bank_id, dedupe_key, ${new Date()}::timestamptz
            from unnest(${col('id')}::uuid[], ${col('position')}::int[], ${col('bookedOn')}::date[], ${col('amountMinor')}::bigint[], ${col('description')}::text[], ${col('reference')}::text[], ${col('bankId')}::text[], ${col('dedupeKey')}::text[])
              as t(id, position, booked_on, amount_minor, description, reference, bank_id, dedupe_key)
            on conflict (bank_account_id, side, dedupe_key) do nothing returning booked_on`.execute(trx);
        }
        maxMs = Math.max(maxMs, performance.now() - b0);
      }
    });
    console.log(database.kind, mode, batch, `${Math.round(N / ((performance.now() - t0) / 1000))} rows/s`, `max batch ${Math.round(maxMs)} ms`);
  }
}
await database.close();
