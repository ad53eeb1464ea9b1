/**
 * Works out a CSV or spreadsheet layout from a sample of its rows, so that a user confirms a
 * mapping instead of building one. The steps, in order:
 *
 * 1. Delimiter: the candidate that yields the most rows with both a date and an amount.
 * 2. Data and header: the first such row starts the data; the row above it (blank rows aside) is
 *    the header when it reads as words. Rows above are preamble.
 * 3. Date column and format: a column whose every sampled value is a date in one format; booking
 *    dates beat value dates. Day-first and month-first are decided by values above 12, then by
 *    which reading keeps the rows in date order, then by the file's conventions (warned as a guess).
 * 4. Amounts: by header words first (a signed amount column; else debit and credit columns), else
 *    by values (a signed column; two columns never filled on the same row; an unsigned column with
 *    a direction column such as Af/Bij, S/H, D/C, I/O). The decimal mark comes from the amounts.
 * 5. Balance, currency, account, reference, bank id and description by header words (currency
 *    codes, IBANs and running balances also by value); the description is payee plus memo, or the
 *    wordiest text columns.
 * Anything guessed makes the confidence 'low' and adds a warning, so the UI asks for confirmation.
 */
import type { LocalDate } from '../../dates';
import { DETECTABLE_DATE_FORMATS, createDateReader, type DateReader } from './csv-dates';
import { CSV_DELIMITERS, normaliseHeader, type CsvAmount, type CsvDelimiter, type CsvMapping } from './csv-mapping';
import { splitCsvRows } from './csv-tokens';
import { cleanCell, decimalMarkOf, isSignedAmount, looksLikeAmount, readAmountCell } from './csv-values';
import { CREDIT_INDICATORS, DEBIT_INDICATORS, HEADER_WORDS, PENDING_DATE, currencyInHeader, isCurrencyCode, matchIndex, matches, words, type WordList } from './csv-words';

export interface CsvLayout {
  mapping: CsvMapping;
  /** 'low' when something had to be guessed: the UI shows the mapping for confirmation. */
  confidence: 'high' | 'low';
  /** The header row's cells ([] when the file has no header). */
  headers: string[];
  /** The first rows after the header, as cells, for the confirmation screen. */
  previewRows: string[][];
  warnings: string[];
}

/** Detection that could not find a date and an amount: why, for the refusal. */
export interface CsvLayoutFailure {
  problem: string;
}

/** Rows analysed at most; the sample a parser passes is 64 KiB anyway. */
const MAX_SAMPLE_ROWS = 1000;
const PREVIEW_ROWS = 20;

const DATE_READERS: ReadonlyArray<{ format: string; read: DateReader }> = DETECTABLE_DATE_FORMATS.map((format) => ({ format, read: createDateReader(format) }));

/**
 * Detects the layout of a CSV sample (the first rows of a file; whole rows only).
 *
 * @example detectCsvLayout('Date;Amount;Name\n31.01.2024;-12,50;Shop\n').mapping.decimalMark === ','
 */
export function detectCsvLayout(sampleText: string): CsvLayout {
  const result = detectCsvLayoutOrFailure(sampleText);
  return 'layout' in result ? result.layout : result.fallback;
}

/** As `detectCsvLayout`, but says when nothing usable was found (for parsers, which refuse then). */
export function detectCsvLayoutOrFailure(sampleText: string): { layout: CsvLayout } | { failure: CsvLayoutFailure; fallback: CsvLayout } {
  const text = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  let best: { delimiter: CsvDelimiter; rows: string[][]; dataRows: number; width: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const rows = splitCsvRows(text, delimiter)
      .slice(0, MAX_SAMPLE_ROWS)
      .map((row) => row.cells);
    const dataRows = rows.filter(isDataLike).length;
    const width = Math.max(0, ...rows.map((row) => row.length));
    if (best === null || dataRows > best.dataRows || (dataRows === best.dataRows && dataRows > 0 && width > best.width)) {
      best = { delimiter, rows, dataRows, width };
    }
  }
  return detectLayoutFromRows(best?.rows ?? [], best?.delimiter ?? ',');
}

