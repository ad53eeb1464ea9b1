/**
 * Turns the rows of a CSV file or a spreadsheet (arrays of cell text) into statement transactions,
 * given a column mapping. It is the one place that knows what real exports look like between their
 * header and their last transaction:
 *
 * - rows above the header (account number, period, "Ledger Balance") are preamble: a stated
 *   opening or closing balance and an account label are read from them;
 * - blank rows, repeated header rows, totals rows ("Total for Checking", "Summe") and rows without
 *   any amount are not transactions and are skipped; a row with no date and no amount but some
 *   text continues the previous transaction's description (OCBC writes the payee on a second row);
 * - a card transaction dated "Pending" takes the nearest booked date of the file;
 * - rows at the end whose date and amount are both unreadable are a footer and are skipped; the
 *   same row followed by more transactions is a broken row and the file is refused there;
 * - any other row whose date or amount cannot be read refuses the file, naming the line.
 *
 * Memory: only the current statement's facts and the last transaction (held for a possible
 * continuation row) are kept; transactions go to the sink as soon as they are complete.
 */
import { currencyExponent } from '../../money';
import type { LocalDate } from '../../dates';
import { StatementFormatError, type Statement, type StatementSink, type StatementTransaction } from '../statement';
import { createDateReader, type DateReader } from './csv-dates';
import { isMappedHeaderRow, mappedColumns, normaliseHeader, resolveColumns, type CsvColumns, type CsvMapping } from './csv-mapping';
import { cleanCell, collapseSpaces, looksLikeAmount, readAmountCell, type AmountCell } from './csv-values';
import { ACCOUNT_LABEL, PENDING_DATE, balanceLabel, currencyInHeader, isCurrencyCode, isTotalText } from './csv-words';

export interface RowNormaliserOptions {
  mapping: CsvMapping;
  /** Decimals of the minor unit, overriding the currency's (ISO 4217; 2 when no currency is known). */
  exponent?: number | undefined;
  /** How locations are named: 'line' for CSV text, 'row' for spreadsheets. */
  locationWord: 'line' | 'row';
}

export interface RowNormaliser {
  /** One row of cells; `line` is where it starts in the file (1-based). */
  row(cells: readonly string[], line: number): void;
  /** After the last row: flushes the open statement. */
  end(): void;
}

/** How far below the expected header row a saved mapping's header is still looked for. */
const HEADER_SEARCH_ROWS = 200;

interface Entry {
  transaction: StatementTransaction;
  balance: number | null;
  /** False for a "Pending" row until it gets its date. */
  isDated: boolean;
  line: number;
}

interface Point {
  date: LocalDate;
  amount: number;
  balance: number | null;
}

interface OpenStatement {
  accountId: string | null;
  currency: string | null;
  count: number;
  minDate: LocalDate | null;
  maxDate: LocalDate | null;
  first: Point | null;
  last: Point | null;
  chainsForward: boolean;
  chainsBackward: boolean;
  statedOpening: number | null;
  statedClosing: number | null;
}

