/**
 * One small streaming tag tokenizer for both OFX dialects: 1.x is SGML (a `KEY:VALUE` header
 * block, leaf elements usually without closing tags: `<TRNAMT>-6.60`), 2.x is XML (`<?xml?>`,
 * `<?OFX?>`, every element closed). Both reduce to the same three events, so the statement reader
 * never needs to know which dialect it is reading.
 *
 * How a leaf is told from an aggregate without a schema: after `<X>`, text that is not blank
 * before the next tag makes X a leaf with that value (SGML); `</X>` straight after makes X a leaf
 * too (XML, or SGML that closes its leaves). Otherwise X opens an aggregate. An empty SGML leaf
 * written without a closing tag (`<FITID><NAME>…`) therefore looks like an aggregate; it is closed
 * implicitly by the next closing tag of an enclosing element, and the reader is told so.
 */
import { StatementFormatError } from '../statement';

export interface OfxTagEvents {
  /** An aggregate opens (or an empty SGML leaf without closing tag, which carries nothing). */
  open(name: string): void;
  /** A leaf element with its entity-decoded value, whitespace trimmed at both ends. */
  element(name: string, value: string): void;
  /** An aggregate closes; `isImplicit` when its own closing tag is missing and an outer one closed it. */
  close(name: string, isImplicit: boolean): void;
}

/** Text without any tag for this long is not OFX: refuse rather than buffer a whole file. */
const MAX_UNTAGGED_TEXT = 1 << 20;

const LT = 0x3c;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

/**
 * Push tokenizer: `write` any chunks (a chunk may end mid-tag, mid-value or mid-entity), then
 * `end`. Memory holds only the unfinished tail of the input, the pending leaf value and the stack
 * of open element names. `locate` names the reader's current place for errors found here.
 */
export class OfxTokenizer {
  private rest = '';
  private hasStarted = false;
  private isInBody = false;
  private hasHeaderBlock = false;
  private isRootClosed = false;
  private line = 1;
  private pendingName: string | null = null;
  private pendingText = '';
  private readonly stack: string[] = [];

  constructor(
    private readonly events: OfxTagEvents,
    private readonly locate: () => string,
  ) {}

  /** True once `</OFX>` has closed the document. */
  get isComplete(): boolean {
    return this.isRootClosed && this.stack.length === 0;
  }

  write(chunk: string): void {
    let buffer = this.rest.length === 0 ? chunk : this.rest + chunk;
    if (!this.hasStarted && buffer.length > 0) {
      this.hasStarted = true;
      if (buffer.charCodeAt(0) === 0xfeff) {
        buffer = buffer.slice(1);
      }
    }
    const consumed = this.isInBody ? this.scanBody(buffer, 0) : this.scanPrologue(buffer);
    this.rest = consumed >= buffer.length ? '' : buffer.slice(consumed);
    if (this.rest.length > MAX_UNTAGGED_TEXT) {
      throw new StatementFormatError(this.isInBody ? this.locate() : `line ${this.line}`, 'more than a megabyte of text without a tag: this is not an OFX file');
    }
  }

  end(): void {
    if (!this.isInBody) {
      const hasContent = this.rest.trim() !== '' || this.hasHeaderBlock;
      throw new StatementFormatError(`line ${this.line}`, hasContent ? 'not an OFX file: no <OFX> element' : 'the file is empty');
    }
    if (this.rest.includes('<')) {
      throw new StatementFormatError(this.locate(), 'the file ends in the middle of a tag; it looks cut off');
    }
    this.resolvePending();
    this.rest = '';
  }

  /**
   * Before `<OFX>`: blank lines, an OFX 1.x header block, `<?xml?>`/`<?OFX?>` instructions and
   * comments. Anything else is refused at its line, so a CSV or CAMT file fails at once.
   */
  private scanPrologue(buffer: string): number {
    let i = 0;
    const n = buffer.length;
    for (;;) {
      while (i < n && isSpace(buffer.charCodeAt(i))) {
        if (buffer.charCodeAt(i) === 0x0a) {
          this.line++;
        }
        i++;
      }
      if (i >= n) {
        return i;
      }
      if (buffer.charCodeAt(i) !== LT) {
        if (!this.hasHeaderBlock) {
          const head = buffer.slice(i, i + 9).toUpperCase();
          if (!'OFXHEADER'.startsWith(head)) {
            throw new StatementFormatError(`line ${this.line}`, 'not an OFX file: it should start with an OFXHEADER line or <OFX>');
          }
          if (head.length < 9) {
            return i;
          }
          this.hasHeaderBlock = true;
        }
        const next = buffer.indexOf('<', i);
        const stop = next < 0 ? n : next;
        this.line += countLines(buffer, i, stop);
        i = stop;
        continue;
      }
      if (i + 1 >= n) {
        return i;
      }
      const kind = buffer.charCodeAt(i + 1);
      if (kind === QUESTION || kind === BANG) {
        const end = findMarkupEnd(buffer, i);
        if (end < 0) {
          return i;
        }
        this.line += countLines(buffer, i, end);
        i = end;
        continue;
      }
      const close = buffer.indexOf('>', i);
      if (close < 0) {
        return i;
      }
      const name = readTagName(buffer, i + 1, close);
      if (name !== 'OFX') {
        throw new StatementFormatError(`line ${this.line}`, `not an OFX file: it starts with <${name}> where <OFX> should be`);
      }
      this.isInBody = true;
      return this.scanBody(buffer, i);
    }
  }