/** Detection over rows already split into cells (CSV after the delimiter is known, or a sheet). */
export function detectLayoutFromRows(allRows: readonly string[][], delimiter: CsvDelimiter): { layout: CsvLayout } | { failure: CsvLayoutFailure; fallback: CsvLayout } {
  const rows = allRows.slice(0, MAX_SAMPLE_ROWS).map((row) => row.map(cleanCell));
  const warnings: string[] = [];
  let isGuessed = false;
  const guess = (warning: string): void => {
    warnings.push(warning);
    isGuessed = true;
  };

  const firstData = rows.findIndex(isDataLike);
  if (firstData === -1) {
    const problem = 'no row has both a date and an amount';
    return { failure: { problem }, fallback: fallbackLayout(allRows, delimiter, problem) };
  }
  const headerRowIndex = findHeaderRow(rows, firstData);
  const headers = headerRowIndex === null ? [] : (rows[headerRowIndex] ?? []);
  const names = headers.map(normaliseHeader);
  const body = rows.slice(headerRowIndex === null ? firstData : headerRowIndex + 1);
  const data = body.filter(isDataLike);
  const width = Math.max(...data.map((row) => row.length));
  const columnValues = (column: number): string[] => data.map((row) => row[column] ?? '');
  if (headerRowIndex === null) {
    guess('The file has no header row: every column was recognised from its values.');
  }

  // Step 3: the date column (its format is settled once the file's conventions are known).
  const dateChoice = chooseDateColumn(width, columnValues, names);
  if (!dateChoice) {
    const problem = 'no column holds a date on every row';
    return { failure: { problem }, fallback: fallbackLayout(allRows, delimiter, problem) };
  }
  const used = new Set<number>([dateChoice.column]);

  // Step 4: amounts.
  const money = describeMoneyColumns(width, columnValues, names, used);
  const amountChoice = chooseAmount(money, headers, names, width, columnValues, used);
  if (!amountChoice) {
    const problem = 'no column holds amounts';
    return { failure: { problem }, fallback: fallbackLayout(allRows, delimiter, problem) };
  }
  if (amountChoice.isGuessed) {
    guess(amountChoice.explanation);
  }
  const amountColumns = amountColumnsOf(amountChoice.amount);
  amountColumns.forEach((column) => used.add(column));

  const balanceColumn = chooseBalanceByHeader(money, names, used);
  const decimal = chooseDecimalMark([...amountColumns, ...(balanceColumn === null ? [] : [balanceColumn])], columnValues, delimiter);
  if (decimal.isGuessed) {
    guess(`The decimal mark '${decimal.mark}' was assumed: no amount shows it clearly.`);
  }
  const amount = amountChoice.amount;
  let balance = balanceColumn;
  if (balance === null) {
    balance = chooseBalanceByChain(money, used, amount, decimal.mark, columnValues);
  }
  if (balance !== null) {
    used.add(balance);
  }

  // Step 5: the other columns.
  const namedCurrency = amountColumns.map((column) => currencyInHeader(headers[column] ?? '')).find((code) => code !== null) ?? null;
  const currencyColumn = namedCurrency === null ? chooseCurrencyColumn(width, columnValues, names, used) : null;
  const headerCurrency = namedCurrency ?? (currencyColumn === null ? currencyFromSigns(amountColumns.flatMap(columnValues)) : null);
  if (currencyColumn !== null) {
    used.add(currencyColumn);
  }
  const accountColumn = chooseAccountColumn(width, columnValues, names, used, headerRowIndex !== null);
  if (accountColumn !== null) {
    used.add(accountColumn);
  }
  const bankIdColumn = chooseByWords(names, HEADER_WORDS.bankId, used);
  if (bankIdColumn !== null) {
    used.add(bankIdColumn);
  }
  const referenceColumn = chooseByWords(names, HEADER_WORDS.reference, used);
  if (referenceColumn !== null) {
    used.add(referenceColumn);
  }
  const description = chooseDescription(width, columnValues, names, used);
  if (description.isGuessed) {
    guess('The description was taken from the wordiest text columns.');
  }

  const currencyHint = headerCurrency ?? (currencyColumn === null ? null : (columnValues(currencyColumn).find(isCurrencyCode) ?? null));
  const dateFormat = chooseDateFormat(dateChoice.formats, columnValues(dateChoice.column), { decimalMark: decimal.mark, delimiter, currency: currencyHint });
  if (dateFormat.isGuessed) {
    guess(dateFormat.explanation);
  }

  const mapping: CsvMapping = {
    delimiter,
    headerRowIndex,
    headers: headerRowIndex === null ? null : headers,
    dateColumn: dateChoice.column,
    dateFormat: dateFormat.format,
    decimalMark: decimal.mark,
    amount,
    descriptionColumns: description.columns,
    referenceColumn,
    bankIdColumn,
    balanceColumn: balance,
    currencyColumn,
    accountColumn,
    currency: headerCurrency,
  };
  const previewStart = headerRowIndex === null ? firstData : headerRowIndex + 1;
  return {
    layout: {
      mapping,
      confidence: isGuessed ? 'low' : 'high',
      headers,
      previewRows: allRows.slice(previewStart, previewStart + PREVIEW_ROWS).map((row) => row.map(cleanCell)),
      warnings,
    },
  };
}