export function createRowNormaliser(sink: StatementSink, options: RowNormaliserOptions): RowNormaliser {
  const { mapping, locationWord } = options;
  const readDate: DateReader = createDateReader(mapping.dateFormat);
  const debitValues = new Set(mapping.amount.kind === 'amountAndIndicator' ? mapping.amount.debitValues.map((value) => value.trim().toLowerCase()) : []);
  const where = (line: number): string => `${locationWord} ${line}`;

  let rowIndex = 0;
  let columns: CsvColumns | null = mapping.headerRowIndex === null ? mustResolve(mapping, null, 1, where) : null;
  let headerDateCell: string | null = null;
  /** The row where the mapping expects its header, kept to say which columns it lacks. */
  let expectedHeader: { cells: readonly string[]; line: number } | null = null;

  const headerNotFound = (): StatementFormatError => {
    if (!expectedHeader) {
      return new StatementFormatError(`${locationWord} ${(mapping.headerRowIndex ?? 0) + 1}`, 'the header row of the column mapping was not found');
    }
    const present = new Set(expectedHeader.cells.map(normaliseHeader));
    const missing = mappedHeaderNames(mapping).filter((name) => !present.has(normaliseHeader(name)));
    const named = missing.map((name) => `'${name}'`).join(', ');
    if (missing.length === 0) {
      return new StatementFormatError(where(expectedHeader.line), 'the header row of the column mapping was not found');
    }
    const problem = missing.length === 1 ? `the header has no column named ${named} (the column mapping expects it)` : `the header has no columns named ${named} (the column mapping expects them)`;
    return new StatementFormatError(where(expectedHeader.line), problem);
  };
  let headerCurrency: string | null = mapping.currency ?? null;
  let preambleAccount: string | null = null;
  let preambleOpening: number | null = null;
  let preambleClosing: number | null = null;
  let hasRows = false;
  let hasTransactions = false;
  let statement: OpenStatement | null = null;
  const queue: Entry[] = [];
  let deferredJunk: StatementFormatError | null = null;

  let lastCurrency: string | null = null;
  let lastExponent = options.exponent ?? currencyExponent(null);
  const exponentFor = (currency: string | null): number => {
    if (currency !== lastCurrency) {
      lastCurrency = currency;
      lastExponent = options.exponent ?? currencyExponent(currency);
    }
    return lastExponent;
  };

  /** True when row `index` is the header: the saved header names, else the mapped row index. */
  const findHeader = (cells: readonly string[], line: number, index: number): boolean => {
    const expected = mapping.headerRowIndex ?? 0;
    const isHeader = mapping.headers ? isMappedHeaderRow(mapping, cells) : index === expected;
    if (!isHeader) {
      if (index === expected) {
        expectedHeader = { cells, line };
      }
      if (index > expected + HEADER_SEARCH_ROWS) {
        throw headerNotFound();
      }
      return false;
    }
    const resolved = mustResolve(mapping, cells, line, where);
    columns = resolved;
    headerDateCell = cleanCell(cells[resolved.date]).toLowerCase();
    const amountColumn = resolved.amount.kind === 'debitCredit' ? resolved.amount.debitColumn : resolved.amount.column;
    headerCurrency ??= currencyInHeader(cleanCell(cells[amountColumn]));
    return true;
  };

  /** Reads a stated balance or account from a summary row; true when the row was one. */
  const readSummaryRow = (cells: readonly string[]): boolean => {
    const labelIndex = cells.findIndex((cell) => cleanCell(cell) !== '');
    if (labelIndex === -1) {
      return false;
    }
    const label = cleanCell(cells[labelIndex]);
    if (ACCOUNT_LABEL.test(label)) {
      const value = cells.slice(labelIndex + 1).map(cleanCell).find((cell) => cell !== '');
      if (value && statement === null) {
        preambleAccount ??= value;
      }
      return true;
    }
    const kind = balanceLabel(label);
    if (!kind) {
      return isTotalText(label);
    }
    const balance = readStatedBalance(cells, labelIndex);
    if (balance !== null) {
      if (statement) {
        statement[kind === 'opening' ? 'statedOpening' : 'statedClosing'] = balance;
      } else if (kind === 'opening') {
        preambleOpening = balance;
      } else {
        preambleClosing = balance;
      }
    }
    return true;
  };

  const readStatedBalance = (cells: readonly string[], labelIndex: number): number | null => {
    const currency = statement?.currency ?? headerCurrency;
    const balanceColumn = columns?.balance ?? null;
    const candidates = balanceColumn !== null && cleanCell(cells[balanceColumn]) !== '' ? [cells[balanceColumn] ?? ''] : cells.slice(labelIndex + 1).filter(looksLikeAmount).reverse();
    for (const candidate of candidates) {
      const read = readAmountCell(candidate, mapping.decimalMark, exponentFor(currency), currency);
      if (read.kind === 'ok') {
        return read.minor;
      }
    }
    return null;
  };

  const openStatement = (accountId: string | null, currency: string | null): OpenStatement => {
    sink.beginStatement();
    const isFirst = !hasTransactions;
    hasTransactions = true;
    statement = {
      accountId: accountId ?? preambleAccount,
      currency,
      count: 0,
      minDate: null,
      maxDate: null,
      first: null,
      last: null,
      chainsForward: true,
      chainsBackward: true,
      statedOpening: isFirst ? preambleOpening : null,
      statedClosing: isFirst ? preambleClosing : null,
    };
    return statement;
  };

  const emit = (open: OpenStatement, entry: Entry): void => {
    const { transaction, balance } = entry;
    sink.transaction(transaction);
    const { date, amountMinor: amount } = transaction;
    open.count += 1;
    if (open.minDate === null || date < open.minDate) {
      open.minDate = date;
    }
    if (open.maxDate === null || date > open.maxDate) {
      open.maxDate = date;
    }
    const previous = open.last;
    if (previous === null) {
      open.first = { date, amount, balance };
      open.last = { date, amount, balance };
      return;
    }
    // Oldest first: previous balance + this amount = this balance. Newest first: the reverse.
    const hasBalances = previous.balance !== null && balance !== null;
    open.chainsForward &&= hasBalances && (previous.balance ?? 0) + amount === balance;
    open.chainsBackward &&= hasBalances && (balance ?? 0) + previous.amount === previous.balance;
    previous.date = date;
    previous.amount = amount;
    previous.balance = balance;
  };

  /** Sends every queued transaction whose date is known; "Pending" rows take `dateForPending`. */
  const flushQueue = (open: OpenStatement, dateForPending: LocalDate | null): void => {
    for (const entry of queue) {
      if (!entry.isDated) {
        if (dateForPending === null) {
          throw new StatementFormatError(where(entry.line), `date '${entry.transaction.date}' is not a booked date, and no row of the account has one`);
        }
        entry.transaction.date = dateForPending;
        entry.isDated = true;
      }
      emit(open, entry);
    }
    queue.length = 0;
  };

  const closeStatement = (): void => {
    const open = statement;
    if (!open) {
      return;
    }
    flushQueue(open, open.maxDate);
    const { opening, closing } = balancesOf(open);
    sink.endStatement({
      accountId: open.accountId,
      currency: open.currency,
      openingBalanceMinor: open.statedOpening ?? opening,
      closingBalanceMinor: closing ?? open.statedClosing,
      startDate: open.minDate,
      endDate: open.maxDate,
    });
    statement = null;
  };

  const readAmount = (cells: readonly string[], cols: CsvColumns, exponent: number, currency: string | null): AmountCell => {
    const amount = cols.amount;
    switch (amount.kind) {
      case 'signed': {
        const read = readAmountCell(cells[amount.column], mapping.decimalMark, exponent, currency);
        return amount.negate === true && read.kind === 'ok' ? { kind: 'ok', minor: read.minor === 0 ? 0 : -read.minor } : read;
      }
      case 'debitCredit': {
        const debit = readAmountCell(cells[amount.debitColumn], mapping.decimalMark, exponent, currency);
        const credit = readAmountCell(cells[amount.creditColumn], mapping.decimalMark, exponent, currency);
        if (debit.kind === 'bad') {
          return debit;
        }
        if (credit.kind === 'bad') {
          return credit;
        }
        if (debit.kind === 'blank' && credit.kind === 'blank') {
          return debit;
        }
        const minor = (credit.kind === 'ok' ? Math.abs(credit.minor) : 0) - (debit.kind === 'ok' ? Math.abs(debit.minor) : 0);
        return { kind: 'ok', minor: minor === 0 ? 0 : minor };
      }
      case 'amountAndIndicator': {
        const read = readAmountCell(cells[amount.column], mapping.decimalMark, exponent, currency);
        if (read.kind !== 'ok') {
          return read;
        }
        const isDebit = debitValues.has(cleanCell(cells[amount.indicatorColumn]).toLowerCase());
        const magnitude = Math.abs(read.minor);
        return { kind: 'ok', minor: isDebit && magnitude !== 0 ? -magnitude : magnitude };
      }
    }
  };

  // The currency cell repeats on every row: remember the last one read.
  let lastCurrencyCell: string | null = null;
  let lastRowCurrency: string | null = null;
  const currencyOf = (cell: string | null): string | null => {
    if (cell === null) {
      return null;
    }
    if (cell !== lastCurrencyCell) {
      lastCurrencyCell = cell;
      const code = cell.toUpperCase();
      lastRowCurrency = isCurrencyCode(code) ? code : null;
    }
    return lastRowCurrency;
  };

  const describe = (cells: readonly string[], cols: CsvColumns): string => {
    let description = '';
    let previous = '';
    for (const column of cols.description) {
      // Text keeps its quotes: only identifiers and numbers lose a stray one (see cleanCell).
      const text = collapseSpaces((cells[column] ?? '').trim());
      if (text === '' || text === previous || description.includes(text)) {
        continue;
      }
      description = description === '' ? text : `${description} / ${text}`;
      previous = text;
    }
    return description;
  };

  const optionalCell = (cells: readonly string[], column: number | null): string | null => {
    if (column === null) {
      return null;
    }
    const text = cleanCell(cells[column]);
    return text === '' ? null : text;
  };

  const bodyRow = (cells: readonly string[], line: number, cols: CsvColumns): void => {
    const dateText = cleanCell(cells[cols.date]);
    if (headerDateCell !== null && headerDateCell !== '' && dateText.length === headerDateCell.length && dateText.toLowerCase() === headerDateCell) {
      return; // the header repeated (page breaks in exports)
    }
    const accountText = optionalCell(cells, cols.account);
    const rowCurrency = currencyOf(optionalCell(cells, cols.currency));
    const currency = rowCurrency ?? statement?.currency ?? headerCurrency;
    const amount = readAmount(cells, cols, exponentFor(currency), currency);

    if (amount.kind === 'blank') {
      if (readSummaryRow(cells)) {
        return;
      }
      const continuation = dateText === '' ? describe(cells, cols) : '';
      const last = queue[queue.length - 1];
      if (continuation !== '' && last) {
        const before = last.transaction.description;
        last.transaction.description = before === '' ? continuation : `${before} / ${continuation}`;
      }
      return; // no amount: not a transaction
    }
    const date = readDate(dateText);
    if (date === null && readSummaryRow(cells)) {
      return; // "Total for Checking", "Closing balance" and the like
    }
    const isPending = date === null && amount.kind === 'ok' && PENDING_DATE.test(dateText);
    if (date === null && !isPending) {
      const problem = dateText === '' ? `the date is missing (column ${cols.date + 1})` : `date '${dateText}' is not a date in ${mapping.dateFormat}`;
      if (amount.kind === 'bad') {
        // Neither a date nor an amount: a footer or note line, unless transactions follow it.
        if (hasTransactions) {
          deferredJunk ??= new StatementFormatError(where(line), problem);
        }
        return;
      }
      throw new StatementFormatError(where(line), problem);
    }
    if (amount.kind === 'bad') {
      throw new StatementFormatError(where(line), amount.problem);
    }
    if (deferredJunk) {
      throw deferredJunk;
    }

    let open: OpenStatement | null = statement;
    if (open && ((accountText !== null && open.accountId !== null && accountText !== open.accountId) || (rowCurrency !== null && open.currency !== null && rowCurrency !== open.currency))) {
      closeStatement();
      open = null;
    }
    if (open === null) {
      open = openStatement(accountText, currency);
    } else {
      open.accountId ??= accountText;
      open.currency ??= rowCurrency;
    }
    const transaction: StatementTransaction = {
      date: date ?? dateText,
      amountMinor: amount.minor,
      description: describe(cells, cols),
      reference: optionalCell(cells, cols.reference),
      bankId: optionalCell(cells, cols.bankId),
    };
    let balance: number | null = null;
    if (cols.balance !== null) {
      const read = readAmountCell(cells[cols.balance], mapping.decimalMark, exponentFor(currency), currency);
      balance = read.kind === 'ok' ? read.minor : null;
    }
    const entry: Entry = { transaction, balance, isDated: date !== null, line };
    if (date !== null) {
      const latest = open.maxDate === null || date > open.maxDate ? date : open.maxDate;
      flushQueue(open, latest);
    } else if (open.maxDate !== null) {
      entry.transaction.date = open.maxDate;
      entry.isDated = true;
      flushQueue(open, open.maxDate);
    }
    queue.push(entry);
  };

  return {
    row(cells, line) {
      hasRows = true;
      const index = rowIndex;
      rowIndex += 1;
      if (cells.every((cell) => cell.trim() === '')) {
        return;
      }
      if (columns === null) {
        if (!findHeader(cells, line, index)) {
          readSummaryRow(cells);
        }
        return;
      }
      bodyRow(cells, line, columns);
    },
    end() {
      if (!hasRows) {
        throw new StatementFormatError(`${locationWord} 1`, 'the file is empty');
      }
      if (columns === null) {
        throw headerNotFound();
      }
      if (statement === null && !hasTransactions) {
        if (mapping.headerRowIndex === null) {
          throw new StatementFormatError(`${locationWord} 1`, 'no row could be read as a transaction (a date and an amount)');
        }
        // A header without rows: an export of a period with no activity.
        openStatement(null, headerCurrency);
      }
      closeStatement();
    },
  };
}

