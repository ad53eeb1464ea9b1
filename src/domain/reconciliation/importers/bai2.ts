/**
 * BAI2 (Cash Management Balance Reporting, version 2) importer.
 *
 * A file (01 … 99) holds groups (02 … 98), each with one as-of date and currency; a group holds
 * accounts (03 … 49), and each account record is one statement:
 * - account: the customer account number of the 03; currency: the 03's, else the group's (null
 *   when both are blank — BAI2 never writes a decimal point, so amounts stay exact without it);
 * - opening balance: the 010 (opening ledger) amount of the 03; closing: 015 (closing ledger).
 *   Available balances (040, 045, …) and the summary totals are not statement balances;
 * - each 16 is a transaction: 100–399 (and custom 920–959) are credits, 400–699 (and custom
 *   960–999) debits. 700–899 (loan details, 890 non-monetary information) are not movements of
 *   the account and are not imported; a balance code (001–099, 900–919) in a 16 is refused. The
 *   date is the group's as-of date — a detail has no posting date of its own (funds-type V
 *   gives the value date, which is when the money becomes available, not when it was booked);
 *   the period is that as-of date. Bank reference → bankId, customer reference → reference,
 *   the text (with its 88 continuations) → description.
 *
 * Amounts have no decimal point: the digits are minor units of the currency. A decimal mark, a
 * signed transaction amount or a non-number is refused, never guessed.
 *
 * The trailers must be there: a missing trailer or a file that ends before its 99 is refused with
 * one line — that is how a cut-off transmission shows. Their control totals and counts (each 49
 * against its account: every amount of the 03 and its 16s, the records from 03 to 49 with 88s;
 * each 98 against its group; the 99 against the file) are checked with `verifyControlTotals`:
 * real files whose peers accept them (moov-io's samples) carry totals that do not add up, and the
 * statement itself is still readable, so by default they are not held against the file.
 * `verifyTrailers: false` also reads a file whose trailers are missing (a file assembled by hand).
 */
import type { LocalDate } from '../../dates';
import { collectStatements, StatementFormatError, type ParseOutcome, type StatementSink, type StreamingStatementParser } from '../statement';
import {
  classifyDetailTypeCode,
  collapseWhitespace,
  FieldCursor,
  readControlTotal,
  readCount,
  readDetailAmount,
  readFundsTypeExtras,
  readSignedAmount,
  readYymmdd,
  type FieldReading,
} from './bai2-fields';
import { Bai2RecordReader, type Bai2Record } from './bai2-records';

export interface Bai2ParserOptions {
  /**
   * Require the 49/98/99 trailers (a file cut short is refused). Default true; false imports what
   * the records say regardless.
   */
  verifyTrailers?: boolean;
  /** Also check the trailers' control totals and counts (default false; see above). */
  verifyControlTotals?: boolean;
}

