import { describe, expect, it } from 'vitest';
import { checkPassword, contextWordsFor } from './password-rules';

const noMfa = { hasMfa: false, contextWords: [] };
const withMfa = { hasMfa: true, contextWords: [] };

describe('checkPassword', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(checkPassword('walnut harbour evening lantern', noMfa)).toEqual([]);
  });

  it('asks for 15 characters without MFA and 8 with it', () => {
    expect(checkPassword('violet-kite-91', noMfa)).toHaveLength(1);
    expect(checkPassword('violet-kite-91', withMfa)).toEqual([]);
    expect(checkPassword('kite-91', withMfa)[0]).toMatch(/at least 8/);
  });

  it('allows 64 characters and more', () => {
    expect(checkPassword('a quiet river runs under the old stone bridge at dawn, every day!', noMfa)).toEqual([]);
  });

  it('refuses passwords from the common-password list whatever their case', () => {
    expect(checkPassword('Password1234', withMfa).join(' ')).toMatch(/commonly used/);
    expect(checkPassword('123456789qwerty', noMfa).join(' ')).toMatch(/commonly used/);
  });

  it('refuses a password built from the account holder or firm name', () => {
    const words = contextWordsFor('priya.raman@harborvale.example', 'Priya Raman', 'Harbor & Vale CPAs');
    expect(checkPassword('raman-summer-holiday', { hasMfa: false, contextWords: words }).join(' ')).toMatch(/name/);
  });

  it('counts characters, not bytes, so non-Latin passphrases are measured fairly', () => {
    expect(checkPassword('ネコがすきです-ネコがすきです', noMfa)).toEqual([]);
  });
});
