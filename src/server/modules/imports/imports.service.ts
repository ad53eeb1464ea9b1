import fs from 'node:fs';
import { CsvMappingSchema, type CsvMapping } from '../../../domain/reconciliation/importers/csv-mapping';
import { ImportFieldsSchema, type LineListQuery } from '../../../shared/bank-accounts';
import { requireActor, type RequestContext } from '../../context';
import type { BackgroundJobRow, DocumentRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ValidationError } from '../../errors';
import { newId } from '../../ids';
import { enqueueJob, wakeJobRunners } from '../../jobs/job-queue';
import { storeSpooledFile } from '../../statements/stored-files';
import type { FileStorage } from '../../storage/file-storage';
import { loadBankAccount } from '../bank-accounts/bank-accounts.service';
import { isLedgerPresetId } from '../../statements/ledger-layout';
import * as repo from './imports.repository';
import { STATEMENT_IMPORT_JOB, type StatementImportPayload } from './statement-import.job';
import type { SpooledUpload } from './upload';

/** 404 or 403 before a byte of the upload is read: only staff on the account's client import. */
export async function authorizeImport(ctx: RequestContext, accountId: string): Promise<void> {
  await loadBankAccount(ctx, ctx.db, accountId, 'import');
}

/** The client's file storage, which every route that stores files needs. */
export function requireFiles(ctx: RequestContext): FileStorage {
  if (!ctx.files) {
    throw new Error('file storage is not configured');
  }
  return ctx.files;
}

/**
 * Accepts an uploaded statement for import without reading it: the original is stored with the
 * client's documents (with its SHA-256, as evidence of what was imported) and a
 * `statement.import` job is queued, both in one transaction with the upload's audit entry. The
 * job parses and saves the lines; the caller answers 202 with the job.
 */
export async function startImport(ctx: RequestContext, accountId: string, upload: SpooledUpload): Promise<{ job: BackgroundJobRow; document: DocumentRow }> {
  const actor = requireActor(ctx);
  const storage = requireFiles(ctx);
  try {
    const fields = parseFields(upload.fields);
    if (upload.sizeBytes === 0) {
      throw new ValidationError(`${upload.filename}: the file is empty.`, [{ path: 'file', message: 'is empty' }]);
    }
    const mapping = fields.presetId ? await presetMapping(ctx, fields.presetId, fields.side) : (fields.mapping ?? null);
    if (mapping && fields.format !== 'auto' && fields.format !== 'csv' && fields.format !== 'xlsx') {
      throw new ValidationError('A column mapping applies to CSV and XLSX files only.', [{ path: 'mapping', message: 'applies to CSV and XLSX files only' }]);
    }
    if (fields.ledgerPreset !== undefined && (fields.side !== 'ledger' || !isLedgerPresetId(fields.ledgerPreset))) {
      throw new ValidationError('Choose one of the ledger export layouts, for a ledger file.', [{ path: 'ledgerPreset', message: 'is not a ledger export layout' }]);
    }
    const documentId = newId();
    const now = ctx.now();
    const storageKey = `${actor.firmId}/${now.toISOString().slice(0, 7)}/${documentId}`;
    await storeSpooledFile(storage, storageKey, upload.file);
    const accepted = await ctx.db.transaction().execute(async (trx) => {
      const account = await loadBankAccount(ctx, trx, accountId, 'import');
      const document = await repo.insertDocument(trx, {
        id: documentId,
        firmId: actor.firmId,
        clientId: account.clientId,
        taskId: null,
        filename: upload.filename,
        contentType: contentTypeOf(upload.filename),
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
        storageKey,
        uploadedBy: actor.userId,
        uploadedAt: now,
      });
      await recordAudit(
        trx,
        ctx,
        actor.firmId,
        { type: 'document.uploaded', subjectType: 'document', data: { taskId: null, filename: document.filename, sizeBytes: document.sizeBytes, sha256: document.sha256, contentType: document.contentType } },
        { id: documentId, clientId: account.clientId },
      );
      const payload: StatementImportPayload = {
        importId: newId(),
        bankAccountId: account.id,
        side: fields.side,
        documentId,
        storageKey,
        fileName: upload.filename,
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
        format: fields.format,
        mapping,
        ledgerPreset: fields.ledgerPreset ?? null,
      };
      const job = await enqueueJob(trx, ctx, { kind: STATEMENT_IMPORT_JOB, clientId: account.clientId, payload });
      return { job, document };
    });
    wakeJobRunners();
    return accepted;
  } finally {
    await fs.promises.rm(upload.file, { force: true });
  }
}

/** An account's import history, newest first. */
export async function listImports(ctx: RequestContext, accountId: string, side: 'bank' | 'ledger' | undefined): Promise<repo.ImportListRow[]> {
  const account = await loadBankAccount(ctx, ctx.db, accountId, 'readActivity');
  return repo.listImports(ctx.db, account.firmId, account.id, side);
}

/** A page of an account side's imported lines, newest first, with their match and reconciled state. */
export async function listLines(ctx: RequestContext, accountId: string, query: LineListQuery): Promise<{ rows: repo.LineListRow[]; total: number }> {
  const account = await loadBankAccount(ctx, ctx.db, accountId, 'readActivity');
  return repo.listLines(ctx.db, account.firmId, account.id, query);
}

function parseFields(fields: Record<string, string>) {
  const parsed = ImportFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || 'fields', message: issue.message }));
    throw new ValidationError(`The import fields are invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
  return parsed.data;
}

/** A saved preset's mapping; it must be one of the firm's presets for the same side (else 400). */
export async function presetMapping(ctx: RequestContext, presetId: string, side: 'bank' | 'ledger'): Promise<CsvMapping> {
  const actor = requireActor(ctx);
  const preset = await repo.findPreset(ctx.db, actor.firmId, presetId);
  const mapping = preset && preset.side === side ? CsvMappingSchema.safeParse(preset.mapping) : null;
  if (!mapping?.success) {
    throw new ValidationError('presetId is not a saved mapping for this side.', [{ path: 'presetId', message: `is not a saved ${side} mapping of the firm` }]);
  }
  return mapping.data;
}

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  ofx: 'application/x-ofx',
  qfx: 'application/x-ofx',
  xml: 'application/xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  qif: 'text/plain',
  sta: 'text/plain',
  mt940: 'text/plain',
  bai: 'text/plain',
  bai2: 'text/plain',
};

function contentTypeOf(fileName: string): string {
  return CONTENT_TYPES[fileName.toLowerCase().split('.').pop() ?? ''] ?? 'application/octet-stream';
}