/** A push parser for BAI2 text (already decoded; a leading BOM is ignored). */
export function createBai2Parser(sink: StatementSink, options: Bai2ParserOptions = {}): StreamingStatementParser {
  const reader = new Bai2Reader(sink, options.verifyTrailers ?? true, (options.verifyTrailers ?? true) && (options.verifyControlTotals ?? false));
  const records = new Bai2RecordReader((record) => reader.read(record));
  let isStarted = false;
  return {
    write(chunk: string): void {
      if (!isStarted && chunk !== '') {
        isStarted = true;
        records.write(chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
        return;
      }
      records.write(chunk);
    },
    end(): void {
      records.end();
      reader.finish(records.lastLine);
    },
  };
}

/** Parses a whole BAI2 file into statements (one per account record), or the reason it was refused. */
export function parseBai2(text: string, options: Bai2ParserOptions = {}): ParseOutcome {
  return collectStatements('bai2', text, (sink) => createBai2Parser(sink, options));
}

type Level = 'start' | 'file' | 'group' | 'account' | 'done';

/** Follows the record structure, checks the trailers and turns accounts into sink calls. */
class Bai2Reader {
  private level: Level = 'start';
  // The file: physical records so far, amounts of closed groups, groups.
  private fileRecords = 0;
  private fileTotal = 0n;
  private groupCount = 0;
  // The current group.
  private groupRecords = 0;
  private groupTotal = 0n;
  private accountCount = 0;
  private asOfDate: LocalDate = '1970-01-01';
  private groupCurrency: string | null = null;
  // The current account.
  private accountRecords = 0;
  private accountTotal = 0n;
  private accountId = '';
  private currency: string | null = null;
  private opening: number | null = null;
  private closing: number | null = null;

  constructor(
    private readonly sink: StatementSink,
    private readonly isVerifying: boolean,
    private readonly isCheckingTotals: boolean,
  ) {}

  read(record: Bai2Record): void {
    this.fileRecords += record.physicalCount;
    this.groupRecords += record.physicalCount;
    this.accountRecords += record.physicalCount;
    switch (record.code) {
      case '01':
        this.readFileHeader(record);
        return;
      case '02':
        this.readGroupHeader(record);
        return;
      case '03':
        this.readAccount(record);
        return;
      case '16':
        this.readDetail(record);
        return;
      case '49':
        this.readAccountTrailer(record);
        return;
      case '98':
        this.readGroupTrailer(record);
        return;
      default:
        this.readFileTrailer(record);
    }
  }

  finish(lastLine: number): void {
    if (this.level === 'start') {
      throw new StatementFormatError('line 1', 'the file is empty; a BAI2 file starts with a 01 file header');
    }
    while (this.level !== 'done') {
      this.closeMissing(lastLine, 'the file ends before its file trailer (99); it may be cut short');
    }
  }

  private readFileHeader(record: Bai2Record): void {
    while (this.level !== 'start' && this.level !== 'done') {
      this.closeMissing(record.line, 'a new file header (01) starts before the file trailer (99) of the previous file');
    }
    // Sender, receiver, creation date and time, file id, record length, block size, version.
    const fields = FieldCursor.forFields(record.pieces);
    const version = fieldAt(fields, 7);
    if (version !== '' && version !== '2') {
      throw new StatementFormatError(`line ${record.line}`, `BAI version '${version}' is not supported; only BAI2 files can be read`);
    }
    this.level = 'file';
    this.fileRecords = record.physicalCount;
    this.fileTotal = 0n;
    this.groupCount = 0;
  }

  private readGroupHeader(record: Bai2Record): void {
    this.expectLevel(record, 'file', 'a group header (02)');
    // Ultimate receiver, originator, group status, as-of date, as-of time, currency, date modifier.
    const fields = FieldCursor.forFields(record.pieces);
    const asOfText = fieldAt(fields, 3);
    const currencyText = fieldAt(fields, 1);
    const asOfDate = readYymmdd(asOfText);
    if (asOfDate === null) {
      throw new StatementFormatError(`line ${record.line}`, `the group's as-of date '${asOfText}' is not a date (YYMMDD)`);
    }
    this.level = 'group';
    this.asOfDate = asOfDate;
    this.groupCurrency = readCurrency(currencyText, record.line);
    this.groupRecords = record.physicalCount;
    this.groupTotal = 0n;
    this.accountCount = 0;
  }

  private readAccount(record: Bai2Record): void {
    this.expectLevel(record, 'group', 'an account record (03)');
    const fields = FieldCursor.forFields(record.pieces);
    const accountId = fields.next();
    if (accountId === '') {
      throw new StatementFormatError(`line ${record.line}`, 'the account record (03) has no account number');
    }
    this.level = 'account';
    this.accountId = accountId;
    this.currency = readCurrency(fields.next(), record.line) ?? this.groupCurrency;
    this.accountRecords = record.physicalCount;
    this.accountTotal = 0n;
    this.opening = null;
    this.closing = null;
    // Type code, amount, item count, funds type (and its extra fields), repeated. A blank type
    // code is one empty field (some banks end every record with ",/"), not a whole group.
    while (fields.hasMore()) {
      const typeCode = fields.next();
      if (typeCode === '') {
        continue;
      }
      const amount = must(readSignedAmount(fields.next()), record);
      fields.next();
      must(readFundsTypeExtras(fields.next(), fields), record);
      if (amount === null) {
        continue;
      }
      this.accountTotal += BigInt(amount);
      if (typeCode === '010') {
        this.opening ??= amount;
      } else if (typeCode === '015') {
        this.closing ??= amount;
      }
    }
    this.sink.beginStatement();
  }

  private readDetail(record: Bai2Record): void {
    if (this.level !== 'account') {
      throw new StatementFormatError(`line ${record.line}`, 'a transaction detail (16) must follow an account record (03)');
    }
    const fields = FieldCursor.forText(record.pieces);
    const typeCode = fields.next();
    if (!/^\d{3}$/.test(typeCode)) {
      throw new StatementFormatError(`line ${record.line}`, `'${typeCode}' is not a BAI2 type code (three digits)`);
    }
    const magnitude = must(readDetailAmount(fields.next()), record);
    must(readFundsTypeExtras(fields.next(), fields), record);
    const bankReference = fields.next();
    const customerReference = fields.next();
    const text = fields.rest();
    this.accountTotal += BigInt(magnitude);
    const kind = classifyDetailTypeCode(Number(typeCode));
    if (kind === 'information') {
      return;
    }
    if (kind === 'balance' || kind === 'unknown') {
      throw new StatementFormatError(
        `line ${record.line}`,
        kind === 'balance'
          ? `type code ${typeCode} is a balance, not a transaction`
          : `type code ${typeCode} is neither a credit (100–399) nor a debit (400–699)`,
      );
    }
    this.sink.transaction({
      date: this.asOfDate,
      amountMinor: kind === 'debit' && magnitude !== 0 ? -magnitude : magnitude,
      description: collapseWhitespace(text),
      reference: customerReference === '' ? null : customerReference,
      bankId: bankReference === '' ? null : bankReference,
    });
  }

  private readAccountTrailer(record: Bai2Record): void {
    if (this.level !== 'account') {
      throw new StatementFormatError(`line ${record.line}`, 'an account trailer (49) must close an account record (03)');
    }
    if (this.isCheckingTotals) {
      const fields = FieldCursor.forFields(record.pieces);
      const subject = `account ${this.accountId}`;
      this.checkTotal(record, must(readControlTotal(fields.next()), record), this.accountTotal, 'account trailer (49)', `${subject}'s amounts`);
      this.checkCount(record, must(readCount(fields.next()), record), this.accountRecords, 'account trailer (49)', 'records', subject);
    }
    this.closeAccount();
  }

  private readGroupTrailer(record: Bai2Record): void {
    this.expectLevel(record, 'group', 'the group trailer (98)');
    if (this.isCheckingTotals) {
      const fields = FieldCursor.forFields(record.pieces);
      this.checkTotal(record, must(readControlTotal(fields.next()), record), this.groupTotal, 'group trailer (98)', "the group's accounts");
      this.checkCount(record, must(readCount(fields.next()), record), this.accountCount, 'group trailer (98)', 'accounts', 'the group');
      this.checkCount(record, must(readCount(fields.next()), record), this.groupRecords, 'group trailer (98)', 'records', 'the group');
    }
    this.closeGroup();
  }

  private readFileTrailer(record: Bai2Record): void {
    this.expectLevel(record, 'file', 'the file trailer (99)');
    if (this.isCheckingTotals) {
      const fields = FieldCursor.forFields(record.pieces);
      this.checkTotal(record, must(readControlTotal(fields.next()), record), this.fileTotal, 'file trailer (99)', "the file's groups");
      this.checkCount(record, must(readCount(fields.next()), record), this.groupCount, 'file trailer (99)', 'groups', 'the file');
      this.checkCount(record, must(readCount(fields.next()), record), this.fileRecords, 'file trailer (99)', 'records', 'the file');
    }
    this.level = 'done';
  }

  /**
   * Refuses a record in the wrong place. When the record only shows that trailers are missing
   * (a 03 while an account is open, a 99 while a group is open), `closeMissing` decides.
   */
  private expectLevel(record: Bai2Record, expected: 'file' | 'group', what: string): void {
    if (this.level === 'account') {
      this.closeMissing(record.line, `account ${this.accountId} has no account trailer (49) before ${what}`);
    }
    if (this.level === 'group' && expected === 'file') {
      this.closeMissing(record.line, `the group has no group trailer (98) before ${what}`);
    }
    if (this.level === expected) {
      return;
    }
    const where: Record<Level, string> = {
      start: 'before the file header (01)',
      file: 'outside a group (no group header 02 before it)',
      group: 'inside a group',
      account: 'inside an account',
      done: 'after the file trailer (99)',
    };
    throw new StatementFormatError(`line ${record.line}`, `${what} cannot come ${where[this.level]}`);
  }

  /** A trailer is missing: refused when verifying, else the innermost open level is closed. */
  private closeMissing(line: number, problem: string): void {
    if (this.isVerifying) {
      throw new StatementFormatError(`line ${line}`, problem);
    }
    if (this.level === 'account') {
      this.closeAccount();
    } else if (this.level === 'group') {
      this.closeGroup();
    } else if (this.level === 'file') {
      this.level = 'done';
    }
  }

  private closeAccount(): void {
    this.sink.endStatement({
      accountId: this.accountId,
      currency: this.currency,
      openingBalanceMinor: this.opening,
      closingBalanceMinor: this.closing,
      startDate: this.asOfDate,
      endDate: this.asOfDate,
    });
    this.groupTotal += this.accountTotal;
    this.accountCount += 1;
    this.level = 'group';
  }

  private closeGroup(): void {
    this.fileTotal += this.groupTotal;
    this.groupCount += 1;
    this.level = 'file';
  }

  private checkTotal(record: Bai2Record, stated: bigint | null, actual: bigint, trailer: string, whose: string): void {
    if (stated !== null && stated !== actual) {
      throw new StatementFormatError(
        `line ${record.line}`,
        `the ${trailer} gives a control total of ${stated} but ${whose} add up to ${actual}; the file may be incomplete or altered`,
      );
    }
  }

  private checkCount(record: Bai2Record, stated: number | null, actual: number, trailer: string, things: string, owner: string): void {
    if (stated !== null && stated !== actual) {
      throw new StatementFormatError(
        `line ${record.line}`,
        `the ${trailer} counts ${stated} ${things} but ${owner} has ${actual}; the file may be incomplete or altered`,
      );
    }
  }
}

/** The field `index` places further on (0 = the next one), skipping those in between. */
function fieldAt(fields: FieldCursor, index: number): string {
  let value = '';
  for (let i = 0; i <= index; i++) {
    value = fields.next();
  }
  return value;
}

function readCurrency(text: string, line: number): string | null {
  if (text === '') {
    return null;
  }
  const code = text.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new StatementFormatError(`line ${line}`, `currency '${text}' is not an ISO 4217 code`);
  }
  return code;
}

function must<T>(reading: FieldReading<T>, record: Bai2Record): T {
  if (!reading.ok) {
    throw new StatementFormatError(`line ${record.line}`, reading.problem);
  }
  return reading.value;
}
