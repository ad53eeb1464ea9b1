/**
 * OFX (1.x SGML and 2.x XML) and QFX statement importer.
 *
 * A statement is each bank `<STMTRS>`, credit-card `<CCSTMTRS>` or investment `<INVSTMTRS>`
 * (whose `<INVBANKTRAN>` cash lines are bank lines). The account is ACCTID in the account
 * aggregate, the currency CURDEF, the closing balance LEDGERBAL/BALAMT (never AVAILBAL), the
 * period DTSTART/DTEND of the transaction list. OFX states no opening balance. An account-list
 * response (`<ACCTINFORS>`) gives one empty statement per listed account; a transaction response
 * that carries only an error status gives none.
 *
 * Strict where a guess would import wrong money: a transaction without a readable date or amount,
 * an amount with more decimals than the currency, investment trades (not bank lines), a missing
 * closing tag or a cut-off file are refused. Lenient where nothing is lost: blank balances and
 * currency, empty leaves, SGML leaves with or without closing tags, entity-escaped text.
 */
import type { LocalDate } from '../../dates';
import { currencyExponent } from '../../money';
import { collectStatements, StatementFormatError, type ParseOutcome, type StatementSink, type StreamingStatementParser } from '../statement';
import { OfxTokenizer, type OfxTagEvents } from './ofx-tokenizer';
import { isPlaceholder, joinDescription, readOfxAmount, readOfxDate, roundOfxAmountHalfEven } from './ofx-values';

const STATEMENTS = new Set(['STMTRS', 'CCSTMTRS', 'INVSTMTRS']);
const ACCOUNTS = new Set(['BANKACCTFROM', 'CCACCTFROM', 'INVACCTFROM']);
const TRANSACTION_LISTS = new Set(['BANKTRANLIST', 'INVTRANLIST']);

/** Investment transactions (OFX 2.2 section 13.9.2): their cash effect is not a bank line. */
const INVESTMENT_TRANSACTIONS = new Set([
  'BUYDEBT', 'BUYMF', 'BUYOPT', 'BUYOTHER', 'BUYSTOCK', 'CLOSUREOPT', 'INCOME', 'INVEXPENSE', 'JRNLFUND', 'JRNLSEC',
  'MARGININTEREST', 'REINVEST', 'RETOFCAP', 'SELLDEBT', 'SELLMF', 'SELLOPT', 'SELLOTHER', 'SELLSTOCK', 'SPLIT', 'TRANSFER',
]);

/** Follows the tag events of one OFX document and turns statements into sink calls. */
class OfxStatementReader implements OfxTagEvents {
  // The current statement's header facts.
  private statementTag: string | null = null;
  private statementCount = 0;
  private accountId: string | null = null;
  private currency: string | null = null;
  private exponent = 2;
  private hasReadAmounts = false;
  private ledgerBalance: string | null = null;
  private periodStart: string | null = null;
  private periodEnd: string | null = null;
  private firstDate: LocalDate | null = null;
  private lastDate: LocalDate | null = null;
  // Where we are.
  private isInAccount = false;
  private isInTransactionList = false;
  private balanceTag: string | null = null;
  private isInAccountInfo = false;
  private accountInfoId: string | null = null;
  // The current transaction.
  private transactionCount = 0;
  private isInTransaction = false;
  private posted: string | null = null;
  private amount: string | null = null;
  private fitId: string | null = null;
  private checkNumber: string | null = null;
  private referenceNumber: string | null = null;
  private name: string | null = null;
  private extendedName: string | null = null;
  private memo: string | null = null;

  constructor(private readonly sink: StatementSink) {}

  /** The place to name in an error found outside any element reader. */
  locate(): string {
    if (this.isInTransaction) {
      return `<STMTTRN> ${this.transactionCount}`;
    }
    if (this.statementTag !== null) {
      return `<${this.statementTag}> ${this.statementCount}`;
    }
    return '<OFX>';
  }

  open(name: string): void {
    if (name === 'STMTTRN') {
      this.beginTransaction();
    } else if (STATEMENTS.has(name)) {
      this.beginStatement(name);
    } else if (ACCOUNTS.has(name)) {
      this.isInAccount = true;
    } else if (TRANSACTION_LISTS.has(name)) {
      this.isInTransactionList = true;
    } else if (name === 'LEDGERBAL' || name === 'AVAILBAL') {
      this.balanceTag = name;
    } else if (name === 'ACCTINFO') {
      this.isInAccountInfo = true;
      this.accountInfoId = null;
    } else if (this.statementTag === 'INVSTMTRS' && this.isInTransactionList && INVESTMENT_TRANSACTIONS.has(name)) {
      throw new StatementFormatError(
        `<INVSTMTRS> ${this.statementCount} / <${name}>`,
        'investment trades are not bank statement lines; import the cash account statement instead',
      );
    }
  }

