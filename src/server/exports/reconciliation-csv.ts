/**
 * The reconciliation's lines (bank and ledger side, with their match status) as an RFC 4180
 * CSV file that a reviewer opens in a spreadsheet. Text cells are neutralised against formula
 * injection; amounts are plain decimals ("-1234.50") so the spreadsheet reads them as numbers.
 */
import type { LocalDate } from '../../domain/dates';
import { currencyExponent } from '../../domain/money';
import { decimalCell, neutraliseCell } from '../../domain/spreadsheet-safety';

export interface ReconciliationCsvRow {
  side: 'bank' | 'ledger';
  date: LocalDate;
  description: string;
  reference: string | null;
  /** Minor units of the file's currency, positive = money into the account. */
  amountMinor: number;
  /** e.g. 'matched', 'outstanding', 'adjustment'. */
  status: string;
  matchReason: string | null;
  note: string | null;
}

const HEADER = ['side', 'date', 'description', 'reference', 'amount', 'currency', 'status', 'match_reason', 'note'] as const;

/**
 * Returns the CSV text: a header row, then one record per row, records ended by CRLF. A field
 * is quoted only when it holds a comma, a double quote, a line break or a tab. No byte order mark:
 * the route that serves the file decides whether to prepend one.
 */
export function renderReconciliationCsv(rows: Iterable<ReconciliationCsvRow>, currency: string): string {
  const exponent = currencyExponent(currency);
  const records = [HEADER.join(',')];
  for (const row of rows) {
    const cells = [
      text(row.side),
      text(row.date),
      text(row.description),
      text(row.reference ?? ''),
      // Amounts are numbers, never neutralised: "-1234.50" must stay a negative number.
      decimalCell(row.amountMinor, exponent),
      text(currency),
      text(row.status),
      text(row.matchReason ?? ''),
      text(row.note ?? ''),
    ];
    records.push(cells.join(','));
  }
  return `${records.join('\r\n')}\r\n`;
}

function text(value: string): string {
  return quoteField(neutraliseCell(value));
}

/** RFC 4180: quote a field holding a comma, quote, line break (or tab), doubling inner quotes. */
function quoteField(field: string): string {
  return /[",\r\n\t]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
