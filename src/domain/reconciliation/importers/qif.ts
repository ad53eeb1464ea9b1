/**
 * QIF (Quicken Interchange Format) statement importer.
 *
 * A statement is each `!Type:Bank`, `Cash`, `CCard`, `Oth A` or `Oth L` section; its account is
 * the name (N) of the `!Account` record before it, kept as an upper-case key of letters and
 * digits ("Checking Main" → "CHECKINGMAIN"). Records are D (date), T or U (amount), P (payee),
 * M (memo), N (number → reference), ended by `^`. QIF states no balances, no currency (a caller
 * may pass one) and no bank transaction ids. Lists (`!Type:Cat`, `Class`, `Memorized` …) and
 * `!Option:AutoSwitch` account lists are skipped; investment accounts are refused.
 *
 * Dates carry no order. With `dateOrder` given it is used; otherwise the file's own dates decide:
 * a first field above 12 proves day-first, a second field above 12 proves month-first, and a
 * file that never proves either is read month-first (QIF comes from US software). Until a date
 * proves the order, the records that depend on it wait in a queue (dates that read the same
 * either way, such as 2024-06-24 or 05/05/24, do not). The queue is capped at
 * `MAX_WAITING_RECORDS`: past that the order is settled month-first, and a later day-first date
 * refuses the file with a message telling the user to choose the order. Memory stays bounded.
 */
import type { LocalDate } from '../../dates';
import { currencyExponent, parseAmount } from '../../money';
import { collectStatements, StatementFormatError, type ParseOutcome, type StatementSink, type StreamingStatementParser } from '../statement';
import { explainUnreadableAmount, joinDescription, type AmountReading } from './ofx-values';
import { isOrderFree, provenOrder, resolveQifDate, splitQifDate, type QifDateFields, type QifDateOrder } from './qif-dates';

export type { QifDateOrder } from './qif-dates';

export interface QifParserOptions {
  /** The day/month order when the user has chosen it; detected from the file when absent. */
  dateOrder?: QifDateOrder | undefined;
  /** The account's currency, which QIF never states; sets the decimals allowed (2 by default). */
  currency?: string | undefined;
}

/** Records held while the date order is unknown, at most (about 30 MB at worst). */
export const MAX_WAITING_RECORDS = 100_000;
const MAX_LINE = 1 << 20;

const BANK_TYPES = new Set(['bank', 'cash', 'ccard', 'oth a', 'oth l']);
const INVESTMENT_TYPES = new Set(['invst', 'port']);
const LIST_TYPES = new Set(['cat', 'class', 'memorized', 'prices', 'security', 'bill', 'invoice', 'budget', 'template', 'payee', 'tag']);

interface WaitingTransaction {
  dateText: string;
  dateLine: number;
  fields: QifDateFields;
  amountMinor: number;
  description: string;
  reference: string | null;
}

type StatementEvent = { kind: 'begin' } | { kind: 'transaction'; transaction: WaitingTransaction } | { kind: 'end'; accountId: string | null };

type Section = 'start' | 'transactions' | 'account' | 'skip';

const CARET = 0x5e;
const BANG = 0x21;

class QifReader {
  private readonly currency: string | null;
  private readonly exponent: number;
  private readonly isOrderGiven: boolean;
  // Lines.
  private rest = '';
  private hasStarted = false;
  private lineBreak: '\n' | '\r' | null = null;
  private lineNumber = 0;
  // Sections and records.
  private section: Section = 'start';
  private isAutoSwitch = false;
  private accountName: string | null = null;
  private pendingAccount: string | null = null;
  private isStatementOpen = false;
  private statementAccount: string | null = null;
  private recordLine = 0;
  private dateText: string | null = null;
  private dateLine = 0;
  private amountText: string | null = null;
  private amountLine = 0;
  private alternateAmountText: string | null = null;
  private alternateAmountLine = 0;
  private payee: string | null = null;
  private memo: string | null = null;
  private number: string | null = null;
  // Date order and the events waiting for it.
  private order: QifDateOrder | null;
  private proof: { line: number; text: string } | null = null;
  private isOrderAssumed = false;
  private queue: StatementEvent[] = [];
  // The statement being emitted (it can lag behind the one being read).
  private firstDate: LocalDate | null = null;
  private lastDate: LocalDate | null = null;