/**
 * The date format and decimal mark of known columns (for presets that know which column is
 * which, but not the locale the export was made in). Rows whose date cell is not a date (titles,
 * totals, balance rows) are left out. Null when no row has a date there.
 */
export function inferColumnFormats(
  rows: readonly string[][],
  columns: { date: number; money: readonly number[] },
  hints: { delimiter: string; currency: string | null },
): { dateFormat: string; decimalMark: '.' | ','; warnings: string[] } | null {
  const dated = rows.map((row) => row.map(cleanCell)).filter((row) => readAnyDate(row[columns.date] ?? '') !== null);
  if (dated.length === 0) {
    return null;
  }
  const valuesOf = (column: number): string[] => dated.map((row) => row[column] ?? '').filter((value) => value === '' || looksLikeAmount(value));
  const dates = dated.map((row) => row[columns.date] ?? '');
  const formats = DATE_READERS.filter(({ read }) => dates.every((value) => read(value) !== null)).map(({ format }) => format);
  if (formats.length === 0) {
    return null;
  }
  const warnings: string[] = [];
  const decimal = chooseDecimalMark(columns.money, valuesOf, hints.delimiter);
  if (decimal.isGuessed) {
    warnings.push(`The decimal mark '${decimal.mark}' was assumed: no amount shows it clearly.`);
  }
  const dateFormat = chooseDateFormat(formats, dates, { decimalMark: decimal.mark, delimiter: hints.delimiter, currency: hints.currency });
  if (dateFormat.isGuessed) {
    warnings.push(dateFormat.explanation);
  }
  return { dateFormat: dateFormat.format, decimalMark: decimal.mark, warnings };
}

/** Rows of a CSV sample split with each delimiter, for callers that look for a known header row. */
export function splitSampleRows(sampleText: string): Array<{ delimiter: CsvDelimiter; rows: string[][] }> {
  const text = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  return CSV_DELIMITERS.map((delimiter) => ({
    delimiter,
    rows: splitCsvRows(text, delimiter)
      .slice(0, MAX_SAMPLE_ROWS)
      .map((row) => row.cells),
  }));
}

/** A row with a date in one cell and an amount in another: a transaction, whatever the layout. */
function isDataLike(row: readonly string[]): boolean {
  let dateColumn = -1;
  for (let i = 0; i < row.length && dateColumn === -1; i += 1) {
    if (readAnyDate(cleanCell(row[i])) !== null) {
      dateColumn = i;
    }
  }
  if (dateColumn === -1) {
    return false;
  }
  return row.some((cell, i) => i !== dateColumn && looksLikeAmount(cell) && readAnyDate(cleanCell(cell)) === null);
}

function readAnyDate(text: string): LocalDate | null {
  if (text === '' || text.length > 40) {
    return null;
  }
  for (const { read } of DATE_READERS) {
    const date = read(text);
    if (date !== null) {
      return date;
    }
  }
  return null;
}

