import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../server/db/database';
import { recordAudit } from '../server/audit/record-audit';
import { localFileStorage } from '../server/storage/file-storage';
import { readEnv } from '../server/env';
import { checkpointFile, openConfiguredDatabase, serve } from '../server/main';
import { migrateToLatest } from '../server/db/migrate';
import { isDatabaseEmpty, seedDemoFirm } from '../server/db/seed-demo';
import { systemContext } from '../server/context';
import { readCheckpoints, verifyAuditLog, writeCheckpoint } from '../server/audit/verify-audit';
import { backupDatabase, restoreDatabase } from '../server/db/backup';
import { createUserFromCli } from './create-user';
import { newSecret } from '../server/ids';

export const USAGE = `Usage: tickmark <command> [options]

Commands:
  serve                         run the web server (migrates first; seeds the demo into an empty database)
  migrate                       apply pending database migrations
  seed-demo                     seed the demo firm into an empty database
  user create --firm NAME --email E --name N --role R [--password P]
                                create a person (reads the password from TICKMARK_PASSWORD if not given)
  parse-statement FILE [--format auto|csv|xlsx|ofx|qfx|camt|bai2|mt940|qif] [--json]
                                read a bank statement file and print its statements
  reconcile --bank FILE --ledger FILE [--window DAYS] [--json] [--out FILE.pdf|.xlsx]
                                match a statement against a general-ledger export, headless
  bench [name…]                 run the benchmarks of bench/ (JSON lines; see BENCHMARKS.md)
  audit verify [--json]         check the audit log's hash chains and checkpoints; exits 1 on a break
  backup FILE                   write a backup of the whole database
  restore FILE                  restore a backup into an empty, migrated database

Environment: DATABASE_URL (PostgreSQL; otherwise embedded PGlite in TICKMARK_DATA_DIR, default ./data), PORT.`;

/** The commands that need the server and its database; returns the process exit code. */
export async function runServerCommand(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const env = readEnv();
  switch (command) {
    case 'serve':
      await serve(env);
      return -1; // keeps running
    case 'migrate': {
      const database = await openConfiguredDatabase(env);
      const applied = await migrateToLatest(database.db);
      await database.close();
      process.stdout.write(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'Database is up to date.\n');
      return 0;
    }
    case 'seed-demo': {
      const database = await openConfiguredDatabase(env);
      await migrateToLatest(database.db);
      if (!(await isDatabaseEmpty(database.db))) {
        await database.close();
        process.stderr.write('tickmark: the database already holds a firm; the demo is seeded only into an empty one\n');
        return 2;
      }
      const password = env.TICKMARK_DEMO_PASSWORD ?? newSecret(15);
      const logins = await seedDemoFirm({ ...systemContext(database.db), files: localFileStorage(path.join(env.dataDir, 'files')) }, password);
      await database.close();
      process.stdout.write(`Seeded the demo firm. Password for every login: ${password}\n${logins.map((l) => `  ${l.role.padEnd(9)} ${l.email}`).join('\n')}\n`);
      return 0;
    }
    case 'user':
      return createUserFromCli(env, rest);
    case 'audit':
      return auditCommand(env, rest);
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) {
        process.stderr.write(`tickmark ${command}: name the backup file\n`);
        return 2;
      }
      const database = await openConfiguredDatabase(env);
      try {
        if (command === 'restore') {
          await migrateToLatest(database.db);
        }
        const summary = command === 'backup' ? await backupDatabase(database.db, file) : await restoreDatabase(database.db, file);
        if (command === 'backup') {
          await recordBackupExport(database.db, file);
        }
        const total = Object.values(summary.tables).reduce((a, b) => a + b, 0);
        process.stdout.write(`${command === 'backup' ? 'Backed up' : 'Restored'} ${total} rows in ${Object.keys(summary.tables).length} tables (${file}, migration ${summary.migration ?? 'none'})\n`);
        return 0;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`tickmark ${command}: ${message.includes(file) ? message : `${file}: ${message}`}\n`);
        return 2;
      } finally {
        await database.close();
      }
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`tickmark: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

/** A backup is an export of every firm's data: each firm's audit log says so. */
async function recordBackupExport(db: Db, file: string): Promise<void> {
  const firms = await db.selectFrom('firms').select('id').execute();
  const ctx = systemContext(db);
  await db.transaction().execute(async (trx) => {
    for (const firm of firms) {
      await recordAudit(trx, ctx, firm.id, { type: 'export.generated', subjectType: 'firm', data: { kind: 'backup', file: path.basename(file) } }, { id: firm.id });
    }
  });
}

async function auditCommand(env: ReturnType<typeof readEnv>, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals[0] !== 'verify') {
    process.stderr.write('Usage: tickmark audit verify [--json]\n');
    return 2;
  }
  const database = await openConfiguredDatabase(env);
  const file = checkpointFile(env);
  const result = await verifyAuditLog(database.db, { checkpoints: readCheckpoints(file) });
  if (result.ok) {
    await writeCheckpoint(database.db, file);
  }
  await database.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (result.ok) {
    process.stdout.write(`Audit log intact: ${result.entries} entries in ${result.firms} chain(s) verified.\n`);
  } else {
    for (const p of result.problems) {
      process.stdout.write(`BROKEN (${p.kind}) firm ${p.firmId}: ${p.message}\n`);
    }
  }
  return result.ok ? 0 : 1;
}
