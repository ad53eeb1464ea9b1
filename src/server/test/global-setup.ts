import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

export const TEMPLATE_DUMP = path.resolve('.tmp/pglite-template.tar.gz');
export const PG_TEMPLATE_DB = 'tickmark_test_template';

/**
 * Migrates once per test run: on PGlite into a data-dir dump that each test file loads as its
 * own copy; on PostgreSQL into a template database that each test file clones.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE_DB}`);
    await admin.query(`create database ${PG_TEMPLATE_DB}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(url, PG_TEMPLATE_DB) });
    await migrateToLatest(database.db);
    await database.close();
    return;
  }
  fs.mkdirSync(path.dirname(TEMPLATE_DUMP), { recursive: true });
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const dump = await database.pglite!.dumpDataDir('gzip'); // PGlite kind always carries its client
  fs.writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
