/**
 * One entry point over every statement importer: recognise a file's format from its name and
 * first characters, and create the matching streaming parser.
 */
import { StatementFormatError, type StatementFormat, type StatementSink, type StreamingStatementParser } from '../statement';
import { createBai2Parser } from './bai2';
import { createCamtParser } from './camt';
import { createCsvParser } from './csv';
import type { CsvMapping } from './csv-mapping';
import { createMt940Parser } from './mt940';
import { createOfxParser, createQfxParser } from './ofx';
import { createQifParser } from './qif';

export interface StatementParserOptions {
  /** CSV only: the confirmed column mapping; detected from the first rows when absent. */
  mapping?: CsvMapping | undefined;
  /** QIF only: the date order when the user has chosen one. */
  dateOrder?: 'mdy' | 'dmy' | 'ymd' | undefined;
}

/**
 * The format of a file from its name and its first few kilobytes of text, or null when it is not
 * a statement format we read. Content wins over the extension: banks name files carelessly.
 */
export function detectStatementFormat(fileName: string, head: string): StatementFormat | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const lower = fileName.toLowerCase();
  if (text.startsWith('PK')) {
    return 'xlsx';
  }
  if (/^OFXHEADER\s*:/i.test(text) || /<OFX[\s>]/i.test(text.slice(0, 4096)) || /<\?OFX\s/i.test(text.slice(0, 1024))) {
    // QFX is OFX with Intuit's extensions; many plain OFX files carry INTU.BID too, so the name decides.
    return lower.endsWith('.qfx') ? 'qfx' : 'ofx';
  }
  if (/^<\?xml/i.test(text) && /camt\.05[234]|<BkToCstmr(Stmt|AcctRpt|DbtCdtNtfctn)\b/.test(text.slice(0, 8192))) {
    return 'camt';
  }
  if (/^<Document\b/.test(text) && /<BkToCstmr/.test(text.slice(0, 8192))) {
    return 'camt';
  }
  if (/^01,/.test(text)) {
    return 'bai2';
  }
  if (/^\{1:/.test(text) || /^:20:/m.test(text.slice(0, 2048)) || /^:940:/m.test(text)) {
    return 'mt940';
  }
  if (/^!(Type|Account|Option|Clear)/i.test(text)) {
    return 'qif';
  }
  if (lower.endsWith('.bai') || lower.endsWith('.bai2')) {
    return 'bai2';
  }
  if (lower.endsWith('.sta') || lower.endsWith('.mt940') || lower.endsWith('.940')) {
    return 'mt940';
  }
  if (lower.endsWith('.xlsx')) {
    return 'xlsx';
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv') || /[,;\t|]/.test(text.split(/\r?\n/, 1)[0] ?? '')) {
    return 'csv';
  }
  return null;
}

/** A streaming parser for a text format (XLSX is read whole by `parseXlsx`). */
export function createStatementParser(format: Exclude<StatementFormat, 'xlsx'>, sink: StatementSink, options: StatementParserOptions = {}): StreamingStatementParser {
  switch (format) {
    case 'csv':
      return createCsvParser(sink, options.mapping ? { mapping: options.mapping } : {});
    case 'ofx':
      return createOfxParser(sink);
    case 'qfx':
      return createQfxParser(sink);
    case 'camt':
      return createCamtParser(sink);
    case 'bai2':
      return createBai2Parser(sink);
    case 'mt940':
      return createMt940Parser(sink);
    case 'qif':
      return createQifParser(sink, options.dateOrder ? { dateOrder: options.dateOrder } : {});
  }
}

/** Refuses a file whose format we cannot tell, in the same one-line shape as a parse error. */
export function unknownFormatError(): StatementFormatError {
  return new StatementFormatError('line 1', 'not a statement format Tickmark reads (CSV, XLSX, OFX, QFX, CAMT, BAI2, MT940 or QIF)');
}
