import { createStatementParser, unknownFormatError } from '../../../domain/reconciliation/importers';
import { detectCsvLayout, type CsvLayout } from '../../../domain/reconciliation/importers/csv-detect';
import { CsvMappingSchema, isMappedHeaderRow, type CsvMapping } from '../../../domain/reconciliation/importers/csv-mapping';
import { decodeStatementBytes } from '../../../domain/reconciliation/importers/text-decoding';
import { parseXlsx } from '../../../domain/reconciliation/importers/xlsx';
import { describeProblem, StatementFormatError, type StatementFormat, type StatementHeader, type StatementSink, type StatementTransaction } from '../../../domain/reconciliation/statement';
import { ImportFieldsSchema, type ImportPreviewDto, type LedgerSide } from '../../../shared/bank-accounts';
import { requireActor, type RequestContext } from '../../context';
import { ValidationError } from '../../errors';
import { detectFileFormat } from '../../statements/parse-file';
import { resolveLedgerLayout, LEDGER_PRESET_OPTIONS } from '../../statements/ledger-layout';
import * as repo from './imports.repository';
import { presetMapping } from './imports.service';

/** How much of a text file the preview reads. */
export const PREVIEW_HEAD_BYTES = 64 * 1024;
/** A workbook must be read whole; the preview reads one up to this size. */
export const PREVIEW_WORKBOOK_BYTES = 20 * 1024 * 1024;
const PREVIEW_TRANSACTIONS = 20;

interface FileHead {
  filename: string;
  head: Buffer;
  /** The whole file's size (the head may be shorter). */
  sizeBytes: number;
  fields: Record<string, string>;
}

/**
 * What the start of a file shows before it is imported: its format; for CSV the detected layout
 * (to confirm or correct) and a saved preset that fits its columns; for a ledger export the
 * accounting system it comes from; and the first transactions as they would be read. Nothing is
 * stored. A file cut short by the 64 KiB limit is read as far as it goes.
 */
export async function previewImport(ctx: RequestContext, file: FileHead): Promise<ImportPreviewDto> {
  const fields = parseFields(file.fields);
  const isWhole = file.head.length >= file.sizeBytes;
  const format = fields.format !== 'auto' ? fields.format : detectFileFormat(file.filename, file.head);
  const preview: ImportPreviewDto = { fileName: file.filename, format, problem: null, csv: null, ledger: null, statement: null };
  if (!format) {
    const error = unknownFormatError();
    return { ...preview, problem: describeProblem(file.filename, { location: error.location, problem: error.problem }) };
  }
  if (format === 'xlsx') {
    return previewWorkbook(preview, file, isWhole, fields.mapping);
  }
  const decoded = decodeStatementBytes(file.head).text;
  const text = isWhole ? decoded : wholeLines(decoded);
  let mapping = fields.mapping ?? (fields.presetId ? await presetMapping(ctx, fields.presetId, fields.side) : undefined);
  if (format === 'csv') {
    // A ledger export is read the ledger's way (its debit is money into the bank); the rows
    // shown come from the plain CSV detection either way.
    const detected = detectCsvLayout(text);
    const ledger = fields.side === 'ledger' ? resolveLedgerLayout(text, fields.ledgerPreset) : null;
    const layout: CsvLayout = ledger ? { ...detected, mapping: ledger.mapping, headers: ledger.headers, confidence: ledger.confidence, warnings: ledger.warnings } : detected;
    const preset = await findFittingPreset(ctx, fields.side, layout);
    mapping ??= preset?.mapping ?? layout.mapping;
    preview.csv = { mapping: layout.mapping, headers: layout.headers, previewRows: layout.previewRows, confidence: layout.confidence, warnings: layout.warnings, preset: preset ? { id: preset.id, name: preset.name } : null };
    if (fields.side === 'ledger') {
      preview.ledger = { preset: ledger?.system ?? null, presets: LEDGER_PRESET_OPTIONS };
    }
  }
  const sample = readSample(format, text, isWhole, mapping);
  return { ...preview, ...sample.problem !== null ? { problem: describeProblem(file.filename, sample.problem) } : {}, statement: sample.statement };
}