/** The header is the row just above the data (blank rows aside) when it reads as words. */
function findHeaderRow(rows: readonly string[][], firstData: number): number | null {
  let index = firstData - 1;
  // Blank rows and not-yet-booked ("Pending") transactions can sit between the header and the data.
  const isSkippable = (row: readonly string[]): boolean => row.every((cell) => cell === '') || row.some((cell) => PENDING_DATE.test(cell));
  while (index >= 0 && isSkippable(rows[index] ?? [])) {
    index -= 1;
  }
  const candidate = rows[index];
  if (!candidate) {
    return null;
  }
  const filled = candidate.filter((cell) => cell !== '');
  const dataWidth = (rows[firstData] ?? []).length;
  const isWordy = filled.every((cell) => readAnyDate(cell) === null && !looksLikeAmount(cell));
  return filled.length >= 2 && filled.length * 2 >= Math.min(dataWidth, 4) && isWordy ? index : null;
}

function chooseDateColumn(width: number, valuesOf: (column: number) => string[], names: readonly string[]): { column: number; formats: string[] } | null {
  const candidates: Array<{ column: number; formats: string[]; rank: number }> = [];
  for (let column = 0; column < width; column += 1) {
    const values = valuesOf(column);
    if (values.some((value) => value === '')) {
      continue;
    }
    const formats = DATE_READERS.filter(({ read }) => values.every((value) => read(value) !== null)).map(({ format }) => format);
    if (formats.length === 0) {
      continue;
    }
    const name = names[column] ?? '';
    const wordRank = matchIndex(name, HEADER_WORDS.date);
    const rank = matches(name, HEADER_WORDS.secondaryDate) ? 1000 : wordRank === -1 ? 500 : wordRank;
    candidates.push({ column, formats, rank });
  }
  candidates.sort((a, b) => a.rank - b.rank || a.column - b.column);
  const best = candidates[0];
  return best ? { column: best.column, formats: best.formats } : null;
}

/**
 * One format among those every value fits: the one that keeps the rows in date order, then the
 * file's conventions (day first unless the file looks American).
 */
function chooseDateFormat(
  formats: readonly string[],
  values: readonly string[],
  hints: { decimalMark: '.' | ','; delimiter: string; currency: string | null },
): { format: string; isGuessed: boolean; explanation: string } {
  const first = formats[0] ?? 'YYYY-MM-DD';
  if (formats.length === 1) {
    return { format: first, isGuessed: false, explanation: '' };
  }
  const ordered = formats.filter((format) => isMonotonic(values, createDateReader(format)));
  if (ordered.length === 1) {
    return { format: ordered[0] ?? first, isGuessed: false, explanation: '' };
  }
  const remaining = ordered.length > 0 ? ordered : formats;
  const looksAmerican = hints.decimalMark === '.' && hints.delimiter === ',' && (hints.currency === null || hints.currency === 'USD');
  const preferred = remaining.find((format) => (looksAmerican ? format.startsWith('M') : !format.startsWith('M'))) ?? remaining[0] ?? first;
  return {
    format: preferred,
    isGuessed: true,
    explanation: `The dates read both as ${remaining.join(' and ')}; ${preferred} was assumed (no day above 12 in the sample).`,
  };
}

function isMonotonic(values: readonly string[], read: DateReader): boolean {
  const dates = values.map(read);
  let rising = true;
  let falling = true;
  for (let i = 1; i < dates.length; i += 1) {
    const previous = dates[i - 1] ?? '';
    const current = dates[i] ?? '';
    rising &&= current >= previous;
    falling &&= current <= previous;
  }
  return rising || falling;
}

interface MoneyColumns {
  /** Columns whose sampled values are all amounts or blank, with at least one amount. */
  filled: Set<number>;
  /** Columns whose sampled values are all amounts or blank (possibly all blank). */
  filledOrBlank: Set<number>;
}

