/**
 * Writes statements as a QIF file, the way Quicken exports an account: an `!Account` record
 * naming it, a `!Type:` header, then one record per transaction (D, T with group separators, N,
 * P, `^`). Used to generate large files for benchmarks and for round-trip tests.
 *
 * What QIF cannot carry is left out: currency, balances, period and bank ids. Text is one line
 * per field, so line breaks in a description become spaces.
 */
import type { LocalDate } from '../../dates';
import { currencyExponent, formatMinor } from '../../money';
import type { Statement, StatementTransaction } from '../statement';
import type { QifDateOrder } from './qif-dates';

export interface QifWriteOptions {
  /** How dates are written: 'mdy' `12/19/2018` (default), 'dmy' `19/12/2018`, 'ymd' `2018-12-19`. */
  dateOrder?: QifDateOrder;
  /** The QIF account type of every statement; default Bank. */
  accountType?: 'Bank' | 'Cash' | 'CCard' | 'Oth A' | 'Oth L';
}

/** The whole file as one string; amounts use the decimals of each statement's currency (2 when none). */
export function writeQif(file: { statements: Statement[] }, options: QifWriteOptions = {}): string {
  const order = options.dateOrder ?? 'mdy';
  const type = options.accountType ?? 'Bank';
  const pieces: string[] = [];
  let piece = '';
  for (const statement of file.statements) {
    if (statement.accountId !== null) {
      piece += `!Account\nN${oneLine(statement.accountId)}\nT${type}\n^\n`;
    }
    piece += `!Type:${type}\n`;
    const exponent = currencyExponent(statement.currency);
    for (const transaction of statement.transactions) {
      piece += writeRecord(transaction, exponent, order);
      if (piece.length >= 1 << 16) {
        pieces.push(piece);
        piece = '';
      }
    }
  }
  pieces.push(piece);
  return pieces.join('');
}

function writeRecord(transaction: StatementTransaction, exponent: number, order: QifDateOrder): string {
  let record = `D${qifDate(transaction.date, order)}\nT${groupThousands(formatMinor(transaction.amountMinor, exponent))}\n`;
  if (transaction.reference !== null) {
    record += `N${oneLine(transaction.reference)}\n`;
  }
  if (transaction.description !== '') {
    record += `P${oneLine(transaction.description)}\n`;
  }
  return `${record}^\n`;
}

function qifDate(date: LocalDate, order: QifDateOrder): string {
  const [year = '', month = '', day = ''] = date.split('-');
  switch (order) {
    case 'mdy':
      return `${month}/${day}/${year}`;
    case 'dmy':
      return `${day}/${month}/${year}`;
    case 'ymd':
      return date;
  }
}

/** "-1234567.89" → "-1,234,567.89", as Quicken writes amounts. */
function groupThousands(amount: string): string {
  const dot = amount.indexOf('.');
  const whole = dot < 0 ? amount : amount.slice(0, dot);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return dot < 0 ? grouped : grouped + amount.slice(dot);
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
