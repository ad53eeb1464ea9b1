/**
 * A CSV (or spreadsheet) column mapping: which column holds what, and how to read it. It is plain
 * JSON so that a confirmed mapping can be saved as a firm's preset for a bank and reused. Columns
 * are 0-based indexes into the rows; `headers` keeps the header row the mapping was made from, so
 * that a preset still fits when the bank re-orders its columns (columns are found by name first).
 */
import { z } from 'zod';
import { isDateFormat } from './csv-dates';

const ColumnSchema = z.number().int().min(0).max(4095);
const OptionalColumnSchema = ColumnSchema.nullable();

/**
 * How a row's amount is written. Signs follow the statement model: money out of the account is
 * negative.
 * - `signed`: one column with signed amounts (`negate` flips them, for exports that show money
 *   out as positive).
 * - `debitCredit`: `debitColumn` holds money out of the account, `creditColumn` money in; blank
 *   cells count as nothing. (A bank's "Debit"/"Withdrawals" column is money out; a cash ledger's
 *   "Credit" column is money out of the bank, so ledger presets map it to `debitColumn`.)
 * - `amountAndIndicator`: an unsigned amount plus a column whose value says the direction; rows
 *   whose indicator is one of `debitValues` (compared without case; '' means a blank cell) are
 *   money out, all others money in.
 */
export const CsvAmountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed'), column: ColumnSchema, negate: z.boolean().optional() }),
  z.object({ kind: z.literal('debitCredit'), debitColumn: ColumnSchema, creditColumn: ColumnSchema }),
  z.object({
    kind: z.literal('amountAndIndicator'),
    column: ColumnSchema,
    indicatorColumn: ColumnSchema,
    debitValues: z.array(z.string().max(40)).max(20),
  }),
]);

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

export const CsvMappingSchema = z.object({
  delimiter: z.enum(CSV_DELIMITERS),
  /** The row index of the header (rows above it are skipped as preamble); null when there is none. */
  headerRowIndex: z.number().int().min(0).max(1000).nullable(),
  /** The header row's cells when the mapping was made; null without a header. */
  headers: z.array(z.string().max(500)).max(4096).nullable(),
  dateColumn: ColumnSchema,
  dateFormat: z.string().min(1).max(40).refine(isDateFormat, 'not a date format: use YYYY, YY, MM, MMM and DD, for example DD/MM/YYYY'),
  decimalMark: z.enum(['.', ',']),
  amount: CsvAmountSchema,
  /** Joined with ' / ' in this order (blank and repeated values left out). */
  descriptionColumns: z.array(ColumnSchema).max(8),
  /** Check number or the customer's payment reference. */
  referenceColumn: OptionalColumnSchema,
  /** The bank's (or accounting system's) own transaction id. */
  bankIdColumn: OptionalColumnSchema,
  /** The running balance after each row. */
  balanceColumn: OptionalColumnSchema,
  currencyColumn: OptionalColumnSchema,
  /** The own account (an IBAN, an account number); a file with several accounts gives several statements. */
  accountColumn: OptionalColumnSchema,
  /** The statement currency when no column names it (from the amount header "Betrag (EUR)", or set by the user). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .optional(),
});

export type CsvMapping = z.infer<typeof CsvMappingSchema>;
export type CsvAmount = z.infer<typeof CsvAmountSchema>;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** The mapping's columns as they sit in one particular file. */
export interface CsvColumns {
  date: number;
  amount: CsvAmount;
  description: number[];
  reference: number | null;
  bankId: number | null;
  balance: number | null;
  currency: number | null;
  account: number | null;
}

/** Header text as compared by name: trimmed, spaces collapsed, lower case, no trailing ':' ',' ';'. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[\s:;,]+$/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The columns of `mapping`, in the file's own positions when its header row is known. */
export function resolveColumns(mapping: CsvMapping, headerCells: readonly string[] | null): { ok: true; columns: CsvColumns } | { ok: false; missing: string } {
  const saved = mapping.headers;
  const missing: string[] = [];
  const at = (column: number): number => {
    if (!saved || !headerCells) {
      return column;
    }
    const found = findNamedColumn(saved, column, headerCells);
    if (found === 'missing') {
      missing.push(saved[column] ?? '');
      return column;
    }
    return found;
  };
  const atOptional = (column: number | null): number | null => (column === null ? null : at(column));
  const amount = mapping.amount;
  let resolvedAmount: CsvAmount;
  switch (amount.kind) {
    case 'signed':
      resolvedAmount = { ...amount, column: at(amount.column) };
      break;
    case 'debitCredit':
      resolvedAmount = { ...amount, debitColumn: at(amount.debitColumn), creditColumn: at(amount.creditColumn) };
      break;
    case 'amountAndIndicator':
      resolvedAmount = { ...amount, column: at(amount.column), indicatorColumn: at(amount.indicatorColumn) };
      break;
  }
  const columns: CsvColumns = {
    date: at(mapping.dateColumn),
    amount: resolvedAmount,
    description: mapping.descriptionColumns.map(at),
    reference: atOptional(mapping.referenceColumn),
    bankId: atOptional(mapping.bankIdColumn),
    balance: atOptional(mapping.balanceColumn),
    currency: atOptional(mapping.currencyColumn),
    account: atOptional(mapping.accountColumn),
  };
  const firstMissing = missing[0];
  return firstMissing === undefined ? { ok: true, columns } : { ok: false, missing: firstMissing };
}

/** Every column index the mapping reads (in the mapping's own positions). */
export function mappedColumns(mapping: CsvMapping): number[] {
  const amount = mapping.amount;
  const amountColumns =
    amount.kind === 'signed' ? [amount.column] : amount.kind === 'debitCredit' ? [amount.debitColumn, amount.creditColumn] : [amount.column, amount.indicatorColumn];
  const optional = [mapping.referenceColumn, mapping.bankIdColumn, mapping.balanceColumn, mapping.currencyColumn, mapping.accountColumn];
  return [mapping.dateColumn, ...amountColumns, ...mapping.descriptionColumns, ...optional.filter((column): column is number => column !== null)];
}

/**
 * True when `cells` is the header row the mapping was saved from (it holds every named column the
 * mapping reads, wherever they now are). Used to find the header below a preamble of any length.
 */
export function isMappedHeaderRow(mapping: CsvMapping, cells: readonly string[]): boolean {
  const saved = mapping.headers;
  if (!saved) {
    return false;
  }
  const names = mappedColumns(mapping)
    .map((column) => normaliseHeader(saved[column] ?? ''))
    .filter((name) => name !== '');
  if (names.length === 0) {
    return false;
  }
  const present = new Set(cells.map(normaliseHeader));
  return names.every((name) => present.has(name));
}

/**
 * Where the column named `saved[column]` is in `headerCells`: the same occurrence of that name
 * (for headers that repeat a name), or the original index when the saved name is blank.
 */
function findNamedColumn(saved: readonly string[], column: number, headerCells: readonly string[]): number | 'missing' {
  const name = normaliseHeader(saved[column] ?? '');
  if (name === '') {
    return column;
  }
  let occurrence = 0;
  for (let i = 0; i < column; i += 1) {
    if (normaliseHeader(saved[i] ?? '') === name) {
      occurrence += 1;
    }
  }
  const positions: number[] = [];
  headerCells.forEach((cell, index) => {
    if (normaliseHeader(cell) === name) {
      positions.push(index);
    }
  });
  return positions[occurrence] ?? positions[0] ?? 'missing';
}
