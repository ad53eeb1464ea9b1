/**
 * Writes statements as an OFX file: OFX 1.02 SGML (header block, leaf elements without closing
 * tags) or OFX 2.2 XML, bank (`<STMTRS>`) or credit card (`<CCSTMTRS>`), optionally with Intuit's
 * `<INTU.BID>` (QFX). Used to generate large files for benchmarks and for round-trip tests.
 *
 * What OFX cannot carry is left out: the opening balance, a null closing balance (no LEDGERBAL), a
 * null bank id (no FITID). The description goes in NAME, which OFX limits to 32 characters, and
 * in full in MEMO when it is longer.
 */
import type { LocalDate } from '../../dates';
import { currencyExponent, formatMinor } from '../../money';
import type { Statement, StatementTransaction } from '../statement';

export interface OfxWriteOptions {
  /** 'sgml' (default) writes OFX 1.02; 'xml' writes OFX 2.2. */
  dialect?: 'sgml' | 'xml';
  /** Bank account statements (default) or credit-card statements. */
  accountKind?: 'bank' | 'creditCard';
  /** The routing number written in BANKACCTFROM, which the model does not carry. */
  routingNumber?: string;
  /** Written as CURDEF (required by OFX) for a statement without a currency; default USD. */
  defaultCurrency?: string;
  /** Adds `<INTU.BID>` to the sign-on, as Quicken Web Connect (QFX) files have. */
  intuitBankId?: string;
}

const NAME_LIMIT = 32;

/**
 * The whole file as one string. Statements without any date get the server date 1970-01-01,
 * so the output depends only on its input.
 */
export function writeOfx(file: { statements: Statement[] }, options: OfxWriteOptions = {}): string {
  const writer = new ElementWriter(options.dialect ?? 'sgml');
  const serverDate = ofxDate(latestDate(file.statements) ?? '1970-01-01');
  writer.raw(writer.isXml ? XML_HEADER : SGML_HEADER);
  writer.open('OFX');
  writer.open('SIGNONMSGSRSV1');
  writer.open('SONRS');
  writeStatus(writer);
  writer.leaf('DTSERVER', `${serverDate}120000`);
  writer.leaf('LANGUAGE', 'ENG');
  if (options.intuitBankId !== undefined) {
    writer.leaf('INTU.BID', options.intuitBankId);
  }
  writer.close('SONRS');
  writer.close('SIGNONMSGSRSV1');
  const isCard = options.accountKind === 'creditCard';
  writer.open(isCard ? 'CREDITCARDMSGSRSV1' : 'BANKMSGSRSV1');
  file.statements.forEach((statement, index) => {
    writer.open(isCard ? 'CCSTMTTRNRS' : 'STMTTRNRS');
    writer.leaf('TRNUID', String(index + 1));
    writeStatus(writer);
    writeStatement(writer, statement, isCard, options, serverDate);
    writer.close(isCard ? 'CCSTMTTRNRS' : 'STMTTRNRS');
  });
  writer.close(isCard ? 'CREDITCARDMSGSRSV1' : 'BANKMSGSRSV1');
  writer.close('OFX');
  return writer.toString();
}

/** A QFX file: SGML OFX with the Intuit bank id that Quicken expects. */
export function writeQfx(file: { statements: Statement[] }, options: OfxWriteOptions = {}): string {
  return writeOfx(file, { ...options, intuitBankId: options.intuitBankId ?? '00000' });
}

