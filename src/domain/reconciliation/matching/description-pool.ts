/**
 * The fast reading of descriptions: each line's words and numbers are found once, on first use,
 * and kept as offsets into the line's own string with a hash per token, in typed arrays shared by
 * all lines. Nothing is allocated per token, and a line that no decision needs is never read.
 * It answers exactly as `similarity.ts`, which is the definition (a property test holds them equal).
 */
import { STOPWORDS, WORD_WEIGHT, foldCode, isNumericReference, normalizeForRule } from './similarity';

/** ASCII folding, kept here so the tokenizer's inner loop needs no call for plain text (`foldCode` is the definition). */
const ASCII_FOLD = Int32Array.from({ length: 128 }, (_, code) => foldCode(code));

const MIN_WORD_LENGTH = 3;
const MIN_NUMBER_LENGTH = 3;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const CACHE_SIZE = 4096;

export class DescriptionPool {
  private readonly first: Int32Array;
  private readonly wordCount: Int32Array;
  private readonly numberCount: Int32Array;
  private hash = new Int32Array(1024);
  private start = new Int32Array(1024);
  private length = new Int32Array(1024);
  private used = 0;
  /** Each read line's description, and a bit per first letter of its words (bit 31: a non-ASCII first letter). */
  private readonly texts: string[];
  private readonly initials: Int32Array;
  private readonly dateFirst: Int32Array;
  private readonly dateCount: Uint8Array;
  private datePool = new Int32Array(1024);
  private datesUsed = 0;
  private readonly cacheKey = new Float64Array(CACHE_SIZE).fill(-1);
  private readonly cacheValue = new Int32Array(CACHE_SIZE);
  private numberHash = new Int32Array(16);
  private numberStart = new Int32Array(16);
  private numberLength = new Int32Array(16);

  constructor(
    private readonly textOf: (node: number) => string,
    nodes: number,
  ) {
    this.first = new Int32Array(nodes).fill(-1);
    this.wordCount = new Int32Array(nodes);
    this.numberCount = new Int32Array(nodes);
    this.texts = new Array<string>(nodes);
    this.initials = new Int32Array(nodes);
    this.dateFirst = new Int32Array(nodes).fill(-1);
    this.dateCount = new Uint8Array(nodes);
  }

  /**
   * `sharedWrittenDate`: the date (month × 100 + day) that one line's description writes and that
   * is the other line's date — `x`'s written dates against `y`'s date first — or -1.
   */
  sharedWrittenDate(x: number, xMonthDay: number, y: number, yMonthDay: number): number {
    if (this.writesDate(x, yMonthDay)) {
      return yMonthDay;
    }
    return this.writesDate(y, xMonthDay) ? xMonthDay : -1;
  }

  private writesDate(node: number, monthDay: number): boolean {
    this.readDates(node);
    const first = this.dateFirst[node] ?? 0;
    for (let k = first; k < first + (this.dateCount[node] ?? 0); k++) {
      if (this.datePool[k] === monthDay) {
        return true;
      }
    }
    return false;
  }

  /** `writtenDates`, kept as month × 100 + day (at most 255 per line; more are ignored). */
  private readDates(node: number): void {
    if ((this.dateFirst[node] ?? -1) >= 0) {
      return;
    }
    const text = this.textOf(node);
    const first = this.datesUsed;
    let count = 0;
    for (let i = text.indexOf('/'); i >= 0 && count < 255; i = text.indexOf('/', i + 1)) {
      let start = i;
      while (start > 0 && isDigit(text.charCodeAt(start - 1))) {
        start--;
      }
      let end = i + 1;
      while (end < text.length && isDigit(text.charCodeAt(end))) {
        end++;
      }
      if (i - start < 1 || i - start > 2 || end - i - 1 < 1 || end - i - 1 > 2 || (start > 0 && text.charCodeAt(start - 1) === 47)) {
        continue;
      }
      const month = digitsValue(text, start, i);
      const day = digitsValue(text, i + 1, end);
      const code = month * 100 + day;
      if (month < 1 || month > 12 || day < 1 || day > 31 || this.datePool.subarray(first, first + count).includes(code)) {
        continue;
      }
      if (first + count >= this.datePool.length) {
        const next = new Int32Array(this.datePool.length * 2);
        next.set(this.datePool);
        this.datePool = next;
      }
      this.datePool[first + count] = code;
      count++;
    }
    this.dateFirst[node] = first;
    this.dateCount[node] = count;
    this.datesUsed = first + count;
  }

