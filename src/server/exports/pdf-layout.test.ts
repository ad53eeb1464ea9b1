import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPdfText } from './pdf-layout';

/** What Helvetica's WinAnsi encoding can draw. */
const WIN_ANSI = /^[\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/;

describe('toPdfText', () => {
  it('keeps Latin-1 text and the typographic characters Helvetica has', () => {
    expect(toPdfText('Café Zürich — “quoted” • 5 €')).toBe('Café Zürich — “quoted” • 5 €');
  });

  it('turns line breaks and tabs into spaces and drops other control characters', () => {
    expect(toPdfText('one\r\ntwo\tthree\u0000four\u0085')).toBe('one two threefour');
  });

  it('drops accents Helvetica cannot draw and marks other characters with a question mark', () => {
    expect(toPdfText('Łódź Gdańsk ő − 中')).toBe('?ódz Gdansk o - ?');
  });

  it('only ever returns characters the built-in font can draw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(toPdfText(text)).toMatch(WIN_ANSI);
      }),
    );
  });
});
