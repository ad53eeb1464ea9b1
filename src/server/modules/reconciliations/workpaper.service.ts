import { requireActor, type Actor, type RequestContext } from '../../context';
import type { Trx } from '../../db/database';
import { recordAudit } from '../../audit/record-audit';
import { authorize } from '../../policies';
import { reconciliationAbilities } from '../../policies/reconciliation.policy';
import { daysBetween } from '../../../domain/dates';
import type { ReconciliationWorkpaper, WorkpaperItem } from '../../../domain/reconciliation/workpaper';
import { renderWorkpaperPdf } from '../../exports/workpaper-pdf';
import { renderWorkpaperXlsx } from '../../exports/workpaper-xlsx';
import { loadReadable, type LoadedReconciliation } from './reconciliation-access';
import { loadFacts } from './reconciliation-facts';
import * as lines from './reconciliation-lines.repository';
import * as repo from './reconciliations.repository';

export type WorkpaperFormat = 'pdf' | 'xlsx';

export const WORKPAPER_CONTENT_TYPES: Record<WorkpaperFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Renders a reconciliation's workpaper (small: it runs in the request) and records
 * `export.generated` in the same transaction, so every download leaves a trace. Anyone who may
 * read the reconciliation may download it (auditors: approved ones of granted clients).
 */
export async function generateWorkpaper(ctx: RequestContext, id: string, format: WorkpaperFormat): Promise<{ fileName: string; bytes: Buffer }> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const loaded = await loadReadable(ctx, trx, id);
    authorize(reconciliationAbilities(actor, loaded.rec, loaded.task), 'downloadWorkpaper');
    const workpaper = await buildWorkpaper(trx, actor, loaded, ctx.now());
    const bytes = format === 'pdf' ? await renderWorkpaperPdf(workpaper) : await renderWorkpaperXlsx(workpaper);
    const fileName = workpaperFileName(workpaper, format);
    await recordAudit(trx, ctx, actor.firmId, { type: 'export.generated', subjectType: 'firm', data: { kind: 'reconciliation_workpaper', file: fileName } }, { id: actor.firmId, clientId: loaded.rec.clientId });
    return { fileName, bytes };
  });
}

/** Everything the workpaper shows, from the reconciliation as it stands now. */
export async function buildWorkpaper(trx: Trx, actor: Actor, { rec, task }: LoadedReconciliation, now: Date): Promise<ReconciliationWorkpaper> {
  const account = await repo.findBankAccount(trx, rec.firmId, rec.bankAccountId);
  if (!account) {
    throw new Error(`reconciliation ${rec.id} names a bank account that does not exist`);
  }
  const [firm, clientName, facts, uncleared, notes, adjustments, summary] = await Promise.all([
    repo.findFirm(trx, rec.firmId),
    repo.findClientName(trx, rec.firmId, rec.clientId),
    loadFacts(trx, rec, account.currency),
    lines.listUnclearedLines(trx, rec, 'ledger'),
    lines.listItemNotes(trx, rec.firmId, rec.id),
    lines.listMatchesWithLines(trx, rec.firmId, rec.id, 'adjustments'),
    lines.summarizeMatches(trx, rec.firmId, rec.id),
  ]);
  const names = await repo.userNames(trx, rec.firmId, [task?.preparerId ?? null, task?.reviewerId ?? null, rec.submittedBy, rec.approvedBy]);
  const noteOf = new Map(notes.map((n) => [n.lineId, n.note]));
  const item = (l: lines.ScopeLine): WorkpaperItem => ({ date: l.bookedOn, description: l.description, reference: l.reference, amountMinor: l.amountMinor, ageDays: Math.max(0, daysBetween(l.bookedOn, rec.statementDate)), note: noteOf.get(l.id) ?? null });
  const submittedAt = rec.submittedAt ?? task?.submittedAt ?? null;
  const approvedAt = rec.approvedAt ?? null;
  const submitter = rec.submittedBy ?? task?.preparerId ?? null;
  return {
    firmName: firm.name,
    clientName,
    accountName: account.name,
    accountNumber: account.accountNumberLast4 ? `•••• ${account.accountNumberLast4}` : null,
    currency: account.currency,
    periodStart: rec.periodStart,
    statementDate: rec.statementDate,
    status: rec.status,
    preparer: submittedAt && submitter ? { name: names.get(submitter) ?? 'Former member', at: submittedAt.toISOString() } : null,
    reviewer: approvedAt && rec.approvedBy ? { name: names.get(rec.approvedBy) ?? 'Former member', at: approvedAt.toISOString() } : null,
    assignedPreparer: task ? (names.get(task.preparerId) ?? null) : null,
    assignedReviewer: task ? (names.get(task.reviewerId) ?? null) : null,
    proof: {
      statementBalanceMinor: facts.proof.statementBalanceMinor,
      depositsInTransitMinor: facts.proof.depositsInTransitMinor,
      outstandingChecksMinor: facts.proof.outstandingChecksMinor,
      adjustedBankBalanceMinor: facts.proof.adjustedBankBalanceMinor,
      bookBalanceMinor: facts.proof.bookBalanceMinor,
      adjustmentsMinor: facts.proof.adjustmentsMinor,
      adjustedBookBalanceMinor: facts.proof.adjustedBookBalanceMinor,
      differenceMinor: facts.proof.differenceMinor,
    },
    outstandingChecks: uncleared.filter((l) => l.amountMinor < 0).map(item),
    depositsInTransit: uncleared.filter((l) => l.amountMinor > 0).map(item),
    adjustments: adjustments.map((m) => {
      const first = m.lines.find((l) => l.side === 'bank') ?? m.lines[0];
      return { date: first?.bookedOn ?? rec.statementDate, description: first?.description ?? m.explanation, amountMinor: m.adjustmentMinor ?? 0, reasonCode: m.adjustmentReason ?? 'other', account: m.adjustmentAccount, status: m.adjustmentStatus ?? 'proposed' };
    }),
    matchedSummary: summary,
    generatedAt: now.toISOString(),
    generatedBy: actor.name,
  };
}

/** e.g. `bank-reconciliation_acme-holdings_operating_2026-03-31.pdf`: only letters, digits and dashes. */
export function workpaperFileName(wp: Pick<ReconciliationWorkpaper, 'clientName' | 'accountName' | 'statementDate'>, format: WorkpaperFormat): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 40) || 'x';
  return `bank-reconciliation_${slug(wp.clientName)}_${slug(wp.accountName)}_${wp.statementDate}.${format}`;
}