  /** Description similarity of two lines, 0..1000 (`descriptionSimilarity`). */
  similarity(x: number, y: number): number {
    // A pair is scored, then trusted, then explained: remember recent answers.
    const key = x * this.first.length + y;
    const slot = (Math.imul(x, 0x9e3779b1) ^ y) & (CACHE_SIZE - 1);
    if (this.cacheKey[slot] === key) {
      return this.cacheValue[slot] ?? 0;
    }
    this.read(x);
    this.read(y);
    let value = 0;
    // Every way two words can agree needs the same first letter: no shared initial, nothing in common.
    if ((this.wordCount[x] ?? 0) > 0 && (this.wordCount[y] ?? 0) > 0 && ((this.initials[x] ?? 0) & (this.initials[y] ?? 0)) !== 0) {
      const xy = this.containment(x, y);
      const yx = this.containment(y, x);
      value = Math.floor((2 * Math.max(xy, yx) + Math.min(xy, yx)) / 3);
    }
    this.cacheKey[slot] = key;
    this.cacheValue[slot] = value;
    return value;
  }

  /** The words of `x` that some word of `y` agrees with, in `x`'s order (`sharedWords`). */
  sharedWords(x: number, y: number): string[] {
    this.read(x);
    this.read(y);
    const out: string[] = [];
    const tx = this.texts[x] ?? '';
    const base = this.first[x] ?? 0;
    for (let k = 0; k < (this.wordCount[x] ?? 0); k++) {
      if (this.bestWeight(x, base + k, y) > 0) {
        const s = this.start[base + k] ?? 0;
        const word = tx.slice(s, s + (this.length[base + k] ?? 0));
        // Words are letters only: for ASCII, lower case is the folded form.
        out.push(NON_ASCII.test(word) ? foldSlice(tx, s, s + word.length) : word.toLowerCase());
      }
    }
    return out;
  }

  /** True when `number` (digits, no leading zeros) is one of the numbers in `x`'s description. */
  hasNumber(x: number, number: string): boolean {
    this.read(x);
    return this.findNumber(x, number, 0, number.length);
  }

  /**
   * The first number `x` carries (description numbers, then its numeric reference) that `y`
   * carries too (`firstSharedNumber(lineNumbers(x), lineNumbers(y))`).
   */
  firstSharedNumber(x: number, referenceX: string | null, y: number, referenceY: string | null): string | null {
    this.read(x);
    this.read(y);
    const refX = isNumericReference(referenceX) ? referenceX : null;
    const refY = isNumericReference(referenceY) ? referenceY : null;
    const tx = this.texts[x] ?? '';
    const base = (this.first[x] ?? 0) + (this.wordCount[x] ?? 0);
    for (let k = 0; k < (this.numberCount[x] ?? 0); k++) {
      const s = this.start[base + k] ?? 0;
      const len = this.length[base + k] ?? 0;
      if (this.findNumber(y, tx, s, len) || (refY !== null && sameChars(tx, s, refY, 0, len, refY.length))) {
        return tx.slice(s, s + len);
      }
    }
    if (refX !== null && !this.findNumber(x, refX, 0, refX.length)) {
      if (this.findNumber(y, refX, 0, refX.length) || refX === refY) {
        return refX;
      }
    }
    return null;
  }

  private containment(x: number, y: number): number {
    const base = this.first[x] ?? 0;
    const count = this.wordCount[x] ?? 0;
    let total = 0;
    for (let k = 0; k < count; k++) {
      total += this.bestWeight(x, base + k, y);
    }
    return Math.floor(total / count);
  }

  private bestWeight(x: number, token: number, y: number): number {
    const tx = this.texts[x] ?? '';
    const ty = this.texts[y] ?? '';
    const hx = this.hash[token] ?? 0;
    const sx = this.start[token] ?? 0;
    const lx = this.length[token] ?? 0;
    const base = this.first[y] ?? 0;
    const end = base + (this.wordCount[y] ?? 0);
    let best = 0;
    for (let t = base; t < end; t++) {
      const ly = this.length[t] ?? 0;
      const sy = this.start[t] ?? 0;
      const weight =
        lx === ly
          ? hx === (this.hash[t] ?? 0) && sameChars(tx, sx, ty, sy, lx, ly)
            ? WORD_WEIGHT.equal
            : 0
          : lx < ly
            ? partialWeight(tx, sx, lx, ty, sy, ly)
            : partialWeight(ty, sy, ly, tx, sx, lx);
      if (weight > best) {
        best = weight;
        if (best === WORD_WEIGHT.equal) {
          break;
        }
      }
    }
    return best;
  }

  /** True when one of `x`'s description numbers has the characters `text[s, s+len)`. */
  private findNumber(x: number, text: string, s: number, len: number): boolean {
    const tx = this.texts[x] ?? '';
    const base = (this.first[x] ?? 0) + (this.wordCount[x] ?? 0);
    for (let k = 0; k < (this.numberCount[x] ?? 0); k++) {
      const ls = this.length[base + k] ?? 0;
      if (ls === len && sameChars(tx, this.start[base + k] ?? 0, text, s, ls, len)) {
        return true;
      }
    }
    return false;
  }

