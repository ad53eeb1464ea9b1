/**
 * The fast reading of descriptions: each line's words and numbers are found once, on first use,
 * and kept as offsets into the line's own string with a hash per token, in typed arrays shared by
 * all lines. Nothing is allocated per token, and a line that no decision needs is never read.
 * It answers exactly as `similarity.ts`, which is the definition (a property test holds them equal).
 */
import { STOPWORDS, WORD_WEIGHT, foldCode, isNumericReference, normalizeForRule } from './similarity';

const MIN_WORD_LENGTH = 3;
const MIN_NUMBER_LENGTH = 3;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

export class DescriptionPool {
  private readonly first: Int32Array;
  private readonly wordCount: Int32Array;
  private readonly numberCount: Int32Array;
  private hash = new Int32Array(1024);
  private start = new Int32Array(1024);
  private length = new Int32Array(1024);
  private used = 0;
  private readonly scratchWords: number[] = [];
  private readonly scratchNumbers: number[] = [];

  constructor(
    private readonly textOf: (node: number) => string,
    nodes: number,
  ) {
    this.first = new Int32Array(nodes).fill(-1);
    this.wordCount = new Int32Array(nodes);
    this.numberCount = new Int32Array(nodes);
  }

  /** Description similarity of two lines, 0..1000 (`descriptionSimilarity`). */
  similarity(x: number, y: number): number {
    this.read(x);
    this.read(y);
    const wx = this.wordCount[x] ?? 0;
    const wy = this.wordCount[y] ?? 0;
    if (wx === 0 || wy === 0) {
      return 0;
    }
    const xy = this.containment(x, y);
    const yx = this.containment(y, x);
    return Math.floor((2 * Math.max(xy, yx) + Math.min(xy, yx)) / 3);
  }

  /** The words of `x` that some word of `y` agrees with, in `x`'s order (`sharedWords`). */
  sharedWords(x: number, y: number): string[] {
    this.read(x);
    this.read(y);
    const out: string[] = [];
    const tx = this.textOf(x);
    const base = this.first[x] ?? 0;
    for (let k = 0; k < (this.wordCount[x] ?? 0); k++) {
      if (this.bestWeight(x, base + k, y) > 0) {
        const s = this.start[base + k] ?? 0;
        out.push(foldSlice(tx, s, s + (this.length[base + k] ?? 0)));
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
    const tx = this.textOf(x);
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
    const tx = this.textOf(x);
    const ty = this.textOf(y);
    const hx = this.hash[token] ?? 0;
    const sx = this.start[token] ?? 0;
    const lx = this.length[token] ?? 0;
    const base = this.first[y] ?? 0;
    const end = base + (this.wordCount[y] ?? 0);
    let best = 0;
    for (let t = base; t < end; t++) {
      const ly = this.length[t] ?? 0;
      const sy = this.start[t] ?? 0;
      let weight = 0;
      if (lx === ly) {
        weight = hx === (this.hash[t] ?? 0) && sameChars(tx, sx, ty, sy, lx, ly) ? WORD_WEIGHT.equal : 0;
      } else if (lx < ly) {
        weight = partialWeight(tx, sx, lx, ty, sy, ly);
      } else {
        weight = partialWeight(ty, sy, ly, tx, sx, lx);
      }
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
    const tx = this.textOf(x);
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
    const words = this.scratchWords;
    const numbers = this.scratchNumbers;
    words.length = 0;
    numbers.length = 0;
    let tokenStart = -1;
    let digits = 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i <= text.length; i++) {
      const folded = i < text.length ? foldCode(text.charCodeAt(i)) : 0;
      if (folded !== 0) {
        if (tokenStart < 0) {
          tokenStart = i;
          digits = 0;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ folded, FNV_PRIME);
        if (folded >= 48 && folded <= 57) {
          digits++;
        }
        continue;
      }
      if (tokenStart < 0) {
        continue;
      }
      const len = i - tokenStart;
      if (digits === len) {
        this.keepNumber(text, tokenStart, len, numbers);
      } else if (digits === 0 && len >= MIN_WORD_LENGTH && !isStopwordAt(text, tokenStart, len, hash) && !containsToken(words, text, tokenStart, len, hash)) {
        words.push(hash, tokenStart, len);
      }
      tokenStart = -1;
    }
    this.store(node, words, numbers);
  }

  private keepNumber(text: string, s: number, len: number, numbers: number[]): void {
    if (len < MIN_NUMBER_LENGTH) {
      return;
    }
    let from = s;
    while (from < s + len && text.charCodeAt(from) === 48) {
      from++;
    }
    const stripped = s + len - from;
    if (stripped === 0) {
      return;
    }
    let hash = FNV_OFFSET;
    for (let i = from; i < s + len; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    }
    if (!containsToken(numbers, text, from, stripped, hash)) {
      numbers.push(hash, from, stripped);
    }
  }

  private store(node: number, words: readonly number[], numbers: readonly number[]): void {
    const count = (words.length + numbers.length) / 3;
    this.grow(this.used + count);
    this.first[node] = this.used;
    this.wordCount[node] = words.length / 3;
    this.numberCount[node] = numbers.length / 3;
    for (const list of [words, numbers]) {
      for (let k = 0; k < list.length; k += 3) {
        this.hash[this.used] = list[k] ?? 0;
        this.start[this.used] = list[k + 1] ?? 0;
        this.length[this.used] = list[k + 2] ?? 0;
        this.used++;
      }
    }
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

const NON_ASCII = /[^\x00-\x7f]/;
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

function containsToken(list: readonly number[], text: string, s: number, len: number, hash: number): boolean {
  for (let k = 0; k < list.length; k += 3) {
    if (list[k] === hash && list[k + 2] === len && sameChars(text, list[k + 1] ?? 0, text, s, len, len)) {
      return true;
    }
  }
  return false;
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
