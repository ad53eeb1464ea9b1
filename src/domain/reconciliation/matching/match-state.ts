/**
 * The working state of one `proposeMatches` run. Lines are numbered as *nodes*: bank line i is
 * node i, ledger line j is node `bankCount + j`. Dates become day numbers and amounts sit in typed
 * arrays; references, identity keys and rule hits are computed once, on first use.
 */
import { isLocalDate, toDayNumber } from '../../dates';
import { DescriptionPool, RuleTextIndex, normalizeForRuleFast } from './description-pool';
import { explainAmountDate } from './explain';
import { lineIdentityKey, normalizeForRule, normalizeReference } from './similarity';
import { isSameAccount, referenceWindowDays, ruleDirectionFits } from './scoring';
import type { Match, MatchLine, MatchOptions, MatchRule, Suggestion } from './types';

export interface PreparedRule {
  rule: MatchRule;
  /** The rule text as `normalizeForRule` writes it. */
  needle: string;
}

export const HAS_REFERENCE = 1;
export const HAS_BANK_ID = 2;
export const HAS_ACCOUNT = 4;

/** Added to day numbers (year 1 is day −719162) so every date code is positive. */
const DAY_OFFSET = 1_000_000;

export class MatchState {
  readonly bankCount: number;
  readonly total: number;
  readonly window: number;
  readonly referenceWindow: number;
  readonly day: Int32Array;
  readonly amount: Float64Array;
  /** Each line's date as month × 100 + day, to compare with dates written in descriptions. */
  readonly monthDay: Int16Array;
  /** Per line: `HAS_REFERENCE | HAS_BANK_ID`, read once so later passes need not visit the line. */
  readonly flags: Uint8Array;
  /** Each line's description, gathered once. */
  readonly descriptions: string[];
  readonly matched: Uint8Array;
  /**
   * Lines that had an equal-amount candidate in passes 1–3: if still unmatched, a person decides
   * them one to one, so they never become part of a batch or split (`group-pass.ts`).
   */
  readonly hasOneToOneCandidate: Uint8Array;
  /** Per-node scratch counters; every user leaves them at zero. */
  readonly scratchCounts: Int32Array;
  readonly pool: DescriptionPool;
  readonly matches: Match[] = [];
  readonly suggestions: Suggestion[] = [];
  readonly adjustmentRules: PreparedRule[];
  readonly toleranceRules: PreparedRule[];
  private readonly ruleIndexes: RuleTextIndex[];
  private readonly references: Array<string | null | undefined>;
  private readonly identities = new Map<number, string>();
  private readonly sentences = new Map<number, string>();
  private readonly ruleHits: Int8Array;

  constructor(
    readonly bank: readonly MatchLine[],
    readonly ledger: readonly MatchLine[],
    readonly options: MatchOptions,
  ) {
    this.bankCount = bank.length;
    this.total = bank.length + ledger.length;
    this.window = Math.max(0, Math.floor(options.dateWindowDays));
    this.referenceWindow = referenceWindowDays(this.window);
    this.day = new Int32Array(this.total);
    this.amount = new Float64Array(this.total);
    this.monthDay = new Int16Array(this.total);
    this.flags = new Uint8Array(this.total);
    this.descriptions = new Array<string>(this.total);
    this.matched = new Uint8Array(this.total);
    this.hasOneToOneCandidate = new Uint8Array(this.total);
    this.scratchCounts = new Int32Array(this.total);
    this.references = new Array<string | null | undefined>(this.total);
    this.ruleHits = new Int8Array(this.bankCount).fill(-1);
    this.readLines();
    this.pool = new DescriptionPool((node) => this.descriptions[node] ?? '', this.total);
    const prepare = (kind: MatchRule['kind']): PreparedRule[] =>
      options.rules.filter((rule) => rule.kind === kind).map((rule) => ({ rule, needle: normalizeForRule(rule.descriptionContains) })).filter((r) => r.needle !== '');
    this.adjustmentRules = prepare('adjustment');
    // One index per sign of amount (out, zero, in), holding only the rules whose direction fits it.
    this.ruleIndexes = [-1, 0, 1].map((sign) => new RuleTextIndex(this.adjustmentRules.map(({ rule, needle }) => (ruleDirectionFits(rule, sign) ? needle : ''))));
    this.toleranceRules = prepare('tolerance');
  }

  line(node: number): MatchLine {
    const line = node < this.bankCount ? this.bank[node] : this.ledger[node - this.bankCount];
    if (line === undefined) {
      throw new RangeError(`No line ${node}`);
    }
    return line;
  }

  isBank(node: number): boolean {
    return node < this.bankCount;
  }