function describeMoneyColumns(width: number, valuesOf: (column: number) => string[], names: readonly string[], used: ReadonlySet<number>): MoneyColumns {
  const filled = new Set<number>();
  const filledOrBlank = new Set<number>();
  for (let column = 0; column < width; column += 1) {
    if (used.has(column)) {
      continue;
    }
    const values = valuesOf(column);
    if (!values.every((value) => value === '' || looksLikeAmount(value))) {
      continue;
    }
    const name = names[column] ?? '';
    const isNamedMoney = matches(name, HEADER_WORDS.amount) || matches(name, HEADER_WORDS.debit) || matches(name, HEADER_WORDS.credit) || matches(name, HEADER_WORDS.balance);
    if (!isNamedMoney && matches(name, HEADER_WORDS.notMoney)) {
      continue;
    }
    filledOrBlank.add(column);
    if (values.some((value) => value !== '')) {
      filled.add(column);
    }
  }
  return { filled, filledOrBlank };
}

type AmountChoice = { amount: CsvAmount; isGuessed: boolean; explanation: string };

function chooseAmount(
  money: MoneyColumns,
  headers: readonly string[],
  names: readonly string[],
  width: number,
  valuesOf: (column: number) => string[],
  used: ReadonlySet<number>,
): AmountChoice | null {
  const named = (list: WordList, columns: Set<number>): number[] =>
    [...columns].filter((column) => matches(names[column] ?? '', list) && !matches(names[column] ?? '', HEADER_WORDS.balance));
  const debits = named(HEADER_WORDS.debit, money.filledOrBlank);
  const credits = named(HEADER_WORDS.credit, money.filledOrBlank).filter((column) => !debits.includes(column));
  const amounts = named(HEADER_WORDS.amount, money.filledOrBlank).filter((column) => !debits.includes(column) && !credits.includes(column));
  const primary = amounts.filter((column) => !matches(names[column] ?? '', HEADER_WORDS.secondaryAmount));
  const unsigned = (column: number): boolean => valuesOf(column).every((value) => !isSignedAmount(value));

  // A named amount column: the one naming a currency ("Betrag (EUR)"), else the leftmost.
  const namesCurrency = (column: number): number => Number(currencyInHeader(headers[column] ?? '') !== null);
  const signedColumn = [...primary].sort((a, b) => namesCurrency(b) - namesCurrency(a) || a - b)[0];
  if (signedColumn !== undefined) {
    return withIndicator(signedColumn, unsigned(signedColumn), names, width, valuesOf, used, false);
  }
  const debit = debits[0];
  const credit = credits[0];
  if (debit !== undefined && credit !== undefined) {
    return { amount: { kind: 'debitCredit', debitColumn: debit, creditColumn: credit }, isGuessed: false, explanation: '' };
  }
  if (debit !== undefined || credit !== undefined) {
    const column = debit ?? credit ?? 0;
    // A lone "Debit" column of positive numbers is money out; a lone "Inflow" column is signed.
    const negate = debit !== undefined && unsigned(column);
    return { amount: negate ? { kind: 'signed', column, negate: true } : { kind: 'signed', column }, isGuessed: true, explanation: `Only one amount column ('${names[column] ?? ''}') was found; it was read as signed amounts.` };
  }

  // By values: columns of amounts whose header says nothing.
  const candidates = [...money.filled].filter((column) => !matches(names[column] ?? '', HEADER_WORDS.balance) && !matches(names[column] ?? '', HEADER_WORDS.secondaryAmount)).sort((a, b) => a - b);
  for (const column of candidates) {
    for (const partner of [column + 1, column - 1]) {
      if (!money.filledOrBlank.has(partner) || !unsigned(column) || !unsigned(partner)) {
        continue;
      }
      const left = valuesOf(column);
      const right = valuesOf(partner);
      if (left.some((value, i) => value !== '' && (right[i] ?? '') !== '')) {
        continue;
      }
      const [debitColumn, creditColumn] = partner > column ? [column, partner] : [partner, column];
      return {
        amount: { kind: 'debitCredit', debitColumn, creditColumn },
        isGuessed: true,
        explanation: `Columns ${debitColumn + 1} and ${creditColumn + 1} are never filled on the same row: they were read as money out and money in.`,
      };
    }
  }
  const signed = candidates.find((column) => !unsigned(column));
  if (signed !== undefined) {
    return { amount: { kind: 'signed', column: signed }, isGuessed: true, explanation: `Column ${signed + 1} was taken as the signed amount.` };
  }
  const first = candidates[0];
  return first === undefined ? null : withIndicator(first, true, names, width, valuesOf, used, true);
}

