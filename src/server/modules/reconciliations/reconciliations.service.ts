import { requireActor, type RequestContext } from '../../context';
import type { Trx } from '../../db/database';
import type { LedgerSide, ReconciliationRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import { newId } from '../../ids';
import { canStartReconciliation } from '../../policies/reconciliation.policy';
import { taskAbilities } from '../../policies/task.policy';
import { currencyExponent, formatMinor } from '../../../domain/money';
import type { CreateReconciliationBody, UpdateReconciliationBody } from '../../../shared/reconciliation';
import { suspendTaskSignOff } from '../tasks/tasks.service';
import { loadForWork, loadReadable, lockInOrder } from './reconciliation-access';
import * as lines from './reconciliation-lines.repository';
import { buildView, type ReconciliationView } from './reconciliation-view';
import * as repo from './reconciliations.repository';

/**
 * Called by the statement import job, inside its transaction, after it inserted an import's
 * lines. An approved reconciliation of that account is no longer what was signed off when the
 * import added lines of that side dated on or before its statement date, or gave a different
 * closing balance for its statement date: its sign-off is suspended (status `suspended` with the
 * reason, lines released so the new ones can be worked, snapshot withdrawn) and its task goes
 * back from approved or closed to ready for review. Both changes are audited as the system; the
 * original approval stays in the audit log.
 */
export async function suspendSignOffsAfterImport(
  trx: Trx,
  ctx: RequestContext,
  input: { bankAccountId: string; importId: string; side: 'bank' | 'ledger'; addedLineDates: string[]; closingBalance: { date: string; amountMinor: number } | null },
): Promise<void> {
  const firmId = ctx.actor?.firmId ?? (await repo.findImportFirmId(trx, input.importId));
  const account = firmId ? await repo.findBankAccount(trx, firmId, input.bankAccountId) : undefined;
  if (!firmId || !account) {
    return;
  }
  const earliest = [...input.addedLineDates, ...(input.closingBalance ? [input.closingBalance.date] : [])].sort()[0];
  if (earliest === undefined) {
    return;
  }
  for (const candidate of await repo.listApprovedFrom(trx, firmId, account.id, earliest)) {
    const rec = await lockInOrder(trx, firmId, candidate.id);
    const reason = rec?.status === 'approved' ? await suspensionReason(trx, rec, input, account.currency) : null;
    if (rec && reason) {
      await suspend(trx, ctx, rec, reason, input.importId);
    }
  }
}

/** Why an import undoes the approval of `rec`, or null when it leaves the approved period as it was. */
async function suspensionReason(trx: Trx, rec: ReconciliationRow, input: { importId: string; side: LedgerSide; addedLineDates: string[]; closingBalance: { date: string; amountMinor: number } | null }, currency: string): Promise<string | null> {
  const which = input.side === 'bank' ? 'bank statement' : 'ledger';
  const dates = [...new Set(input.addedLineDates.filter((date) => date <= rec.statementDate))].sort();
  if (dates.length > 0) {
    const shown = dates.length > 3 ? `${dates.slice(0, 3).join(', ')} and ${dates.length - 3} more dates` : dates.join(', ');
    return `A later ${which} import added lines dated on or before the statement date ${rec.statementDate} (${shown}).`;
  }
  const closing = input.closingBalance;
  if (!closing || closing.date !== rec.statementDate) {
    return null;
  }
  const entered = input.side === 'bank' ? rec.statementBalanceMinor : rec.bookBalanceMinor;
  const before = (await repo.findImportedBalance(trx, rec.firmId, rec.bankAccountId, input.side, rec.statementDate, input.importId)) ?? entered;
  if (before === closing.amountMinor) {
    return null;
  }
  const exponent = currencyExponent(currency);
  const was = before === null ? 'none' : `${formatMinor(before, exponent)} ${currency}`;
  return `A later ${which} import gives a closing balance of ${formatMinor(closing.amountMinor, exponent)} ${currency} for ${rec.statementDate} (approved with ${was}).`;
}

async function suspend(trx: Trx, ctx: RequestContext, rec: ReconciliationRow, reason: string, importId: string): Promise<void> {
  const system = { ...ctx, actor: null };
  const now = ctx.now();
  await lines.clearReconciledIn(trx, rec.firmId, rec.id);
  const updated = await repo.updateReconciliation(trx, rec.firmId, rec.id, rec.version, { status: 'suspended', suspendedAt: now, suspendedReason: reason, snapshotHash: null, approvedAt: null, approvedBy: null, updatedAt: now });
  if (!updated) {
    throw new StaleVersionError('reconciliation');
  }
  await recordAudit(trx, system, rec.firmId, { type: 'reconciliation.suspended', subjectType: 'reconciliation', data: { reason, previousSnapshotHash: rec.snapshotHash, importId } }, { id: rec.id, clientId: rec.clientId });
  if (rec.taskId) {
    await suspendTaskSignOff(trx, system, rec.firmId, rec.taskId, `Sign-off suspended: ${reason}`);
  }
}

/**
 * Starts the reconciliation of a bank reconciliation task, as of the task's period end unless
 * another statement date is chosen. Preparer work: only the task's preparer, before submission.
 * Sending the same request twice answers the reconciliation the first one created.
 */
export async function createReconciliation(ctx: RequestContext, taskId: string, body: CreateReconciliationBody): Promise<{ view: ReconciliationView; created: boolean }> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const task = await repo.findTaskForUpdate(trx, actor.firmId, taskId);
    if (!task || !taskAbilities(actor, task).read) {
      throw new NotFoundError('task');
    }
    if (!canStartReconciliation(actor, task)) {
      throw new ForbiddenError('Only the task’s preparer starts its reconciliation, before the task is submitted.');
    }
    if ((await repo.findWorkflowKey(trx, actor.firmId, task.workflowId)) !== 'bank-reconciliation') {
      throw new ConflictError('Only a bank reconciliation task has a reconciliation.', 'not_a_bank_reconciliation');
    }
    const statementDate = body.statementDate ?? task.periodEnd;
    const existing = await repo.findReconciliationByTask(trx, actor.firmId, taskId);
    if (existing) {
      if (existing.bankAccountId === body.bankAccountId && existing.statementDate === statementDate) {
        return { view: await buildView(trx, actor, { rec: existing, task }), created: false };
      }
      throw new ConflictError('This task already has a reconciliation.', 'reconciliation_exists');
    }
    const account = await repo.findBankAccount(trx, actor.firmId, body.bankAccountId);
    if (!account || account.clientId !== task.clientId || !account.active) {
      throw new ValidationError('Choose an active bank account of this task’s client.', [{ path: 'bankAccountId', message: 'is not an active bank account of this client' }]);
    }
    if (statementDate < task.periodStart) {
      throw new ValidationError('The statement date cannot be before the period starts.', [{ path: 'statementDate', message: `must be on or after ${task.periodStart}` }]);
    }
    if (await repo.findReconciliationAt(trx, actor.firmId, account.id, statementDate)) {
      throw new ConflictError(`This account already has a reconciliation as of ${statementDate}.`, 'reconciliation_exists');
    }
    const now = ctx.now();
    const rec = await repo.insertReconciliation(trx, {
      id: newId(),
      firmId: actor.firmId,
      clientId: task.clientId,
      bankAccountId: account.id,
      taskId,
      periodStart: task.periodStart,
      statementDate,
      statementBalanceMinor: null,
      bookBalanceMinor: null,
      status: 'draft',
      suggestions: '[]',
      matchedAt: null,
      submittedAt: null,
      submittedBy: null,
      approvedAt: null,
      approvedBy: null,
      snapshotHash: null,
      suspendedAt: null,
      suspendedReason: null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.addToPreparedBy(trx, actor.firmId, task, actor.userId);
    await recordAudit(trx, ctx, actor.firmId, { type: 'reconciliation.created', subjectType: 'reconciliation', data: { taskId, bankAccountId: account.id, periodStart: rec.periodStart, statementDate } }, { id: rec.id, clientId: rec.clientId });
    return { view: await buildView(trx, actor, { rec, task }), created: true };
  });
}

