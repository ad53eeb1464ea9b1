import type { Actor } from '../../context';
import type { Db, Trx } from '../../db/database';
import type { BackgroundJobRow, BankAccountRow, ReconciliationRow, TaskRow } from '../../db/schema';
import { reconciliationAbilities, type ReconciliationAction } from '../../policies/reconciliation.policy';
import { loadFacts, type ReconciliationFacts } from './reconciliation-facts';
import type { LoadedReconciliation } from './reconciliation-access';
import * as lines from './reconciliation-lines.repository';
import * as repo from './reconciliations.repository';

/** A reconciliation with everything its header shows, loaded in one place. */
export interface ReconciliationView {
  rec: ReconciliationRow;
  task: TaskRow | null;
  account: BankAccountRow;
  clientName: string;
  facts: ReconciliationFacts;
  adjustments: lines.MatchWithLines[];
  lastJob: BackgroundJobRow | null;
  names: Map<string, string>;
  abilities: Record<ReconciliationAction, boolean>;
}

export async function buildView(db: Db | Trx, actor: Actor, loaded: LoadedReconciliation): Promise<ReconciliationView> {
  const { rec, task } = loaded;
  const account = await repo.findBankAccount(db, rec.firmId, rec.bankAccountId);
  if (!account) {
    throw new Error(`reconciliation ${rec.id} names a bank account that does not exist`);
  }
  const [clientName, facts, adjustments, lastJob] = await Promise.all([
    repo.findClientName(db, rec.firmId, rec.clientId),
    loadFacts(db, rec, account.currency),
    lines.listMatchesWithLines(db, rec.firmId, rec.id, 'adjustments'),
    repo.findLatestMatchJob(db, rec.firmId, rec.id),
  ]);
  const names = await repo.userNames(db, rec.firmId, [
    task?.preparerId ?? null,
    task?.reviewerId ?? null,
    rec.submittedBy,
    rec.approvedBy,
    ...adjustments.flatMap((m) => [m.createdBy, m.adjustmentApprovedBy]),
  ]);
  return { rec, task, account, clientName, facts, adjustments, lastJob: lastJob ?? null, names, abilities: reconciliationAbilities(actor, rec, task) };
}
