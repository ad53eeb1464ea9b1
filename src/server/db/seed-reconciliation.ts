/**
 * The demo firm's bank reconciliations, done through the real services: each client gets its
 * operating account; last month's statement and ledger are imported, matched, resolved and
 * approved inside last month's bank reconciliation task (so its outstanding items carry forward);
 * this month's files are attached to this month's task, ready for the preparer to import.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestContext } from '../context';
import type { TaskRow } from './schema';
import { buildDemoBankMonths, DEMO_BANK_PROFILES, type DemoMonthFiles } from './seed-bank-data';
import { createBankAccount } from '../modules/bank-accounts/bank-accounts.service';
import { startImport } from '../modules/imports/imports.service';
import { createReconciliation } from '../modules/reconciliations/reconciliations.service';
import { startMatchRun } from '../modules/reconciliations/matching.service';
import { listLines } from '../modules/reconciliations/lines.service';
import { approveAdjustment, createManualMatch, documentItem } from '../modules/reconciliations/manual-match.service';
import { createRule } from '../modules/reconciliation-rules/reconciliation-rules.service';
import { uploadTaskDocument } from '../modules/documents/documents.service';
import { runQueuedJobs } from '../jobs/job-runner';
import { JOB_HANDLERS } from '../jobs/handlers';

export interface DemoBanking {
  /** Called right after a bank reconciliation task is started by its preparer. */
  onStarted(task: TaskRow, preparer: RequestContext): Promise<void>;
  /** Called right before a bank reconciliation task is approved by its reviewer. */
  beforeApprove(task: TaskRow, reviewer: RequestContext): Promise<void>;
  /** Whether the task is this month's bank reconciliation (kept open for the preparer). */
  isCurrent(task: TaskRow): boolean;
}

/**
 * Creates the accounts and the firm's service-charge rule, and answers the hooks the tracker seed
 * calls while it plays the bank reconciliation tasks. `today` decides the months: last month is
 * the one being reconciled now, the month before it was approved.
 */
export async function prepareDemoBanking(admin: RequestContext, clients: Map<string, string>, today: Date): Promise<DemoBanking> {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const monthOf = (offset: number) => {
    const start = new Date(Date.UTC(year, month + offset, 1));
    const end = new Date(Date.UTC(year, month + offset + 1, 0));
    return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
  };
  const months = [monthOf(-2), monthOf(-1)];
  const accounts = new Map<string, { accountId: string; files: DemoMonthFiles[] }>();
  for (const profile of DEMO_BANK_PROFILES) {
    const clientId = clients.get(profile.client);
    if (!clientId) {
      continue;
    }
    const account = await createBankAccount(admin, clientId, {
      name: profile.accountName,
      institution: profile.institution,
      accountIdentifier: profile.identifier,
      accountNumberLast4: profile.identifier.replace(/\W/g, '').slice(-4),
      currency: 'USD',
      glAccount: profile.glAccount,
    });
    accounts.set(clientId, { accountId: account.account.id, files: buildDemoBankMonths(profile, months) });
  }
  await createRule(admin, {
    name: 'Monthly service charge',
    descriptionContains: 'SERVICE CHARGE',
    kind: 'adjustment',
    direction: 'out',
    reasonCode: 'bank_fee',
    account: '6100 Bank charges',
  });

  const previousEnd = months[0]?.end ?? '';
  const currentEnd = months[1]?.end ?? '';
  return {
    isCurrent: (task) => task.periodEnd === currentEnd && accounts.has(task.clientId),
    async onStarted(task, preparer) {
      const entry = accounts.get(task.clientId);
      if (!entry) {
        return;
      }
      if (task.periodEnd === currentEnd) {
        const files = entry.files[1];
        if (files) {
          await uploadTaskDocument(preparer, task.id, { filename: files.bank.fileName, content: Buffer.from(files.bank.text) });
          await uploadTaskDocument(preparer, task.id, { filename: files.ledger.fileName, content: Buffer.from(files.ledger.text) });
        }
        return;
      }
      const files = entry.files[0];
      if (task.periodEnd !== previousEnd || !files) {
        return;
      }
      await importDemoFile(preparer, entry.accountId, 'bank', files.bank.fileName, files.bank.text);
      await importDemoFile(preparer, entry.accountId, 'ledger', files.ledger.fileName, files.ledger.text);
      const { view } = await createReconciliation(preparer, task.id, { bankAccountId: entry.accountId });
      await startMatchRun(preparer, view.rec.id);
      await runJobs(preparer);
      await resolveBankOnlyLines(preparer, view.rec.id);
    },
    async beforeApprove(task, reviewer) {
      if (task.periodEnd !== previousEnd || !accounts.has(task.clientId)) {
        return;
      }
      const lines = await listLines(reviewer, await reconciliationIdOf(reviewer, task), { side: 'bank', status: 'matched', page: 1, pageSize: 1000 });
      const proposed = new Set(lines.items.filter((l) => l.match?.adjustment?.status === 'proposed').map((l) => l.match?.id ?? ''));
      for (const matchId of proposed) {
        await approveAdjustment(reviewer, await reconciliationIdOf(reviewer, task), matchId);
      }
    },
  };
}

/** Imports one demo file through the same path as an upload: stored, queued, run. */
async function importDemoFile(ctx: RequestContext, accountId: string, side: 'bank' | 'ledger', fileName: string, text: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickmark-seed-'));
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, text);
  const content = Buffer.from(text);
  await startImport(ctx, accountId, { file, filename: fileName, sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), fields: { side } });
  fs.rmSync(dir, { recursive: true, force: true });
  await runJobs(ctx);
}

async function runJobs(ctx: RequestContext): Promise<void> {
  const finished = await runQueuedJobs({ db: ctx.db, handlers: JOB_HANDLERS, files: ctx.files ?? null, now: () => ctx.now(), log: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  const failed = finished.find((job) => job.status !== 'succeeded');
  if (failed) {
    throw new Error(`demo seed: job ${failed.kind} ended ${failed.status}: ${failed.error ?? ''}`);
  }
}

/** The preparer's work after matching: interest becomes an adjustment, outstanding items are explained. */
async function resolveBankOnlyLines(ctx: RequestContext, reconciliationId: string): Promise<void> {
  const bank = await listLines(ctx, reconciliationId, { side: 'bank', status: 'unmatched', page: 1, pageSize: 1000 });
  for (const line of bank.items) {
    const reasonCode = /INTEREST/i.test(line.description) ? 'interest' : 'bank_fee';
    await createManualMatch(ctx, reconciliationId, {
      bankLineIds: [line.id],
      ledgerLineIds: [],
      note: reasonCode === 'interest' ? 'Interest credited by the bank; book to interest income.' : 'Bank charge per statement.',
      adjustment: { reasonCode, account: reasonCode === 'interest' ? '4900 Interest income' : '6100 Bank charges' },
    });
  }
  const ledger = await listLines(ctx, reconciliationId, { side: 'ledger', status: 'unmatched', page: 1, pageSize: 1000 });
  for (const line of ledger.items) {
    await documentItem(ctx, reconciliationId, line.id, {
      note: line.amountMinor < 0 ? 'Check issued at month end; not yet presented to the bank.' : 'Receipt recorded on the last day; deposited after the statement date.',
    });
  }
}

async function reconciliationIdOf(ctx: RequestContext, task: TaskRow): Promise<string> {
  const row = await ctx.db.selectFrom('reconciliations').select('id').where('firmId', '=', task.firmId).where('taskId', '=', task.id).executeTakeFirstOrThrow();
  return row.id;
}
