/**
 * What the matcher reads from a description and a reference, written plainly on strings. This is
 * the definition: the fast matcher reads the same things from pooled character offsets
 * (`description-pool.ts`) and a property test holds the two to the same answers.
 *
 * Descriptions are compared as words. Case, accents, punctuation, word order and bank noise
 * (card numbers, dates, store numbers, boilerplate such as "POS DEBIT") do not count; a word cut
 * short by a bank's column width still agrees with the whole word, and an abbreviation
 * ("MKTPL", "SVC") agrees with the word it abbreviates.
 */

/** Bank and bookkeeping boilerplate: words that say what kind of line it is, not whose. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'ach', 'and', 'apr', 'aug', 'auth', 'autopay', 'bill', 'billing', 'card', 'ccd', 'check', 'checkcard', 'chk', 'com', 'company',
  'corp', 'credit', 'date', 'debit', 'dec', 'dep', 'deposit', 'des', 'eft', 'feb', 'for', 'from', 'inc', 'indn', 'inv',
  'invoice', 'jan', 'jul', 'jun', 'llc', 'ltd', 'mar', 'mastercard', 'may', 'memo', 'mobile', 'net', 'nov', 'oct', 'online',
  'org', 'pay', 'payment', 'pending', 'pmt', 'pos', 'ppd', 'purchase', 'pymt', 'receipt', 'recurring', 'ref', 'sep', 'sept',
  'subscription', 'the', 'trans', 'transaction', 'transfer', 'trf', 'tst', 'txn', 'usa', 'via', 'visa', 'web', 'with',
  'withdrawal', 'www', 'xfer',
]);

/** Weights of one word agreeing with another, out of 1000. */
export const WORD_WEIGHT = { equal: 1000, prefix: 900, shortPrefix: 700, abbreviation: 600 } as const;

/** Shortest word kept, and the shortest digit run read as a number (shorter ones are dates and counts). */
const MIN_WORD_LENGTH = 3;
const MIN_NUMBER_LENGTH = 3;

/** The words and numbers of one description, each once, in order of first appearance. */
export interface DescriptionTokens {
  words: string[];
  /** Digit runs of three or more, without leading zeros. */
  numbers: string[];
}

const ASCII_FOLD = buildAsciiFold();
let wideFold: Int32Array | null = null;

/**
 * Folds one UTF-16 code unit for matching: ASCII letters to lower case, other letters to their
 * lower-case base letter without accents ("É" → "e"), digits unchanged; 0 for everything that
 * separates words (spaces, punctuation, symbols, surrogate halves).
 */
export function foldCode(code: number): number {
  if (code < 128) {
    return ASCII_FOLD[code] ?? 0;
  }
  wideFold ??= new Int32Array(65536).fill(-1);
  const known = wideFold[code] ?? -1;
  if (known >= 0) {
    return known;
  }
  const folded = foldWide(code);
  wideFold[code] = folded;
  return folded;
}

/** True for ASCII digits after folding. */
export function isDigitCode(folded: number): boolean {
  return folded >= 48 && folded <= 57;
}

/** True when `word` is boilerplate that says nothing about who the line is with. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Splits a description into its words and numbers (see the module comment for what is dropped). */
export function tokenizeDescription(text: string): DescriptionTokens {
  const words: string[] = [];
  const numbers: string[] = [];
  let token = '';
  let digits = 0;
  const flush = (): void => {
    if (token.length === 0) {
      return;
    }
    if (digits === token.length) {
      const number = token.replace(/^0+/, '');
      if (token.length >= MIN_NUMBER_LENGTH && number !== '' && !numbers.includes(number)) {
        numbers.push(number);
      }
    } else if (digits === 0 && token.length >= MIN_WORD_LENGTH && !STOPWORDS.has(token) && !words.includes(token)) {
      words.push(token);
    }
    token = '';
    digits = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const folded = foldCode(text.charCodeAt(i));
    if (folded === 0) {
      flush();
      continue;
    }
    token += String.fromCharCode(folded);
    if (isDigitCode(folded)) {
      digits++;
    }
  }
  flush();
  return { words, numbers };
}

/**
 * A reference or check number as compared: letters and digits only, folded, without leading
 * zeros ("Chk #001042" → "chk1042"); null when nothing is left.
 */
export function normalizeReference(reference: string | null | undefined): string | null {
  if (reference == null) {
    return null;
  }
  let out = '';
  for (let i = 0; i < reference.length; i++) {
    const folded = foldCode(reference.charCodeAt(i));
    if (folded === 0 || (folded === 48 && out === '')) {
      continue;
    }
    out += String.fromCharCode(folded);
  }
  return out === '' ? null : out;
}

/** True when a normalised reference is a plain number (a check number, most often). */
export function isNumericReference(normalized: string | null): boolean {
  return normalized !== null && /^[0-9]+$/.test(normalized);
}

/** How well word `a` agrees with word `b`, out of 1000 (symmetric). */
export function wordWeight(a: string, b: string): number {
  if (a === b) {
    return WORD_WEIGHT.equal;
  }
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < MIN_WORD_LENGTH || short.length === long.length) {
    return 0;
  }
  if (long.startsWith(short)) {
    return short.length > MIN_WORD_LENGTH ? WORD_WEIGHT.prefix : WORD_WEIGHT.shortPrefix;
  }
  if (short[0] === long[0] && isSubsequence(short, long)) {
    return WORD_WEIGHT.abbreviation;
  }
  return 0;
}

/**
 * Description similarity, 0..1000: how much of each side's words the other side accounts for,
 * weighted towards the side that is better accounted for, so a truncated or noisy description
 * still scores high against the full one while an exact match scores highest.
 *
 * @example descriptionSimilarity(tokenizeDescription('AMAZON MKTPL*2K4 SEATTLE'), tokenizeDescription('Amazon Marketplace')) === 800
 */
