import { createHash } from 'node:crypto';
import type { RequestContext } from '../../context';
import type { Trx } from '../../db/database';
import type { ReconciliationRow, TaskRow } from '../../db/schema';
import { canonicalJson } from '../../audit/canonical-json';
import { recordAudit } from '../../audit/record-audit';
import { AppError, StaleVersionError } from '../../errors';
import { statusAfter, type SignOffEvent } from '../../../domain/reconciliation/reconciliation-state';
import type { TaskAction } from '../../../domain/tasks/task-states';
import { loadFacts, type ReconciliationFacts } from './reconciliation-facts';
import * as lines from './reconciliation-lines.repository';
import * as repo from './reconciliations.repository';

const EVENT_OF_ACTION: Partial<Record<TaskAction, SignOffEvent>> = { submit: 'submit', return: 'return', resume: 'resume', approve: 'approve', reopen: 'reopen' };

/**
 * The task's sign-off drives its reconciliation, inside the task transition's transaction:
 * submitting is refused (409 `reconciliation_not_ready`, with the problems) unless the proof
 * balances, every bank line is resolved and old items are documented; approving checks the same
 * again, marks the matched lines reconciled, hashes a snapshot and locks the reconciliation;
 * returning or reopening puts it back to draft (reopening also releases its lines).
 * A task without a reconciliation moves as before.
 */
export async function applyTaskTransitionToReconciliation(trx: Trx, ctx: RequestContext, task: TaskRow, action: TaskAction): Promise<void> {
  const event = EVENT_OF_ACTION[action];
  if (!event) {
    return;
  }
  const rec = await repo.findReconciliationByTask(trx, task.firmId, task.id, true);
  const next = rec ? statusAfter(rec.status, event) : null;
  if (!rec || !next) {
    return;
  }
  const now = ctx.now();
  const subject = { id: rec.id, clientId: rec.clientId };
  switch (event) {
    case 'submit': {
      const facts = await readyFacts(trx, rec, 'submitted for review');
      await save(trx, rec, { status: next, submittedAt: now, submittedBy: ctx.actor?.userId ?? null, updatedAt: now });
      await recordAudit(trx, ctx, rec.firmId, { type: 'reconciliation.submitted', subjectType: 'reconciliation', data: { differenceMinor: facts.proof.differenceMinor, taskId: task.id } }, subject);
      return;
    }
    case 'approve': {
      const facts = await readyFacts(trx, rec, 'approved');
      const count = await lines.setReconciledIn(trx, rec.firmId, rec.id);
      const snapshotHash = await hashSnapshot(trx, rec, facts);
      await save(trx, rec, { status: next, approvedAt: now, approvedBy: ctx.actor?.userId ?? null, snapshotHash, suspendedAt: null, suspendedReason: null, updatedAt: now });
      await recordAudit(trx, ctx, rec.firmId, { type: 'reconciliation.approved', subjectType: 'reconciliation', data: { snapshotHash, lines: count, taskId: task.id } }, subject);
      return;
    }
    case 'return':
    case 'resume':
    case 'reopen':
      if (rec.status === 'approved') {
        await lines.clearReconciledIn(trx, rec.firmId, rec.id);
      }
      await save(trx, rec, { status: next, approvedAt: null, approvedBy: null, snapshotHash: null, updatedAt: now });
      await recordAudit(trx, ctx, rec.firmId, { type: 'reconciliation.returned', subjectType: 'reconciliation', data: { taskId: task.id } }, subject);
      return;
    case 'suspend_signoff':
      return; // the system suspends through suspendSignOffsAfterImport, never through a person's action
  }
}

/**
 * sha256 of the canonical JSON of what was approved: the balances, the proof and every matched
 * line with its match. Recomputing it later from the same rows gives the same hash.
 */
export async function hashSnapshot(trx: Trx, rec: ReconciliationRow, facts: ReconciliationFacts): Promise<string> {
  const matched = await lines.listSnapshotLines(trx, rec.firmId, rec.id);
  const snapshot = {
    reconciliationId: rec.id,
    bankAccountId: rec.bankAccountId,
    periodStart: rec.periodStart,
    statementDate: rec.statementDate,
    statementBalanceMinor: facts.statementBalance.amountMinor,
    bookBalanceMinor: facts.bookBalance.amountMinor,
    proof: facts.proof,
    lines: matched,
  };
  return createHash('sha256').update(canonicalJson(snapshot)).digest('hex');
}

async function readyFacts(trx: Trx, rec: ReconciliationRow, verb: string): Promise<ReconciliationFacts> {
  const account = await repo.findBankAccount(trx, rec.firmId, rec.bankAccountId);
  const facts = await loadFacts(trx, rec, account?.currency ?? 'USD');
  if (!facts.readiness.isReady) {
    const reasons = facts.readiness.problems.map((p) => p.message).join(' ');
    throw new AppError(409, 'reconciliation_not_ready', `The bank reconciliation cannot be ${verb} yet. ${reasons}`, [], { problems: facts.readiness.problems });
  }
  return facts;
}

async function save(trx: Trx, rec: ReconciliationRow, patch: repo.ReconciliationPatch): Promise<ReconciliationRow> {
  const updated = await repo.updateReconciliation(trx, rec.firmId, rec.id, rec.version, patch);
  if (!updated) {
    throw new StaleVersionError('reconciliation');
  }
  return updated;
}
