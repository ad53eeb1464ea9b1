/**
 * Writes statements as a camt.053.001.08 bank-to-customer statement: one `<Stmt>` per
 * statement, one booked `<Ntry>` with one `<TxDtls>` per transaction. Used by round-trip tests
 * and to generate large files for benchmarks; what it writes is what a bank would send.
 *
 * What the model holds maps to: accountId → `Acct/Id/IBAN` (or `Othr/Id` when it is not an
 * IBAN), currency → `Acct/Ccy` and every `Ccy`, balances → OPBD/CLBD, the period → `FrToDt`,
 * date → booking and value date, bankId → `AcctSvcrRef`, reference → `EndToEndId`, description →
 * `RmtInf/Ustrd` (split at spaces into the standard's 140-character lines).
 */
import { currencyExponent, formatMinor } from '../../money';
import type { Statement } from '../statement';

export interface CamtWriterOptions {
  /** `GrpHdr/MsgId`, also the stem of each statement id. */
  messageId?: string;
  /** Creation date-time of the message, `YYYY-MM-DDThh:mm:ss`; by default midnight of the latest date in the file. */
  createdAt?: string;
}

const NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08';
const USTRD_LENGTH = 140;

/**
 * The camt.053 text of `file`. Every statement needs an account id and a currency (a camt
 * account always has both); a statement without them is a programming error and throws.
 */
export function writeCamt(file: { statements: Statement[] }, options: CamtWriterOptions = {}): string {
  const messageId = options.messageId ?? 'TICKMARK-CAMT053';
  const createdAt = options.createdAt ?? `${latestDate(file.statements) ?? '1970-01-01'}T00:00:00`;
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<Document xmlns="${NAMESPACE}">\n`,
    '  <BkToCstmrStmt>\n',
    `    <GrpHdr>\n      <MsgId>${escapeXml(messageId)}</MsgId>\n      <CreDtTm>${createdAt}</CreDtTm>\n    </GrpHdr>\n`,
  ];
  file.statements.forEach((statement, index) => {
    writeStatement(parts, statement, `${messageId}-${index + 1}`, createdAt);
  });
  parts.push('  </BkToCstmrStmt>\n</Document>\n');
  return parts.join('');
}

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function writeStatement(parts: string[], statement: Statement, id: string, createdAt: string): void {
  const { accountId, currency } = statement;
  if (accountId === null || currency === null) {
    throw new RangeError('a camt statement needs an account id and a currency');
  }
  const exponent = currencyExponent(currency);
  const ccy = escapeXml(currency);
  const firstDate = statement.startDate ?? statement.transactions[0]?.date ?? createdAt.slice(0, 10);
  const lastDate = statement.endDate ?? statement.transactions.at(-1)?.date ?? createdAt.slice(0, 10);
  parts.push(`    <Stmt>\n      <Id>${escapeXml(id)}</Id>\n      <CreDtTm>${createdAt}</CreDtTm>\n`);
  if (statement.startDate !== null && statement.endDate !== null) {
    parts.push(`      <FrToDt>\n        <FrDtTm>${statement.startDate}T00:00:00</FrDtTm>\n        <ToDtTm>${statement.endDate}T23:59:59</ToDtTm>\n      </FrToDt>\n`);
  }
  const idElement = isIban(accountId) ? `<IBAN>${accountId}</IBAN>` : `<Othr>\n            <Id>${escapeXml(accountId)}</Id>\n          </Othr>`;
  parts.push(`      <Acct>\n        <Id>\n          ${idElement}\n        </Id>\n        <Ccy>${ccy}</Ccy>\n      </Acct>\n`);
  if (statement.openingBalanceMinor !== null) {
    parts.push(balance('OPBD', statement.openingBalanceMinor, ccy, exponent, firstDate));
  }
  if (statement.closingBalanceMinor !== null) {
    parts.push(balance('CLBD', statement.closingBalanceMinor, ccy, exponent, lastDate));
  }
  for (const transaction of statement.transactions) {
    const isDebit = transaction.amountMinor < 0;
    const details = transactionDetails(transaction.reference, transaction.description);
    parts.push(
      '      <Ntry>\n' +
        `        <Amt Ccy="${ccy}">${formatMinor(Math.abs(transaction.amountMinor), exponent)}</Amt>\n` +
        `        <CdtDbtInd>${isDebit ? 'DBIT' : 'CRDT'}</CdtDbtInd>\n` +
        '        <Sts>\n          <Cd>BOOK</Cd>\n        </Sts>\n' +
        `        <BookgDt>\n          <Dt>${transaction.date}</Dt>\n        </BookgDt>\n` +
        `        <ValDt>\n          <Dt>${transaction.date}</Dt>\n        </ValDt>\n` +
        (transaction.bankId === null ? '' : `        <AcctSvcrRef>${escapeXml(transaction.bankId)}</AcctSvcrRef>\n`) +
        `        <BkTxCd>\n          <Domn>\n            <Cd>PMNT</Cd>\n            <Fmly>\n              <Cd>${isDebit ? 'ICDT' : 'RCDT'}</Cd>\n              <SubFmlyCd>OTHR</SubFmlyCd>\n            </Fmly>\n          </Domn>\n        </BkTxCd>\n` +
        details +
        '      </Ntry>\n',
    );
  }
  parts.push('    </Stmt>\n');
}

function balance(type: 'OPBD' | 'CLBD', minor: number, ccy: string, exponent: number, date: string): string {
  return (
    `      <Bal>\n        <Tp>\n          <CdOrPrtry>\n            <Cd>${type}</Cd>\n          </CdOrPrtry>\n        </Tp>\n` +
    `        <Amt Ccy="${ccy}">${formatMinor(Math.abs(minor), exponent)}</Amt>\n` +
    `        <CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd>\n` +
    `        <Dt>\n          <Dt>${date}</Dt>\n        </Dt>\n      </Bal>\n`
  );
}

function transactionDetails(reference: string | null, description: string): string {
  const lines = splitRemittance(description);
  if (reference === null && lines.length === 0) {
    return '';
  }
  const refs = reference === null ? '' : `            <Refs>\n              <EndToEndId>${escapeXml(reference)}</EndToEndId>\n            </Refs>\n`;
  const remittance =
    lines.length === 0 ? '' : `            <RmtInf>\n${lines.map((line) => `              <Ustrd>${escapeXml(line)}</Ustrd>\n`).join('')}            </RmtInf>\n`;
  return `        <NtryDtls>\n          <TxDtls>\n${refs}${remittance}          </TxDtls>\n        </NtryDtls>\n`;
}

/**
 * Remittance text in lines of at most 140 characters, cut at spaces so that the importer, which
 * joins the lines with a space, reads back the same text. A word longer than a line is cut.
 */
function splitRemittance(description: string): string[] {
  const words = description.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line === '') {
      line = word;
    } else if (line.length + 1 + word.length <= USTRD_LENGTH) {
      line = `${line} ${word}`;
    } else {
      lines.push(line);
      line = word;
    }
    while (line.length > USTRD_LENGTH) {
      lines.push(line.slice(0, USTRD_LENGTH));
      line = line.slice(USTRD_LENGTH);
    }
  }
  if (line !== '') {
    lines.push(line);
  }
  return lines;
}

function isIban(accountId: string): boolean {
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(accountId);
}

function latestDate(statements: readonly Statement[]): string | null {
  let latest: string | null = null;
  for (const statement of statements) {
    const date = statement.endDate ?? statement.transactions.at(-1)?.date ?? null;
    if (date !== null && (latest === null || date > latest)) {
      latest = date;
    }
  }
  return latest;
}