  constructor(
    private readonly sink: StatementSink,
    options: QifParserOptions,
  ) {
    this.currency = options.currency ? options.currency.toUpperCase() : null;
    this.exponent = currencyExponent(this.currency);
    this.order = options.dateOrder ?? null;
    this.isOrderGiven = options.dateOrder !== undefined;
  }

  write(chunk: string): void {
    let text = this.rest.length === 0 ? chunk : this.rest + chunk;
    if (!this.hasStarted && text.length > 0) {
      this.hasStarted = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    if (this.lineBreak === null && !this.detectLineBreak(text)) {
      this.keep(text);
      return;
    }
    const lineBreak = this.lineBreak ?? '\n';
    let start = 0;
    for (let at = text.indexOf(lineBreak); at >= 0; at = text.indexOf(lineBreak, start)) {
      const end = lineBreak === '\n' && at > start && text.charCodeAt(at - 1) === 0x0d ? at - 1 : at;
      this.readLine(text.slice(start, end));
      start = at + 1;
    }
    this.keep(start === 0 ? text : text.slice(start));
  }

  end(): void {
    const lines = this.rest.split(/\r\n|\r|\n/);
    this.rest = '';
    for (const line of lines) {
      this.readLine(line);
    }
    if (this.section === 'start') {
      throw new StatementFormatError('line 1', 'the file is empty');
    }
    this.closeStatement();
    this.order ??= 'mdy';
    this.flush();
  }

  /** LF, CRLF or CR-only: decided at the first line break (false while none has been seen). */
  private detectLineBreak(text: string): boolean {
    const lf = text.indexOf('\n');
    const cr = text.indexOf('\r');
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      if (cr + 1 >= text.length) {
        return false;
      }
      this.lineBreak = text.charCodeAt(cr + 1) === 0x0a ? '\n' : '\r';
      return true;
    }
    if (lf >= 0) {
      this.lineBreak = '\n';
      return true;
    }
    return false;
  }

  private keep(text: string): void {
    if (text.length > MAX_LINE) {
      throw new StatementFormatError(`line ${this.lineNumber + 1}`, 'a line longer than a megabyte: this is not a QIF file');
    }
    this.rest = text;
  }

  private readLine(raw: string): void {
    this.lineNumber++;
    let line = raw;
    let code = line.charCodeAt(0);
    if (code === 0x20 || code === 0x09) {
      line = line.trim();
      code = line.charCodeAt(0);
    }
    if (line.length === 0) {
      return;
    }
    if (code === BANG) {
      this.readHeader(line.trim());
      return;
    }
    switch (this.section) {
      case 'start':
        throw new StatementFormatError(`line ${this.lineNumber}`, 'not a QIF file: it should start with a !Type: or !Account line');
      case 'skip':
        return;
      case 'account':
        this.readAccountField(code, line);
        return;
      case 'transactions':
        this.readTransactionField(code, line);
        return;
    }
  }

  private readHeader(header: string): void {
    const lower = header.toLowerCase();
    if (lower.startsWith('!type:')) {
      this.closeStatement();
      this.endAccountRecord();
      const type = lower.slice(6).trim().replace(/\s+/g, ' ');
      if (BANK_TYPES.has(type)) {
        this.openStatement();
        return;
      }
      if (INVESTMENT_TYPES.has(type)) {
        throw new StatementFormatError(`line ${this.lineNumber}`, `'${header}' is an investment account, not a bank statement; export the cash or bank account instead`);
      }
      if (LIST_TYPES.has(type)) {
        this.section = 'skip';
        return;
      }
      throw new StatementFormatError(`line ${this.lineNumber}`, `'${header}' is not a QIF account type Tickmark reads (Bank, Cash, CCard, Oth A, Oth L)`);
    }
    if (lower === '!account') {
      this.closeStatement();
      this.endAccountRecord();
      this.section = this.isAutoSwitch ? 'skip' : 'account';
      return;
    }
    if (lower.startsWith('!option:autoswitch')) {
      this.closeStatement();
      this.endAccountRecord();
      this.isAutoSwitch = true;
      this.section = 'skip';
      return;
    }
    if (lower.startsWith('!clear:autoswitch')) {
      this.isAutoSwitch = false;
      this.section = 'skip';
      return;
    }
    if (lower.startsWith('!option:') || lower.startsWith('!clear:')) {
      return;
    }
    throw new StatementFormatError(`line ${this.lineNumber}`, `'${header}' is not a QIF header`);
  }

