/**
 * Bank statements and ledger exports saved as Excel workbooks. The first worksheet with data is
 * read with exceljs, each row becomes cell texts, and from there it is the CSV path: the same
 * layout detection and the same row normalising (locations are "row N", the sheet's row number).
 *
 * Cells become text the way a person reads them: dates as YYYY-MM-DD; numbers (which XLSX stores
 * as binary doubles) as the shortest decimal that the double stands for at 15 significant digits,
 * so 0.1 + 0.2 reads "0.3" and 12.34 reads "12.34", and the amount is then parsed from that text
 * (a float is never multiplied into minor units).
 *
 * A workbook is a zip read whole, so unlike the text formats this is not a streaming parser.
 */
import ExcelJS from 'exceljs';
import { createCollectingSink, StatementFormatError, type ParseOutcome } from '../statement';
import { detectLayoutFromRows } from './csv-detect';
import type { CsvMapping } from './csv-mapping';
import { createRowNormaliser, mergeAccountRuns } from './csv-rows';

export interface XlsxOptions {
  /** The column mapping; detected from the first rows when absent. */
  mapping?: CsvMapping | undefined;
  /** Decimals of the minor unit, overriding the currency's. */
  exponent?: number | undefined;
}

/**
 * Parses a workbook's first worksheet that has data.
 *
 * @example await parseXlsx(bytes) → { ok: true, value: { format: 'xlsx', statements: [...] } }
 */
export async function parseXlsx(bytes: Uint8Array, options: XlsxOptions = {}): Promise<ParseOutcome> {
  const rows = await readFirstSheet(bytes);
  if ('problem' in rows) {
    return { ok: false, error: { location: 'file', problem: rows.problem } };
  }
  const sink = createCollectingSink();
  try {
    let mapping = options.mapping;
    if (!mapping) {
      const detected = detectLayoutFromRows(
        rows.sample.map((row) => row.cells),
        ',',
      );
      if (!('layout' in detected)) {
        throw new StatementFormatError(`row ${rows.sample[0]?.number ?? 1}`, `the columns could not be recognised (${detected.failure.problem}); map them by hand`);
      }
      mapping = detected.layout.mapping;
    }
    const normaliser = createRowNormaliser(sink, { mapping, exponent: options.exponent, locationWord: 'row' });
    for (const row of rows.all) {
      normaliser.row(row.cells, row.number);
    }
    normaliser.end();
  } catch (error) {
    if (error instanceof StatementFormatError) {
      return { ok: false, error: { location: error.location, problem: error.problem } };
    }
    throw error;
  }
  return { ok: true, value: { format: 'xlsx', statements: mergeAccountRuns(sink.statements) } };
}

/**
 * A double as the decimal text a spreadsheet shows: 15 significant digits (all a double holds
 * reliably), trailing zeros dropped, never in exponent notation.
 *
 * @example cellNumberText(0.1 + 0.2) === '0.3'
 * @example cellNumberText(-1234.5) === '-1234.5'
 */
export function cellNumberText(value: number): string {
  if (!Number.isFinite(value)) {
    return '';
  }
  if (Number.isSafeInteger(value)) {
    return String(value);
  }
  const precise = value.toPrecision(15);
  const negative = precise.startsWith('-');
  const [mantissa = '', exponentText] = (negative ? precise.slice(1) : precise).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + Number(exponentText ?? '0');
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, '0');
  }
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const decimals = digits.slice(point).replace(/0+$/, '');
  const text = decimals === '' ? integer : `${integer}.${decimals}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

interface SheetRow {
  number: number;
  cells: string[];
}

/** Rows that detection looks at, at most. */
const SAMPLE_ROWS = 1000;

async function readFirstSheet(bytes: Uint8Array): Promise<{ all: SheetRow[]; sample: SheetRow[] } | { problem: string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares Buffer, but reads the zip with JSZip, which takes any Uint8Array.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: `the file is not a readable XLSX workbook (${reason})` };
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) {
    return { problem: 'the workbook has no worksheet with data' };
  }
  const all: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i += 1) {
      cells[i] ??= '';
    }
    all.push({ number, cells });
  });
  return { all, sample: all.slice(0, SAMPLE_ROWS) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'number') {
    return cellNumberText(value);
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 'TRUE' : 'FALSE';
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if ('richText' in value) {
    return value.richText.map((run) => run.text).join('');
  }
  if ('hyperlink' in value) {
    return hyperlinkText(value.text);
  }
  if ('error' in value) {
    return '';
  }
  return value.result === undefined ? '' : cellText(value.result);
}

/** A hyperlink's shown text, which exceljs may hand over as rich text despite its type. */
function hyperlinkText(text: unknown): string {
  if (typeof text === 'string') {
    return text;
  }
  if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
    return text.richText.map((run: unknown) => (run && typeof run === 'object' && 'text' in run && typeof run.text === 'string' ? run.text : '')).join('');
  }
  return '';
}
