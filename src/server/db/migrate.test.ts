import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import { currentMigration, latestKnownMigration } from './migrate';
import { createTestApp, type TestApp } from '../test/test-app';
import { buildFirm } from '../test/factories';
import { parseInt8 } from './database';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('migrations', () => {
  it('lists every migration file in the index, in name order', () => {
    const files = fs
      .readdirSync(folder)
      .filter((f) => /^\d{8}_\d{4}_[a-z0-9_]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });

  it('leaves the test database at the newest migration', async () => {
    expect(await currentMigration(t.db)).toBe(latestKnownMigration());
  });

  it('gives every table a firm_id column, except the firm table itself and the sign-in throttle', async () => {
    const rows = await sql<{ table_name: string; has_firm: boolean }>`
      select t.table_name, exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'firm_id') as has_firm
      from information_schema.tables t
      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE' and t.table_name not like 'kysely_%'`.execute(t.db.withoutPlugins());
    const missing = rows.rows.filter((r) => !r.has_firm).map((r) => r.table_name).sort();
    expect(missing).toEqual(['firms', 'sign_in_throttles']);
  });

  it('refuses UPDATE and DELETE on audit_events at the database level', async () => {
    const firm = await buildFirm(t.db);
    await expect(sql`update audit_events set type = 'x' where firm_id = ${firm.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where firm_id = ${firm.id}`.execute(t.db)).rejects.toThrow(/append-only/);
    const count = await t.db.selectFrom('auditEvents').select((eb) => eb.fn.countAll<number>().as('n')).where('firmId', '=', firm.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('int8 values', () => {
  it('reads bigint columns as numbers and refuses values that would lose precision', async () => {
    const row = await sql<{ small: number; big: unknown }>`select 9007199254740991::int8 as small`.execute(t.db);
    expect(row.rows[0]?.small).toBe(9007199254740991);
    await expect(sql`select 9007199254740993::int8 as big`.execute(t.db)).rejects.toThrow(/not a safe integer/);
    expect(() => parseInt8('12345678901234567890')).toThrow(RangeError);
  });
});

describe('affected-row counts', () => {
  it('reports how many rows an update changed, on either database kind', async () => {
    const firm = await buildFirm(t.db);
    const result = await t.db.updateTable('firms').set({ name: 'Renamed Firm' }).where('id', '=', firm.id).executeTakeFirst();
    expect(Number(result.numUpdatedRows)).toBe(1);
    const none = await t.db.updateTable('firms').set({ name: 'Nobody' }).where('id', '=', '00000000-0000-0000-0000-000000000000').executeTakeFirst();
    expect(Number(none.numUpdatedRows)).toBe(0);
  });
});
