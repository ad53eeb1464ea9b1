/**
 * ISO 20022 cash-management importer: camt.053 statements (`BkToCstmrStmt/Stmt`), camt.052
 * account reports (`BkToCstmrAcctRpt/Rpt`) and camt.054 debit/credit notifications
 * (`BkToCstmrDbtCdtNtfctn/Ntfctn`), any version — elements are matched on local names, so the
 * namespace (camt.053.001.02 … .001.13) and prefixes do not matter. `saxes` does the XML syntax;
 * the meaning is read here.
 *
 * Each Stmt/Rpt/Ntfctn is one statement:
 * - account: `Acct/Id/IBAN`, else `Acct/Id/Othr/Id`;
 * - currency: `Acct/Ccy`, else the currency of the entries, else that of the opening/closing balance;
 * - opening balance: the `OPBD` balance, else `PRCD` (the previous statement's closing booked);
 *   closing: `CLBD`, else the last `ITBD` (interim booked). An intraday camt.052 report often
 *   has no closing booked balance yet, and its interim booked balance is the booked position at
 *   the report's cut-off, which is what its booked entries reconcile to. Available balances
 *   (`OPAV`, `CLAV`, `ITAV`, `FWAV`) are never used: they include float, not bookings;
 * - period: `FrToDt` when the file states it, else the first and last transaction dates.
 *
 * Balances are read in the decimals of their own `Ccy`, and a balance in another currency than
 * the account's is still taken (test files from banks' specifications do this; peers agree).
 *
 * Each `<Ntry>` is one transaction (see camt-entry.ts for batches). Its date is the booking date,
 * else the value date, else the date the statement (else the message) was created: camt.054
 * notifications often carry neither date. An entry without a readable amount or credit/debit
 * indicator, or with an unreadable date, is refused, naming the element; so is an amount with
 * more decimals than its currency, and an entry in another currency than the account's.
 *
 * Entries that are not booked (status PDNG, INFO, FUTR) are skipped in camt.053 statements,
 * whose closing booked balance leaves them out, and imported from camt.052 reports and camt.054
 * notifications, whose point is to show what is happening on the account during the day. The
 * `pendingEntries` option overrides both.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { LocalDate } from '../../dates';
import { collectStatements, StatementFormatError, type ParseOutcome, type StatementSink, type StreamingStatementParser } from '../statement';
import { CamtEntry } from './camt-entry';
import { CAMT_PATH_ROOT, isContainerField, isHeaderField, MESSAGE_STATEMENTS, type CamtField, type CamtPathNode, type ContainerField, type HeaderField } from './camt-paths';
import { readCamtAmount, readCamtDate, readReference, signByIndicator } from './camt-values';

export interface CamtParserOptions {
  /**
   * Whether entries that are not booked (PDNG pending, INFO, FUTR) become transactions. By
   * default they are skipped in camt.053 statements and included from camt.052 and camt.054.
   */
  pendingEntries?: 'include' | 'skip';
}

