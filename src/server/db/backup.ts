import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Db } from './database';
import { currentMigration } from './migrate';

const FORMAT = 'tickmark-backup';
const PAGE = 2000;

interface TableInfo {
  name: string;
  jsonColumns: Set<string>;
}

export interface BackupSummary {
  file: string;
  migration: string | null;
  tables: Record<string, number>;
}

/**
 * Writes a logical backup (gzip'd JSON lines: a header, then every row of every table in
 * foreign-key order) that restores into either database kind at the same migration level.
 */
export async function backupDatabase(database: Db, file: string): Promise<BackupSummary> {
  const db = database.withoutPlugins() as Kysely<any>;
  const migration = await currentMigration(database);
  const tables = await listTables(db);
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(`${file}.partial`, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) {
      await once(gzip, 'drain');
    }
  };
  await write({ format: FORMAT, version: 1, migration, createdAt: new Date().toISOString(), tables: tables.map((t) => t.name) });
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table.name] = 0;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await db.selectFrom(table.name).selectAll().orderBy(sql`1`).limit(PAGE).offset(offset).execute();
      for (const row of rows) {
        await write({ t: table.name, r: row });
      }
      counts[table.name] = (counts[table.name] ?? 0) + rows.length;
      if (rows.length < PAGE) {
        break;
      }
    }
  }
  gzip.end();
  await once(out, 'finish');
  fs.renameSync(`${file}.partial`, file);
  return { file, migration, tables: counts };
}

/**
 * Restores a backup into an empty database migrated to the backup's level, in one transaction:
 * any problem leaves the target as it was.
 */
export async function restoreDatabase(database: Db, file: string): Promise<BackupSummary> {
  if (!fs.existsSync(file)) {
    throw new Error(`${file}: no such backup file`);
  }
  const db = database.withoutPlugins() as Kysely<any>;
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as { format?: string; migration?: string | null });
  if (!header || header.format !== FORMAT) {
    throw new Error(`${file}: not a Tickmark backup`);
  }
  const migration = await currentMigration(database);
  if (header.migration !== migration) {
    throw new Error(`${file}: backup is at migration ${header.migration ?? 'none'}, this database at ${migration ?? 'none'}; migrate to the same level first`);
  }
  const tables = new Map((await listTables(db)).map((t) => [t.name, t]));
  const counts: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('firms').select('id').limit(1).execute();
    if (existing.length > 0) {
      throw new Error('restore needs an empty database: this one already holds a firm');
    }
    let batch: Record<string, unknown>[] = [];
    let batchTable = '';
    const flush = async () => {
      if (batch.length > 0) {
        await trx.insertInto(batchTable).values(batch).execute();
        counts[batchTable] = (counts[batchTable] ?? 0) + batch.length;
        batch = [];
      }
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.trim() === '') {
        continue;
      }
      const { t, r } = JSON.parse(next.value) as { t: string; r: Record<string, unknown> };
      const info = tables.get(t);
      if (!info) {
        throw new Error(`${file}: unknown table ${t}`);
      }
      if (t !== batchTable || batch.length >= 500) {
        await flush();
        batchTable = t;
      }
      batch.push(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, info.jsonColumns.has(k) && v !== null ? JSON.stringify(v) : v])));
    }
    await flush();
  });
  return { file, migration, tables: counts };
}

/** Application tables in an order where every table comes after the tables it references. */
async function listTables(db: Kysely<any>): Promise<TableInfo[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  const refs = await sql<{ child: string; parent: string }>`
    select tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  const json = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type in ('json', 'jsonb')`.execute(db);
  const names = tables.rows.map((r) => r.table_name);
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) {
      return;
    }
    path.add(name);
    for (const ref of refs.rows.filter((r) => r.child === name && r.parent !== name)) {
      visit(ref.parent, path);
    }
    ordered.push(name);
  };
  names.forEach((n) => visit(n, new Set()));
  return ordered.map((name) => ({ name, jsonColumns: new Set(json.rows.filter((j) => j.table_name === name).map((j) => j.column_name)) }));
}
