import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createStatementDecoder, decodeStatementBytes, DECISION_WINDOW_BYTES } from './text-decoding';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const cp1252 = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'windows-1252'));

/** Feeds bytes to a streaming decoder in chunks of the given sizes (cycled). */
function decodeInChunks(bytes: Uint8Array, sizes: readonly number[]): { text: string; encoding: string | null } {
  const decoder = createStatementDecoder();
  let text = '';
  let at = 0;
  for (let i = 0; at < bytes.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    text += decoder.write(bytes.subarray(at, at + size));
    at += size;
  }
  text += decoder.end();
  return { text, encoding: decoder.encoding };
}

describe('decodeStatementBytes', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeStatementBytes(utf8('Empfänger;Betrag\nMüller;-1,00\n'))).toEqual({ text: 'Empfänger;Betrag\nMüller;-1,00\n', encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeStatementBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Date,Amount')]))).toEqual({ text: 'Date,Amount', encoding: 'utf-8' });
  });

  it('reads UTF-16 with either byte-order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode('Datum;Částka', 'utf-16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode('Datum;Částka', 'utf-16be')]);
    expect(decodeStatementBytes(le)).toEqual({ text: 'Datum;Částka', encoding: 'utf-16le' });
    expect(decodeStatementBytes(be)).toEqual({ text: 'Datum;Částka', encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a byte-order mark from its NUL bytes', () => {
    expect(decodeStatementBytes(new Uint8Array(iconv.encode('Date,Amount', 'utf-16le')))).toEqual({ text: 'Date,Amount', encoding: 'utf-16le' });
  });

  it('falls back to windows-1252 when the bytes are not UTF-8, so ISO-8859-1 files read correctly', () => {
    const latin1 = new Uint8Array(iconv.encode('Naam initiërende partij;Café', 'latin1'));
    expect(decodeStatementBytes(latin1)).toEqual({ text: 'Naam initiërende partij;Café', encoding: 'windows-1252' });
    expect(decodeStatementBytes(cp1252('Betrag €12'))).toEqual({ text: 'Betrag €12', encoding: 'windows-1252' });
  });

  it('calls a file windows-1252 when any byte anywhere breaks UTF-8', () => {
    const bytes = new Uint8Array([...utf8('é'.repeat(10)), ...cp1252('é')]);
    expect(decodeStatementBytes(bytes).encoding).toBe('windows-1252');
  });
});

describe('createStatementDecoder', () => {
  it('gives the same text as the one-shot decoder whatever the chunk sizes', () => {
    const samples = [utf8('Příjemce;Částka\nŽluťoučký kůň;-1,00 €\n'), cp1252('Bénéficiaire;Montant\nCafé;-1,00 €\n'), new Uint8Array([0xff, 0xfe, ...iconv.encode('Dátum,Összeg\n', 'utf-16le')])];
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }), (bytes, sizes) => {
        expect(decodeInChunks(bytes, sizes)).toEqual(decodeStatementBytes(bytes));
      }),
    );
  });

  it('passes ASCII through before it has to decide, and decides UTF-8 for pure ASCII', () => {
    const decoder = createStatementDecoder();
    expect(decoder.write(utf8('Date,Amount\n2024-01-31,'))).toBe('Date,Amount\n2024-01-31,');
    expect(decoder.encoding).toBeNull();
    expect(decoder.write(utf8('-1.00\n'))).toBe('-1.00\n');
    expect(decoder.end()).toBe('');
    expect(decoder.encoding).toBe('utf-8');
  });

  it('decides on the 64 KiB after the first non-ASCII byte', () => {
    const decoder = createStatementDecoder();
    const head = utf8(`Müller${'x'.repeat(DECISION_WINDOW_BYTES)}`);
    expect(decoder.write(head.subarray(0, 100))).toBe('M');
    expect(decoder.encoding).toBeNull();
    const rest = decoder.write(head.subarray(100));
    expect(decoder.encoding).toBe('utf-8');
    expect(`M${rest}`).toBe(`Müller${'x'.repeat(DECISION_WINDOW_BYTES)}`);
  });

  it('turns bytes that break UTF-8 after the decision into U+FFFD instead of switching encodings', () => {
    const decoder = createStatementDecoder();
    let text = decoder.write(utf8(`é${'x'.repeat(DECISION_WINDOW_BYTES)}`));
    text += decoder.write(cp1252('é;-1,00\n'));
    text += decoder.end();
    expect(decoder.encoding).toBe('utf-8');
    expect(text.endsWith('\uFFFD;-1,00\n')).toBe(true);
  });

  it('reads a windows-1252 file whose first non-ASCII byte comes late', () => {
    const bytes = new Uint8Array([...utf8('a'.repeat(100_000)), ...cp1252('Überweisung;-1,00\n')]);
    expect(decodeInChunks(bytes, [65536])).toEqual({ text: `${'a'.repeat(100_000)}Überweisung;-1,00\n`, encoding: 'windows-1252' });
  });

  it('decodes an empty input to nothing', () => {
    const decoder = createStatementDecoder();
    expect(decoder.end()).toBe('');
    expect(decoder.encoding).toBe('utf-8');
  });
});
