import { dictionary } from '@zxcvbn-ts/language-common';

/** NIST SP 800-63B Rev. 4: length is what counts; no composition rules; block known-bad ones. */
export const MIN_LENGTH_WITHOUT_MFA = 15;
export const MIN_LENGTH_WITH_MFA = 8;
export const MAX_LENGTH = 128;

const commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export interface PasswordContext {
  /** Whether the account has (or must enrol) a second factor: the shorter minimum applies. */
  hasMfa: boolean;
  /** Words specific to this account and service that make a weak password (e-mail, name, firm). */
  contextWords: string[];
}

/**
 * Checks a new password and returns the problems, in words a person can act on. Length is
 * counted in Unicode code points; every printable character and space is allowed.
 */
export function checkPassword(password: string, context: PasswordContext): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  const minimum = context.hasMfa ? MIN_LENGTH_WITH_MFA : MIN_LENGTH_WITHOUT_MFA;
  if (length < minimum) {
    problems.push(
      context.hasMfa
        ? `Use at least ${minimum} characters.`
        : `Use at least ${minimum} characters (${MIN_LENGTH_WITH_MFA} once two-step verification is on). A short phrase is easy to remember.`,
    );
  }
  if (length > MAX_LENGTH) {
    problems.push(`Use at most ${MAX_LENGTH} characters.`);
  }
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) {
    problems.push('This password appears in lists of commonly used passwords. Choose another.');
  }
  if (length > 0 && new Set(lowered).size <= 2) {
    problems.push('Avoid repeating the same one or two characters.');
  }
  const contextHit = context.contextWords
    .map((w) => w.toLowerCase().trim())
    .filter((w) => w.length >= 4)
    .find((w) => lowered.includes(w));
  if (contextHit !== undefined) {
    problems.push('Do not build the password from your name, e-mail address or the firm name.');
  }
  return problems;
}

/** The words of an e-mail address and name worth refusing inside a password. */
export function contextWordsFor(email: string, name: string, firmName: string): string[] {
  const local = email.split('@')[0] ?? '';
  return [local, ...local.split(/[._+-]/), ...name.split(/\s+/), firmName, 'tickmark'].filter((w) => w.length >= 4);
}
