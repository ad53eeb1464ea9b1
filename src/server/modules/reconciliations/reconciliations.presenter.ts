import type { AdjustmentDto, MatchDto, ReconciliationDto } from '../../../shared/reconciliation';
import type { ReconciliationMatchRow } from '../../db/schema';
import type { MatchWithLines } from './reconciliation-lines.repository';
import type { ReconciliationView } from './reconciliation-view';

const person = (id: string | null | undefined, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? 'Former member' } : null);
const iso = (at: Date | null) => at?.toISOString() ?? null;

/** The reconciliation page's header: balances, proof, counts, readiness, adjustments and abilities. */
export function presentReconciliation(view: ReconciliationView): ReconciliationDto {
  const { rec, task, account, facts, names, lastJob } = view;
  return {
    id: rec.id,
    task: task ? { id: task.id, title: task.title, status: task.status, period: task.period, version: task.version } : null,
    client: { id: rec.clientId, name: view.clientName },
    bankAccount: { id: account.id, name: account.name, institution: account.institution, accountNumberLast4: account.accountNumberLast4, currency: account.currency, glAccount: account.glAccount },
    periodStart: rec.periodStart,
    statementDate: rec.statementDate,
    status: rec.status,
    statementBalance: facts.statementBalance,
    bookBalance: facts.bookBalance,
    proof: facts.proof,
    counts: facts.counts,
    readiness: facts.readiness,
    adjustments: view.adjustments.map((m) => presentAdjustment(m, names)),
    lastMatchRun: lastJob
      ? { jobId: lastJob.id, status: lastJob.status, phase: lastJob.phase, progressDone: lastJob.progressDone, progressTotal: lastJob.progressTotal, error: lastJob.error, createdAt: lastJob.createdAt.toISOString(), finishedAt: iso(lastJob.finishedAt) }
      : null,
    matchedAt: iso(rec.matchedAt),
    preparer: person(task?.preparerId, names),
    reviewer: person(task?.reviewerId, names),
    submittedAt: iso(rec.submittedAt),
    submittedBy: person(rec.submittedBy, names),
    approvedAt: iso(rec.approvedAt),
    approvedBy: person(rec.approvedBy, names),
    snapshotHash: rec.snapshotHash,
    suspendedAt: iso(rec.suspendedAt),
    suspendedReason: rec.suspendedReason,
    abilities: view.abilities,
    version: rec.version,
    updatedAt: rec.updatedAt.toISOString(),
  };
}

function presentAdjustment(m: MatchWithLines, names: Map<string, string>): AdjustmentDto {
  const bank = m.lines.filter((l) => l.side === 'bank');
  const first = bank[0] ?? m.lines[0];
  return {
    matchId: m.id,
    date: first?.bookedOn ?? '',
    description: first?.description ?? '',
    amountMinor: m.adjustmentMinor ?? 0,
    reasonCode: m.adjustmentReason ?? 'other',
    account: m.adjustmentAccount,
    status: m.adjustmentStatus ?? 'proposed',
    origin: m.origin,
    proposedBy: person(m.createdBy, names),
    approvedBy: person(m.adjustmentApprovedBy, names),
    approvedAt: iso(m.adjustmentApprovedAt),
    bankLineIds: bank.map((l) => l.lineId),
    ledgerLineIds: m.lines.filter((l) => l.side === 'ledger').map((l) => l.lineId),
  };
}

/** One match with its lines' ids and totals per side. */
export function presentMatch(m: ReconciliationMatchRow, lines: ReadonlyArray<{ lineId: string; side: 'bank' | 'ledger'; amountMinor: number }>): MatchDto {
  const total = (side: 'bank' | 'ledger') => lines.filter((l) => l.side === side).reduce((sum, l) => sum + l.amountMinor, 0);
  return {
    id: m.id,
    origin: m.origin,
    reason: m.reason,
    confidence: m.confidence,
    explanation: m.explanation,
    note: m.note,
    bankLineIds: lines.filter((l) => l.side === 'bank').map((l) => l.lineId),
    ledgerLineIds: lines.filter((l) => l.side === 'ledger').map((l) => l.lineId),
    bankTotalMinor: total('bank'),
    ledgerTotalMinor: total('ledger'),
    adjustment: m.adjustmentMinor === null ? null : { amountMinor: m.adjustmentMinor, reasonCode: m.adjustmentReason ?? 'other', account: m.adjustmentAccount, status: m.adjustmentStatus ?? 'proposed' },
    createdAt: m.createdAt.toISOString(),
  };
}