const SGML_HEADER = ['OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:UTF-8', 'CHARSET:NONE', 'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '', ''].join('\n');
const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n';

function writeStatus(writer: ElementWriter): void {
  writer.open('STATUS');
  writer.leaf('CODE', '0');
  writer.leaf('SEVERITY', 'INFO');
  writer.close('STATUS');
}

function writeStatement(writer: ElementWriter, statement: Statement, isCard: boolean, options: OfxWriteOptions, serverDate: string): void {
  const currency = statement.currency ?? options.defaultCurrency ?? 'USD';
  const exponent = currencyExponent(currency);
  writer.open(isCard ? 'CCSTMTRS' : 'STMTRS');
  writer.leaf('CURDEF', currency);
  if (isCard) {
    writer.open('CCACCTFROM');
    writer.leaf('ACCTID', statement.accountId ?? '');
    writer.close('CCACCTFROM');
  } else {
    writer.open('BANKACCTFROM');
    writer.leaf('BANKID', options.routingNumber ?? '000000000');
    writer.leaf('ACCTID', statement.accountId ?? '');
    writer.leaf('ACCTTYPE', 'CHECKING');
    writer.close('BANKACCTFROM');
  }
  const range = dateRange(statement.transactions);
  const start = statement.startDate ?? range.first;
  const end = statement.endDate ?? range.last;
  if (start !== null || end !== null || statement.transactions.length > 0) {
    writer.open('BANKTRANLIST');
    if (start !== null) {
      writer.leaf('DTSTART', ofxDate(start));
    }
    if (end !== null) {
      writer.leaf('DTEND', ofxDate(end));
    }
    for (const transaction of statement.transactions) {
      writeTransaction(writer, transaction, exponent);
    }
    writer.close('BANKTRANLIST');
  }
  if (statement.closingBalanceMinor !== null) {
    writer.open('LEDGERBAL');
    writer.leaf('BALAMT', formatMinor(statement.closingBalanceMinor, exponent));
    writer.leaf('DTASOF', end === null ? `${serverDate}120000` : `${ofxDate(end)}120000`);
    writer.close('LEDGERBAL');
  }
  writer.close(isCard ? 'CCSTMTRS' : 'STMTRS');
}

function writeTransaction(writer: ElementWriter, transaction: StatementTransaction, exponent: number): void {
  writer.open('STMTTRN');
  writer.leaf('TRNTYPE', transaction.amountMinor < 0 ? 'DEBIT' : transaction.amountMinor > 0 ? 'CREDIT' : 'OTHER');
  writer.leaf('DTPOSTED', `${ofxDate(transaction.date)}120000`);
  writer.leaf('TRNAMT', formatMinor(transaction.amountMinor, exponent));
  if (transaction.bankId !== null) {
    writer.leaf('FITID', transaction.bankId);
  }
  if (transaction.reference !== null) {
    writer.leaf(/^\d{1,12}$/.test(transaction.reference) ? 'CHECKNUM' : 'REFNUM', transaction.reference);
  }
  const description = transaction.description;
  if (description !== '') {
    const name = cutAt(description, NAME_LIMIT);
    writer.leaf('NAME', name);
    if (name !== description) {
      writer.leaf('MEMO', description);
    }
  }
  writer.close('STMTTRN');
}

/** The first `limit` UTF-16 units, not splitting a surrogate pair, trailing space removed. */
function cutAt(text: string, limit: number): string {
  if (text.length <= limit) {
    return text;
  }
  const code = text.charCodeAt(limit - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
  return text.slice(0, end).trimEnd();
}

function ofxDate(date: LocalDate): string {
  return date.replaceAll('-', '');
}

function dateRange(transactions: readonly StatementTransaction[]): { first: LocalDate | null; last: LocalDate | null } {
  let first: LocalDate | null = null;
  let last: LocalDate | null = null;
  for (const { date } of transactions) {
    if (first === null || date < first) {
      first = date;
    }
    if (last === null || date > last) {
      last = date;
    }
  }
  return { first, last };
}

function latestDate(statements: readonly Statement[]): LocalDate | null {
  let latest: LocalDate | null = null;
  for (const statement of statements) {
    const candidate = statement.endDate ?? dateRange(statement.transactions).last;
    if (candidate !== null && (latest === null || candidate > latest)) {
      latest = candidate;
    }
  }
  return latest;
}

/**
 * Collects lines of markup; SGML leaves have no closing tag, XML ones do, both are escaped. Text
 * is gathered in 64 KiB pieces so that a 100 MB file is not millions of array entries.
 */
class ElementWriter {
  private readonly pieces: string[] = [];
  private piece = '';
  readonly isXml: boolean;

  constructor(dialect: 'sgml' | 'xml') {
    this.isXml = dialect === 'xml';
  }

  raw(text: string): void {
    this.append(text);
  }

  open(name: string): void {
    this.append(`<${name}>\n`);
  }

  close(name: string): void {
    this.append(`</${name}>\n`);
  }

  leaf(name: string, value: string): void {
    const text = escapeText(value);
    // An empty SGML leaf is closed explicitly so that it cannot be read as an aggregate.
    this.append(this.isXml || text === '' ? `<${name}>${text}</${name}>\n` : `<${name}>${text}\n`);
  }

  toString(): string {
    this.pieces.push(this.piece);
    this.piece = '';
    return this.pieces.join('');
  }

  private append(text: string): void {
    this.piece += text;
    if (this.piece.length >= 1 << 16) {
      this.pieces.push(this.piece);
      this.piece = '';
    }
  }
}

function escapeText(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}
