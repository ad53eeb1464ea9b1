/**
 * Turns the bytes of an uploaded statement into text, for every format. Banks still export in
 * Windows code pages, Excel writes UTF-16 with a byte-order mark, and nobody labels anything, so
 * the encoding is worked out from the bytes:
 *
 * 1. A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE) and is dropped.
 * 2. Without one, text that opens with ASCII characters interleaved with NUL bytes is UTF-16.
 * 3. Otherwise the text is UTF-8 when its bytes are valid UTF-8, else windows-1252 (a superset of
 *    ISO-8859-1, so Latin-1 files read correctly too). Other single-byte code pages (cp1250 for
 *    Czech, for example) come out as windows-1252 look-alikes; header matching tolerates that.
 */
import iconv from 'iconv-lite';

export type StatementEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedStatement {
  text: string;
  encoding: StatementEncoding;
}

/**
 * A push decoder for large uploads: `write` returns the text decoded so far, `end` the rest.
 *
 * Without a byte-order mark the decision waits for the first non-ASCII byte (ASCII reads the same
 * in UTF-8 and windows-1252, so it is passed through at once) and is then taken on the next
 * 64 KiB: valid UTF-8 there means UTF-8 for the whole file. Should a later chunk still prove
 * invalid UTF-8 (a file glued together from two encodings), its bad bytes become U+FFFD rather
 * than switching encodings half-way through a file or refusing it; amounts and dates are ASCII
 * and stay exact.
 */
export interface StatementDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /** The encoding once decided (after the first non-ASCII byte, a BOM, or `end`); null before. */
  readonly encoding: StatementEncoding | null;
}

/** How many bytes after the first non-ASCII byte the streaming decoder looks at before deciding. */
export const DECISION_WINDOW_BYTES = 64 * 1024;

/**
 * Decodes a whole file. Unlike the streaming decoder it checks every byte, so a file is UTF-8 only
 * when all of it is valid UTF-8.
 *
 * @example decodeStatementBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9])) → { text: 'café', encoding: 'windows-1252' }
 */
export function decodeStatementBytes(bytes: Uint8Array): DecodedStatement {
  const marked = encodingFromMark(bytes);
  if (marked) {
    return { text: decodeWhole(bytes.subarray(marked.markLength), marked.encoding), encoding: marked.encoding };
  }
  const unmarked = looksLikeUtf16(bytes);
  if (unmarked) {
    return { text: decodeWhole(bytes, unmarked), encoding: unmarked };
  }
  const encoding = findInvalidUtf8(bytes, 0, bytes.length, true) === -1 ? 'utf-8' : 'windows-1252';
  return { text: decodeWhole(bytes, encoding), encoding };
}

