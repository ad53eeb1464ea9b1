import type { Db, Trx } from '../../db/database';
import type { ReconciliationRow } from '../../db/schema';
import { addDays } from '../../../domain/dates';
import { currencyExponent, formatMinor } from '../../../domain/money';
import { assessReadiness, STALE_ITEM_DAYS, type ReadinessProblem } from '../../../domain/reconciliation/reconciliation-state';
import { computeReconciliationProof, type ReconciliationProof } from './reconciliation-proof';
import * as lines from './reconciliation-lines.repository';
import * as repo from './reconciliations.repository';
import { openSuggestions } from './suggestions';

export interface Balance {
  amountMinor: number | null;
  source: 'import' | 'entered' | null;
  enteredMinor: number | null;
  importedMinor: number | null;
}

export interface ReconciliationFacts {
  statementBalance: Balance;
  bookBalance: Balance;
  proof: ReconciliationProof;
  counts: {
    matches: number;
    matchedBank: number;
    matchedLedger: number;
    suggestions: number;
    unmatchedBank: number;
    unmatchedLedger: number;
    bankLinesNeedingAction: number;
    undocumentedStaleItems: number;
    proposedAdjustments: number;
  };
  readiness: { isReady: boolean; problems: ReadinessProblem[] };
  isMatching: boolean;
}

/**
 * Everything the header, the submission gate and the workpaper need to know about a
 * reconciliation, computed from aggregates (never from every line in memory): balances (a file's
 * figure for the statement date wins over an entered one), the proof, counts and readiness.
 * `exceptImportId` resolves balances as they were before that import.
 */
export async function loadFacts(db: Db | Trx, rec: ReconciliationRow, currency: string, options: { exceptImportId?: string } = {}): Promise<ReconciliationFacts> {
  const [statementImported, bookImported, totals, stats, stale, job] = await Promise.all([
    repo.findImportedBalance(db, rec.firmId, rec.bankAccountId, 'bank', rec.statementDate, options.exceptImportId),
    repo.findImportedBalance(db, rec.firmId, rec.bankAccountId, 'ledger', rec.statementDate, options.exceptImportId),
    lines.scopeTotals(db, rec),
    lines.matchStats(db, rec.firmId, rec.id),
    lines.countUndocumentedStale(db, rec, addDays(rec.statementDate, -(STALE_ITEM_DAYS + 1))),
    repo.findLatestMatchJob(db, rec.firmId, rec.id),
  ]);
  const statementBalance = balanceOf(statementImported, rec.statementBalanceMinor);
  const bookBalance = balanceOf(bookImported, rec.bookBalanceMinor);
  const part = (side: 'bank' | 'ledger', isMatched: boolean) => totals.find((t) => t.side === side && t.isMatched === isMatched) ?? { count: 0, inflowMinor: 0, outflowMinor: 0 };
  const unmatchedLedger = part('ledger', false);
  const unmatchedBank = part('bank', false);
  const proof = computeReconciliationProof({
    statementBalanceMinor: statementBalance.amountMinor,
    bookBalanceMinor: bookBalance.amountMinor,
    unclearedLedgerInflowMinor: unmatchedLedger.inflowMinor,
    unclearedLedgerOutflowMinor: unmatchedLedger.outflowMinor,
    adjustmentsMinor: stats.adjustmentsMinor,
  });
  const isMatching = job !== undefined && (job.status === 'queued' || job.status === 'running');
  const counts = {
    matches: stats.matches,
    matchedBank: part('bank', true).count,
    matchedLedger: part('ledger', true).count,
    suggestions: openSuggestions(rec.suggestions).length,
    unmatchedBank: unmatchedBank.count,
    unmatchedLedger: unmatchedLedger.count,
    bankLinesNeedingAction: unmatchedBank.count,
    undocumentedStaleItems: stale,
    proposedAdjustments: stats.proposedAdjustments,
  };
  const exponent = currencyExponent(currency);
  const readiness = assessReadiness(
    {
      hasStatementBalance: statementBalance.amountMinor !== null,
      hasBookBalance: bookBalance.amountMinor !== null,
      differenceMinor: proof.differenceMinor,
      bankLinesNeedingAction: counts.bankLinesNeedingAction,
      undocumentedStaleItems: stale,
      isMatching,
    },
    (minor) => `${formatMinor(minor, exponent)} ${currency}`,
  );
  return { statementBalance, bookBalance, proof, counts, readiness, isMatching };
}

function balanceOf(importedMinor: number | null, enteredMinor: number | null): Balance {
  if (importedMinor !== null) {
    return { amountMinor: importedMinor, source: 'import', enteredMinor, importedMinor };
  }
  return { amountMinor: enteredMinor, source: enteredMinor === null ? null : 'entered', enteredMinor, importedMinor };
}
