import type { Actor } from '../context';
import type { ReconciliationRow, TaskRow } from '../db/schema';
import { isWorkAllowed } from '../../domain/reconciliation/reconciliation-state';

export type ReconciliationAction = 'read' | 'edit' | 'match' | 'approveAdjustment' | 'addReviewNote' | 'downloadWorkpaper';
export type ReconciliationSeat = 'read' | 'prepare' | 'review';

type RecFacts = Pick<ReconciliationRow, 'firmId' | 'clientId' | 'status'>;
type TaskFacts = Pick<TaskRow, 'preparerId' | 'reviewerId' | 'preparedBy' | 'status'> | null;

/**
 * Who the actor is to a reconciliation, whatever its status: a reader (staff on the client; an
 * auditor granted the client, for approved ones only; client users never), its preparer (the
 * task's preparer, as the task policy has it) or its reviewer (the task's reviewer or a partner,
 * never anyone who prepared the task: segregation of duties).
 */
export function reconciliationSeats(actor: Actor, rec: RecFacts, task: TaskFacts): Record<ReconciliationSeat, boolean> {
  const seesClient = actor.firmId === rec.firmId && (actor.role === 'admin' || actor.clientIds.has(rec.clientId));
  const isStaff = seesClient && actor.role !== 'client' && actor.role !== 'auditor';
  const isAuditor = seesClient && actor.role === 'auditor';
  const isPreparer = isStaff && task !== null && task.preparerId === actor.userId;
  const hasPrepared = isPreparer || (task?.preparedBy ?? []).includes(actor.userId);
  return {
    read: isStaff || (isAuditor && rec.status === 'approved'),
    prepare: isPreparer,
    review: isStaff && task !== null && !hasPrepared && (actor.userId === task.reviewerId || actor.role === 'partner'),
  };
}

/** What the actor may do now: their seat, narrowed by what the status allows (sent to the UI as-is). */
export function reconciliationAbilities(actor: Actor, rec: RecFacts, task: TaskFacts): Record<ReconciliationAction, boolean> {
  const seats = reconciliationSeats(actor, rec, task);
  return {
    read: seats.read,
    edit: seats.prepare && isWorkAllowed(rec.status, 'edit'),
    match: seats.prepare && isWorkAllowed(rec.status, 'match'),
    approveAdjustment: seats.review && isWorkAllowed(rec.status, 'approveAdjustment'),
    addReviewNote: seats.review && isWorkAllowed(rec.status, 'addReviewNote'),
    downloadWorkpaper: seats.read,
  };
}

/** Starting a reconciliation is preparer work on a bank reconciliation task that is not yet submitted. */
export function canStartReconciliation(actor: Actor, task: Pick<TaskRow, 'firmId' | 'clientId' | 'preparerId' | 'status'>): boolean {
  const seesClient = actor.firmId === task.firmId && (actor.role === 'admin' || actor.clientIds.has(task.clientId));
  const isStaff = seesClient && actor.role !== 'client' && actor.role !== 'auditor';
  return isStaff && actor.userId === task.preparerId && ['not_started', 'in_progress', 'returned', 'blocked'].includes(task.status);
}
