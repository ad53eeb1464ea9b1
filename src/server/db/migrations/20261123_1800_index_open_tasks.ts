import { sql, type Kysely } from 'kysely';

const statements = [
  `create index tasks_open_due on tasks (firm_id, due_on, id) where status <> 'closed'`,
  `create index tasks_open_status on tasks (firm_id, status, due_on) where status <> 'closed'`,
];

/**
 * The tracker shows open work unless closed tasks are asked for; most of a firm's tasks are closed
 * history, so partial indexes over open tasks keep its pages and counts small and fast.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
