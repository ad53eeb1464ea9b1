/**
 * Writes statements as a bank-style CSV export (header row, one row per transaction, a running
 * balance when the opening balance is known), for round-trip tests and for benchmark files.
 * Fields are quoted only when they must be (delimiter, quote, line break, outer spaces), quotes
 * doubled, as RFC 4180 and every bank export do.
 */
import { currencyExponent, formatMinor } from '../../money';
import type { Statement, StatementTransaction } from '../statement';
import { formatDate } from './csv-dates';
import type { CsvDelimiter, CsvMapping } from './csv-mapping';

export interface CsvWriteOptions {
  delimiter?: CsvDelimiter;
  /** A pattern of `csv-dates.ts` ('YYYY-MM-DD', 'DD/MM/YYYY', 'D MMM YYYY' …). */
  dateFormat?: string;
  decimalMark?: '.' | ',';
  /** One signed Amount column, or Debit (money out) and Credit (money in) columns. */
  amountStyle?: 'signed' | 'debitCredit';
}

/**
 * The file, plus the mapping that reads it back: columns are Account (when any statement names
 * one, or there are several), Date, Description, Reference, Transaction ID, the amount column(s),
 * Balance (when any statement has an opening balance) and Currency (when any names one).
 */
export function writeCsvWithMapping(file: { statements: Statement[] }, options: CsvWriteOptions = {}): { text: string; mapping: CsvMapping } {
  const delimiter = options.delimiter ?? ',';
  const dateFormat = options.dateFormat ?? 'YYYY-MM-DD';
  const decimalMark = options.decimalMark ?? '.';
  const amountStyle = options.amountStyle ?? 'signed';
  const { statements } = file;
  const hasAccount = statements.length > 1 || statements.some((statement) => statement.accountId !== null);
  const hasBalance = statements.some((statement) => statement.openingBalanceMinor !== null);
  const hasCurrency = statements.some((statement) => statement.currency !== null);

  const headers = [
    ...(hasAccount ? ['Account'] : []),
    'Date',
    'Description',
    'Reference',
    'Transaction ID',
    ...(amountStyle === 'signed' ? ['Amount'] : ['Debit', 'Credit']),
    ...(hasBalance ? ['Balance'] : []),
    ...(hasCurrency ? ['Currency'] : []),
  ];
  const column = (name: string): number => headers.indexOf(name);
  const optionalColumn = (name: string): number | null => (headers.includes(name) ? column(name) : null);

  const quote = (value: string): string => (needsQuotes(value, delimiter) ? `"${value.replace(/"/g, '""')}"` : value);
  const money = (minor: number, exponent: number): string => {
    const text = formatMinor(minor, exponent);
    return decimalMark === ',' ? text.replace('.', ',') : text;
  };

  const lines: string[] = [headers.map(quote).join(delimiter)];
  for (const statement of statements) {
    let balance = statement.openingBalanceMinor;
    for (const transaction of statement.transactions) {
      if (balance !== null) {
        balance += transaction.amountMinor;
      }
      lines.push(rowOf(statement, transaction, balance).map(quote).join(delimiter));
    }
  }

  function rowOf(statement: Statement, transaction: StatementTransaction, balance: number | null): string[] {
    const exponent = currencyExponent(statement.currency);
    const amount = transaction.amountMinor;
    return [
      ...(hasAccount ? [statement.accountId ?? ''] : []),
      formatDate(transaction.date, dateFormat),
      transaction.description,
      transaction.reference ?? '',
      transaction.bankId ?? '',
      ...(amountStyle === 'signed' ? [money(amount, exponent)] : amount < 0 ? [money(-amount, exponent), ''] : ['', money(amount, exponent)]),
      ...(hasBalance ? [balance === null ? '' : money(balance, exponent)] : []),
      ...(hasCurrency ? [statement.currency ?? ''] : []),
    ];
  }

  const mapping: CsvMapping = {
    delimiter,
    headerRowIndex: 0,
    headers,
    dateColumn: column('Date'),
    dateFormat,
    decimalMark,
    amount: amountStyle === 'signed' ? { kind: 'signed', column: column('Amount') } : { kind: 'debitCredit', debitColumn: column('Debit'), creditColumn: column('Credit') },
    descriptionColumns: [column('Description')],
    referenceColumn: column('Reference'),
    bankIdColumn: column('Transaction ID'),
    balanceColumn: optionalColumn('Balance'),
    currencyColumn: optionalColumn('Currency'),
    accountColumn: optionalColumn('Account'),
    currency: null,
  };
  return { text: `${lines.join('\n')}\n`, mapping };
}

/**
 * Writes the file as CSV text (see `writeCsvWithMapping` for the columns).
 *
 * @example writeCsv({ statements: [statement] }, { delimiter: ';', decimalMark: ',', dateFormat: 'DD.MM.YYYY' })
 */
export function writeCsv(file: { statements: Statement[] }, options: CsvWriteOptions = {}): string {
  return writeCsvWithMapping(file, options).text;
}

function needsQuotes(value: string, delimiter: string): boolean {
  return value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r') || value !== value.trim();
}
