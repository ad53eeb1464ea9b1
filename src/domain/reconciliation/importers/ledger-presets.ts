/**
 * The ledger side of a reconciliation: the general-ledger detail of the cash account, exported as
 * CSV from the accounting system. Each preset knows one system's report (its header names and
 * which column is which); the date format and decimal mark still come from the rows, since they
 * follow the company's locale. Files from other systems go through the bank-side detection.
 *
 * Signs: in the cash account a DEBIT is money into the bank (positive) and a CREDIT money out
 * (negative), the same convention as bank statements. A ledger "Credit" column is therefore the
 * mapping's `debitColumn` (money out of the account), and "Debit" its `creditColumn`.
 *
 * The reports carry titles above the header, account section rows, "Beginning Balance" / "Opening
 * Balance" rows and "Total for …" rows: the row normaliser reads the stated balances from them and
 * skips them. The statement's reference is the document/check number, its bankId the system's own
 * transaction or journal id, its closing balance the final running balance.
 */
import { collectStatements, type ParseOutcome } from '../statement';
import { createCsvParser, joinAccountRuns } from './csv';
import { detectCsvLayoutOrFailure, inferColumnFormats, splitSampleRows } from './csv-detect';
import { normaliseHeader, type CsvAmount, type CsvDelimiter, type CsvMapping } from './csv-mapping';
import { CREDIT_INDICATORS, DEBIT_INDICATORS, matchIndex, words, type WordList } from './csv-words';

export type LedgerPresetId = 'quickbooks-online' | 'xero' | 'sage-intacct' | 'netsuite';

export interface LedgerPreset {
  id: LedgerPresetId;
  label: string;
  /** What the export is called in the system, for the import screen. */
  report: string;
  /** True when a header row (cells as exported) is this system's report header. */
  recognises(headerCells: readonly string[]): boolean;
  /**
   * The mapping for a file whose header row is `headers` (row `headerRowIndex`), taking the date
   * format and decimal mark from `rows` (the rows below the header); null when a column is missing.
   */
  buildMapping(input: { headers: readonly string[]; headerRowIndex: number; delimiter: CsvDelimiter; rows: readonly string[][] }): { mapping: CsvMapping; warnings: string[] } | null;
}

/** A ledger export's layout: which preset recognised it ('generic' when none did). */
export interface LedgerLayout {
  preset: LedgerPresetId | 'generic';
  mapping: CsvMapping;
  confidence: 'high' | 'low';
  headers: string[];
  warnings: string[];
}

interface PresetColumns {
  /** Header words every export of this report has (each list must match some column). */
  required: WordList[];
  date: WordList;
  amount?: WordList;
  debit: WordList;
  credit: WordList;
  balance?: WordList;
  reference?: WordList;
  bankId?: WordList;
  payee?: WordList;
  memo?: WordList;
  account?: WordList;
}

const DEBIT = words('debit', 'debit amount', 'debits', 'dr');
const CREDIT = words('credit', 'credit amount', 'credits', 'cr');

export const LEDGER_PRESETS: readonly LedgerPreset[] = [
  preset('quickbooks-online', 'QuickBooks Online', 'General Ledger or Transaction Detail by Account (CSV)', {
    required: [words('date'), words('transaction type'), words('split'), words('amount', 'debit', 'credit')],
    date: words('date'),
    amount: words('amount'),
    debit: DEBIT,
    credit: CREDIT,
    balance: words('balance'),
    reference: words('num', 'no.'),
    payee: words('name'),
    memo: words('memo/description', 'memo', 'description'),
  }),
  preset('xero', 'Xero', 'Account Transactions (CSV)', {
    required: [words('date'), words('source'), words('running balance', 'gross'), words('debit'), words('credit')],
    date: words('date'),
    debit: DEBIT,
    credit: CREDIT,
    balance: words('running balance'),
    reference: words('reference'),
    payee: words('contact'),
    memo: words('description'),
  }),
  preset('sage-intacct', 'Sage Intacct', 'General Ledger detail (CSV)', {
    required: [words('posting date', 'post date'), words('debit'), words('credit')],
    date: words('posting date', 'post date'),
    debit: DEBIT,
    credit: CREDIT,
    balance: words('balance', 'running balance'),
    reference: words('doc', 'document', 'doc no.', 'document no.', 'document number', 'doc no'),
    bankId: words('je no.', 'je no', 'je #', 'journal entry', 'journal entry no.', 'txn no.', 'txn no', 'transaction no.', 'record no.'),
    payee: words('vendor/customer', 'customer/vendor', 'name', 'vendor', 'customer'),
    memo: words('description', 'memo', 'memo/description', 'line description'),
  }),
  preset('netsuite', 'NetSuite', 'Transaction Detail (CSV)', {
    required: [words('date'), words('document number'), words('internal id', 'type')],
    date: words('date'),
    amount: words('amount'),
    debit: DEBIT,
    credit: CREDIT,
    balance: words('balance'),
    reference: words('document number'),
    bankId: words('internal id'),
    payee: words('name'),
    memo: words('memo', 'memo (main)'),
    account: words('account'),
  }),
];

