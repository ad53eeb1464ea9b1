import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { systemContext } from '../context';
import { buildFirm } from '../test/factories';
import { createTestApp, type TestApp } from '../test/test-app';
import { GENESIS_HASH, hashEntry, recordAudit } from './record-audit';
import { readCheckpoints, verifyAuditLog, writeCheckpoint } from './verify-audit';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A firm with a chain of `n` entries (firm.created plus n-1 client.updated). */
async function firmWithChain(n: number): Promise<string> {
  const firm = await buildFirm(t.db);
  for (let i = 2; i <= n; i++) {
    await t.db.transaction().execute((trx) =>
      recordAudit(trx, systemContext(t.db), firm.id, { type: 'client.updated', subjectType: 'client', data: { before: { name: `v${i - 1}` }, after: { name: `v${i}` } } }, { id: null }),
    );
  }
  return firm.id;
}

/** Runs `change` with the append-only trigger off, as an attacker with database access would. */
async function tamper(db: Db, change: () => Promise<unknown>): Promise<void> {
  await sql`alter table audit_events disable trigger audit_events_append_only`.execute(db);
  try {
    await change();
  } finally {
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(db);
  }
}

async function problemFor(firmId: string, checkpoints = [] as ReturnType<typeof readCheckpoints>) {
  const result = await verifyAuditLog(t.db, { checkpoints });
  return result.problems.find((p) => p.firmId === firmId) ?? null;
}

describe('audit chain verification', () => {
  it('passes on an untouched log', async () => {
    const firmId = await firmWithChain(6);
    const result = await verifyAuditLog(t.db);
    expect(result.problems.filter((p) => p.firmId === firmId)).toEqual([]);
    expect(result.entries).toBeGreaterThanOrEqual(6);
  });

  it('names an entry whose content was edited', async () => {
    const firmId = await firmWithChain(6);
    await tamper(t.db, () => sql`update audit_events set data = '{"before":{"name":"v2"},"after":{"name":"forged"}}' where firm_id = ${firmId} and seq = 3`.execute(t.db));
    expect(await problemFor(firmId)).toMatchObject({ kind: 'altered', seq: 3 });
  });

  it('names an entry whose time or actor was edited', async () => {
    const firmId = await firmWithChain(4);
    await tamper(t.db, () => sql`update audit_events set occurred_at = occurred_at - interval '1 day' where firm_id = ${firmId} and seq = 2`.execute(t.db));
    expect(await problemFor(firmId)).toMatchObject({ kind: 'altered', seq: 2 });
  });

  it('names the place of a deleted entry', async () => {
    const firmId = await firmWithChain(6);
    await tamper(t.db, () => sql`delete from audit_events where firm_id = ${firmId} and seq = 4`.execute(t.db));
    const problem = await problemFor(firmId);
    expect(problem).toMatchObject({ kind: 'removed', seq: 4 });
    expect(problem?.message).toMatch(/#4 is missing/);
  });

  it('notices entries deleted from the end of the chain', async () => {
    const firmId = await firmWithChain(5);
    await tamper(t.db, () => sql`delete from audit_events where firm_id = ${firmId} and seq >= 4`.execute(t.db));
    expect(await problemFor(firmId)).toMatchObject({ kind: 'removed', seq: 4 });
  });

  it('names two entries that were swapped', async () => {
    const firmId = await firmWithChain(6);
    await tamper(t.db, async () => {
      await sql`update audit_events set seq = -3 where firm_id = ${firmId} and seq = 3`.execute(t.db);
      await sql`update audit_events set seq = 3 where firm_id = ${firmId} and seq = 4`.execute(t.db);
      await sql`update audit_events set seq = 4 where firm_id = ${firmId} and seq = -3`.execute(t.db);
    });
    const problem = await problemFor(firmId);
    expect(problem).toMatchObject({ kind: 'reordered', seq: 3 });
    expect(problem?.message).toMatch(/out of order/);
  });

  it('catches a chain re-hashed from an edited entry onwards, through the checkpoint kept outside the database', async () => {
    const firmId = await firmWithChain(5);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tm-ckpt-')), 'checkpoints.jsonl');
    await writeCheckpoint(t.db, file);
    const checkpoints = readCheckpoints(file).filter((c) => c.firmId === firmId);
    expect(checkpoints).toHaveLength(1);

    await tamper(t.db, async () => {
      await sql`update audit_events set data = '{"before":{"name":"v1"},"after":{"name":"forged"}}' where firm_id = ${firmId} and seq = 2`.execute(t.db);
      const rows = await t.db.selectFrom('auditEvents').selectAll().where('firmId', '=', firmId).orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const hash = hashEntry(prev, { id: r.id, firmId: r.firmId, seq: Number(r.seq), occurredAt: r.occurredAt.toISOString(), actorId: r.actorId, actorKind: r.actorKind, type: r.type, subjectType: r.subjectType, subjectId: r.subjectId, clientId: r.clientId, data: r.data, requestId: r.requestId, ip: r.ip, userAgent: r.userAgent });
        await sql`update audit_events set prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`.execute(t.db);
        prev = hash;
      }
      await sql`update audit_chain_heads set hash = ${prev} where firm_id = ${firmId}`.execute(t.db);
    });

    expect(await problemFor(firmId)).toBeNull(); // the chain alone now looks intact…
    expect(await problemFor(firmId, checkpoints)).toMatchObject({ kind: 'rewritten', seq: 5 }); // …the checkpoint does not
  });

  it('keeps one unbroken chain when many changes are recorded at once', async () => {
    const firm = await buildFirm(t.db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction().execute((trx) => recordAudit(trx, systemContext(t.db), firm.id, { type: 'user.unlocked', subjectType: 'user', data: {} }, { id: `u${i}` })),
      ),
    );
    const seqs = (await t.db.selectFrom('auditEvents').select('seq').where('firmId', '=', firm.id).orderBy('seq').execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(await problemFor(firm.id)).toBeNull();
  });

  it('writes nothing to the log when the change it records is rolled back', async () => {
    const firm = await buildFirm(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemContext(t.db), firm.id, { type: 'user.unlocked', subjectType: 'user', data: {} }, { id: 'x' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await t.db.selectFrom('auditEvents').select('seq').where('firmId', '=', firm.id).execute();
    expect(rows).toHaveLength(1);
    expect(await problemFor(firm.id)).toBeNull();
  });
});
