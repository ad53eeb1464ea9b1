import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { z } from 'zod';
import { createDedupeKeyer } from '../../../domain/reconciliation/dedupe';
import { CsvMappingSchema } from '../../../domain/reconciliation/importers/csv-mapping';
import { describeProblem, STATEMENT_FORMATS, StatementFormatError } from '../../../domain/reconciliation/statement';
import type { StatementImportResult } from '../../../shared/bank-accounts';
import { recordAudit } from '../../audit/record-audit';
import type { Trx } from '../../db/database';
import type { BankAccountRow } from '../../db/schema';
import { newId } from '../../ids';
import { JobFailedError, type JobContext } from '../../jobs/types';
import { parseStatementStream } from '../../statements/parse-file';
import { readStoredFile, spoolDirFor } from '../../statements/stored-files';
import { findBankAccountRow } from '../bank-accounts/bank-accounts.service';
import { suspendSignOffsAfterImport } from '../reconciliations/reconciliations.service';
import { chooseStatement, type ChosenStatement } from './choose-statement';
import { createLineSpool, type SpooledTransaction } from './line-spool';
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

/**
 * Lines per INSERT statement, adapted as the import goes so that one statement takes about
 * `BATCH_TARGET_MS`. Row-level checks (foreign keys, indexes) dominate the cost, so size buys
 * little throughput beyond a few thousand lines; on PGlite, which runs on this thread, a
 * statement is also how long the event loop waits, so there batches stay small.
 */
const BATCH = { initial: 500, min: 100, max: 5_000 };
const BATCH_TARGET_MS = 100;

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

  // 1. Read the file, with no transaction open, into a spool file: memory stays flat.
  const spool = createLineSpool(await spoolDirFor(job.files));
  try {
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
        sink: spool,
      }));
    } catch (error) {
      if (error instanceof StatementFormatError) {
        throw new JobFailedError(describeProblem(payload.fileName, { location: error.location, problem: error.problem }));
      }
      throw error;
    }
    spool.close();
    const chosen = chooseStatement(spool.statements, account, payload.side, payload.fileName);
    job.throwIfCancelled();

    // 2. Save everything in one transaction.
    job.reportProgress(0, chosen.count, 'saving');
    return await job.db.transaction().execute((trx) => saveImport(trx, job, { payload, account, format, chosen, statementsInFile: spool.statements.length, lines: spool.read(chosen.indexes) }));
  } finally {
    await spool.remove();
  }
}

interface SaveInput {
  payload: StatementImportPayload;
  account: BankAccountRow;
  format: string;
  chosen: ChosenStatement;
  statementsInFile: number;
  lines: AsyncIterable<SpooledTransaction>;
}

/**
 * Inside the import's transaction: the import record, the lines in batches (a line whose dedupe
 * key the account's side has already is skipped), the reconciliation module's hook, and the audit
 * entry. Cancelling between batches rolls all of it back.
 */
async function saveImport(trx: Trx, job: JobContext, input: SaveInput): Promise<StatementImportResult> {
  const { payload, account, chosen } = input;
  const header = chosen.header;
  const importedAt = job.ctx.now();
  await repo.insertImport(trx, {
    id: payload.importId,
    firmId: job.firmId,
    clientId: account.clientId,
    bankAccountId: account.id,
    side: payload.side,
    fileName: payload.fileName,
    format: input.format,
    sha256: payload.sha256,
    sizeBytes: payload.sizeBytes,
    documentId: payload.documentId,
    sourceAccountId: header.accountId,
    openingBalanceMinor: header.openingBalanceMinor,
    closingBalanceMinor: header.closingBalanceMinor,
    startOn: header.startDate,
    endOn: header.endDate,
    linesTotal: chosen.count,
    linesAdded: 0,
    linesDuplicate: 0,
    importedBy: job.createdBy,
    importedAt,
  });
  const owner = { firmId: job.firmId, clientId: account.clientId, bankAccountId: account.id, side: payload.side, importId: payload.importId, createdAt: importedAt };
  const keyer = createDedupeKeyer();
  const addedDates = new Set<string>();
  let added = 0;
  let done = 0;
  let batch: repo.NewLine[] = [];
  let batchSize = BATCH.initial;
  const insertBatch = async () => {
    job.throwIfCancelled();
    const started = performance.now();
    const dates = await repo.insertLines(trx, owner, batch);
    const took = performance.now() - started;
    if (batch.length >= batchSize) {
      batchSize = took > BATCH_TARGET_MS * 1.5 ? Math.max(BATCH.min, Math.floor(batchSize / 2)) : took < BATCH_TARGET_MS / 2 ? Math.min(BATCH.max, batchSize * 2) : batchSize;
    }
    added += dates.length;
    for (const date of dates) {
      addedDates.add(date);
    }
    done += batch.length;
    batch = [];
    job.reportProgress(done, chosen.count, 'saving');
    await yieldToEventLoop();
  };
  for await (const t of input.lines) {
    batch.push({ id: newId(), position: t.position, bookedOn: t.date, amountMinor: t.amountMinor, description: t.description, reference: t.reference, bankId: t.bankId, dedupeKey: keyer.keyOf(t) });
    if (batch.length >= batchSize) {
      await insertBatch();
    }
  }
  await insertBatch();
  const total = chosen.count;
  const saved = await repo.updateImportCounts(trx, job.firmId, payload.importId, { linesAdded: added, linesDuplicate: total - added });
  await suspendSignOffsAfterImport(trx, job.ctx, {
    bankAccountId: account.id,
    importId: payload.importId,
    side: payload.side,
    addedLineDates: [...addedDates].sort(),
    closingBalance: header.closingBalanceMinor !== null && header.endDate !== null ? { date: header.endDate, amountMinor: header.closingBalanceMinor } : null,
  });
  await recordAudit(
    trx,
    job.ctx,
    job.firmId,
    {
      type: 'statement.imported',
      subjectType: 'statement_import',
      data: { bankAccountId: account.id, side: payload.side, fileName: payload.fileName, format: input.format, sha256: payload.sha256, statements: input.statementsInFile, linesTotal: total, linesAdded: added, linesDuplicate: total - added, jobId: job.id },
    },
    { id: payload.importId, clientId: account.clientId },
    job.createdBy ? { id: job.createdBy } : undefined,
  );
  return resultOf(saved, input.statementsInFile);
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
