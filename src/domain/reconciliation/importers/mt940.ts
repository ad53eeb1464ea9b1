/**
 * SWIFT MT940 (customer statement) and MT942 (interim report) importer.
 *
 * A file holds one or more messages, bare or wrapped in SWIFT blocks `{1:…}{2:…}{4:` … `-}`;
 * every message (every :20:) becomes one statement, so the pages of a long statement (:60M: …
 * :62M:) arrive as separate statements, each with its own opening and closing balance. Lines
 * before the first tag (bank headers such as "940 00" or ":940:") and between messages are
 * skipped, and so is a file that has no tag at all (it yields no statements).
 *
 * How the normalised model is filled:
 * - `accountId`: the first :25: of the message as written ("BIC/account", IBAN …).
 * - `currency` and balances: :60F:/:60M: (opening) and :62F:/:62M: (closing). MT942 has no
 *   balances (null) and takes its currency from :34F:.
 * - `startDate`/`endDate`: the opening and closing balance dates, else the first and last value
 *   dates of the transactions.
 * - each :61: line is one transaction dated by its value date; :86: fields that follow it (one or
 *   several) make its description; a :86: after the balances is about the statement and ignored.
 * - `reference`: the :61: customer reference (NONREF = none), or the SEPA end-to-end reference
 *   from :86: when :61: has none or says EREF; `bankId`: the :61: bank reference after `//`.
 * Dates are YYMMDD, 00–79 meaning 2000–2079 and 80–99 meaning 1980–1999.
 */
import type { LocalDate } from '../../dates';
import { currencyExponent } from '../../money';
import { collectStatements, StatementFormatError, type ParseOutcome, type StatementSink, type StreamingStatementParser } from '../statement';
import { describeTransaction, type Mt940Description } from './mt940-details';
import { readBalance, readStatementLine, type Mt940StatementLine } from './mt940-fields';

export interface Mt940Options {
  /**
   * ISO 4217 code to read amounts with when a message states no currency (a headerless
   * fragment without balances); the statement's currency stays null. Default: 2 decimals.
   */
  defaultCurrency?: string;
}

/**
 * A push parser for MT940/MT942 text. It keeps only the field being read, the transaction
 * waiting for its :86:, and the current message's header facts, so memory does not grow with the
 * file. Throws `StatementFormatError` ("line 14", "the :61: amount '12,345' has more decimals
 * than EUR allows (2)") for a file that cannot be read.
 */
export function createMt940Parser(sink: StatementSink, options: Mt940Options = {}): StreamingStatementParser {
  const reader = new Mt940Reader(sink, options);
  return {
    write: (chunk) => reader.write(chunk),
    end: () => reader.end(),
  };
}

/** Parses a whole MT940/MT942 text into statements, or the reason it was refused. */
export function parseMt940(text: string, options: Mt940Options = {}): ParseOutcome {
  return collectStatements('mt940', text, (sink) => createMt940Parser(sink, options));
}

