import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../server/db/database';
import { PG_TEMPLATE_DB, withDatabase } from '../server/test/global-setup';

const bin = path.resolve('bin/tickmark.mjs');

interface CliDatabase {
  env: Record<string, string>;
  open(): Promise<Database>;
}

/** A database the CLI (another process) and this test can both reach: a PGlite folder, or a PostgreSQL database. */
async function cliDatabase(): Promise<CliDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tm-cli-'));
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `tickmark_cli_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE_DB}`);
    await admin.end();
    const databaseUrl = withDatabase(url, name);
    return { env: { DATABASE_URL: databaseUrl, TICKMARK_DATA_DIR: dataDir }, open: () => openDatabase({ databaseUrl }) };
  }
  return { env: { TICKMARK_DATA_DIR: dataDir }, open: () => openDatabase({ dataDir: path.join(dataDir, 'pglite') }) };
}

function tickmark(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env, LOG_LEVEL: 'silent', TICKMARK_DEMO_PASSWORD: 'cli test demo passphrase' },
    timeout: 300_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('tickmark audit verify', () => {
  it('passes on a clean log and names the entry after a row is edited directly in the database', async () => {
    const db = await cliDatabase();
    expect(tickmark(db.env, 'seed-demo').code).toBe(0);
    const clean = tickmark(db.env, 'audit', 'verify');
    expect(clean.out).toMatch(/Audit log intact: \d+ entries/);
    expect(clean.code).toBe(0);

    const database = await db.open();
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(database.db);
    await sql`update audit_events set data = '{"email":"forged@example.com","role":"admin","via":"seed"}' where seq = 7`.execute(database.db);
    await database.close();

    const broken = tickmark(db.env, 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN \(altered\).*entry #7/);
  }, 300_000);
});

describe('tickmark backup and restore', () => {
  it('round-trips the whole database into an empty one', async () => {
    const source = await cliDatabase();
    expect(tickmark(source.env, 'seed-demo').code).toBe(0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tm-bak-')), 'firm.backup.gz');
    const backup = tickmark(source.env, 'backup', file);
    expect(backup.code).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(500);

    const target = await cliDatabase();
    const restore = tickmark(target.env, 'restore', file);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);

    const [a, b] = [await source.open(), await target.open()];
    const exports = await a.db.selectFrom('auditEvents').select(['type', 'data']).where('type', '=', 'export.generated').execute();
    expect(exports).toEqual([{ type: 'export.generated', data: { kind: 'backup', file: 'firm.backup.gz' } }]);
    const count = async (d: Database, table: 'firms' | 'users' | 'clients' | 'clientAccess' | 'auditEvents') =>
      Number((await d.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    for (const table of ['firms', 'users', 'clients', 'clientAccess'] as const) {
      expect(await count(b, table)).toBe(await count(a, table));
    }
    expect(await count(b, 'auditEvents')).toBe((await count(a, 'auditEvents')) - 1); // all but the backup's own export entry
    const emails = async (d: Database) => (await d.db.selectFrom('users').select('email').orderBy('email').execute()).map((r) => r.email);
    expect(await emails(b)).toEqual(await emails(a));
    await Promise.all([a.close(), b.close()]);
    expect(tickmark(target.env, 'audit', 'verify').code).toBe(0);

    const again = tickmark(target.env, 'restore', file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/empty database/);
  }, 180_000);

  it('refuses a file that is not a backup, with one clear line', async () => {
    const db = await cliDatabase();
    const bogus = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tm-bak-')), 'notes.txt');
    fs.writeFileSync(bogus, 'hello');
    const res = tickmark(db.env, 'restore', bogus);
    expect(res.code).toBe(2);
    expect(res.err.trim().split('\n')).toHaveLength(1);
    expect(res.err).toMatch(/notes\.txt/);
  }, 300_000);
});

describe('tickmark user create', () => {
  it('refuses a weak password and a bad role without touching the database', async () => {
    const db = await cliDatabase();
    const weak = tickmark(db.env, 'user', 'create', '--firm', 'Acme Books', '--email', 'owner@acme.example', '--name', 'Owner', '--role', 'admin', '--password', 'password');
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/at least 15 characters/);
    const role = tickmark(db.env, 'user', 'create', '--firm', 'Acme Books', '--email', 'owner@acme.example', '--name', 'Owner', '--role', 'king', '--password', 'a sturdy passphrase nobody guesses');
    expect(role.code).toBe(2);
    expect(role.err).toMatch(/--role must be one of/);
    const ok = tickmark(db.env, 'user', 'create', '--firm', 'Acme Books', '--email', 'owner@acme.example', '--name', 'Owner', '--role', 'admin', '--password', 'a sturdy passphrase nobody guesses');
    expect(ok.code).toBe(0);
    const database = await db.open();
    const users = await database.db.selectFrom('users').select(['email', 'role']).execute();
    await database.close();
    expect(users).toEqual([{ email: 'owner@acme.example', role: 'admin' }]);
  }, 300_000);
});