/** An unsigned amount column next to a direction column (Af/Bij, S/H, D/C, I/O, CR) reads with it. */
function withIndicator(
  column: number,
  isUnsigned: boolean,
  names: readonly string[],
  width: number,
  valuesOf: (column: number) => string[],
  used: ReadonlySet<number>,
  isGuessed: boolean,
): AmountChoice {
  const signed: AmountChoice = {
    amount: { kind: 'signed', column },
    isGuessed: isGuessed || isUnsigned,
    explanation: isUnsigned ? `Every amount in column '${names[column] ?? column + 1}' is positive and no column says money in or out; they were read as money in.` : '',
  };
  if (!isUnsigned) {
    return signed;
  }
  for (let candidate = 0; candidate < width; candidate += 1) {
    if (candidate === column || used.has(candidate) || hasOtherRole(names[candidate] ?? '')) {
      continue;
    }
    const debitValues = indicatorDebitValues(valuesOf(candidate));
    if (debitValues) {
      const shown = debitValues.map((value) => (value === '' ? 'blank' : `'${value}'`)).join(', ');
      return {
        amount: { kind: 'amountAndIndicator', column, indicatorColumn: candidate, debitValues },
        isGuessed,
        explanation: `Column ${candidate + 1} gives the direction of the amounts in column ${column + 1} (${shown} = money out).`,
      };
    }
  }
  return signed;
}

/** A header that names another role (an id, a reference, a payee …) is never a direction column. */
function hasOtherRole(name: string): boolean {
  const lists = [HEADER_WORDS.bankId, HEADER_WORDS.reference, HEADER_WORDS.payee, HEADER_WORDS.memo, HEADER_WORDS.account, HEADER_WORDS.currency, HEADER_WORDS.date, HEADER_WORDS.balance];
  return lists.some((list) => matches(name, list));
}

const COMPLEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['d', 'c'],
  ['dr', 'cr'],
  ['db', 'cr'],
  ['dbit', 'crdt'],
  ['debit', 'credit'],
  ['debet', 'credit'],
  ['s', 'h'],
  ['soll', 'haben'],
  ['af', 'bij'],
  ['o', 'i'],
  ['out', 'in'],
  ['outflow', 'inflow'],
  ['kiadás', 'bevétel'],
  ['-', '+'],
];

/**
 * The values that mean money out, when `values` is a direction column: nine in ten filled cells
 * are direction words. A column that only ever says "CR" means blank cells are debits.
 */
function indicatorDebitValues(values: readonly string[]): string[] | null {
  const filled = values.map((value) => value.toLowerCase()).filter((value) => value !== '');
  if (filled.length === 0) {
    return null;
  }
  const known = filled.filter((value) => DEBIT_INDICATORS.has(value) || CREDIT_INDICATORS.has(value));
  if (known.length * 10 < filled.length * 9) {
    return null;
  }
  const debits = new Set(known.filter((value) => DEBIT_INDICATORS.has(value)));
  for (const value of known) {
    const pair = COMPLEMENTS.find(([, credit]) => credit === value);
    if (CREDIT_INDICATORS.has(value) && pair) {
      debits.add(pair[0]);
    }
  }
  if (known.every((value) => CREDIT_INDICATORS.has(value)) && filled.length < values.length) {
    debits.add('');
  }
  return [...debits];
}

function amountColumnsOf(amount: CsvAmount): number[] {
  switch (amount.kind) {
    case 'signed':
      return [amount.column];
    case 'debitCredit':
      return [amount.debitColumn, amount.creditColumn];
    case 'amountAndIndicator':
      return [amount.column, amount.indicatorColumn];
  }
}

function chooseBalanceByHeader(money: MoneyColumns, names: readonly string[], used: ReadonlySet<number>): number | null {
  return [...money.filledOrBlank].sort((a, b) => a - b).find((column) => !used.has(column) && matches(names[column] ?? '', HEADER_WORDS.balance)) ?? null;
}

