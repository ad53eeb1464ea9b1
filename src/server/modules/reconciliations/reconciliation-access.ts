import { requireActor, type RequestContext } from '../../context';
import type { Db, Trx } from '../../db/database';
import type { ReconciliationRow, TaskRow } from '../../db/schema';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { readableOrNotFound } from '../../policies';
import { reconciliationSeats } from '../../policies/reconciliation.policy';
import { statusRefusal, type ReconciliationWork } from '../../../domain/reconciliation/reconciliation-state';
import * as repo from './reconciliations.repository';

export interface LoadedReconciliation {
  rec: ReconciliationRow;
  task: TaskRow | null;
}

/** A reconciliation the actor may see, with its task (404 when it does not exist or is not theirs to see). */
export async function loadReadable(ctx: RequestContext, db: Db | Trx, id: string): Promise<LoadedReconciliation> {
  const actor = requireActor(ctx);
  const rec = await repo.findReconciliation(db, actor.firmId, id);
  return seeOrHide(ctx, db, rec);
}

/**
 * Locks a reconciliation for a change by the seat `work` needs: its preparer for edits and
 * matching, its reviewer for approving adjustments. 404 when hidden, 403 when the actor holds
 * another seat, 409 (`reconciliation_locked` / `reconciliation_in_review`) when the status
 * forbids the change.
 */
export async function loadForWork(ctx: RequestContext, trx: Trx, id: string, work: ReconciliationWork): Promise<LoadedReconciliation> {
  const actor = requireActor(ctx);
  const loaded = await seeOrHide(ctx, trx, await lockInOrder(trx, actor.firmId, id));
  const seats = reconciliationSeats(actor, loaded.rec, loaded.task);
  const seat = work === 'edit' || work === 'match' ? 'prepare' : 'review';
  if (!seats[seat]) {
    const hasPrepared = loaded.task !== null && (loaded.task.preparerId === actor.userId || loaded.task.preparedBy.includes(actor.userId));
    if (seat === 'review' && hasPrepared) {
      throw new AppError(403, 'segregation_of_duties', 'You prepared this task, so you cannot approve its adjustments.');
    }
    throw new ForbiddenError(seat === 'prepare' ? 'Only the task’s preparer works on its reconciliation.' : 'Only the task’s reviewer or a partner who did not prepare it can do this.');
  }
  throwIfRefused(loaded.rec, work);
  return loaded;
}

/** 409 when the reconciliation's status does not allow `work`. */
export function throwIfRefused(rec: Pick<ReconciliationRow, 'status'>, work: ReconciliationWork): void {
  const refusal = statusRefusal(rec.status, work);
  if (refusal) {
    throw new ConflictError(refusal.message, refusal.code);
  }
}

/**
 * Locks the reconciliation's task, then the reconciliation: the order a task transition takes
 * them in too, so that the two never wait on each other.
 */
export async function lockInOrder(trx: Trx, firmId: string, id: string): Promise<ReconciliationRow | undefined> {
  const unlocked = await repo.findReconciliation(trx, firmId, id);
  if (unlocked?.taskId) {
    await repo.findTaskForUpdate(trx, firmId, unlocked.taskId);
  }
  return unlocked ? repo.findReconciliationForUpdate(trx, firmId, id) : undefined;
}

async function seeOrHide(ctx: RequestContext, db: Db | Trx, rec: ReconciliationRow | undefined): Promise<LoadedReconciliation> {
  const actor = requireActor(ctx);
  if (!rec) {
    throw new NotFoundError('reconciliation');
  }
  const task = rec.taskId ? ((await repo.findTask(db, actor.firmId, rec.taskId)) ?? null) : null;
  readableOrNotFound(reconciliationSeats(actor, rec, task), 'reconciliation');
  return { rec, task };
}
