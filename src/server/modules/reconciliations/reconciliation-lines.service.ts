import type { Trx } from '../../db/database';
import * as lines from './reconciliation-lines.repository';
import * as repo from './reconciliations.repository';

/**
 * Whether a statement line belongs to the reconciliation of a task (in its scope), for review
 * notes written on a line. Used by the task module when a reviewer annotates a line.
 */
export async function isLineOfTaskReconciliation(trx: Trx, firmId: string, taskId: string, lineId: string): Promise<boolean> {
  const rec = await repo.findReconciliationByTask(trx, firmId, taskId);
  if (!rec) {
    return false;
  }
  const found = await lines.findScopeLines(trx, rec, [lineId]);
  return found.length === 1;
}