/** Without a header, a column is the running balance when it chains with the amounts row by row. */
function chooseBalanceByChain(money: MoneyColumns, used: ReadonlySet<number>, amount: CsvAmount, mark: '.' | ',', valuesOf: (column: number) => string[]): number | null {
  if (amount.kind !== 'signed') {
    return null;
  }
  const amounts = valuesOf(amount.column).map((value) => readAmountCell(value, mark, 2, null));
  for (const column of [...money.filled].sort((a, b) => a - b)) {
    if (used.has(column)) {
      continue;
    }
    const balances = valuesOf(column).map((value) => readAmountCell(value, mark, 2, null));
    if (balances.length < 2) {
      continue;
    }
    let forward = true;
    let backward = true;
    for (let i = 1; i < balances.length; i += 1) {
      const [previous, current, previousAmount, currentAmount] = [balances[i - 1], balances[i], amounts[i - 1], amounts[i]];
      if (previous?.kind !== 'ok' || current?.kind !== 'ok' || previousAmount?.kind !== 'ok' || currentAmount?.kind !== 'ok') {
        forward = false;
        backward = false;
        break;
      }
      forward &&= previous.minor + currentAmount.minor === current.minor;
      backward &&= current.minor + previousAmount.minor === previous.minor;
    }
    if (forward || backward) {
      return column;
    }
  }
  return null;
}

function chooseDecimalMark(columns: readonly number[], valuesOf: (column: number) => string[], delimiter: string): { mark: '.' | ','; isGuessed: boolean } {
  let dots = 0;
  let commas = 0;
  let undecided = 0;
  for (const column of columns) {
    for (const value of valuesOf(column)) {
      const mark = decimalMarkOf(value);
      if (mark === '.') {
        dots += 1;
      } else if (mark === ',') {
        commas += 1;
      } else if (/[.,]/.test(value)) {
        undecided += 1;
      }
    }
  }
  if (dots !== commas) {
    return { mark: dots > commas ? '.' : ',', isGuessed: false };
  }
  // No amount tells: a semicolon file is continental, anything else is assumed to use a point.
  return { mark: delimiter === ';' ? ',' : '.', isGuessed: undecided > 0 };
}

function chooseCurrencyColumn(width: number, valuesOf: (column: number) => string[], names: readonly string[], used: ReadonlySet<number>): number | null {
  const codes = (column: number): boolean => {
    const values = valuesOf(column).filter((value) => value !== '');
    return values.length > 0 && values.every((value) => isCurrencyCode(value.toUpperCase()));
  };
  const columns = Array.from({ length: width }, (_, column) => column).filter((column) => !used.has(column) && codes(column));
  const byName = columns.filter((column) => matches(names[column] ?? '', HEADER_WORDS.currency) && !matches(names[column] ?? '', HEADER_WORDS.secondaryCurrency));
  if (byName.length > 0) {
    return byName[0] ?? null;
  }
  // Without a header, a column of currency codes; with one, only a column named for currency counts.
  return names.length === 0 ? (columns[0] ?? null) : null;
}

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

function chooseAccountColumn(width: number, valuesOf: (column: number) => string[], names: readonly string[], used: ReadonlySet<number>, hasHeader: boolean): number | null {
  for (let column = 0; column < width; column += 1) {
    if (used.has(column)) {
      continue;
    }
    if (hasHeader) {
      if (matches(names[column] ?? '', HEADER_WORDS.account) && valuesOf(column).some((value) => value !== '')) {
        return column;
      }
      continue;
    }
    // No header: one IBAN repeated on every row is the own account.
    const values = valuesOf(column);
    if (values.length >= 2 && values.every((value) => value === values[0] && IBAN.test(value.replace(/\s/g, '')))) {
      return column;
    }
  }
  return null;
}

function chooseByWords(names: readonly string[], list: WordList, used: ReadonlySet<number>): number | null {
  let best: { column: number; rank: number } | null = null;
  names.forEach((name, column) => {
    const rank = matchIndex(name, list);
    if (rank !== -1 && !used.has(column) && (best === null || rank < best.rank)) {
      best = { column, rank };
    }
  });
  return (best as { column: number; rank: number } | null)?.column ?? null;
}

