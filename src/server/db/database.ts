import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import {
  sql,
  CamelCasePlugin,
  type CompiledQuery,
  type QueryResult,
  Kysely,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Transaction,
  type TransactionSettings,
} from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import pg from 'pg';
import { PostgresDialect } from 'kysely';
import type { DB } from './schema';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The embedded client, when the database is PGlite (used by backup and tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * Routine maintenance for the embedded database, which has no autovacuum daemon: VACUUM keeps
 * the visibility map current so counts can be answered from indexes alone, ANALYZE keeps the
 * planner's statistics fresh. PostgreSQL servers do this themselves (autovacuum).
 */
export async function maintainDatabase(database: Pick<Database, 'db' | 'kind'>): Promise<void> {
  if (database.kind === 'pglite') {
    await sql`vacuum (analyze)`.execute(database.db);
  }
}

/** Throws unless the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Converts an int8 (bigint) column to a JS number, refusing values that would lose precision.
 * Money is stored as bigint minor units; a value beyond 2^53 must fail loudly, never round.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is not a safe integer`);
  }
  return value;
}

pg.types.setTypeParser(20, parseInt8);
// date (1082) stays a 'YYYY-MM-DD' string: bank and ledger dates are local dates, not instants.
pg.types.setTypeParser(1082, (text: string) => text);

const pgliteParsers = {
  [pgliteTypes.INT8]: parseInt8,
  [pgliteTypes.DATE]: (text: string) => text,
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string;
  /** A PGlite data-dir dump (tar) to start from, used to give each test file its own copy. */
  loadDataDir?: Blob;
}

/** Opens the embedded database (default) or a PostgreSQL server when a URL is given. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  }
  const client = await PGlite.create(dataDir, {
    parsers: pgliteParsers,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const dialect = serialized(new KyselyPGlite(client).dialect);
  const db = new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin()] });
  return { db, kind: 'pglite', pglite: client, close: () => db.destroy() };
}

/**
 * PGlite has one connection. Kysely would interleave two transactions' statements on it, so
 * this driver hands the connection to one user at a time (a FIFO lock around acquire/release).
 */
function serialized(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: () => new SerialDriver(inner.createDriver()),
  };
}

class SerialDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  #releases = new Map<DatabaseConnection, () => void>();

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void; // assigned synchronously by the Promise executor below
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    // PGlite runs queries on this thread; yielding to the event loop between users of the
    // connection keeps a queue of transactions from starving timers and I/O.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const connection = withAffectedRows(await this.inner.acquireConnection());
    this.#releases.set(connection, release);
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection instanceof AffectedRowsConnection ? connection.inner : connection);
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * kysely-pglite passes PGlite's result through as is, so Kysely never sees an affected-row
 * count (`numUpdatedRows` would always be 0). This wrapper reports PGlite's `affectedRows`.
 */
class AffectedRowsConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = (await this.inner.executeQuery<R>(query)) as QueryResult<R> & { affectedRows?: number };
    if (result.numAffectedRows === undefined && typeof result.affectedRows === 'number') {
      return { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function withAffectedRows(connection: DatabaseConnection): DatabaseConnection {
  return new AffectedRowsConnection(connection);
}
