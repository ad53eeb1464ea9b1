import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { systemContext } from '../src/server/context';
import { recordAudit } from '../src/server/audit/record-audit';
import { verifyAuditLog } from '../src/server/audit/verify-audit';
import { canonicalJson } from '../src/server/audit/canonical-json';
import { createHash } from 'node:crypto';
import { buildFirm } from '../src/server/test/factories';

/**
 * Audit verification speed: writes `entries` chained entries through recordAudit, then times
 * `verifyAuditLog` next to a bare loop that only reads the same rows (the floor for any verifier).
 */
export async function benchAuditVerify(entries: number): Promise<Record<string, number | string>> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const firm = await buildFirm(database.db);
  const ctx = systemContext(database.db);
  const writeStart = performance.now();
  for (let done = 1; done < entries; ) {
    const batch = Math.min(1000, entries - done);
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < batch; i++) {
        await recordAudit(trx, ctx, firm.id, { type: 'client.updated', subjectType: 'client', data: { before: { name: `v${done + i}` }, after: { name: `v${done + i + 1}` } } }, { id: null });
      }
    });
    done += batch;
  }
  const writeMs = performance.now() - writeStart;

  const readStart = performance.now();
  let read = 0;
  for (let last = 0; ; ) {
    const rows = await database.db.selectFrom('auditEvents').selectAll().where('firmId', '=', firm.id).where('seq', '>', last).orderBy('seq').limit(5000).execute();
    for (const r of rows) {
      createHash('sha256').update(canonicalJson(r.data)).digest('hex');
    }
    read += rows.length;
    if (rows.length < 5000) {
      break;
    }
    last = Number(rows.at(-1)?.seq ?? 0);
  }
  const readMs = performance.now() - readStart;

  const verifyStart = performance.now();
  const result = await verifyAuditLog(database.db);
  const verifyMs = performance.now() - verifyStart;
  await sql`select 1`.execute(database.db);
  await database.close();
  return {
    entries: result.entries,
    ok: String(result.ok),
    writeEntriesPerSec: Math.round((entries / writeMs) * 1000),
    bareReadAndHashMs: Math.round(readMs),
    verifyMs: Math.round(verifyMs),
    verifyVsBareRead: +(verifyMs / readMs).toFixed(2),
    rowsRead: read,
  };
}
