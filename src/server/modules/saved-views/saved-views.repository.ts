import type { Db, Trx } from '../../db/database';

export function listViews(db: Db | Trx, firmId: string, userId: string) {
  return db.selectFrom('savedViews').selectAll().where('firmId', '=', firmId).where('userId', '=', userId).orderBy('name').execute();
}

export function findView(db: Db | Trx, firmId: string, id: string) {
  return db.selectFrom('savedViews').selectAll().where('firmId', '=', firmId).where('id', '=', id).executeTakeFirst();
}

/** Saves a view; a view of the same name is replaced. */
export async function upsertView(trx: Trx, row: { id: string; firmId: string; userId: string; name: string; query: Record<string, string> }) {
  return trx
    .insertInto('savedViews')
    .values({ ...row, query: JSON.stringify(row.query) })
    .onConflict((oc) => oc.columns(['firmId', 'userId', 'name']).doUpdateSet({ query: JSON.stringify(row.query) }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteView(trx: Trx, firmId: string, id: string): Promise<void> {
  await trx.deleteFrom('savedViews').where('firmId', '=', firmId).where('id', '=', id).execute();
}
