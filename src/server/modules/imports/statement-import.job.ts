import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { z } from 'zod';
import { createDedupeKeyer } from '../../../domain/reconciliation/dedupe';
import { CsvMappingSchema } from '../../../domain/reconciliation/importers/csv-mapping';
import { describeProblem, STATEMENT_FORMATS, StatementFormatError } from '../../../domain/reconciliation/statement';
import type { StatementImportResult } from '../../../shared/bank-accounts';
import { recordAudit } from '../../audit/record-audit';
import { newId } from '../../ids';
import { JobFailedError, type JobContext } from '../../jobs/types';
import { parseStatementStream } from '../../statements/parse-file';
import { readStoredFile } from '../../statements/stored-files';
import { findBankAccountRow } from '../bank-accounts/bank-accounts.service';
import { suspendSignOffsAfterImport } from '../reconciliations/reconciliations.service';
import { chooseStatement, createPositionedSink } from './choose-statement';
import * as repo from './imports.repository';

export const STATEMENT_IMPORT_JOB = 'statement.import';

/** What the import request hands the job: the stored original and how to read it. */
export const StatementImportPayloadSchema = z.object({
  /** Fixed when the job is queued, so that a re-run after a crash finds its own committed import. */
  importId: z.string(),
  bankAccountId: z.string(),
  side: z.enum(['bank', 'ledger']),
  documentId: z.string(),
  storageKey: z.string(),
  fileName: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  format: z.enum(['auto', ...STATEMENT_FORMATS]),
  mapping: CsvMappingSchema.nullable(),
  ledgerPreset: z.string().nullable(),
});
export type StatementImportPayload = z.infer<typeof StatementImportPayloadSchema>;

/** Lines per INSERT statement: well under PostgreSQL's 65,535 parameters (11 per line). */
const BATCH_SIZE = 1_000;

/**
 * The `statement.import` job. It reads the stored file as a stream (progress: bytes read), picks
 * the statement of this account, and then, in one transaction, inserts the lines in batches —
 * a line already imported (same dedupe key) is skipped and counted as a duplicate — records the
 * import, lets the reconciliation module suspend sign-offs the new lines affect, and writes the
 * audit entry. A refused file, a cancel or any failure leaves no lines and no import behind (the
 * uploaded original stays with the client's documents as evidence of what was sent).
 */
export async function runStatementImport(job: JobContext): Promise<Record<string, unknown>> {
  const payload = StatementImportPayloadSchema.parse(job.payload);
  const alreadyDone = await repo.findImport(job.db, job.firmId, payload.importId);
  if (alreadyDone) {
    return resultOf(alreadyDone, null);
  }
  const account = await findBankAccountRow(job.db, job.firmId, payload.bankAccountId);
  if (!account) {
    throw new JobFailedError(`${payload.fileName}: the bank account it was imported into no longer exists.`);
  }
  if (!job.files) {
    throw new Error('file storage is not configured');
  }

  // 1. Read the file (no transaction is open while it streams).
  const sink = createPositionedSink();
  job.reportProgress(0, payload.sizeBytes, 'reading');
  let format: string;
  try {
    ({ format } = await parseStatementStream(readStoredFile(job.files, payload.storageKey), {
      fileName: payload.fileName,
      format: payload.format,
      mapping: payload.mapping ?? undefined,
      ledger: payload.side === 'ledger' ? { preset: payload.ledgerPreset ?? undefined } : undefined,
      totalBytes: payload.sizeBytes,
      onProgress: (bytesRead) => job.reportProgress(bytesRead, payload.sizeBytes, 'reading'),
      signal: job.signal,
      sink,
    }));
  } catch (error) {
    if (error instanceof StatementFormatError) {
      throw new JobFailedError(describeProblem(payload.fileName, { location: error.location, problem: error.problem }));
    }
    throw error;
  }
  const statement = chooseStatement(sink.statements, account, payload.side, payload.fileName);
  job.throwIfCancelled();

  // 2. Save everything in one transaction.
  const total = statement.transactions.length;
  job.reportProgress(0, total, 'saving');
  const keyer = createDedupeKeyer();
  const importedAt = job.ctx.now();
  return job.db.transaction().execute(async (trx) => {
    const owner = { firmId: job.firmId, clientId: account.clientId, bankAccountId: account.id, side: payload.side, importId: payload.importId, createdAt: importedAt };
    await repo.insertImport(trx, {
      id: payload.importId,
      firmId: job.firmId,
      clientId: account.clientId,
      bankAccountId: account.id,
      side: payload.side,
      fileName: payload.fileName,
      format,
      sha256: payload.sha256,
      sizeBytes: payload.sizeBytes,
      documentId: payload.documentId,
      sourceAccountId: statement.accountId,
      openingBalanceMinor: statement.openingBalanceMinor,
      closingBalanceMinor: statement.closingBalanceMinor,
      startOn: statement.startDate,
      endOn: statement.endDate,
      linesTotal: total,
      linesAdded: 0,
      linesDuplicate: 0,
      importedBy: job.createdBy,
      importedAt,
    });
    const addedDates = new Set<string>();
    let added = 0;
    for (let start = 0; start < total; start += BATCH_SIZE) {
      job.throwIfCancelled();
      const batch = statement.transactions.slice(start, start + BATCH_SIZE).map((t) => ({
        id: newId(),
        position: t.position,
        bookedOn: t.date,
        amountMinor: t.amountMinor,
        description: t.description,
        reference: t.reference,
        bankId: t.bankId,
        dedupeKey: keyer.keyOf(t),
      }));
      const dates = await repo.insertLines(trx, owner, batch);
      added += dates.length;
      for (const date of dates) {
        addedDates.add(date);
      }
      job.reportProgress(Math.min(start + BATCH_SIZE, total), total, 'saving');
      await yieldToEventLoop();
    }
    job.throwIfCancelled();
    const saved = await repo.updateImportCounts(trx, job.firmId, payload.importId, { linesAdded: added, linesDuplicate: total - added });
    await suspendSignOffsAfterImport(trx, job.ctx, {
      bankAccountId: account.id,
      importId: payload.importId,
      side: payload.side,
      addedLineDates: [...addedDates].sort(),
      closingBalance: statement.closingBalanceMinor !== null && statement.endDate !== null ? { date: statement.endDate, amountMinor: statement.closingBalanceMinor } : null,
    });
    await recordAudit(
      trx,
      job.ctx,
      job.firmId,
      {
        type: 'statement.imported',
        subjectType: 'statement_import',
        data: {
          bankAccountId: account.id,
          side: payload.side,
          fileName: payload.fileName,
          format,
          sha256: payload.sha256,
          statements: sink.statements.length,
          linesTotal: total,
          linesAdded: added,
          linesDuplicate: total - added,
          jobId: job.id,
        },
      },
      { id: payload.importId, clientId: account.clientId },
      job.createdBy ? { id: job.createdBy } : undefined,
    );
    return resultOf(saved, sink.statements.length);
  });
}

function resultOf(row: repo.ImportRow, statementsInFile: number | null): StatementImportResult {
  return {
    importId: row.id,
    format: row.format,
    statementsInFile,
    sourceAccountId: row.sourceAccountId,
    startOn: row.startOn,
    endOn: row.endOn,
    openingBalanceMinor: row.openingBalanceMinor,
    closingBalanceMinor: row.closingBalanceMinor,
    linesTotal: row.linesTotal,
    linesAdded: row.linesAdded,
    linesDuplicate: row.linesDuplicate,
  };
}