  /** The line's reference as `normalizeReference` writes it. */
  reference(node: number): string | null {
    const known = this.references[node];
    if (known !== undefined) {
      return known;
    }
    const normalized = fastNormalizeReference(this.line(node).reference);
    this.references[node] = normalized;
    return normalized;
  }

  identity(node: number): string {
    let key = this.identities.get(node);
    if (key === undefined) {
      key = lineIdentityKey(this.line(node), normalizeForRuleFast);
      this.identities.set(node, key);
    }
    return key;
  }

  /** The first adjustment rule that applies to a bank line (text and direction), or null. */
  adjustmentRuleFor(node: number): MatchRule | null {
    const line = this.line(node);
    const index = this.ruleIndexes[Math.sign(line.amountMinor) + 1];
    const found = index === undefined ? -1 : index.firstMatch(line.description);
    return found < 0 ? null : (this.adjustmentRules[found]?.rule ?? null);
  }

  /** True when some adjustment rule applies to this bank line: it may be a fee that only looks like a payment. */
  isRuleHit(node: number): boolean {
    if (this.adjustmentRules.length === 0) {
      return false;
    }
    let hit = this.ruleHits[node] ?? -1;
    if (hit < 0) {
      hit = this.adjustmentRuleFor(node) === null ? 0 : 1;
      this.ruleHits[node] = hit;
    }
    return hit === 1;
  }

  /** The sentence of a unique, non-round amount+date match, one string per date gap. */
  uniqueAmountSentence(gap: number): string {
    let sentence = this.sentences.get(gap);
    if (sentence === undefined) {
      sentence = explainAmountDate({ gap, dateWindowDays: this.window, readDescriptions: false, sharedWords: [], sharedNumber: null, sharedDate: null, hasCompetitors: false });
      this.sentences.set(gap, sentence);
    }
    return sentence;
  }

  /** `isSameAccount` of two lines, without visiting them when either has no account key. */
  isSameAccount(a: number, b: number): boolean {
    return ((this.flags[a] ?? 0) & (this.flags[b] ?? 0) & HAS_ACCOUNT) === 0 || isSameAccount(this.line(a), this.line(b));
  }

  gap(a: number, b: number): number {
    return Math.abs((this.day[a] ?? 0) - (this.day[b] ?? 0));
  }

  private readLines(): void {
    // Day number and month/day per distinct date string, looked up once per run of equal dates.
    const known = new Map<string, number>();
    let lastDate = '';
    let lastCode = -1;
    for (let node = 0; node < this.total; node++) {
      const line = node < this.bankCount ? this.bank[node] : this.ledger[node - this.bankCount];
      if (line === undefined) {
        throw new RangeError(`${this.describe(node)} is missing`);
      }
      let code = line.date === lastDate ? lastCode : (known.get(line.date) ?? -1);
      if (code < 0) {
        if (!isLocalDate(line.date)) {
          throw new RangeError(`${this.describe(node)} has the date “${line.date}”, which is not a YYYY-MM-DD calendar date`);
        }
        code = (toDayNumber(line.date) + DAY_OFFSET) * 10000 + Number(line.date.slice(5, 7)) * 100 + Number(line.date.slice(8, 10));
        known.set(line.date, code);
      }
      lastDate = line.date;
      lastCode = code;
      if (!Number.isSafeInteger(line.amountMinor)) {
        throw new RangeError(`${this.describe(node)} has an amount that is not a whole number of minor units`);
      }
      this.flags[node] = (line.reference != null ? HAS_REFERENCE : 0) | (line.bankId != null ? HAS_BANK_ID : 0) | (line.accountKey != null ? HAS_ACCOUNT : 0);
      this.descriptions[node] = line.description;
      this.day[node] = Math.floor(code / 10000) - DAY_OFFSET;
      this.monthDay[node] = code % 10000;
      this.amount[node] = line.amountMinor;
    }
  }

  private describe(node: number): string {
    return node < this.bankCount ? `Bank line ${node + 1}` : `Ledger line ${node - this.bankCount + 1}`;
  }
}

/** `normalizeReference`, without building a new string when the reference is already clean. */
function fastNormalizeReference(reference: string | null | undefined): string | null {
  if (reference == null) {
    return null;
  }
  let zeros = 0;
  while (zeros < reference.length && reference.charCodeAt(zeros) === 48) {
    zeros++;
  }
  for (let i = zeros; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (!((code >= 48 && code <= 57) || (code >= 97 && code <= 122))) {
      return normalizeReference(reference);
    }
  }
  return zeros === reference.length ? null : reference.slice(zeros);
}