/**
 * The layout of a ledger export: the named preset's (or the first preset whose header row is in
 * the sample), else the bank-side detection with debit and credit read the ledger's way. Null when
 * nothing fits (or the named preset's header row is not there).
 *
 * @example detectLedgerPreset(quickBooksExport)?.preset === 'quickbooks-online'
 */
export function detectLedgerPreset(sample: string, presetId?: LedgerPresetId): LedgerLayout | null {
  const candidates = presetId ? LEDGER_PRESETS.filter((candidate) => candidate.id === presetId) : LEDGER_PRESETS;
  for (const { delimiter, rows } of splitSampleRows(sample)) {
    const headerRowIndex = rows.findIndex((row) => candidates.some((candidate) => candidate.recognises(row)));
    const headers = rows[headerRowIndex];
    if (!headers) {
      continue;
    }
    const found = candidates.find((candidate) => candidate.recognises(headers));
    const built = found?.buildMapping({ headers, headerRowIndex, delimiter, rows: rows.slice(headerRowIndex + 1) });
    if (found && built) {
      return { preset: found.id, mapping: built.mapping, confidence: built.warnings.length > 0 ? 'low' : 'high', headers: [...headers], warnings: built.warnings };
    }
  }
  if (presetId) {
    return null;
  }
  const detected = detectCsvLayoutOrFailure(sample);
  if (!('layout' in detected)) {
    return null;
  }
  const { layout } = detected;
  return { preset: 'generic', mapping: { ...layout.mapping, amount: asLedgerAmount(layout.mapping.amount, layout.headers) }, confidence: 'low', headers: layout.headers, warnings: layout.warnings };
}

/**
 * Parses a ledger export into one statement of ledger lines (one per account when the export
 * has an account column naming several). A mapping wins over a preset; with neither, the preset
 * is detected.
 */
export function parseLedgerCsv(text: string, options: { preset?: LedgerPresetId | undefined; mapping?: CsvMapping | undefined; exponent?: number | undefined } = {}): ParseOutcome {
  let mapping = options.mapping;
  if (!mapping) {
    const layout = detectLedgerPreset(wholeRowsOf(text, LEDGER_SAMPLE_CHARS), options.preset);
    if (!layout) {
      const label = LEDGER_PRESETS.find((candidate) => candidate.id === options.preset)?.label;
      return {
        ok: false,
        error: {
          location: 'line 1',
          problem: label ? `the file is not a ${label} export: its header row was not found` : 'the columns of the ledger export could not be recognised; map them by hand',
        },
      };
    }
    mapping = layout.mapping;
  }
  const confirmed = mapping;
  return joinAccountRuns(collectStatements('csv', text, (sink) => createCsvParser(sink, { mapping: confirmed, exponent: options.exponent })));
}

/** How much of a ledger export is looked at to recognise it (report titles can be long). */
const LEDGER_SAMPLE_CHARS = 256 * 1024;

/** The start of `text`, cut after its last line break within `limit` (so no row is cut in half). */
function wholeRowsOf(text: string, limit: number): string {
  if (text.length <= limit) {
    return text;
  }
  const cut = text.lastIndexOf('\n', limit);
  return cut === -1 ? text.slice(0, limit) : text.slice(0, cut + 1);
}

