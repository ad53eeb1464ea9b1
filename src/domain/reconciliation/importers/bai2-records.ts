/**
 * Cuts BAI2 text into logical records, streaming.
 *
 * A record starts with a two-digit record code and a comma (01 02 03 16 49 88 98 99) and ends
 * with `/`; an `88` continues the record before it. Real files bend this in three ways, and all
 * three are read as a user would expect:
 * - several records on one physical line, each ending `/` and followed by spaces
 *   (`…PPD/ 16,142,500,…`): a `/`, blanks and a record code start a new record;
 * - a record that runs on to the next physical line without an `88` (the next line does not start
 *   with a record code while the record has no closing `/` yet): the line is joined with a space;
 * - records without their closing `/` (transaction texts, a final `99`): the next record code at
 *   the start of a line ends them (`88:` is taken for `88,`).
 * Anything else at the start of a line is refused, naming the line.
 */
import { StatementFormatError } from '../statement';

/** One logical record: the record plus its `88` continuations. */
export interface Bai2Record {
  code: string;
  /** The physical line the record starts on (1-based). */
  line: number;
  /** The text after `NN,` of the record and of each `88` continuation, trimmed, in order. */
  pieces: string[];
  /** Physical records (the record and its `88`s), as BAI2 trailers count them. */
  physicalCount: number;
}

const RECORD_CODES: ReadonlySet<string> = new Set(['01', '02', '03', '16', '49', '88', '98', '99']);

/** `/`, blanks, then a record code and a comma: where a second record starts on the same line. */
const RECORD_BOUNDARY = /\/[ \t]+(?=(?:0[123]|16|49|88|9[89]),)/g;

/** A line without a line break longer than this is cut at record boundaries as it arrives. */
const LONG_LINE = 1 << 20;

export class Bai2RecordReader {
  private pending = '';
  private line = 1;
  private isAfterCarriageReturn = false;
  private current: Bai2Record | null = null;
  /** Whether the last physical record had no closing `/`, so a plain next line continues it. */
  private isOpen = false;

  constructor(private readonly onRecord: (record: Bai2Record) => void) {}

  write(chunk: string): void {
    if (chunk === '') {
      return;
    }
    let text = this.pending + chunk;
    let start = 0;
    if (this.isAfterCarriageReturn && text.charCodeAt(0) === 0x0a) {
      start = 1;
    }
    this.isAfterCarriageReturn = false;
    const lineBreak = /[\r\n]/g;
    lineBreak.lastIndex = start;
    for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
      const end = match.index;
      this.readSegment(text.slice(start, end));
      this.line += 1;
      start = end + 1;
      if (text.charCodeAt(end) === 0x0d) {
        if (end + 1 === text.length) {
          this.isAfterCarriageReturn = true;
        } else if (text.charCodeAt(end + 1) === 0x0a) {
          start = end + 2;
          lineBreak.lastIndex = start;
        }
      }
    }
    text = text.slice(start);
    this.pending = text.length > LONG_LINE ? this.readCompleteRecordsOf(text) : text;
  }

  /** Reads what is left and hands over the last record. */
  end(): void {
    if (this.pending !== '') {
      this.readSegment(this.pending);
      this.pending = '';
    }
    if (this.current !== null) {
      this.onRecord(this.current);
      this.current = null;
    }
  }

  /** The line the reader has reached, for problems found at the end of the file. */
  get lastLine(): number {
    return this.line;
  }

  /** For a very long line: reads up to its last record boundary and keeps the rest pending. */
  private readCompleteRecordsOf(text: string): string {
    let cut = -1;
    RECORD_BOUNDARY.lastIndex = 0;
    for (let match = RECORD_BOUNDARY.exec(text); match !== null; match = RECORD_BOUNDARY.exec(text)) {
      cut = match.index + match[0].length;
    }
    if (cut === -1) {
      return text;
    }
    this.readSegment(text.slice(0, cut));
    return text.slice(cut);
  }

  /** A stretch of one physical line: one or more physical records, or a wrapped continuation. */
  private readSegment(segment: string): void {
    if (segment.indexOf('/') === -1 || !/\/[ \t]/.test(segment)) {
      this.readPhysicalRecord(segment);
      return;
    }
    let start = 0;
    RECORD_BOUNDARY.lastIndex = 0;
    for (let match = RECORD_BOUNDARY.exec(segment); match !== null; match = RECORD_BOUNDARY.exec(segment)) {
      this.readPhysicalRecord(segment.slice(start, match.index + 1));
      start = match.index + match[0].length;
    }
    this.readPhysicalRecord(segment.slice(start));
  }

  private readPhysicalRecord(raw: string): void {
    const text = raw.trim();
    if (text === '') {
      return;
    }
    const code = text.slice(0, 2);
    const separator = text.charCodeAt(2);
    // "88:" is a continuation with a mistyped comma (seen in the wild); no other code is guessed.
    if ((separator === 0x2c && RECORD_CODES.has(code)) || (separator === 0x3a && code === '88')) {
      this.startPhysicalRecord(code, text.slice(3));
      return;
    }
    if (this.current !== null && this.isOpen) {
      // A record wrapped onto the next line without an 88.
      const pieces = this.current.pieces;
      pieces[pieces.length - 1] = `${pieces[pieces.length - 1] ?? ''} ${text}`;
      this.isOpen = !text.endsWith('/');
      return;
    }
    const shown = /^\d\d/.test(text) ? `record type '${code}'` : `'${text.slice(0, 20)}'`;
    throw new StatementFormatError(
      `line ${this.line}`,
      this.current === null
        ? `${shown} is not a BAI2 record; a BAI2 file starts with a 01 file header`
        : `${shown} is not a BAI2 record (01, 02, 03, 16, 49, 88, 98 or 99)`,
    );
  }

  private startPhysicalRecord(code: string, body: string): void {
    this.isOpen = !body.endsWith('/');
    if (code === '88') {
      if (this.current === null) {
        throw new StatementFormatError(`line ${this.line}`, 'a continuation record (88) must follow the record it continues');
      }
      this.current.pieces.push(body);
      this.current.physicalCount += 1;
      return;
    }
    if (this.current !== null) {
      this.onRecord(this.current);
    }
    this.current = { code, line: this.line, pieces: [body], physicalCount: 1 };
  }
}