  element(name: string, value: string): void {
    if (this.isInTransaction) {
      this.readTransactionElement(name, value);
      return;
    }
    switch (name) {
      case 'CURDEF':
        if (this.statementTag !== null) {
          this.setCurrency(value);
        }
        return;
      case 'ACCTID':
        if (this.isInAccount && this.isInAccountInfo) {
          this.accountInfoId = value === '' ? null : value;
        } else if (this.isInAccount && this.statementTag !== null) {
          this.accountId = value === '' ? null : value;
        }
        return;
      case 'DTSTART':
        if (this.isInTransactionList) {
          this.periodStart = value;
        }
        return;
      case 'DTEND':
        if (this.isInTransactionList) {
          this.periodEnd = value;
        }
        return;
      case 'BALAMT':
        if (this.balanceTag === 'LEDGERBAL' && this.statementTag !== null) {
          this.ledgerBalance = value;
        }
        return;
      case 'STMTTRN':
        // `<STMTTRN></STMTTRN>` or `<STMTTRN/>`: a transaction with nothing in it.
        this.beginTransaction();
        this.endTransaction();
        return;
      default:
        return;
    }
  }

  close(name: string, isImplicit: boolean): void {
    if (name === 'STMTTRN') {
      if (isImplicit) {
        throw new StatementFormatError(`<STMTTRN> ${this.transactionCount}`, 'the transaction has no closing tag </STMTTRN>');
      }
      this.endTransaction();
    } else if (STATEMENTS.has(name)) {
      if (isImplicit) {
        throw new StatementFormatError(`<${name}> ${this.statementCount}`, `the statement has no closing tag </${name}>`);
      }
      this.endStatement();
    } else if (ACCOUNTS.has(name)) {
      this.isInAccount = false;
    } else if (TRANSACTION_LISTS.has(name)) {
      this.isInTransactionList = false;
    } else if (name === 'LEDGERBAL' || name === 'AVAILBAL') {
      this.balanceTag = null;
    } else if (name === 'ACCTINFO') {
      this.endAccountInfo();
    }
  }

  /** After the last chunk: a document cut off inside a statement is refused, never half-imported. */
  finish(isComplete: boolean): void {
    if (this.isInTransaction) {
      throw new StatementFormatError(`<STMTTRN> ${this.transactionCount}`, 'the file ends inside this transaction; it looks cut off');
    }
    if (this.statementTag !== null) {
      throw new StatementFormatError(`<${this.statementTag}> ${this.statementCount}`, 'the file ends inside this statement; it looks cut off');
    }
    if (!isComplete) {
      throw new StatementFormatError('<OFX>', 'the file ends before </OFX>; it looks cut off');
    }
  }

  private beginStatement(tag: string): void {
    if (this.statementTag !== null) {
      throw new StatementFormatError(`<${this.statementTag}> ${this.statementCount}`, `the statement has no closing tag </${this.statementTag}>`);
    }
    this.statementTag = tag;
    this.statementCount++;
    this.accountId = null;
    this.currency = null;
    this.exponent = 2;
    this.hasReadAmounts = false;
    this.ledgerBalance = null;
    this.periodStart = null;
    this.periodEnd = null;
    this.firstDate = null;
    this.lastDate = null;
    this.sink.beginStatement();
  }

  private endStatement(): void {
    const where = `<${this.statementTag ?? 'STMTRS'}> ${this.statementCount}`;
    const startDate = this.readPeriodDate(this.periodStart, `${where} / <DTSTART>`) ?? this.firstDate;
    const endDate = this.readPeriodDate(this.periodEnd, `${where} / <DTEND>`) ?? this.lastDate;
    let closingBalanceMinor: number | null = null;
    if (this.ledgerBalance !== null && this.ledgerBalance !== '') {
      const reading = readOfxAmount(this.ledgerBalance, this.exponent, this.currency);
      if (!reading.ok) {
        throw new StatementFormatError(`${where} / <LEDGERBAL> / <BALAMT>`, reading.problem);
      }
      closingBalanceMinor = reading.minor;
    }
    this.statementTag = null;
    this.sink.endStatement({ accountId: this.accountId, currency: this.currency, openingBalanceMinor: null, closingBalanceMinor, startDate, endDate });
  }

  private readPeriodDate(text: string | null, where: string): LocalDate | null {
    if (text === null || text === '') {
      return null;
    }
    const date = readOfxDate(text);
    if (date === null) {
      throw new StatementFormatError(where, `'${text}' is not a date`);
    }
    return date;
  }