  private read(node: number): void {
    if ((this.first[node] ?? -1) >= 0) {
      return;
    }
    const text = this.textOf(node);
    this.texts[node] = text;
    let initials = 0;
    // Tokens are at least three characters with a separator between them: at most length / 4 + 1.
    this.grow(this.used + (text.length >> 2) + 2);
    const base = this.used;
    let words = 0;
    let numbers = 0;
    let tokenStart = -1;
    let digits = 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      const folded = code < 128 ? (ASCII_FOLD[code] ?? 0) : foldCode(code);
      if (folded !== 0) {
        if (tokenStart < 0) {
          tokenStart = i;
          digits = 0;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ folded, FNV_PRIME);
        if (folded <= 57 && folded >= 48) {
          digits++;
        }
        continue;
      }
      if (tokenStart < 0) {
        continue;
      }
      const len = i - tokenStart;
      if (digits === len) {
        numbers += this.keepNumber(text, tokenStart, len, numbers);
      } else if (digits === 0 && len >= MIN_WORD_LENGTH && !isStopwordAt(text, tokenStart, len, hash) && !this.hasToken(text, base, words, tokenStart, len, hash)) {
        this.hash[base + words] = hash;
        this.start[base + words] = tokenStart;
        this.length[base + words] = len;
        words++;
        const head = text.charCodeAt(tokenStart);
        const initial = head < 128 ? (ASCII_FOLD[head] ?? 0) : foldCode(head);
        initials |= initial >= 97 && initial <= 122 ? 1 << (initial - 97) : 1 << 31;
      }
      tokenStart = -1;
    }
    for (let k = 0; k < numbers; k++) {
      this.hash[base + words + k] = this.numberHash[k] ?? 0;
      this.start[base + words + k] = this.numberStart[k] ?? 0;
      this.length[base + words + k] = this.numberLength[k] ?? 0;
    }
    this.first[node] = base;
    this.initials[node] = initials;
    this.wordCount[node] = words;
    this.numberCount[node] = numbers;
    this.used = base + words + numbers;
  }

  /** Notes a digit run as the line's next number (leading zeros dropped, each once); returns 1 when kept. */
  private keepNumber(text: string, s: number, len: number, count: number): number {
    if (len < MIN_NUMBER_LENGTH) {
      return 0;
    }
    let from = s;
    while (from < s + len && text.charCodeAt(from) === 48) {
      from++;
    }
    const stripped = s + len - from;
    if (stripped === 0) {
      return 0;
    }
    let hash = FNV_OFFSET;
    for (let i = from; i < s + len; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    }
    for (let k = 0; k < count; k++) {
      if (this.numberHash[k] === hash && this.numberLength[k] === stripped && sameChars(text, this.numberStart[k] ?? 0, text, from, stripped, stripped)) {
        return 0;
      }
    }
    if (count >= this.numberHash.length) {
      for (const key of ['numberHash', 'numberStart', 'numberLength'] as const) {
        const next = new Int32Array(this[key].length * 2);
        next.set(this[key]);
        this[key] = next;
      }
    }
    this.numberHash[count] = hash;
    this.numberStart[count] = from;
    this.numberLength[count] = stripped;
    return 1;
  }

  /** True when the line's first `count` words (from `base`) already hold this word. */
  private hasToken(text: string, base: number, count: number, s: number, len: number, hash: number): boolean {
    for (let k = base; k < base + count; k++) {
      if (this.hash[k] === hash && this.length[k] === len && sameChars(text, this.start[k] ?? 0, text, s, len, len)) {
        return true;
      }
    }
    return false;
  }

  private grow(needed: number): void {
    if (needed <= this.hash.length) {
      return;
    }
    let size = this.hash.length * 2;
    while (size < needed) {
      size *= 2;
    }
    for (const key of ['hash', 'start', 'length'] as const) {
      const next = new Int32Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

const NON_ASCII = /[^ -~\t\n\r]/;
const SEPARATOR_RUNS = /[^a-z0-9]+/g;

/** `normalizeForRule`, at native string speed when the text is ASCII (as bank descriptions mostly are). */
export function normalizeForRuleFast(text: string): string {
  if (NON_ASCII.test(text)) {
    return normalizeForRule(text);
  }
  return text.toLowerCase().replace(SEPARATOR_RUNS, ' ').trim();
}

/**
 * `normalizeForRule(description).includes(needle)` for a needle already written by
 * `normalizeForRule`, read straight from the description without building its normal form.
 */
export function containsRuleText(description: string, needle: string): boolean {
  if (needle === '') {
    return false;
  }
  const head = needle.charCodeAt(0);
  for (let i = 0; i < description.length; i++) {
    if (foldCode(description.charCodeAt(i)) === head && matchesAt(description, i, needle)) {
      return true;
    }
  }
  return false;
}

/**
 * Several rule texts (each written by `normalizeForRule`) searched at once: `firstMatch` reads a
 * description once and returns the position in `needles` of the first text it contains
 * (`containsRuleText`), or -1, without building any string.
 */
export class RuleTextIndex {
  /** Needles by their first (folded) character: ASCII in an array, the rest in a map. */
  private readonly asciiFirst: Array<number[] | undefined> = new Array<number[] | undefined>(128).fill(undefined);
  private readonly wideFirst = new Map<number, number[]>();
  private readonly lowest: number;

  constructor(private readonly needles: readonly string[]) {
    needles.forEach((needle, index) => {
      if (needle !== '') {
        const head = needle.charCodeAt(0);
        const list = (head < 128 ? this.asciiFirst[head] : this.wideFirst.get(head)) ?? [];
        list.push(index);
        if (head < 128) {
          this.asciiFirst[head] = list;
        } else {
          this.wideFirst.set(head, list);
        }
      }
    });
    this.lowest = needles.findIndex((needle) => needle !== '');
  }

  firstMatch(description: string): number {
    let best = -1;
    for (let i = 0; i < description.length && best !== this.lowest; i++) {
      const code = description.charCodeAt(i);
      const folded = code < 128 ? (ASCII_FOLD[code] ?? 0) : foldCode(code);
      const list = folded === 0 ? undefined : folded < 128 ? this.asciiFirst[folded] : this.wideFirst.get(folded);
      if (list === undefined) {
        continue;
      }
      for (const index of list) {
        if (best >= 0 && index >= best) {
          break;
        }
        if (matchesAt(description, i, this.needles[index] ?? '')) {
          best = index;
          break;
        }
      }
    }
    return best;
  }
}

function matchesAt(description: string, from: number, needle: string): boolean {
  let k = from;
  for (let j = 0; j < needle.length; j++) {
    const want = needle.charCodeAt(j);
    if (want === 32) {
      // One space of the needle stands for a whole run of separators in the description.
      if (k >= description.length || foldCode(description.charCodeAt(k)) !== 0) {
        return false;
      }
      while (k < description.length && foldCode(description.charCodeAt(k)) === 0) {
        k++;
      }
      continue;
    }
    if (k >= description.length || foldCode(description.charCodeAt(k)) !== want) {
      return false;
    }
    k++;
  }
  return true;
}

/** Folded characters of `text[from, to)`, the same string `tokenizeDescription` builds. */
export function foldSlice(text: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  }
  return out;
}

const STOPWORD_CHECK = new Map<number, string[]>();

/** Hash of a stopword's characters, to recognise it without building the token's string. */
function rememberStopword(word: string): void {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  }
  const list = STOPWORD_CHECK.get(hash) ?? [];
  list.push(word);
  STOPWORD_CHECK.set(hash, list);
}