/** A line longer than this is not MT940 (a field line is at most 65 characters plus its tag). */
const MAX_LINE_LENGTH = 10_000;
/** A field (even a long :86: or :NS:) has a handful of lines; this many means a broken file. */
const MAX_FIELD_LINES = 500;
const TAG = /^:(\d{2}[A-Z]?|NS):/;
const TAG_WITHOUT_COLON = /^(\d{2}[A-Z]?|NS):/;
const BLOCK_HEADER = /^\{[1-5]:/;

interface OpenField {
  tag: string;
  line: number;
  lines: string[];
}

interface PendingTransaction {
  statementLine: Mt940StatementLine;
  details: string[][];
  nonSwift: string[] | null;
}

interface MessageState {
  accountId: string | null;
  currency: string | null;
  /** The exponent the message's transactions were read with, once there is one. */
  exponentUsed: number | null;
  openingBalanceMinor: number | null;
  openingDate: LocalDate | null;
  closingBalanceMinor: number | null;
  closingDate: LocalDate | null;
  firstDate: LocalDate | null;
  lastDate: LocalDate | null;
}

class Mt940Reader {
  private buffer = '';
  private lineNumber = 0;
  private isFirstChunk = true;
  private skipLeadingLineFeed = false;
  /** A line holding only ':' (a tag some exports split over two lines), waiting for the next line. */
  private lonelyColonLine = 0;
  private message: MessageState | null = null;
  /** Line of the last message end ('-'), while no new message has started since. */
  private endedAtLine = 0;
  private field: OpenField | null = null;
  private pending: PendingTransaction | null = null;

  constructor(
    private readonly sink: StatementSink,
    private readonly options: Mt940Options,
  ) {}

  write(chunk: string): void {
    let text = chunk;
    if (this.isFirstChunk && text !== '') {
      this.isFirstChunk = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    if (this.skipLeadingLineFeed && text !== '') {
      this.skipLeadingLineFeed = false;
      if (text.charCodeAt(0) === 10) {
        text = text.slice(1);
      }
    }
    text = this.buffer + text;
    this.buffer = '';
    this.splitLines(text);
  }

  end(): void {
    if (this.buffer !== '') {
      const last = this.buffer;
      this.buffer = '';
      this.lineNumber += 1;
      this.readLine(last, this.lineNumber);
    }
    this.flushLonelyColon();
    if (this.message !== null) {
      this.endMessage();
    }
  }

  /** Cuts complete lines (LF, CRLF or CR) out of `text` and keeps the unfinished rest. */
  private splitLines(text: string): void {
    let start = 0;
    let cr = text.indexOf('\r');
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) {
        cr = text.indexOf('\r', start);
      }
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 < text.length) {
          next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        } else {
          next = cr + 1;
          this.skipLeadingLineFeed = true;
        }
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.lineNumber += 1;
      this.readLine(text.slice(start, end), this.lineNumber);
      start = next;
    }
    this.buffer = start === 0 ? text : text.slice(start);
    if (this.buffer.length > MAX_LINE_LENGTH) {
      throw new StatementFormatError(`line ${this.lineNumber + 1}`, `the line is longer than ${MAX_LINE_LENGTH} characters, which no MT940 line is`);
    }
  }

  private readLine(raw: string, line: number): void {
    if (raw.length > MAX_LINE_LENGTH) {
      throw new StatementFormatError(`line ${line}`, `the line is longer than ${MAX_LINE_LENGTH} characters, which no MT940 line is`);
    }
    let text = raw;
    // SWIFT transmission control characters (SOH, ETX) sometimes sit at the start of a line.
    let skip = 0;
    while (skip < text.length && text.charCodeAt(skip) < 32 && text.charCodeAt(skip) !== 9) {
      skip += 1;
    }
    if (skip > 0) {
      text = text.slice(skip);
    }
    if (this.lonelyColonLine !== 0) {
      if (TAG_WITHOUT_COLON.test(text)) {
        this.lonelyColonLine = 0;
        this.readTagLine(`:${text}`, line);
        return;
      }
      this.flushLonelyColon();
    }
    const first = text.charCodeAt(0);
    if (first === 58 /* : */) {
      if (TAG.test(text)) {
        this.readTagLine(text, line);
        return;
      }
      if (text.trim() === ':') {
        this.lonelyColonLine = line;
        return;
      }
    } else if (first === 45 /* - */) {
      // "-", "-}", "-XXX": the end of a message's text block.
      if (this.message !== null) {
        this.endMessage();
        this.endedAtLine = line;
      }
      return;
    } else if (first === 123 /* { */ && BLOCK_HEADER.test(text)) {
      // SWIFT block headers start a new message (ending one whose '-}' is missing); the text of
      // block 4 may start on the same line.
      if (this.message !== null) {
        this.endMessage();
        this.endedAtLine = line;
      }
      const body = text.indexOf('{4:');
      if (body >= 0) {
        this.endedAtLine = 0;
        const rest = text.slice(body + 3);
        if (rest.trim() !== '') {
          this.readLine(rest, line);
        }
      }
      return;
    }
    this.readContinuation(text);
  }

  private flushLonelyColon(): void {
    if (this.lonelyColonLine !== 0) {
      this.lonelyColonLine = 0;
      this.readContinuation(':');
    }
  }

  private readContinuation(text: string): void {
    if (this.field === null || text.trim() === '') {
      return;
    }
    if (this.field.lines.length >= MAX_FIELD_LINES) {
      throw new StatementFormatError(`line ${this.field.line}`, `the :${this.field.tag}: field goes on for more than ${MAX_FIELD_LINES} lines`);
    }
    this.field.lines.push(text);
  }

  private readTagLine(text: string, line: number): void {
    const close = text.indexOf(':', 1);
    const tag = text.slice(1, close);
    this.finishField();
    if (tag !== '86' && tag !== 'NS') {
      this.flushTransaction();
    }
    if (tag === '20') {
      if (this.message !== null) {
        this.endMessage();
      }
      this.beginMessage();
    } else if (this.message === null) {
      if (this.endedAtLine !== 0) {
        throw new StatementFormatError(
          `line ${line}`,
          `the :${tag}: field comes after the message that ended on line ${this.endedAtLine}, and no new message (:20:) has started`,
        );
      }
      // A fragment without :20: (some exports start straight at :61:) is one statement.
      this.beginMessage();
    }
    this.field = { tag, line, lines: [text.slice(close + 1)] };
  }

  private beginMessage(): void {
    this.endedAtLine = 0;
    this.message = {
      accountId: null,
      currency: null,
      exponentUsed: null,
      openingBalanceMinor: null,
      openingDate: null,
      closingBalanceMinor: null,
      closingDate: null,
      firstDate: null,
      lastDate: null,
    };
    this.sink.beginStatement();
  }

  private endMessage(): void {
    this.finishField();
    this.flushTransaction();
    const message = this.message;
    this.message = null;
    if (message === null) {
      return;
    }
    this.sink.endStatement({
      accountId: message.accountId,
      currency: message.currency,
      openingBalanceMinor: message.openingBalanceMinor,
      closingBalanceMinor: message.closingBalanceMinor,
      startDate: message.openingDate ?? message.firstDate,
      endDate: message.closingDate ?? message.lastDate,
    });
  }

  /** Acts on the field that just ended (a new tag or the end of the message closes it). */
  private finishField(): void {
    const field = this.field;
    const message = this.message;
    this.field = null;
    if (field === null || message === null) {
      return;
    }
    switch (field.tag) {
      case '25': {
        const accountId = (field.lines[0] ?? '').trim();
        // A second :25: in one message (seen where a broken export put it in place of :86:) does not replace the first.
        if (message.accountId === null && accountId !== '') {
          message.accountId = accountId;
        }
        return;
      }
      case '60':
      case '60F':
      case '60M': {
        const balance = readBalance(field.tag, field.lines.join(''), field.line);
        this.useCurrency(balance.currency, field);
        if (message.openingBalanceMinor === null) {
          message.openingBalanceMinor = balance.amountMinor;
          message.openingDate = balance.date;
        }
        return;
      }
      case '62':
      case '62F':
      case '62M': {
        const balance = readBalance(field.tag, field.lines.join(''), field.line);
        this.useCurrency(balance.currency, field);
        message.closingBalanceMinor = balance.amountMinor;
        message.closingDate = balance.date;
        return;
      }
      case '34F': {
        const currency = /^[A-Z]{3}/.exec((field.lines[0] ?? '').trim());
        if (currency === null) {
          throw new StatementFormatError(`line ${field.line}`, `the :34F: floor limit '${(field.lines[0] ?? '').trim()}' does not start with a currency code`);
        }
        if (message.currency === null) {
          this.useCurrency(currency[0], field);
        }
        return;
      }
      case '61': {
        const currency = message.currency ?? this.options.defaultCurrency ?? null;
        message.exponentUsed = currencyExponent(currency);
        this.pending = { statementLine: readStatementLine(field.lines, currency, field.line), details: [], nonSwift: null };
        return;
      }
      case '86':
        this.pending?.details.push(field.lines);
        return;
      case 'NS':
        if (this.pending !== null) {
          this.pending.nonSwift = field.lines;
        }
        return;
      default:
        // :20:, :21:, :28C:, :13D:, :64:, :65:, :90D:/:90C: and unknown tags carry nothing the model keeps.
        return;
    }
  }

  /** Sets the message's currency; a second, different one, or one read too late to matter, is refused. */
  private useCurrency(currency: string, field: OpenField): void {
    const message = this.message;
    if (message === null) {
      return;
    }
    if (message.currency !== null && message.currency !== currency) {
      throw new StatementFormatError(`line ${field.line}`, `the :${field.tag}: currency ${currency} differs from the statement's currency ${message.currency}`);
    }
    if (message.exponentUsed !== null && currencyExponent(currency) !== message.exponentUsed) {
      throw new StatementFormatError(
        `line ${field.line}`,
        `the :${field.tag}: currency ${currency} comes after transactions that were read with ${message.exponentUsed} decimals`,
      );
    }
    message.currency = currency;
  }

  /** Hands the waiting transaction, now complete, to the sink. */
  private flushTransaction(): void {
    const pending = this.pending;
    const message = this.message;
    this.pending = null;
    if (pending === null || message === null) {
      return;
    }
    const line = pending.statementLine;
    const text = describeTransaction({ details: pending.details, trailingText: line.trailingText, supplementary: line.supplementary, nonSwift: pending.nonSwift });
    if (message.firstDate === null || line.date < message.firstDate) {
      message.firstDate = line.date;
    }
    if (message.lastDate === null || line.date > message.lastDate) {
      message.lastDate = line.date;
    }
    this.sink.transaction({
      date: line.date,
      amountMinor: line.amountMinor,
      description: text.description,
      reference: chooseReference(line.reference, text),
      bankId: line.bankReference,
    });
  }
}

/**
 * The :61: customer reference, unless it only points into :86: ("EREF", "KREF+") or is absent:
 * then the SEPA reference :86: holds (for an absent one, the end-to-end reference).
 */
function chooseReference(fromLine: string | null, text: Mt940Description): string | null {
  if (fromLine === null) {
    return text.endToEndReference;
  }
  const pointer = /^(EREF|KREF)\+?$/.exec(fromLine);
  if (pointer === null) {
    return fromLine;
  }
  return (pointer[1] === 'KREF' ? text.customerReference : text.endToEndReference) ?? fromLine;
}