export function descriptionSimilarity(a: DescriptionTokens, b: DescriptionTokens): number {
  if (a.words.length === 0 || b.words.length === 0) {
    return 0;
  }
  const ab = containment(a.words, b.words);
  const ba = containment(b.words, a.words);
  return Math.floor((2 * Math.max(ab, ba) + Math.min(ab, ba)) / 3);
}

/** The words of `a` that some word of `b` agrees with, in `a`'s order. */
export function sharedWords(a: DescriptionTokens, b: DescriptionTokens): string[] {
  return a.words.filter((word) => b.words.some((other) => wordWeight(word, other) > 0));
}

/**
 * The numbers a line carries: those in its description, then its reference when that is a plain
 * number. Each once, in that order.
 */
export function lineNumbers(tokens: DescriptionTokens, normalizedReference: string | null): string[] {
  if (isNumericReference(normalizedReference) && normalizedReference !== null && !tokens.numbers.includes(normalizedReference)) {
    return [...tokens.numbers, normalizedReference];
  }
  return tokens.numbers;
}

/** The first number of `a` (in `a`'s order) that `b` carries too, or null. */
export function firstSharedNumber(a: readonly string[], b: readonly string[]): string | null {
  return a.find((number) => b.includes(number)) ?? null;
}

/**
 * Month/day dates written in a description ("03/15", "3/15/24"): card lines carry the purchase
 * date, which is usually the day the books record. Each as "MM/DD", once, in order. A date is one
 * or two digits, a slash, one or two digits, not preceded by another slash-separated part.
 */
export function writtenDates(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) {
    let start = i;
    while (start > 0 && isAsciiDigit(text.charCodeAt(start - 1))) {
      start--;
    }
    let end = i + 1;
    while (end < text.length && isAsciiDigit(text.charCodeAt(end))) {
      end++;
    }
    const month = i - start;
    const day = end - i - 1;
    if (month < 1 || month > 2 || day < 1 || day > 2 || (start > 0 && text.charCodeAt(start - 1) === 47)) {
      continue;
    }
    const m = Number(text.slice(start, i));
    const d = Number(text.slice(i + 1, end));
    const written = `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`;
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31 && !out.includes(written)) {
      out.push(written);
    }
  }
  return out;
}

/** A line's own date as "MM/DD". */
export function monthDay(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}`;
}

/** The date one line's description gives that is the other line's date ("MM/DD"), or null. */
export function sharedWrittenDate(a: { date: string; description: string }, b: { date: string; description: string }): string | null {
  const bDay = monthDay(b.date);
  if (writtenDates(a.description).includes(bDay)) {
    return bDay;
  }
  const aDay = monthDay(a.date);
  return writtenDates(b.description).includes(aDay) ? aDay : null;
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * A description as firm rules read it: folded, every run of separators one space, trimmed.
 * "Case-insensitive substring" is tested on this form, so "SERVICE-CHARGE" contains "service charge".
 */
export function normalizeForRule(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const folded = foldCode(text.charCodeAt(i));
    if (folded === 0) {
      pendingSpace = out !== '';
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += String.fromCharCode(folded);
  }
  return out;
}

/** True when a firm rule's text occurs in the description (see `normalizeForRule`); empty text never matches. */
export function ruleTextMatches(description: string, text: string): boolean {
  const needle = normalizeForRule(text);
  return needle !== '' && normalizeForRule(description).includes(needle);
}

/**
 * Round amounts (whole currency units) collide by chance far more often than amounts with cents,
 * so an exact-amount match on one needs more evidence.
 */
export function isRoundAmount(amountMinor: number): boolean {
  return amountMinor % 100 === 0;
}

/**
 * Everything about a line, besides its amount and date, that passes 2 and on read. Two lines with
 * the same amount, date and identity key are interchangeable: the matcher treats them as one
 * candidate that can be used as many times as there are such lines. The bank's transaction id is
 * left out on purpose — two genuine duplicates always differ in it — and pass 1, the only reader
 * of ids, decides line by line.
 */
export function lineIdentityKey(
  line: { description: string; reference: string | null; accountKey?: string | null | undefined },
  normalize: (text: string) => string = normalizeForRule,
): string {
  return `${normalize(line.description)}\u0001${normalizeReference(line.reference) ?? ''}\u0001${line.accountKey ?? ''}`;
}

function containment(from: readonly string[], to: readonly string[]): number {
  let total = 0;
  for (const word of from) {
    let best = 0;
    for (const other of to) {
      best = Math.max(best, wordWeight(word, other));
    }
    total += best;
  }
  return Math.floor(total / from.length);
}

function isSubsequence(short: string, long: string): boolean {
  let k = 0;
  for (let i = 0; i < long.length && k < short.length; i++) {
    if (long[i] === short[k]) {
      k++;
    }
  }
  return k === short.length;
}

function buildAsciiFold(): Int32Array {
  const table = new Int32Array(128);
  for (let code = 0; code < 128; code++) {
    if (code >= 65 && code <= 90) {
      table[code] = code + 32;
    } else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      table[code] = code;
    }
  }
  return table;
}

function foldWide(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) {
    return 0;
  }
  const char = String.fromCharCode(code);
  if (!/[\p{L}\p{N}]/u.test(char)) {
    return 0;
  }
  const base = char.toLowerCase().normalize('NFD').charCodeAt(0);
  // A letter whose lower-case base is ASCII punctuation cannot happen, but a separator must never come back as a letter.
  return base < 128 ? (ASCII_FOLD[base] ?? 0) || code : base;
}