/**
 * One statement per account (and currency) for a whole file: the streaming normaliser starts a
 * statement whenever the account changes from one row to the next, so a file whose accounts
 * interleave gives several runs of one account. Runs are joined in file order; the period spans
 * them all, the opening balance is that of the run holding the earliest date and the closing
 * balance that of the run holding the latest.
 */
export function mergeAccountRuns(statements: readonly Statement[]): Statement[] {
  const groups = new Map<string, Statement[]>();
  for (const statement of statements) {
    const key = `${statement.accountId ?? ''}\u0000${statement.currency ?? ''}`;
    const group = groups.get(key);
    if (group) {
      group.push(statement);
    } else {
      groups.set(key, [statement]);
    }
  }
  return [...groups.values()].map((runs) => {
    const [first] = runs;
    if (runs.length === 1 && first) {
      return first;
    }
    const dated = runs.filter((run) => run.startDate !== null && run.endDate !== null);
    const earliest = [...dated].sort((a, b) => ((a.startDate ?? '') < (b.startDate ?? '') ? -1 : 1))[0];
    const latest = [...dated].sort((a, b) => ((a.endDate ?? '') > (b.endDate ?? '') ? -1 : 1))[0];
    return {
      accountId: first?.accountId ?? null,
      currency: first?.currency ?? null,
      openingBalanceMinor: earliest?.openingBalanceMinor ?? null,
      closingBalanceMinor: latest?.closingBalanceMinor ?? null,
      startDate: earliest?.startDate ?? null,
      endDate: latest?.endDate ?? null,
      transactions: runs.flatMap((run) => run.transactions),
    };
  });
}