function preset(id: LedgerPresetId, label: string, report: string, columns: PresetColumns): LedgerPreset {
  const find = (names: readonly string[], list: WordList | undefined, taken: ReadonlySet<number>): number | null => {
    if (!list) {
      return null;
    }
    let best: { column: number; rank: number } | null = null;
    names.forEach((name, column) => {
      const rank = matchIndex(name, list);
      if (rank !== -1 && !taken.has(column) && (best === null || rank < best.rank)) {
        best = { column, rank };
      }
    });
    return (best as { column: number; rank: number } | null)?.column ?? null;
  };
  return {
    id,
    label,
    report,
    recognises(headerCells) {
      const names = headerCells.map(normaliseHeader);
      return columns.required.every((list) => names.some((name) => matchIndex(name, list) !== -1));
    },
    buildMapping({ headers, headerRowIndex, delimiter, rows }) {
      const names = headers.map(normaliseHeader);
      const taken = new Set<number>();
      const take = (list: WordList | undefined): number | null => {
        const column = find(names, list, taken);
        if (column !== null) {
          taken.add(column);
        }
        return column;
      };
      const date = take(columns.date);
      const signed = take(columns.amount);
      const debit = signed === null ? take(columns.debit) : null;
      const credit = signed === null ? take(columns.credit) : null;
      if (date === null || (signed === null && (debit === null || credit === null))) {
        return null;
      }
      // The ledger's Debit is money into the bank: the mapping's credit (money in) column.
      const amount: CsvAmount = signed !== null ? { kind: 'signed', column: signed } : { kind: 'debitCredit', debitColumn: credit ?? 0, creditColumn: debit ?? 0 };
      const balance = take(columns.balance);
      const formats = inferColumnFormats(rows, { date, money: [signed ?? debit ?? 0, ...(signed === null ? [credit ?? 0] : []), ...(balance === null ? [] : [balance])] }, { delimiter, currency: null });
      if (!formats) {
        return null;
      }
      const payee = take(columns.payee);
      const memo = take(columns.memo);
      const mapping: CsvMapping = {
        delimiter,
        headerRowIndex,
        headers: [...headers],
        dateColumn: date,
        dateFormat: formats.dateFormat,
        decimalMark: formats.decimalMark,
        amount,
        descriptionColumns: [payee, memo].filter((column): column is number => column !== null),
        referenceColumn: take(columns.reference),
        bankIdColumn: take(columns.bankId),
        balanceColumn: balance,
        currencyColumn: null,
        accountColumn: take(columns.account),
        currency: null,
      };
      return { mapping, warnings: formats.warnings };
    },
  };
}

const ACCOUNTING_DEBIT = words('*debit*', '*debet*', 'soll', 'dr', 'dr.');
const ACCOUNTING_CREDIT = words('*credit*', 'haben', 'cr', 'cr.');
const COMPLEMENT: ReadonlyMap<string, string> = new Map([
  ['d', 'c'],
  ['dr', 'cr'],
  ['db', 'cr'],
  ['debit', 'credit'],
  ['debet', 'credit'],
  ['s', 'h'],
  ['soll', 'haben'],
]);

/**
 * Bank-side detection reads a "Debit" column as money out; in a cash ledger a debit is money in.
 * Columns named Debit/Credit (or D/C indicators) are turned round; Withdrawals/Deposits are not.
 */
function asLedgerAmount(amount: CsvAmount, headers: readonly string[]): CsvAmount {
  const nameOf = (column: number): string => normaliseHeader(headers[column] ?? '');
  if (amount.kind === 'debitCredit' && matchIndex(nameOf(amount.debitColumn), ACCOUNTING_DEBIT) !== -1 && matchIndex(nameOf(amount.creditColumn), ACCOUNTING_CREDIT) !== -1) {
    return { kind: 'debitCredit', debitColumn: amount.creditColumn, creditColumn: amount.debitColumn };
  }
  if (amount.kind === 'amountAndIndicator' && amount.debitValues.length > 0 && amount.debitValues.every((value) => DEBIT_INDICATORS.has(value) && COMPLEMENT.has(value))) {
    const credits = amount.debitValues.map((value) => COMPLEMENT.get(value) ?? value).filter((value) => CREDIT_INDICATORS.has(value));
    return { ...amount, debitValues: credits };
  }
  return amount;
}
