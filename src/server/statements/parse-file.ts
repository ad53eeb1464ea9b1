import type { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { createStatementParser, detectStatementFormat, unknownFormatError } from '../../domain/reconciliation/importers';
import type { CsvMapping } from '../../domain/reconciliation/importers/csv-mapping';
import { decodeStatementBytes, createStatementDecoder } from '../../domain/reconciliation/importers/text-decoding';
import { parseXlsx } from '../../domain/reconciliation/importers/xlsx';
import { StatementFormatError, type StatementFormat, type StatementSink } from '../../domain/reconciliation/statement';
import { ledgerMappingOrRefuse } from './ledger-layout';

/**
 * Streams a statement file through the importers: bytes → text (the encoding worked out from the
 * bytes) → the format's push parser → `sink`. Memory stays flat whatever the file's size, except
 * for XLSX, a zip that can only be read whole (bounded by `maxWorkbookBytes`). No database here:
 * the server's import job and the `tickmark parse-statement` command both use it.
 */
export interface ParseStatementStreamOptions {
  /** Shown in errors and used, with the first bytes, to recognise the format. */
  fileName: string;
  /** `auto` (or absent): recognised from the file's name and first bytes. */
  format?: StatementFormat | 'auto' | undefined;
  /** CSV and XLSX: a confirmed column mapping; detected from the first rows when absent. */
  mapping?: CsvMapping | undefined;
  /** For progress: the file's size in bytes, when known. */
  totalBytes?: number | undefined;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: ((bytesRead: number, totalBytes: number | null) => void) | undefined;
  /** Stops reading between chunks: the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  sink: StatementSink;
  /** Refuse workbooks larger than this (default 50 MB): an XLSX is unzipped in memory. */
  maxWorkbookBytes?: number | undefined;
  /**
   * Read the file as a general-ledger export (the ledger side of a reconciliation): without a
   * mapping, its layout comes from the named preset (`quickbooks-online`, `xero`, …) or the one its
   * header row shows, with the ledger's debit and credit.
   */
  ledger?: { preset?: string | undefined } | undefined;
}

/** How much of the start of a file is looked at to recognise its format. */
export const DETECTION_BYTES = 16 * 1024;
/** How much of a ledger export is looked at to recognise its layout (titles above the header, then rows). */
export const LEDGER_SAMPLE_BYTES = 64 * 1024;
export const DEFAULT_MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

/**
 * Parses a statement file from a stream of bytes into `options.sink` and answers its format.
 * Throws `StatementFormatError` for a file that must be refused (format not recognised, content
 * unreadable); anything else is a bug or an I/O failure and propagates as is.
 *
 * @example
 * const sink = createCollectingSink();
 * const { format } = await parseStatementStream(fs.createReadStream(file), { fileName: 'march.ofx', sink });
 */
export async function parseStatementStream(source: AsyncIterable<Uint8Array> | Readable, options: ParseStatementStreamOptions): Promise<{ format: StatementFormat }> {
  const chunks = toByteChunks(source);
  let bytesRead = 0;
  const progress = (chunk: Uint8Array) => {
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead, options.totalBytes ?? null);
  };

  // 1. The head: enough of the file to tell its format.
  const wanted = options.ledger && !options.mapping ? LEDGER_SAMPLE_BYTES : DETECTION_BYTES;
  const head: Uint8Array[] = [];
  let headLength = 0;
  let next = await chunks.next();
  while (!next.done && headLength < wanted) {
    throwIfAborted(options.signal);
    head.push(next.value);
    headLength += next.value.length;
    progress(next.value);
    if (headLength < wanted) {
      next = await chunks.next();
    }
  }
  const isWholeFile = next.done === true;
  const headBytes = concat(head, headLength);
  const format = chooseFormat(options, headBytes);

  // 2a. XLSX: gather the workbook (bounded) and read it whole.
  if (format === 'xlsx') {
    const parts = [headBytes];
    let size = headLength;
    const limit = options.maxWorkbookBytes ?? DEFAULT_MAX_WORKBOOK_BYTES;
    const refuseIfTooLarge = () => {
      if (size > limit) {
        throw new StatementFormatError('file', `the workbook is larger than ${Math.max(1, Math.floor(limit / 1024 / 1024))} MB; save the sheet as CSV and import that`);
      }
    };
    refuseIfTooLarge();
    for (next = isWholeFile ? next : await chunks.next(); !next.done; next = await chunks.next()) {
      throwIfAborted(options.signal);
      size += next.value.length;
      refuseIfTooLarge();
      parts.push(next.value);
      progress(next.value);
    }
    await replayWorkbook(concat(parts, size), options);
    return { format };
  }

  // 2b. Text formats: decode and parse chunk by chunk, yielding to the event loop in between.
  const decoder = createStatementDecoder();
  const mapping = options.mapping ?? (options.ledger && format === 'csv' ? ledgerMappingOrRefuse(sampleText(headBytes, isWholeFile), options.ledger.preset) : undefined);
  const parser = createStatementParser(format, options.sink, mapping ? { mapping } : {});
  parser.write(decoder.write(headBytes));
  for (next = isWholeFile ? next : await chunks.next(); !next.done; next = await chunks.next()) {
    throwIfAborted(options.signal);
    const text = decoder.write(next.value);
    if (text !== '') {
      parser.write(text);
    }
    progress(next.value);
    await yieldToEventLoop();
  }
  throwIfAborted(options.signal);
  parser.write(decoder.end());
  parser.end();
  return { format };
}

/** The format the caller named, else the one the head of the file shows; refuses unknown files. */
function chooseFormat(options: ParseStatementStreamOptions, head: Uint8Array): StatementFormat {
  if (options.format && options.format !== 'auto') {
    return options.format;
  }
  const detected = detectFileFormat(options.fileName, head);
  if (!detected) {
    throw unknownFormatError();
  }
  return detected;
}

/**
 * The format of a file from its name and first bytes (a zip is a workbook), or null when it is
 * not a statement format Tickmark reads.
 */
export function detectFileFormat(fileName: string, head: Uint8Array): StatementFormat | null {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return 'xlsx';
  }
  // Decoded on its own, only to look for the format's markers: a character cut off at the end
  // of the head cannot change them.
  return detectStatementFormat(fileName, decodeStatementBytes(head.subarray(0, DETECTION_BYTES)).text);
}

async function replayWorkbook(bytes: Uint8Array, options: ParseStatementStreamOptions): Promise<void> {
  const outcome = await parseXlsx(bytes, options.mapping ? { mapping: options.mapping } : {});
  if (!outcome.ok) {
    throw new StatementFormatError(outcome.error.location, outcome.error.problem);
  }
  for (const statement of outcome.value.statements) {
    const { transactions, ...header } = statement;
    options.sink.beginStatement();
    for (const transaction of transactions) {
      options.sink.transaction(transaction);
    }
    options.sink.endStatement(header);
  }
}

/** The head decoded on its own, cut to whole lines unless it is the whole file. */
function sampleText(head: Uint8Array, isWholeFile: boolean): string {
  const text = decodeStatementBytes(head).text;
  if (isWholeFile) {
    return text;
  }
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return cut === -1 ? text : text.slice(0, cut + 1);
}

async function* toByteChunks(source: AsyncIterable<Uint8Array> | Readable): AsyncGenerator<Uint8Array> {
  // A Readable iterates as `any`: its chunks are Buffers, or strings when it was given an encoding.
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) {
    return parts[0];
  }
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason instanceof Error ? signal.reason : new Error('The statement read was aborted.');
  }
}