function isStopwordAt(text: string, s: number, len: number, hash: number): boolean {
  if (STOPWORD_CHECK.size === 0) {
    for (const word of STOPWORDS) {
      rememberStopword(word);
    }
  }
  const candidates = STOPWORD_CHECK.get(hash);
  if (candidates === undefined) {
    return false;
  }
  return candidates.some((word) => sameChars(text, s, word, 0, len, word.length));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    value = value * 10 + text.charCodeAt(i) - 48;
  }
  return value;
}

/** Folded equality of `a[sa, sa+la)` and `b[sb, sb+lb)`. */
function sameChars(a: string, sa: number, b: string, sb: number, la: number, lb: number): boolean {
  if (la !== lb) {
    return false;
  }
  for (let k = 0; k < la; k++) {
    if (foldCode(a.charCodeAt(sa + k)) !== foldCode(b.charCodeAt(sb + k))) {
      return false;
    }
  }
  return true;
}

/** `wordWeight` for two words of different lengths, the shorter first. */
function partialWeight(ts: string, ss: number, ls: number, tl: string, sl: number, ll: number): number {
  const firstShort = foldCode(ts.charCodeAt(ss));
  if (firstShort !== foldCode(tl.charCodeAt(sl))) {
    return 0;
  }
  let k = 1;
  while (k < ls && foldCode(ts.charCodeAt(ss + k)) === foldCode(tl.charCodeAt(sl + k))) {
    k++;
  }
  if (k === ls) {
    return ls > MIN_WORD_LENGTH ? WORD_WEIGHT.prefix : WORD_WEIGHT.shortPrefix;
  }
  // Subsequence test from the first mismatch on: the common prefix is already matched.
  let j = k;
  for (let i = k; i < ll && j < ls; i++) {
    if (foldCode(tl.charCodeAt(sl + i)) === foldCode(ts.charCodeAt(ss + j))) {
      j++;
    }
  }
  return j === ls ? WORD_WEIGHT.abbreviation : 0;
}