/** A push parser for camt.052/053/054 text (already decoded; a leading BOM is ignored). */
export function createCamtParser(sink: StatementSink, options: CamtParserOptions = {}): StreamingStatementParser {
  const reader = new CamtReader(sink, options);
  const xml = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  // The known-path node of each open element; below an unknown element only the depth is counted.
  const nodes: CamtPathNode[] = [CAMT_PATH_ROOT];
  let unknownDepth = 0;
  let captureNode: CamtPathNode | null = null;
  let captured = '';
  let isStarted = false;

  xml.on('opentag', (tag: SaxesTagPlain) => {
    if (unknownDepth > 0) {
      unknownDepth += 1;
      return;
    }
    const parent = nodes[nodes.length - 1] ?? CAMT_PATH_ROOT;
    const node = parent.children.get(localName(tag.name));
    if (node === undefined) {
      unknownDepth = 1;
      return;
    }
    nodes.push(node);
    const field = node.field;
    if (field === null) {
      return;
    }
    if (isContainerField(field)) {
      reader.open(field, localName(tag.name));
      return;
    }
    if (field === 'entryAmount' || field === 'balanceAmount') {
      const currency = tag.attributes.Ccy;
      reader.setAmountCurrency(field, typeof currency === 'string' ? currency.trim().toUpperCase() || null : null);
    }
    captureNode = node;
    captured = '';
    // saxes only slices out text while a text handler is set: leave it unset between leaves.
    xml.on('text', receiveText);
  });
  const receiveText = (text: string): void => {
    if (captureNode !== null) {
      captured += text;
    }
  };
  xml.on('cdata', receiveText);
  xml.on('closetag', () => {
    if (unknownDepth > 0) {
      unknownDepth -= 1;
      return;
    }
    const node = nodes.pop();
    if (node === undefined || node.field === null) {
      return;
    }
    if (isContainerField(node.field)) {
      reader.close(node.field);
    } else if (node === captureNode) {
      captureNode = null;
      xml.off('text');
      reader.leaf(node.field, captured);
    }
  });
  xml.on('error', (error: Error) => {
    throw xmlError(error, xml.line);
  });

  return {
    write(chunk: string): void {
      if (!isStarted && chunk !== '') {
        isStarted = true;
        xml.write(chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
        return;
      }
      xml.write(chunk);
    },
    end(): void {
      xml.close();
      reader.finish();
    },
  };
}

/** Parses a whole camt document into statements, or the reason it was refused. */
export function parseCamt(text: string, options: CamtParserOptions = {}): ParseOutcome {
  return collectStatements('camt', text, (sink) => createCamtParser(sink, options));
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** saxes reports "line:column: message"; the user gets the line and the message. */
function xmlError(error: Error, fallbackLine: number): StatementFormatError {
  const match = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(error.message);
  const line = match?.[1] ?? String(fallbackLine);
  const message = (match?.[3] ?? error.message).replace(/\.$/, '');
  return new StatementFormatError(`line ${line}`, `the XML is not well-formed (${message})`);
}

interface Balance {
  minor: number;
  currency: string | null;
  /** Preference among the balance types that can fill the slot (higher wins). */
  rank: number;
}

/** Turns the element events of one camt document into sink calls. */
class CamtReader {
  private readonly pendingOption: 'include' | 'skip' | undefined;
  private messageName: string | null = null;
  private statementName = 'Stmt';
  private groupCreated: LocalDate | null = null;
  private statementCount = 0;
  private balanceCount = 0;
  private entryCount = 0;
  // The current statement's header facts and running date range.
  private statementCreated: LocalDate | null = null;
  private periodFrom: LocalDate | null = null;
  private periodTo: LocalDate | null = null;
  private accountId: string | null = null;
  private accountCurrency: string | null = null;
  private entryCurrency: string | null = null;
  private opening: Balance | null = null;
  private closing: Balance | null = null;
  private firstDate: LocalDate | null = null;
  private lastDate: LocalDate | null = null;
  // The current balance.
  private balanceType: string | null = null;
  private balanceAmount: string | null = null;
  private balanceCurrency: string | null = null;
  private balanceIndicator: string | null = null;
  // The current entry.
  private readonly entry = new CamtEntry();
  private isInEntry = false;

  constructor(
    private readonly sink: StatementSink,
    options: CamtParserOptions,
  ) {
    this.pendingOption = options.pendingEntries;
  }

  open(field: ContainerField, name: string): void {
    switch (field) {
      case 'message':
        this.messageName ??= name;
        this.statementName = MESSAGE_STATEMENTS[name] ?? 'Stmt';
        return;
      case 'statement':
        this.beginStatement();
        return;
      case 'balance':
        this.balanceCount += 1;
        this.balanceType = null;
        this.balanceAmount = null;
        this.balanceCurrency = null;
        this.balanceIndicator = null;
        return;
      case 'entry':
        this.entryCount += 1;
        this.entry.begin(this.entryCount);
        this.isInEntry = true;
        return;
      case 'transaction':
        this.entry.beginTransactionDetails();
        return;
    }
  }

  close(field: ContainerField): void {
    switch (field) {
      case 'statement':
        this.endStatement();
        return;
      case 'balance':
        this.endBalance();
        return;
      case 'entry':
        this.isInEntry = false;
        this.endEntry();
        return;
      case 'message':
      case 'transaction':
        return;
    }
  }

  setAmountCurrency(field: 'entryAmount' | 'balanceAmount', currency: string | null): void {
    if (field === 'entryAmount') {
      this.entry.amountCurrency = currency;
    } else {
      this.balanceCurrency = currency;
    }
  }

  leaf(field: Exclude<CamtField, ContainerField>, text: string): void {
    if (isHeaderField(field)) {
      this.readHeaderField(field, text);
    } else if (this.isInEntry) {
      this.entry.receive(field, text);
    }
  }

  finish(): void {
    if (this.messageName === null) {
      throw new StatementFormatError(
        '<Document>',
        'this is not a camt.052, camt.053 or camt.054 document (no <BkToCstmrStmt>, <BkToCstmrAcctRpt> or <BkToCstmrDbtCdtNtfctn>)',
      );
    }
    if (this.statementCount === 0) {
      throw new StatementFormatError(`<${this.messageName}>`, `the document contains no statement (<${this.statementName}>)`);
    }
  }

  private readHeaderField(field: HeaderField, text: string): void {
    switch (field) {
      case 'groupCreated':
        this.groupCreated = readCamtDate(text);
        return;
      case 'statementCreated':
        this.statementCreated = readCamtDate(text);
        return;
      case 'periodFrom':
        this.periodFrom = this.readPeriodDate(text);
        return;
      case 'periodTo':
        this.periodTo = this.readPeriodDate(text);
        return;
      case 'accountIban':
      case 'accountOther':
        this.accountId = readReference(text);
        return;
      case 'accountCurrency':
        this.accountCurrency = text.trim().toUpperCase() || null;
        return;
      case 'balanceType':
        this.balanceType = text.trim();
        return;
      case 'balanceAmount':
        this.balanceAmount = text;
        return;
      case 'balanceIndicator':
        this.balanceIndicator = text.trim();
        return;
    }
  }

  private beginStatement(): void {
    this.statementCount += 1;
    this.statementCreated = null;
    this.periodFrom = null;
    this.periodTo = null;
    this.accountId = null;
    this.accountCurrency = null;
    this.entryCurrency = null;
    this.opening = null;
    this.closing = null;
    this.firstDate = null;
    this.lastDate = null;
    this.sink.beginStatement();
  }

  private endStatement(): void {
    this.sink.endStatement({
      accountId: this.accountId,
      currency: this.accountCurrency ?? this.entryCurrency ?? this.opening?.currency ?? this.closing?.currency ?? null,
      openingBalanceMinor: this.opening?.minor ?? null,
      closingBalanceMinor: this.closing?.minor ?? null,
      startDate: this.periodFrom ?? this.firstDate,
      endDate: this.periodTo ?? this.lastDate,
    });
  }

  private readPeriodDate(text: string): LocalDate {
    const date = readCamtDate(text);
    if (date === null) {
      throw new StatementFormatError(`<${this.statementName}> ${this.statementCount} / <FrToDt>`, `'${text.trim()}' is not a date`);
    }
    return date;
  }

  /** Keeps the balances that open and close the statement; the other types are not read at all. */
  private endBalance(): void {
    const type = this.balanceType;
    const rank = type === 'OPBD' || type === 'CLBD' ? 2 : type === 'PRCD' || type === 'ITBD' ? 1 : 0;
    if (rank === 0) {
      return;
    }
    const isOpening = type === 'OPBD' || type === 'PRCD';
    const current = isOpening ? this.opening : this.closing;
    // The first OPBD/CLBD wins; PRCD only stands in for a missing OPBD; of several ITBD the last.
    if (current !== null && (current.rank > rank || (current.rank === 2 && rank === 2))) {
      return;
    }
    const location = `<Bal> ${this.balanceCount}`;
    if (this.balanceAmount === null) {
      throw new StatementFormatError(location, `the ${type} balance has no amount (<Amt>)`);
    }
    const currency = this.balanceCurrency ?? this.accountCurrency;
    const reading = readCamtAmount(this.balanceAmount, currency);
    if (!reading.ok) {
      throw new StatementFormatError(`${location} / <Amt>`, reading.problem);
    }
    const minor = signByIndicator(reading.minor, this.balanceIndicator ?? '');
    if (minor === null) {
      throw new StatementFormatError(
        `${location} / <CdtDbtInd>`,
        this.balanceIndicator === null ? `the ${type} balance does not say credit or debit` : `'${this.balanceIndicator}' is neither CRDT (credit) nor DBIT (debit)`,
      );
    }
    const balance = { minor, currency, rank };
    if (isOpening) {
      this.opening = balance;
    } else {
      this.closing = balance;
    }
  }

  private endEntry(): void {
    const entry = this.entry;
    const location = `<Ntry> ${entry.index}`;
    if (entry.amountText === null) {
      throw new StatementFormatError(location, 'the entry has no amount (<Amt>)');
    }
    const expectedCurrency = this.accountCurrency ?? this.entryCurrency;
    const currency = entry.amountCurrency ?? expectedCurrency;
    if (currency !== null && expectedCurrency !== null && currency !== expectedCurrency) {
      const owner = this.accountCurrency !== null ? "the account's currency is" : "the statement's other entries are in";
      throw new StatementFormatError(`${location} / <Amt>`, `the amount is in ${currency} but ${owner} ${expectedCurrency}`);
    }
    this.entryCurrency ??= currency;
    const reading = readCamtAmount(entry.amountText, currency);
    if (!reading.ok) {
      throw new StatementFormatError(`${location} / <Amt>`, reading.problem);
    }
    if (entry.indicator === null) {
      throw new StatementFormatError(location, 'the entry does not say credit or debit (<CdtDbtInd>)');
    }
    const amountMinor = signByIndicator(reading.minor, entry.indicator);
    if (amountMinor === null) {
      throw new StatementFormatError(`${location} / <CdtDbtInd>`, `'${entry.indicator}' is neither CRDT (credit) nor DBIT (debit)`);
    }
    const date = this.entryDate(location);
    if (!entry.isBooked() && (this.pendingOption ?? this.defaultPendingOption()) === 'skip') {
      return;
    }
    if (this.firstDate === null || date < this.firstDate) {
      this.firstDate = date;
    }
    if (this.lastDate === null || date > this.lastDate) {
      this.lastDate = date;
    }
    this.sink.transaction(entry.toTransaction(amountMinor, date));
  }

  private entryDate(location: string): LocalDate {
    for (const [text, element] of [
      [this.entry.bookingDate, 'BookgDt'],
      [this.entry.valueDate, 'ValDt'],
    ] as const) {
      if (text === null || text.trim() === '') {
        continue;
      }
      const date = readCamtDate(text);
      if (date === null) {
        throw new StatementFormatError(`${location} / <${element}>`, `'${text.trim()}' is not a date`);
      }
      return date;
    }
    const fallback = this.statementCreated ?? this.groupCreated;
    if (fallback === null) {
      throw new StatementFormatError(location, 'the entry has no booking or value date (<BookgDt>, <ValDt>)');
    }
    return fallback;
  }

  private defaultPendingOption(): 'include' | 'skip' {
    return this.messageName === 'BkToCstmrStmt' ? 'skip' : 'include';
  }
}