async function previewWorkbook(preview: ImportPreviewDto, file: FileHead, isWhole: boolean, mapping: CsvMapping | undefined): Promise<ImportPreviewDto> {
  if (!isWhole) {
    return { ...preview, problem: `${file.filename}: the workbook is larger than ${PREVIEW_WORKBOOK_BYTES / 1024 / 1024} MB, too large to preview; import it, or save the sheet as CSV.` };
  }
  const outcome = await parseXlsx(file.head, mapping ? { mapping } : {});
  if (!outcome.ok) {
    return { ...preview, problem: describeProblem(file.filename, outcome.error) };
  }
  const first = outcome.value.statements[0];
  if (!first) {
    return preview;
  }
  const { transactions, ...header } = first;
  return { ...preview, statement: { ...header, transactions: transactions.slice(0, PREVIEW_TRANSACTIONS).map(presentTransaction) } };
}

/** Runs the format's parser over the sample, keeping the first statement's first transactions. */
function readSample(format: Exclude<StatementFormat, 'xlsx'>, text: string, isWhole: boolean, mapping: CsvMapping | undefined): { statement: ImportPreviewDto['statement']; problem: { location: string; problem: string } | null } {
  let header: StatementHeader | null = null;
  const transactions: StatementTransaction[] = [];
  let statements = 0;
  const sink: StatementSink = {
    beginStatement() {
      statements += 1;
    },
    transaction(transaction) {
      if (statements <= 1 && transactions.length < PREVIEW_TRANSACTIONS) {
        transactions.push(transaction);
      }
    },
    endStatement(ended) {
      header ??= ended;
    },
  };
  let problem: { location: string; problem: string } | null = null;
  try {
    const parser = createStatementParser(format, sink, mapping ? { mapping } : {});
    parser.write(text);
    parser.end();
  } catch (error) {
    if (!(error instanceof StatementFormatError)) {
      throw error;
    }
    // The end of a sample cut from a longer file is not the end of the file: only a problem
    // before it, or in a whole file, is the file's.
    if (isWhole || transactions.length === 0) {
      problem = { location: error.location, problem: error.problem };
    }
  }
  if (statements === 0 && transactions.length === 0) {
    return { statement: null, problem };
  }
  const known: StatementHeader = header ?? { accountId: null, currency: null, openingBalanceMinor: null, closingBalanceMinor: null, startDate: null, endDate: null };
  return { statement: { ...known, transactions: transactions.map(presentTransaction) }, problem };
}

/** The firm's saved mapping of this side whose columns the file's header row has (first by name). */
async function findFittingPreset(ctx: RequestContext, side: LedgerSide, layout: CsvLayout): Promise<{ id: string; name: string; mapping: CsvMapping } | null> {
  if (layout.headers.length === 0) {
    return null;
  }
  const actor = requireActor(ctx);
  for (const row of await repo.listPresets(ctx.db, actor.firmId, side)) {
    const mapping = CsvMappingSchema.safeParse(row.mapping);
    if (mapping.success && mapping.data.delimiter === layout.mapping.delimiter && isMappedHeaderRow(mapping.data, layout.headers)) {
      return { id: row.id, name: row.name, mapping: mapping.data };
    }
  }
  return null;
}

function parseFields(fields: Record<string, string>) {
  const parsed = ImportFieldsSchema.safeParse({ side: 'bank', ...fields });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || 'fields', message: issue.message }));
    throw new ValidationError(`The preview fields are invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }
  return parsed.data;
}

/** The text up to its last line break: the rows a cut-off sample holds whole. */
function wholeLines(text: string): string {
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return cut === -1 ? text : text.slice(0, cut + 1);
}

function presentTransaction(t: StatementTransaction) {
  return { date: t.date, amountMinor: t.amountMinor, description: t.description, reference: t.reference, bankId: t.bankId };
}