const NOT_DESCRIPTION = words('*categor*', '*kategor*', 'type', 'typ', '*transaktionstyp*', '*transaction type*', 'umsatzart', '*code*', 'status', 'info', 'emoji', 'receipt', 'address', '*adres*', 'bic*', '*bic', 'blz', 'storno');

function chooseDescription(width: number, valuesOf: (column: number) => string[], names: readonly string[], used: Set<number>): { columns: number[]; isGuessed: boolean } {
  const payee = chooseByWords(names, HEADER_WORDS.payee, used);
  const memo = chooseByWords(names, HEADER_WORDS.memo, new Set([...used, ...(payee === null ? [] : [payee])]));
  if (payee !== null || memo !== null) {
    const columns = [payee, memo].filter((column): column is number => column !== null);
    if (memo !== null) {
      columns.push(...numberedSiblings(names, memo));
    }
    columns.forEach((column) => used.add(column));
    return { columns, isGuessed: false };
  }
  // The wordiest text columns: letters per row, over columns that are not numbers or codes.
  const scored: Array<{ column: number; letters: number }> = [];
  for (let column = 0; column < width; column += 1) {
    if (used.has(column) || matches(names[column] ?? '', NOT_DESCRIPTION)) {
      continue;
    }
    const values = valuesOf(column);
    const letters = values.reduce((sum, value) => sum + (value.match(/\p{L}/gu)?.length ?? 0), 0) / Math.max(1, values.length);
    if (letters >= 3 && !values.every((value) => value === '' || looksLikeAmount(value) || PENDING_DATE.test(value))) {
      scored.push({ column, letters });
    }
  }
  scored.sort((a, b) => b.letters - a.letters || a.column - b.column);
  const [top, second] = scored;
  const chosen = top ? [top] : [];
  if (top && second && second.letters >= 6 && second.letters * 10 >= top.letters * 4) {
    chosen.push(second);
  }
  const columns = chosen.map(({ column }) => column).sort((a, b) => a - b);
  columns.forEach((column) => used.add(column));
  return { columns, isGuessed: names.length > 0 || columns.length === 0 };
}

/** "Omschrijving-1" brings "Omschrijving-2" and "-3" with it. */
function numberedSiblings(names: readonly string[], column: number): number[] {
  const match = /^(.*?)([- ]?)1$/.exec(names[column] ?? '');
  if (!match) {
    return [];
  }
  const [, stem = '', separator = ''] = match;
  const siblings: number[] = [];
  for (let n = 2; n <= 5; n += 1) {
    const index = names.indexOf(`${stem}${separator}${n}`);
    if (index !== -1) {
      siblings.push(index);
    }
  }
  return siblings;
}

const CURRENCY_OF_SIGN: Readonly<Record<string, string>> = { '£': 'GBP', '€': 'EUR', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY', '₪': 'ILS', '₫': 'VND', '₴': 'UAH', '₦': 'NGN', '₱': 'PHP', '฿': 'THB' };

/** "£67.40": a currency sign that names one currency (not '$' or '¥', which several share). */
function currencyFromSigns(values: readonly string[]): string | null {
  const found = new Set<string>();
  for (const value of values) {
    for (const [sign, code] of Object.entries(CURRENCY_OF_SIGN)) {
      if (value.includes(sign)) {
        found.add(code);
      }
    }
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/** What detection returns when it found no dates or amounts: a first-column guess, marked low. */
function fallbackLayout(rows: readonly string[][], delimiter: CsvDelimiter, problem: string): CsvLayout {
  return {
    mapping: {
      delimiter,
      headerRowIndex: null,
      headers: null,
      dateColumn: 0,
      dateFormat: 'YYYY-MM-DD',
      decimalMark: '.',
      amount: { kind: 'signed', column: 1 },
      descriptionColumns: [2],
      referenceColumn: null,
      bankIdColumn: null,
      balanceColumn: null,
      currencyColumn: null,
      accountColumn: null,
      currency: null,
    },
    confidence: 'low',
    headers: [],
    previewRows: rows.slice(0, PREVIEW_ROWS).map((row) => row.map(cleanCell)),
    warnings: [`The columns could not be recognised: ${problem}. Map them by hand.`],
  };
}
