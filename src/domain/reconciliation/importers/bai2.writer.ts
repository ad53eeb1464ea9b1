/**
 * Writes statements as a BAI2 file with correct 49/98/99 control totals and record counts. Used
 * by round-trip tests and to generate large files for benchmarks.
 *
 * BAI2 dates a transaction only by its group's as-of date, so each run of same-day transactions
 * of a statement becomes its own group (02) with one account (03): a statement spanning several
 * days reads back as one statement per day. Balances go to 010 (opening ledger) and 015
 * (closing ledger); between the days of a statement they are carried forward from the opening
 * balance when it is known. Credits are written with type code 399 (miscellaneous credit),
 * debits with 699 (miscellaneous debit), funds type Z; bankId is the bank reference, reference
 * the customer reference, and the description the text, continued on 88 records at spaces.
 */
import type { LocalDate } from '../../dates';
import type { Statement, StatementTransaction } from '../statement';

export interface Bai2WriterOptions {
  senderId?: string;
  receiverId?: string;
  fileId?: string;
  /** Creation date and time of the file, `YYYY-MM-DDThh:mm`; by default midnight of the latest as-of date. */
  createdAt?: string;
}

/** Longest text put on one physical record before continuing on an 88. */
const TEXT_PER_RECORD = 70;

/**
 * The BAI2 text of `file`. Throws a RangeError for what BAI2 cannot carry: a statement without
 * an account id or without any date, a comma in an account id or reference, a date outside
 * 1969–2068 (two-digit years).
 */
export function writeBai2(file: { statements: Statement[] }, options: Bai2WriterOptions = {}): string {
  const senderId = options.senderId ?? 'TICKMARK';
  const receiverId = options.receiverId ?? 'CUSTOMER';
  const groups = file.statements.flatMap(splitIntoDays);
  const latest = groups.reduce<LocalDate | null>((max, group) => (max === null || group.asOfDate > max ? group.asOfDate : max), null);
  const createdAt = options.createdAt ?? `${latest ?? '2000-01-01'}T00:00`;
  const lines: string[] = [`01,${senderId},${receiverId},${yymmdd(createdAt.slice(0, 10))},${createdAt.slice(11, 13)}${createdAt.slice(14, 16)},${options.fileId ?? '1'},,,2/`];
  let fileTotal = 0n;
  for (const group of groups) {
    const groupStart = lines.length;
    lines.push(`02,${receiverId},${senderId},1,${yymmdd(group.asOfDate)},,${group.currency ?? ''},2/`);
    const accountTotal = writeAccount(lines, group);
    lines.push(`98,${accountTotal},1,${lines.length - groupStart + 1}/`);
    fileTotal += accountTotal;
  }
  lines.push(`99,${fileTotal},${groups.length},${lines.length + 1}/`);
  return `${lines.join('\n')}\n`;
}

interface DayGroup {
  asOfDate: LocalDate;
  accountId: string;
  currency: string | null;
  opening: number | null;
  closing: number | null;
  transactions: StatementTransaction[];
}

/** One group per run of same-day transactions; balances carried forward between the days. */
function splitIntoDays(statement: Statement): DayGroup[] {
  const { accountId } = statement;
  if (accountId === null) {
    throw new RangeError('a BAI2 account record needs an account id');
  }
  checkField(accountId, 'account id');
  if (accountId.includes('/') || accountId === '') {
    throw new RangeError(`a BAI2 account id cannot be empty or contain '/': '${accountId}'`);
  }
  const runs: StatementTransaction[][] = [];
  for (const transaction of statement.transactions) {
    const run = runs.at(-1);
    if (run !== undefined && run[0]?.date === transaction.date) {
      run.push(transaction);
    } else {
      runs.push([transaction]);
    }
  }
  if (runs.length === 0) {
    const asOfDate = statement.endDate ?? statement.startDate;
    if (asOfDate === null) {
      throw new RangeError('a BAI2 group needs an as-of date; the statement has no date');
    }
    return [{ asOfDate, accountId, currency: statement.currency, opening: statement.openingBalanceMinor, closing: statement.closingBalanceMinor, transactions: [] }];
  }
  let running = statement.openingBalanceMinor;
  return runs.map((transactions, index) => {
    const opening = running;
    running = running === null ? null : transactions.reduce((sum, transaction) => sum + transaction.amountMinor, running);
    const isLast = index === runs.length - 1;
    return {
      asOfDate: transactions[0]?.date ?? '',
      accountId,
      currency: statement.currency,
      opening,
      closing: isLast ? statement.closingBalanceMinor : running,
      transactions,
    };
  });
}

/** Writes 03 … 49 and returns the account control total. */
function writeAccount(lines: string[], group: DayGroup): bigint {
  const start = lines.length;
  const summaries: string[] = [];
  let total = 0n;
  for (const [code, amount] of [
    ['010', group.opening],
    ['015', group.closing],
  ] as const) {
    if (amount !== null) {
      summaries.push(code, String(amount), '', '');
      total += BigInt(amount);
    }
  }
  lines.push(`03,${[group.accountId, group.currency ?? '', ...summaries].join(',')}/`);
  for (const transaction of group.transactions) {
    const magnitude = Math.abs(transaction.amountMinor);
    total += BigInt(magnitude);
    writeDetail(lines, transaction, magnitude);
  }
  lines.push(`49,${total},${lines.length - start + 1}/`);
  return total;
}

function writeDetail(lines: string[], transaction: StatementTransaction, magnitude: number): void {
  const bankReference = transaction.bankId ?? '';
  const customerReference = transaction.reference ?? '';
  checkField(bankReference, 'bank reference');
  checkField(customerReference, 'customer reference');
  const head = `16,${transaction.amountMinor < 0 ? '699' : '399'},${magnitude},Z,${bankReference},${customerReference}`;
  const chunks = splitText(transaction.description);
  const [first, ...rest] = chunks;
  if (first === undefined) {
    lines.push(`${head},/`);
    return;
  }
  // Text runs to the end of its record; a text that itself ends in "/" gets the closing "/" so
  // that the reader, which drops one closing "/", keeps it.
  lines.push(`${head},${closeText(first)}`);
  for (const chunk of rest) {
    lines.push(`88,${closeText(chunk)}`);
  }
}

function closeText(text: string): string {
  return text.endsWith('/') ? `${text}/` : text;
}

/** The description in pieces of at most 70 characters, cut only at spaces (a long word stays whole). */
function splitText(description: string): string[] {
  const chunks: string[] = [];
  let chunk = '';
  for (const word of description.split(/\s+/)) {
    if (word === '') {
      continue;
    }
    if (chunk !== '' && chunk.length + 1 + word.length > TEXT_PER_RECORD) {
      chunks.push(chunk);
      chunk = word;
    } else {
      chunk = chunk === '' ? word : `${chunk} ${word}`;
    }
  }
  if (chunk !== '') {
    chunks.push(chunk);
  }
  return chunks;
}

function checkField(value: string, what: string): void {
  if (value.includes(',') || /[\r\n]/.test(value) || value.startsWith(' ') || value.endsWith(' ')) {
    throw new RangeError(`a BAI2 ${what} cannot contain commas, line breaks or surrounding spaces: '${value}'`);
  }
}

function yymmdd(date: LocalDate): string {
  const year = Number(date.slice(0, 4));
  if (year < 1969 || year > 2068) {
    throw new RangeError(`BAI2 writes two-digit years (1969–2068); ${date} is outside them`);
  }
  return `${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
}