  private setCurrency(value: string): void {
    const where = `<${this.statementTag ?? 'STMTRS'}> ${this.statementCount} / <CURDEF>`;
    if (value === '') {
      return;
    }
    const code = value.toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) {
      throw new StatementFormatError(where, `'${value}' is not a currency code`);
    }
    const exponent = currencyExponent(code);
    if (this.hasReadAmounts && exponent !== this.exponent) {
      throw new StatementFormatError(where, 'the currency comes after transactions whose amounts depend on it');
    }
    this.currency = code;
    this.exponent = exponent;
  }

  private endAccountInfo(): void {
    this.isInAccountInfo = false;
    if (this.accountInfoId === null) {
      return;
    }
    this.sink.beginStatement();
    this.sink.endStatement({ accountId: this.accountInfoId, currency: null, openingBalanceMinor: null, closingBalanceMinor: null, startDate: null, endDate: null });
    this.accountInfoId = null;
  }

  private beginTransaction(): void {
    this.transactionCount++;
    if (this.isInTransaction) {
      throw new StatementFormatError(`<STMTTRN> ${this.transactionCount - 1}`, 'the transaction has no closing tag </STMTTRN>');
    }
    if (this.statementTag === null) {
      throw new StatementFormatError(`<STMTTRN> ${this.transactionCount}`, 'a transaction outside any statement (<STMTRS> or <CCSTMTRS>)');
    }
    this.isInTransaction = true;
    this.posted = null;
    this.amount = null;
    this.fitId = null;
    this.checkNumber = null;
    this.referenceNumber = null;
    this.name = null;
    this.extendedName = null;
    this.memo = null;
  }

  private readTransactionElement(name: string, value: string): void {
    switch (name) {
      case 'DTPOSTED':
        this.posted = value;
        return;
      case 'TRNAMT':
        this.amount = value;
        return;
      case 'FITID':
        this.fitId = value;
        return;
      case 'CHECKNUM':
        this.checkNumber = value;
        return;
      case 'REFNUM':
        this.referenceNumber = value;
        return;
      case 'NAME':
        this.name = value;
        return;
      case 'EXTDNAME':
        this.extendedName = value;
        return;
      case 'MEMO':
        this.memo = value;
        return;
      default:
        return;
    }
  }

  private endTransaction(): void {
    const where = `<STMTTRN> ${this.transactionCount}`;
    this.isInTransaction = false;
    if (this.posted === null || this.posted === '') {
      throw new StatementFormatError(where, 'the transaction has no posting date <DTPOSTED>');
    }
    const date = readOfxDate(this.posted);
    if (date === null) {
      throw new StatementFormatError(`${where} / <DTPOSTED>`, `'${this.posted}' is not a date`);
    }
    if (this.amount === null || this.amount === '') {
      throw new StatementFormatError(where, 'the transaction has no amount <TRNAMT>');
    }
    let reading = readOfxAmount(this.amount, this.exponent, this.currency);
    let roundedFrom: string | null = null;
    if (!reading.ok && this.statementTag === 'INVSTMTRS') {
      // An investment account's cash line at fund precision: the cash that moved is whole cents.
      const rounded = roundOfxAmountHalfEven(this.amount, this.exponent);
      if (rounded !== null) {
        reading = { ok: true, minor: rounded };
        roundedFrom = this.amount.trim().replace(/^([+-]?)0+(?=\d)/, '$1');
      }
    }
    if (!reading.ok) {
      throw new StatementFormatError(`${where} / <TRNAMT>`, reading.problem);
    }
    this.hasReadAmounts = true;
    if (this.firstDate === null || date < this.firstDate) {
      this.firstDate = date;
    }
    if (this.lastDate === null || date > this.lastDate) {
      this.lastDate = date;
    }
    const payee = this.name !== null && this.name !== '' && !isPlaceholder(this.name) ? this.name : this.extendedName;
    this.sink.transaction({
      date,
      amountMinor: reading.minor,
      description: roundedFrom === null ? joinDescription(payee, this.memo) : `${joinDescription(payee, this.memo)} (amount in file ${roundedFrom}, rounded to the cent)`,
      reference: meaningful(this.checkNumber) ?? meaningful(this.referenceNumber),
      bankId: this.fitId === null || this.fitId === '' ? null : this.fitId,
    });
  }
}

/** A check or reference number, or null when empty or a zero placeholder. */
function meaningful(value: string | null): string | null {
  return value === null || value === '' || isPlaceholder(value) ? null : value;
}

/**
 * A push parser for OFX 1.x/2.x text: feed chunks cut anywhere, then `end()`. Calls the sink per
 * statement and per transaction as soon as each is complete; keeps no emitted transaction.
 * Throws `StatementFormatError` naming the element (`<STMTTRN> 3 / <TRNAMT>`) or line.
 */
export function createOfxParser(sink: StatementSink): StreamingStatementParser {
  const reader = new OfxStatementReader(sink);
  const tokenizer = new OfxTokenizer(reader, () => reader.locate());
  return {
    write(chunk) {
      tokenizer.write(chunk);
    },
    end() {
      tokenizer.end();
      reader.finish(tokenizer.isComplete);
    },
  };
}

/** QFX is OFX with Intuit's extra elements (`<INTU.BID>` …), which are simply not used. */
export function createQfxParser(sink: StatementSink): StreamingStatementParser {
  return createOfxParser(sink);
}

/** Parses a whole OFX text (amounts in minor units; see `createOfxParser`). */
export function parseOfx(text: string): ParseOutcome {
  return collectStatements('ofx', text, (sink) => createOfxParser(sink));
}

/** Parses a whole QFX text; the same reading as OFX, reported as format 'qfx'. */
export function parseQfx(text: string): ParseOutcome {
  return collectStatements('qfx', text, (sink) => createQfxParser(sink));
}