  private readAccountField(code: number, line: string): void {
    if (code === CARET) {
      this.endAccountRecord();
    } else if (line.charAt(0) === 'N') {
      this.accountName = line.slice(1).trim();
    }
  }

  /** An `!Account` record names the account of the `!Type:` section that follows it. */
  private endAccountRecord(): void {
    if (this.section === 'account' && this.accountName !== null) {
      this.pendingAccount = this.accountName;
    }
    this.accountName = null;
  }

  private openStatement(): void {
    this.section = 'transactions';
    this.isStatementOpen = true;
    this.statementAccount = this.pendingAccount === null ? null : toAccountKey(this.pendingAccount);
    this.pendingAccount = null;
    this.enqueue({ kind: 'begin' });
  }

  private closeStatement(): void {
    if (!this.isStatementOpen) {
      return;
    }
    this.finishRecord();
    this.isStatementOpen = false;
    this.enqueue({ kind: 'end', accountId: this.statementAccount });
  }

  private readTransactionField(code: number, line: string): void {
    if (code === CARET) {
      this.finishRecord();
      return;
    }
    if (this.recordLine === 0) {
      this.recordLine = this.lineNumber;
    }
    switch (line.charAt(0)) {
      case 'D':
        this.dateText = line.slice(1).trim();
        this.dateLine = this.lineNumber;
        return;
      case 'T':
        this.amountText = line.slice(1).trim();
        this.amountLine = this.lineNumber;
        return;
      case 'U':
        this.alternateAmountText = line.slice(1).trim();
        this.alternateAmountLine = this.lineNumber;
        return;
      case 'P':
        this.payee = line.slice(1);
        return;
      case 'M':
        this.memo = line.slice(1);
        return;
      case 'N':
        this.number = line.slice(1).trim();
        return;
      default:
        return; // L (category), C (cleared), A (address), S/E/$ (splits) … are not statement facts
    }
  }

  /** Validates the record just ended and passes it on; a record with no field at all is skipped. */
  private finishRecord(): void {
    if (this.recordLine === 0) {
      return;
    }
    const where = `line ${this.recordLine}`;
    const dateText = this.dateText;
    const amountText = this.amountText !== null && this.amountText !== '' ? this.amountText : this.alternateAmountText;
    const amountLine = amountText === this.amountText ? this.amountLine : this.alternateAmountLine;
    if (dateText === null || dateText === '') {
      throw new StatementFormatError(where, 'the transaction has no date (D line)');
    }
    const fields = splitQifDate(dateText);
    const proven = fields === null || this.isOrderGiven ? null : provenOrder(fields);
    if (fields === null || proven === 'impossible') {
      throw new StatementFormatError(`line ${this.dateLine}`, `'${dateText}' is not a date`);
    }
    if (amountText === null || amountText === '') {
      throw new StatementFormatError(where, 'the transaction has no amount (T line)');
    }
    const reading = readQifAmount(amountText, this.exponent, this.currency);
    if (!reading.ok) {
      throw new StatementFormatError(`line ${amountLine}`, reading.problem);
    }
    const transaction: WaitingTransaction = {
      dateText,
      dateLine: this.dateLine,
      fields,
      amountMinor: reading.minor,
      description: joinDescription(this.payee, this.memo),
      reference: this.number === null || this.number === '' ? null : this.number,
    };
    this.recordLine = 0;
    this.dateText = null;
    this.amountText = null;
    this.alternateAmountText = null;
    this.payee = null;
    this.memo = null;
    this.number = null;
    if (proven !== null) {
      this.settleOrder(proven, transaction);
    }
    if (this.queue.length === 0 && (this.order !== null || isOrderFree(fields))) {
      this.emitTransaction(transaction);
      return;
    }
    // A copy made here, not the objects above: V8 moves the allocation sites of objects that
    // survive (the waiting ones) to the old generation, and the per-record ones must stay young.
    this.enqueue({ kind: 'transaction', transaction: { ...transaction, fields: { ...fields } } });
  }

  /** A date has proven the order: the first proof settles it, a contrary one refuses the file. */
  private settleOrder(order: 'mdy' | 'dmy', by: WaitingTransaction): void {
    if (this.order === null) {
      this.order = order;
      this.proof = { line: by.dateLine, text: by.dateText };
      this.flush();
      return;
    }
    if (this.order === order) {
      return;
    }
    const where = `line ${by.dateLine}`;
    const written = order === 'dmy' ? 'day first' : 'month first';
    if (this.isOrderAssumed) {
      throw new StatementFormatError(
        where,
        `date '${by.dateText}' has the ${written}, but the first ${MAX_WAITING_RECORDS} dates could be read either way and were read month first; import the file again with the date order set to day first`,
      );
    }
    const other = order === 'dmy' ? 'month first' : 'day first';
    const earlier = this.proof === null ? '' : ` like line ${this.proof.line} ('${this.proof.text}')`;
    throw new StatementFormatError(where, `date '${by.dateText}' has the ${written}, but earlier dates have the ${other}${earlier}; a file must use one date order`);
  }

