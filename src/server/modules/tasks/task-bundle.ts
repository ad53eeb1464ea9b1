import type { Db, Trx } from '../../db/database';
import type { DocumentRow, ReviewNoteRow, TaskChecklistItemRow, TaskRow, WorkflowRow } from '../../db/schema';
import type { TaskFacts } from '../../../domain/tasks/transitions';
import * as repo from './tasks.repository';

/** A task with everything its page shows, loaded in one place. */
export interface TaskBundle {
  task: TaskRow;
  clientName: string;
  workflow: WorkflowRow;
  items: TaskChecklistItemRow[];
  notes: ReviewNoteRow[];
  documents: DocumentRow[];
  names: Map<string, string>;
}

export async function loadBundle(db: Db | Trx, task: TaskRow): Promise<TaskBundle> {
  const [client, workflow, items, notes, documents] = await Promise.all([
    db.selectFrom('clients').select('name').where('firmId', '=', task.firmId).where('id', '=', task.clientId).executeTakeFirstOrThrow(),
    db.selectFrom('workflowTemplates').selectAll().where('firmId', '=', task.firmId).where('id', '=', task.workflowId).executeTakeFirstOrThrow(),
    repo.listChecklistItems(db, task.firmId, task.id),
    repo.listNotes(db, task.firmId, task.id),
    repo.listTaskDocuments(db, task.firmId, task.id),
  ]);
  const people = [
    task.preparerId,
    task.reviewerId,
    task.approvedBy ?? '',
    ...items.map((i) => i.completedBy ?? ''),
    ...notes.flatMap((n) => [n.authorId, n.respondedBy ?? '', n.clearedBy ?? '']),
    ...documents.map((d) => d.uploadedBy),
  ];
  return { task, clientName: client.name, workflow, items, notes, documents, names: await repo.userNames(db, task.firmId, people) };
}

/** The facts the transition rules read, from the task and its checklist and notes. */
export function factsOf(task: TaskRow, items: TaskChecklistItemRow[], notes: ReviewNoteRow[]): TaskFacts {
  return {
    status: task.status,
    preparerId: task.preparerId,
    reviewerId: task.reviewerId,
    preparedBy: task.preparedBy,
    blockedFromStatus: task.blockedFromStatus,
    openRequiredItems: items.filter((i) => i.required && i.completedAt === null).length,
    unansweredNotes: notes.filter((n) => n.clearedAt === null && n.respondedAt === null).length,
    unclearedNotes: notes.filter((n) => n.clearedAt === null).length,
  };
}