  /** The document: returns how far the buffer was consumed (the rest waits for the next chunk). */
  private scanBody(buffer: string, from: number): number {
    const n = buffer.length;
    let i = from;
    while (i < n) {
      const lt = buffer.indexOf('<', i);
      if (lt < 0) {
        return i;
      }
      if (lt > i && this.pendingName !== null) {
        this.appendText(buffer.slice(i, lt));
      }
      if (lt + 1 >= n) {
        return lt;
      }
      const kind = buffer.charCodeAt(lt + 1);
      if (kind === BANG || kind === QUESTION) {
        if (buffer.startsWith('<![CDATA[', lt)) {
          const end = buffer.indexOf(']]>', lt + 9);
          if (end < 0) {
            return lt;
          }
          if (this.pendingName !== null) {
            this.pendingText += buffer.slice(lt + 9, end);
          }
          i = end + 3;
          continue;
        }
        const end = findMarkupEnd(buffer, lt);
        if (end < 0) {
          return lt;
        }
        i = end;
        continue;
      }
      if (kind !== SLASH && !isNameStart(kind)) {
        // A bare '<' in SGML text ("A < B"): keep it as text.
        if (this.pendingName !== null) {
          this.pendingText += '<';
        }
        i = lt + 1;
        continue;
      }
      const gt = buffer.indexOf('>', lt + 1);
      if (gt < 0) {
        return lt;
      }
      if (kind === SLASH) {
        this.closeTag(readTagName(buffer, lt + 2, gt));
      } else if (buffer.charCodeAt(gt - 1) === SLASH) {
        this.resolvePending();
        this.events.element(readTagName(buffer, lt + 1, gt - 1), '');
      } else {
        this.resolvePending();
        this.pendingName = readTagName(buffer, lt + 1, gt);
        this.pendingText = '';
      }
      i = gt + 1;
    }
    return i;
  }

  private appendText(raw: string): void {
    const text = raw.includes('&') ? decodeEntities(raw) : raw;
    this.pendingText = this.pendingText.length === 0 ? text : this.pendingText + text;
  }

  /** Decides what the last opened tag was, now that the next tag has come. */
  private resolvePending(): void {
    const name = this.pendingName;
    if (name === null) {
      return;
    }
    this.pendingName = null;
    const value = this.pendingText.trim();
    this.pendingText = '';
    if (value.length > 0) {
      this.events.element(name, value);
      return;
    }
    this.stack.push(name);
    this.events.open(name);
  }

  private closeTag(name: string): void {
    if (this.pendingName !== null) {
      if (this.pendingName === name) {
        const value = this.pendingText.trim();
        this.pendingName = null;
        this.pendingText = '';
        this.events.element(name, value);
        return;
      }
      this.resolvePending();
    }
    let k = this.stack.length - 1;
    while (k >= 0 && this.stack[k] !== name) {
      k--;
    }
    if (k < 0) {
      return; // a stray closing tag closes nothing: tolerated, as SGML readers do
    }
    while (this.stack.length - 1 > k) {
      const inner = this.stack.pop();
      if (inner !== undefined) {
        this.events.close(inner, true);
      }
    }
    this.stack.pop();
    this.events.close(name, false);
    if (name === 'OFX' && this.stack.length === 0) {
      this.isRootClosed = true;
    }
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isNameStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
    lines++;
  }
  return lines;
}

/** The upper-cased element name between `from` and `to`, without attributes or spaces. */
function readTagName(text: string, from: number, to: number): string {
  let end = from;
  while (end < to && !isSpace(text.charCodeAt(end)) && text.charCodeAt(end) !== SLASH) {
    end++;
  }
  let start = from;
  while (start < end && isSpace(text.charCodeAt(start))) {
    start++;
  }
  return text.slice(start, end).toUpperCase();
}

/**
 * The index just after a comment, processing instruction or declaration starting at `at`, or -1
 * when it is not complete in this buffer yet (including a prefix of `<!--` or `<![CDATA[`).
 */
function findMarkupEnd(text: string, at: number): number {
  if (text.charCodeAt(at + 1) === QUESTION) {
    const end = text.indexOf('?>', at + 2);
    return end < 0 ? -1 : end + 2;
  }
  const available = text.length - at;
  if ((available < 4 && '<!--'.startsWith(text.slice(at))) || (available < 9 && '<![CDATA['.startsWith(text.slice(at)))) {
    return -1;
  }
  if (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (text.startsWith('<![CDATA[', at)) {
    const end = text.indexOf(']]>', at + 9);
    return end < 0 ? -1 : end + 3;
  }
  const end = text.indexOf('>', at + 2);
  return end < 0 ? -1 : end + 1;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Decodes `&amp;`, `&lt;` … and numeric references. Banks sometimes escape twice
 * (`&amp;lt;DEFTPYMT&amp;gt;`), so an entity written behind an escaped ampersand is decoded as
 * well; an ampersand that starts no entity stays as it is (SGML files often leave `&` bare).
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp;)?(#[0-9]{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}