  private enqueue(event: StatementEvent): void {
    if (this.queue.length === 0 && (this.order !== null || event.kind !== 'transaction' || isOrderFree(event.transaction.fields))) {
      this.emit(event);
      return;
    }
    this.queue.push(event);
    if (this.queue.length > MAX_WAITING_RECORDS) {
      this.order = 'mdy';
      this.isOrderAssumed = true;
      this.flush();
    }
  }

  private flush(): void {
    const events = this.queue;
    this.queue = [];
    for (const event of events) {
      this.emit(event);
    }
  }

  private emit(event: StatementEvent): void {
    switch (event.kind) {
      case 'begin':
        this.firstDate = null;
        this.lastDate = null;
        this.sink.beginStatement();
        return;
      case 'transaction':
        this.emitTransaction(event.transaction);
        return;
      case 'end':
        this.sink.endStatement({ accountId: event.accountId, currency: this.currency, openingBalanceMinor: null, closingBalanceMinor: null, startDate: this.firstDate, endDate: this.lastDate });
        return;
    }
  }

  private emitTransaction(transaction: WaitingTransaction): void {
    const order = this.order ?? 'mdy';
    const date = resolveQifDate(transaction.fields, order);
    if (date === null) {
      const reading = transaction.fields.isYearFirst ? '' : ` (read ${describeOrder(order)})`;
      throw new StatementFormatError(`line ${transaction.dateLine}`, `'${transaction.dateText}' is not a date${reading}`);
    }
    if (this.firstDate === null || date < this.firstDate) {
      this.firstDate = date;
    }
    if (this.lastDate === null || date > this.lastDate) {
      this.lastDate = date;
    }
    this.sink.transaction({ date, amountMinor: transaction.amountMinor, description: transaction.description, reference: transaction.reference, bankId: null });
  }
}

function describeOrder(order: QifDateOrder): string {
  switch (order) {
    case 'mdy':
      return 'month first';
    case 'dmy':
      return 'day first';
    case 'ymd':
      return 'year first';
  }
}

/** "Checking Main" → "CHECKINGMAIN": account names vary in case and spacing between exports. */
function toAccountKey(name: string): string | null {
  const key = name.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  return key === '' ? null : key;
}

/** `1,234.56` (Quicken) or `1.234,56`; a lone comma before one or two digits is a decimal mark. */
const DOT_DECIMAL = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)$/;
const COMMA_DECIMAL = /^[+-]?(?:(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d*)?|,\d+)$/;

/** Reads a QIF amount into minor units; refuses (never rounds) more decimals than allowed. */
export function readQifAmount(raw: string, exponent: number, currency: string | null): AmountReading {
  const text = raw.replace(/^([+-])\s+/, '$1');
  const decimalMark = DOT_DECIMAL.test(text) ? '.' : COMMA_DECIMAL.test(text) ? ',' : null;
  if (decimalMark === null) {
    return { ok: false, problem: `'${text}' is not an amount` };
  }
  const minor = parseAmount(text, { exponent, decimalMark });
  if (minor !== null) {
    return { ok: true, minor };
  }
  return { ok: false, problem: explainUnreadableAmount(text, decimalMark, exponent, currency) };
}

/**
 * A push parser for QIF text: feed chunks cut anywhere, then `end()`. Emits each statement and
 * transaction as soon as its dates can be read (see the module comment on date order). Throws
 * `StatementFormatError` naming the line.
 */
export function createQifParser(sink: StatementSink, options: QifParserOptions = {}): StreamingStatementParser {
  const reader = new QifReader(sink, options);
  return {
    write(chunk) {
      reader.write(chunk);
    },
    end() {
      reader.end();
    },
  };
}

/** Parses a whole QIF text (amounts in minor units; see `createQifParser`). */
export function parseQif(text: string, options: QifParserOptions = {}): ParseOutcome {
  return collectStatements('qif', text, (sink) => createQifParser(sink, options));
}
