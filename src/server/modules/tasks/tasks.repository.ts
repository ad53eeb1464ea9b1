import { sql, type Insertable, type SelectQueryBuilder } from 'kysely';
import type { Db, Trx } from '../../db/database';
import type { DB, DocumentRow, ReviewNoteRow, TaskChecklistItemRow, TaskRow, TasksTable } from '../../db/schema';
import type { TaskListQuery } from '../../../shared/tasks';

export interface TaskListRow extends TaskRow {
  clientName: string;
  workflowKey: string;
  workflowName: string;
  preparerName: string;
  reviewerName: string;
  checklistDone: number;
  checklistTotal: number;
  openNotes: number;
}

type TaskQuery = SelectQueryBuilder<DB & { t: TasksTable }, 't', object>;

export interface TaskScope {
  firmId: string;
  /** null: every client of the firm (admin). */
  clientIds: string[] | null;
  actorId: string;
  today: string;
  /** Narrow to these tasks (a spot-check sample). */
  taskIds?: string[];
}

/** One filtered, sorted page of tasks with the names and counts the tracker shows. */
export async function listTasks(db: Db, scope: TaskScope, query: TaskListQuery): Promise<{ rows: TaskListRow[]; total: number; countsByStatus: Record<string, number> }> {
  if (scope.clientIds !== null && scope.clientIds.length === 0) {
    return { rows: [], total: 0, countsByStatus: {} };
  }
  const filtered = applyFilters(db.selectFrom('tasks as t'), scope, query, true);
  const sortColumn = {
    due: 't.dueOn',
    client: 'c.name',
    workflow: 'w.name',
    status: 't.status',
    priority: 't.priority',
    period: 't.periodEnd',
    updated: 't.updatedAt',
    title: 't.title',
    preparer: 'p.name',
    reviewer: 'r.name',
  } as const;
  const rows = await applyFilters(db.selectFrom('tasks as t'), scope, query, false)
    .innerJoin('clients as c', (j) => j.onRef('c.id', '=', 't.clientId').onRef('c.firmId', '=', 't.firmId'))
    .innerJoin('workflowTemplates as w', (j) => j.onRef('w.id', '=', 't.workflowId').onRef('w.firmId', '=', 't.firmId'))
    .innerJoin('users as p', (j) => j.onRef('p.id', '=', 't.preparerId').onRef('p.firmId', '=', 't.firmId'))
    .innerJoin('users as r', (j) => j.onRef('r.id', '=', 't.reviewerId').onRef('r.firmId', '=', 't.firmId'))
    .selectAll('t')
    .select(['c.name as clientName', 'w.key as workflowKey', 'w.name as workflowName', 'p.name as preparerName', 'r.name as reviewerName'])
    .orderBy(sortColumn[query.sort], query.dir)
    .orderBy('t.id', query.dir)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const ids = rows.map((r) => r.id);
  const [counts, checklist, notes] = await Promise.all([
    filtered.select(['t.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('t.status').execute(),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('taskChecklistItems')
          .select(['taskId', sql<number>`count(*)`.as('total'), sql<number>`count(*) filter (where completed_at is not null)`.as('done')])
          .where('firmId', '=', scope.firmId)
          .where('taskId', 'in', ids)
          .groupBy('taskId')
          .execute(),
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('reviewNotes').select(['taskId', sql<number>`count(*)`.as('open')]).where('firmId', '=', scope.firmId).where('taskId', 'in', ids).where('clearedAt', 'is', null).groupBy('taskId').execute(),
  ]);
  const checklistBy = new Map(checklist.map((c) => [c.taskId, c]));
  const notesBy = new Map(notes.map((n) => [n.taskId, Number(n.open)]));
  const countsByStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  // The counts ignore the status filter (the board's columns); the total of the list does not.
  const shown = query.status ? new Set<string>(query.status.split(',')) : null;
  const total = Object.entries(countsByStatus).reduce((sum, [status, n]) => (shown === null || shown.has(status) ? sum + n : sum), 0);
  return {
    rows: rows.map((r) => ({ ...r, checklistDone: Number(checklistBy.get(r.id)?.done ?? 0), checklistTotal: Number(checklistBy.get(r.id)?.total ?? 0), openNotes: notesBy.get(r.id) ?? 0 })),
    total,
    countsByStatus,
  };
}

/**
 * The WHERE clause of the tracker list. Open work only unless `closed` is among the statuses or
 * a period is chosen. The status filter is left out of the per-status counts
 * (`forCounts`) so the board's column totals stay visible while one status is selected.
 */
function applyFilters(qb: TaskQuery, scope: TaskScope, query: TaskListQuery, forCounts: boolean): TaskQuery {
  let q = qb.where('t.firmId', '=', scope.firmId);
  if (scope.taskIds) {
    q = q.where('t.id', 'in', scope.taskIds.length > 0 ? scope.taskIds : ['00000000-0000-0000-0000-000000000000']);
  }
  if (scope.clientIds !== null) {
    q = q.where('t.clientId', 'in', scope.clientIds);
  }
  if (query.clientId) {
    q = q.where('t.clientId', '=', query.clientId);
  }
  if (query.workflowId) {
    q = q.where('t.workflowId', '=', query.workflowId);
  }
  const statuses = query.status ? (query.status.split(',') as TaskRow['status'][]) : [];
  if (statuses.length > 0 && !forCounts) {
    q = q.where('t.status', 'in', statuses);
  }
  // Closed tasks are history: shown only when asked for by status (or a period is picked).
  if (!statuses.includes('closed') && !query.period && !scope.taskIds) {
    q = q.where('t.status', '<>', 'closed');
  }
  if (query.preparerId) {
    q = q.where('t.preparerId', '=', query.preparerId);
  }
  if (query.reviewerId) {
    q = q.where('t.reviewerId', '=', query.reviewerId);
  }
  if (query.queue === 'prepare') {
    q = q.where('t.preparerId', '=', scope.actorId).where('t.status', 'in', ['not_started', 'in_progress', 'returned', 'blocked']);
  } else if (query.queue === 'review') {
    q = q.where('t.reviewerId', '=', scope.actorId).where('t.status', 'in', ['ready_for_review', 'approved']);
  } else if (query.queue === 'all') {
    q = q.where((eb) => eb.or([eb('t.preparerId', '=', scope.actorId), eb('t.reviewerId', '=', scope.actorId)]));
  }
  if (query.period) {
    q = q.where('t.period', '=', query.period);
  }
  if (query.dueFrom) {
    q = q.where('t.dueOn', '>=', query.dueFrom);
  }
  if (query.dueTo) {
    q = q.where('t.dueOn', '<=', query.dueTo);
  }
  if (query.overdue === 'true') {
    q = q.where('t.dueOn', '<', scope.today).where('t.status', 'not in', ['approved', 'closed']);
  }
  if (query.q) {
    q = q.where('t.title', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return q;
}

export function findTask(db: Db | Trx, firmId: string, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('firmId', '=', firmId).where('id', '=', taskId).executeTakeFirst();
}

export function findTaskForUpdate(trx: Trx, firmId: string, taskId: string): Promise<TaskRow | undefined> {
  return trx.selectFrom('tasks').selectAll().where('firmId', '=', firmId).where('id', '=', taskId).forUpdate().executeTakeFirst();
}

export async function insertTasks(trx: Trx, rows: Array<Insertable<TasksTable>>): Promise<TaskRow[]> {
  if (rows.length === 0) {
    return [];
  }
  return trx
    .insertInto('tasks')
    .values(rows)
    .onConflict((oc) => oc.columns(['firmId', 'serviceId', 'period']).where('serviceId', 'is not', null).doNothing())
    .returningAll()
    .execute();
}

/** Writes a task at `expectedVersion` (optimistic concurrency); undefined when it moved on. */
export function updateTask(trx: Trx, firmId: string, taskId: string, expectedVersion: number, patch: Partial<Omit<TaskRow, 'id' | 'firmId' | 'version' | 'preparedBy'>> & { preparedBy?: string }): Promise<TaskRow | undefined> {
  return trx
    .updateTable('tasks')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', taskId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export function listChecklistItems(db: Db | Trx, firmId: string, taskId: string): Promise<TaskChecklistItemRow[]> {
  return db.selectFrom('taskChecklistItems').selectAll().where('firmId', '=', firmId).where('taskId', '=', taskId).orderBy('position').execute();
}

export function findChecklistItemForUpdate(trx: Trx, firmId: string, taskId: string, itemId: string): Promise<TaskChecklistItemRow | undefined> {
  return trx.selectFrom('taskChecklistItems').selectAll().where('firmId', '=', firmId).where('taskId', '=', taskId).where('id', '=', itemId).forUpdate().executeTakeFirst();
}

export async function insertChecklistItems(trx: Trx, rows: Array<Insertable<DB['taskChecklistItems']>>): Promise<void> {
  if (rows.length > 0) {
    await trx.insertInto('taskChecklistItems').values(rows).execute();
  }
}

export function updateChecklistItem(trx: Trx, firmId: string, itemId: string, expectedVersion: number, patch: Partial<Pick<TaskChecklistItemRow, 'completedAt' | 'completedBy' | 'note' | 'figure' | 'documentId'>>): Promise<TaskChecklistItemRow | undefined> {
  return trx
    .updateTable('taskChecklistItems')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', itemId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export function listNotes(db: Db | Trx, firmId: string, taskId: string): Promise<ReviewNoteRow[]> {
  return db.selectFrom('reviewNotes').selectAll().where('firmId', '=', firmId).where('taskId', '=', taskId).orderBy('createdAt').orderBy('id').execute();
}

export function findNoteForUpdate(trx: Trx, firmId: string, taskId: string, noteId: string): Promise<ReviewNoteRow | undefined> {
  return trx.selectFrom('reviewNotes').selectAll().where('firmId', '=', firmId).where('taskId', '=', taskId).where('id', '=', noteId).forUpdate().executeTakeFirst();
}

export async function insertNote(trx: Trx, row: Insertable<DB['reviewNotes']>): Promise<ReviewNoteRow> {
  return trx.insertInto('reviewNotes').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateNote(trx: Trx, firmId: string, noteId: string, expectedVersion: number, patch: Partial<Pick<ReviewNoteRow, 'response' | 'respondedBy' | 'respondedAt' | 'clearedBy' | 'clearedAt'>>): Promise<ReviewNoteRow | undefined> {
  return trx
    .updateTable('reviewNotes')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('firmId', '=', firmId)
    .where('id', '=', noteId)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export function listTaskDocuments(db: Db | Trx, firmId: string, taskId: string): Promise<DocumentRow[]> {
  return db.selectFrom('documents').selectAll().where('firmId', '=', firmId).where('taskId', '=', taskId).orderBy('uploadedAt').execute();
}

export function findDocument(db: Db | Trx, firmId: string, documentId: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('firmId', '=', firmId).where('id', '=', documentId).executeTakeFirst();
}

export async function insertDocument(trx: Trx, row: Insertable<DB['documents']>): Promise<DocumentRow> {
  return trx.insertInto('documents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function userNames(db: Db | Trx, firmId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter(Boolean);
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('users').select(['id', 'name']).where('firmId', '=', firmId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A person of the firm who can be assigned work on `clientId`, or undefined. */
export function findAssignableUser(db: Db | Trx, firmId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'role', 'status', 'name']).where('firmId', '=', firmId).where('id', '=', userId).executeTakeFirst();
}

export function listTaskTimeline(db: Db, firmId: string, taskId: string) {
  return db
    .selectFrom('auditEvents as e')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'e.actorId').onRef('u.firmId', '=', 'e.firmId'))
    .select(['e.id', 'e.seq', 'e.occurredAt', 'e.actorId', 'u.name as actorName', 'e.type', 'e.data'])
    .where('e.firmId', '=', firmId)
    .where('e.subjectType', '=', 'task')
    .where('e.subjectId', '=', taskId)
    .orderBy('e.seq')
    .execute();
}
