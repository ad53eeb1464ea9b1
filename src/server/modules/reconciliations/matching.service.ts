import { z } from 'zod';
import { requireActor, type RequestContext } from '../../context';
import type { BackgroundJobRow, ReconciliationRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { newId } from '../../ids';
import { enqueueJob, wakeJobRunners } from '../../jobs/job-queue';
import { JobFailedError, type JobContext } from '../../jobs/types';
import { isWorkAllowed } from '../../../domain/reconciliation/reconciliation-state';
import { proposeMatches } from '../../../domain/reconciliation/matching/propose-matches';
import { DEFAULT_MATCH_OPTIONS, type Match, type MatchLine } from '../../../domain/reconciliation/matching/types';
import { FirmSettingsSchema, reconciliationDateWindowDays } from '../../../shared/firm';
import { loadActiveMatchRules } from '../reconciliation-rules/reconciliation-rules.service';
import { loadForWork } from './reconciliation-access';
import * as lines from './reconciliation-lines.repository';
import * as repo from './reconciliations.repository';
import { suggestionKey, type StoredSuggestion } from './suggestions';

export const MATCH_JOB = 'reconciliation.match';

const PayloadSchema = z.object({ reconciliationId: z.string() });

/**
 * Queues a matching run (the preparer, on a draft or suspended reconciliation). Every run goes
 * through the job queue, small or large; a run already queued or running is answered again
 * instead of a second one (a double click is harmless).
 */
export async function startMatchRun(ctx: RequestContext, id: string): Promise<BackgroundJobRow> {
  const actor = requireActor(ctx);
  const { job, isNew } = await ctx.db.transaction().execute(async (trx) => {
    const { rec, task } = await loadForWork(ctx, trx, id, 'match');
    const latest = await repo.findLatestMatchJob(trx, actor.firmId, rec.id);
    if (latest && (latest.status === 'queued' || latest.status === 'running')) {
      return { job: latest, isNew: false };
    }
    if (task) {
      await repo.addToPreparedBy(trx, actor.firmId, task, actor.userId);
    }
    return { job: await enqueueJob(trx, ctx, { kind: MATCH_JOB, clientId: rec.clientId, payload: { reconciliationId: rec.id } }), isNew: true };
  });
  if (isNew) {
    wakeJobRunners();
  }
  return job;
}

interface Side {
  ids: string[];
  lines: MatchLine[];
}

/**
 * The `reconciliation.match` job. Loads the lines in scope that no person matched, runs the
 * matcher with the firm's date window and active rules, then in one transaction replaces the
 * automatic matches nobody touched with the new ones, stores the suggestions and records
 * `reconciliation.matched`. Cancelling between phases (or before the commit) leaves no trace.
 */
export async function runMatchJob(job: JobContext): Promise<Record<string, unknown>> {
  const { reconciliationId } = PayloadSchema.parse(job.payload);
  job.reportProgress(0, 0, 'loading');
  const rec = await repo.findReconciliation(job.db, job.firmId, reconciliationId);
  if (!rec) {
    throw new JobFailedError('The reconciliation no longer exists.');
  }
  assertMatchable(rec);
  const kept = await lines.listKeptMatchIds(job.db, job.firmId, rec.id);
  const bank = toSide(await lines.listScopeLines(job.db, rec, 'bank'), kept);
  const ledger = toSide(await lines.listScopeLines(job.db, rec, 'ledger'), kept);
  const firm = await repo.findFirm(job.db, job.firmId);
  const settings = FirmSettingsSchema.partial().safeParse(firm.settings);
  const dateWindowDays = reconciliationDateWindowDays(settings.success ? settings.data : {});
  const rules = await loadActiveMatchRules(job.db, job.firmId, rec.clientId);
  job.throwIfCancelled();

  const total = bank.lines.length + ledger.lines.length;
  job.reportProgress(0, total, 'matching');
  const result = proposeMatches(bank.lines, ledger.lines, { ...DEFAULT_MATCH_OPTIONS, dateWindowDays, rules });
  job.reportProgress(total, total, 'matching');
  job.throwIfCancelled();

  job.reportProgress(0, result.matches.length, 'saving');
  return job.db.transaction().execute(async (trx) => {
    const locked = await repo.findReconciliationForUpdate(trx, job.firmId, rec.id);
    if (!locked) {
      throw new JobFailedError('The reconciliation no longer exists.');
    }
    assertMatchable(locked);
    const replaced = await lines.deleteUntouchedAutomaticMatches(trx, job.firmId, rec.id);
    // A person may have matched some of these lines while the matcher ran: their match stands.
    const taken = await lines.listMatchedLineIds(trx, job.firmId, [...bank.ids, ...ledger.ids]);
    const isFree = (m: Pick<Match, 'bank' | 'ledger'>) => m.bank.every((i) => !taken.has(bank.ids[i] ?? '')) && m.ledger.every((i) => !taken.has(ledger.ids[i] ?? ''));
    const matches = result.matches.filter(isFree);
    const now = job.ctx.now();
    await lines.insertMatches(
      trx,
      matches.map((m) => ({
        match: {
          id: newId(),
          firmId: job.firmId,
          reconciliationId: rec.id,
          origin: m.reason === 'rule' || m.reason === 'tolerance' ? 'rule' : 'auto',
          reason: m.reason,
          confidence: m.confidence,
          explanation: m.explanation,
          adjustmentMinor: m.adjustment?.amountMinor ?? null,
          adjustmentReason: m.adjustment?.reasonCode ?? null,
          adjustmentAccount: m.adjustment?.account ?? null,
          adjustmentStatus: m.adjustment ? 'proposed' : null,
          adjustmentApprovedBy: null,
          adjustmentApprovedAt: null,
          note: null,
          createdBy: null,
          createdAt: now,
        },
        lines: [...m.bank.map((i) => ({ lineId: bank.ids[i] ?? '', side: 'bank' as const })), ...m.ledger.map((i) => ({ lineId: ledger.ids[i] ?? '', side: 'ledger' as const }))],
      })),
    );
    job.reportProgress(matches.length, result.matches.length, 'saving');
    const suggestions = result.suggestions.filter(isFree).map((s): StoredSuggestion => {
      const bankLineIds = s.bank.map((i) => bank.ids[i] ?? '');
      const ledgerLineIds = s.ledger.map((i) => ledger.ids[i] ?? '');
      return { key: suggestionKey(bankLineIds, ledgerLineIds), reason: s.reason, confidence: s.confidence, explanation: s.explanation, distinguishing: s.distinguishing, bankLineIds, ledgerLineIds, adjustment: s.adjustment, acceptedMatchId: null };
    });
    await repo.updateReconciliation(trx, job.firmId, rec.id, locked.version, { suggestions: JSON.stringify(suggestions), matchedAt: now, updatedAt: now });
    const summary = {
      jobId: job.id,
      matches: matches.length,
      suggestions: suggestions.length,
      unmatchedBank: result.unmatchedBank.length,
      unmatchedLedger: result.unmatchedLedger.length,
      replacedAutomatic: replaced,
    };
    await recordAudit(trx, job.ctx, job.firmId, { type: 'reconciliation.matched', subjectType: 'reconciliation', data: summary }, { id: rec.id, clientId: rec.clientId }, job.createdBy ? { id: job.createdBy } : undefined);
    job.throwIfCancelled();
    return summary;
  });
}

function assertMatchable(rec: ReconciliationRow): void {
  if (!isWorkAllowed(rec.status, 'match')) {
    throw new JobFailedError('The reconciliation was submitted or approved since matching was asked for; nothing was changed.');
  }
}

/** The matcher's view of the lines no person matched (their index is their place in `ids`). */
function toSide(scope: lines.ScopeLine[], kept: ReadonlySet<string>): Side {
  const free = scope.filter((l) => !l.isMatchedLater && (l.matchId === null || !kept.has(l.matchId)));
  return {
    ids: free.map((l) => l.id),
    lines: free.map((l) => ({ date: l.bookedOn, amountMinor: l.amountMinor, description: l.description, reference: l.reference, bankId: l.bankId })),
  };
}
