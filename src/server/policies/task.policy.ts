import type { Actor } from '../context';
import type { TaskRow } from '../db/schema';

export type TaskAbilityAction = 'read' | 'edit' | 'transition' | 'completeChecklist' | 'addNote' | 'respondToNote' | 'clearNote' | 'reassign' | 'attach';

/**
 * What `actor` may do with `task`. Staff see tasks of clients they are assigned to (the admin:
 * all); an auditor reads the tasks of granted clients as evidence; client users never see the
 * tracker. Segregation of duties: whoever prepared the task only prepares; the reviewer
 * annotates (notes) but never edits the preparer's checklist. Transition rules proper live in
 * src/domain/tasks/transitions.ts.
 */
export function taskAbilities(actor: Actor, task: Pick<TaskRow, 'firmId' | 'clientId' | 'preparerId' | 'reviewerId' | 'status' | 'preparedBy'>): Record<TaskAbilityAction, boolean> {
  const isSameFirm = actor.firmId === task.firmId;
  const seesClient = isSameFirm && (actor.role === 'admin' || actor.clientIds.has(task.clientId));
  const isStaff = seesClient && actor.role !== 'client' && actor.role !== 'auditor';
  const isPreparer = isStaff && actor.userId === task.preparerId;
  const hasPrepared = isPreparer || (task.preparedBy).includes(actor.userId);
  const isReviewerSide = isStaff && !hasPrepared && (actor.userId === task.reviewerId || actor.role === 'partner');
  const isWorking = task.status === 'in_progress' || task.status === 'returned';
  return {
    read: seesClient && actor.role !== 'client',
    edit: isStaff && (isPreparer || isReviewerSide || actor.role === 'admin') && task.status !== 'closed',
    transition: isStaff,
    completeChecklist: isPreparer && task.status === 'in_progress',
    addNote: isReviewerSide && ['in_progress', 'ready_for_review', 'returned', 'approved'].includes(task.status),
    respondToNote: isPreparer && (isWorking || task.status === 'ready_for_review'),
    clearNote: isReviewerSide,
    reassign: isStaff && (actor.role === 'admin' || actor.role === 'partner') && task.status !== 'closed',
    attach: isPreparer && isWorking,
  };
}
