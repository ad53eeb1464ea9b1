import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database';
import { PG_TEMPLATE_DB, TEMPLATE_DUMP, withDatabase } from './global-setup';

/**
 * A migrated database of this test file's own: a copy of the PGlite template, or a fresh
 * PostgreSQL database cloned from the template database when TEST_DATABASE_URL is set.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `tickmark_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE_DB}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(url, name) });
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name}`);
        await cleanup.end();
      },
    };
  }
  const dump = fs.readFileSync(TEMPLATE_DUMP);
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
}