/** See `StatementDecoder`. */
export function createStatementDecoder(): StatementDecoder {
  let encoding: StatementEncoding | null = null;
  let decode: ((chunk: Uint8Array, isLast: boolean) => string) | null = null;
  // Bytes held back: the first few (until a BOM can be ruled out), then the decision window.
  let held = new Uint8Array(0);
  let isStartChecked = false;
  let isInWindow = false;

  const decide = (chosen: StatementEncoding): void => {
    encoding = chosen;
    decode = createChunkDecoder(chosen);
  };

  const hold = (chunk: Uint8Array): void => {
    const joined = new Uint8Array(held.length + chunk.length);
    joined.set(held, 0);
    joined.set(chunk, held.length);
    held = joined;
  };

  const release = (isLast: boolean): string => {
    const bytes = held;
    held = new Uint8Array(0);
    return decode ? decode(bytes, isLast) : '';
  };

  const push = (chunk: Uint8Array, isLast: boolean): string => {
    if (decode) {
      return decode(chunk, isLast);
    }
    if (!isStartChecked) {
      hold(chunk);
      if (held.length < 4 && !isLast) {
        return '';
      }
      isStartChecked = true;
      const marked = encodingFromMark(held);
      const unmarked = marked ? null : looksLikeUtf16(held);
      if (marked) {
        held = held.subarray(marked.markLength);
        decide(marked.encoding);
        return release(isLast);
      }
      if (unmarked) {
        decide(unmarked);
        return release(isLast);
      }
      chunk = held;
      held = new Uint8Array(0);
    }
    if (!isInWindow) {
      // Pass ASCII through until the first byte that could tell the encodings apart.
      const firstHigh = chunk.findIndex((byte) => byte >= 0x80);
      if (firstHigh === -1) {
        return asciiText(chunk);
      }
      isInWindow = true;
      const prefix = asciiText(chunk.subarray(0, firstHigh));
      hold(chunk.subarray(firstHigh));
      return prefix + decideIfReady(isLast);
    }
    hold(chunk);
    return decideIfReady(isLast);
  };

  const decideIfReady = (isLast: boolean): string => {
    if (held.length < DECISION_WINDOW_BYTES && !isLast) {
      return '';
    }
    const windowEnd = Math.min(held.length, DECISION_WINDOW_BYTES);
    decide(findInvalidUtf8(held, 0, windowEnd, isLast && windowEnd === held.length) === -1 ? 'utf-8' : 'windows-1252');
    return release(isLast);
  };

  return {
    write(chunk) {
      return push(chunk, false);
    },
    end() {
      const text = push(new Uint8Array(0), true);
      if (encoding === null) {
        // Nothing but ASCII (or nothing at all): UTF-8 reads it exactly.
        decide('utf-8');
      }
      return text;
    },
    get encoding() {
      return encoding;
    },
  };
}

function encodingFromMark(bytes: Uint8Array): { encoding: StatementEncoding; markLength: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', markLength: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { encoding: 'utf-16le', markLength: 2 };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { encoding: 'utf-16be', markLength: 2 };
  }
  return null;
}

/** UTF-16 without a mark: the first two characters are ASCII with a NUL high byte. */
function looksLikeUtf16(bytes: Uint8Array): StatementEncoding | null {
  if (bytes.length < 4) {
    return null;
  }
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes;
  if (b0 !== 0 && b0 < 0x80 && b1 === 0 && b2 !== 0 && b2 < 0x80 && b3 === 0) {
    return 'utf-16le';
  }
  if (b0 === 0 && b1 !== 0 && b1 < 0x80 && b2 === 0 && b3 !== 0 && b3 < 0x80) {
    return 'utf-16be';
  }
  return null;
}

function decodeWhole(bytes: Uint8Array, encoding: StatementEncoding): string {
  return createChunkDecoder(encoding)(bytes, true);
}

/** A stateful decoder for one encoding; `isLast` flushes a character split across chunks. */
function createChunkDecoder(encoding: StatementEncoding): (chunk: Uint8Array, isLast: boolean) => string {
  if (encoding === 'windows-1252') {
    // A single-byte code page has no state between chunks.
    return (chunk) => iconv.decode(chunk, 'windows-1252');
  }
  // The mark (if any) was removed already; a second one would be content, so keep it.
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return (chunk, isLast) => decoder.decode(chunk, { stream: !isLast });
}

const asciiDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** ASCII reads the same in every encoding we choose between; UTF-8's decoder is the fastest. */
function asciiText(bytes: Uint8Array): string {
  return asciiDecoder.decode(bytes);
}

/**
 * The index of the first byte that breaks UTF-8 in `bytes[start, end)`, or -1 when none does.
 * A sequence cut off by `end` counts as valid unless `isComplete` says nothing follows.
 */
function findInvalidUtf8(bytes: Uint8Array, start: number, end: number, isComplete: boolean): number {
  let i = start;
  while (i < end) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + length > end) {
      if (isComplete) {
        return i;
      }
      for (let k = i + 1; k < end; k += 1) {
        if (((bytes[k] ?? 0) & 0xc0) !== 0x80) {
          return i;
        }
      }
      return -1;
    }
    let codePoint = lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) {
        return i;
      }
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      return i;
    }
    i += length;
  }
  return -1;
}