/** The reconciliation of a task (404 when the task has none yet: the page then offers to start one). */
export async function getReconciliationOfTask(ctx: RequestContext, taskId: string): Promise<ReconciliationView> {
  const actor = requireActor(ctx);
  const task = await repo.findTask(ctx.db, actor.firmId, taskId);
  if (!task || !taskAbilities(actor, task).read) {
    throw new NotFoundError('task');
  }
  const rec = await repo.findReconciliationByTask(ctx.db, actor.firmId, taskId);
  if (!rec) {
    throw new NotFoundError('reconciliation');
  }
  return getReconciliation(ctx, rec.id);
}

export async function getReconciliation(ctx: RequestContext, id: string): Promise<ReconciliationView> {
  const loaded = await loadReadable(ctx, ctx.db, id);
  return buildView(ctx.db, requireActor(ctx), loaded);
}

/** The preparer changes the statement date or the entered balances (draft only; the version they read). */
export async function updateReconciliation(ctx: RequestContext, id: string, body: UpdateReconciliationBody): Promise<ReconciliationView> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { rec, task } = await loadForWork(ctx, trx, id, 'edit');
    if (rec.version !== body.version) {
      throw new StaleVersionError('reconciliation');
    }
    const patch: repo.ReconciliationPatch = {};
    if (body.statementDate !== undefined && body.statementDate !== rec.statementDate) {
      await assertStatementDate(trx, rec, body.statementDate);
      Object.assign(patch, { statementDate: body.statementDate, suggestions: '[]' });
    }
    if (body.statementBalanceMinor !== undefined) {
      patch.statementBalanceMinor = body.statementBalanceMinor;
    }
    if (body.bookBalanceMinor !== undefined) {
      patch.bookBalanceMinor = body.bookBalanceMinor;
    }
    const changed = Object.keys(patch).filter((k) => k !== 'suggestions') as Array<'statementDate' | 'statementBalanceMinor' | 'bookBalanceMinor'>;
    if (changed.length === 0) {
      return buildView(trx, actor, { rec, task });
    }
    const updated = await repo.updateReconciliation(trx, actor.firmId, id, rec.version, { ...patch, updatedAt: ctx.now() });
    if (!updated) {
      throw new StaleVersionError('reconciliation');
    }
    if (task) {
      await repo.addToPreparedBy(trx, actor.firmId, task, actor.userId);
    }
    const before = Object.fromEntries(changed.map((k) => [k, rec[k]]));
    const after = Object.fromEntries(changed.map((k) => [k, updated[k]]));
    await recordAudit(trx, ctx, actor.firmId, { type: 'reconciliation.updated', subjectType: 'reconciliation', data: { before, after } }, { id, clientId: rec.clientId });
    return buildView(trx, actor, { rec: updated, task });
  });
}

async function assertStatementDate(trx: Trx, rec: ReconciliationRow, date: string): Promise<void> {
  if (date < rec.periodStart) {
    throw new ValidationError('The statement date cannot be before the period starts.', [{ path: 'statementDate', message: `must be on or after ${rec.periodStart}` }]);
  }
  const other = await repo.findReconciliationAt(trx, rec.firmId, rec.bankAccountId, date);
  if (other && other.id !== rec.id) {
    throw new ConflictError(`This account already has a reconciliation as of ${date}.`, 'reconciliation_exists');
  }
  const latest = await repo.latestMatchedLineDate(trx, rec.firmId, rec.id);
  if (latest !== null && latest > date) {
    throw new AppError(409, 'matched_lines_after_date', `Lines dated up to ${latest} are matched in this reconciliation; unmatch those after ${date} first.`);
  }
}