/** The names of the columns a mapping reads (blank names left out). */
function mappedHeaderNames(mapping: CsvMapping): string[] {
  const saved = mapping.headers ?? [];
  return [...new Set(mappedColumns(mapping).map((column) => saved[column] ?? ''))].filter((name) => name.trim() !== '');
}

function mustResolve(mapping: CsvMapping, headerCells: readonly string[] | null, line: number, where: (line: number) => string): CsvColumns {
  const resolved = resolveColumns(mapping, headerCells);
  if (!resolved.ok) {
    throw new StatementFormatError(where(line), `the header has no column named '${resolved.missing}' (the column mapping expects it)`);
  }
  return resolved.columns;
}

/**
 * The balances a running-balance column proves. Files list rows oldest first or newest first; the
 * first and last dates say which (the balance chain decides when they are equal). The closing
 * balance is the balance after the chronologically last row; the opening balance is that of the
 * chronologically first row minus its amount, and only when every row chains to the next.
 */
function balancesOf(open: OpenStatement): { opening: number | null; closing: number | null } {
  const { first, last } = open;
  if (!first || !last) {
    return { opening: null, closing: null };
  }
  const isNewestFirst = first.date > last.date || (first.date === last.date && open.chainsBackward && !open.chainsForward);
  const latest = isNewestFirst ? first : last;
  const earliest = isNewestFirst ? last : first;
  const isChained = open.count >= 2 && (isNewestFirst ? open.chainsBackward : open.chainsForward);
  return {
    opening: isChained && earliest.balance !== null ? earliest.balance - earliest.amount : null,
    closing: latest.balance,
  };
}
