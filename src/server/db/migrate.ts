import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations';

function migratorFor(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/** Runs every pending migration in order; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The name of the newest migration applied to this database, or null on an empty one. */
export async function currentMigration(db: Kysely<any>): Promise<string | null> {
  const migrations = await migratorFor(db).getMigrations();
  const applied = migrations.filter((m) => m.executedAt !== undefined);
  return applied.at(-1)?.name ?? null;
}

/** The newest migration this build knows about. */
export function latestKnownMigration(): string {
  const latest = Object.keys(migrations).sort().at(-1);
  if (!latest) {
    throw new Error('No migrations found');
  }
  return latest;
}
