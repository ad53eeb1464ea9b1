/**
 * The reference matcher: the same rules as `proposeMatches`, written as plainly as possible —
 * every pair of lines is tested, every subset of group candidates is enumerated, strings are
 * compared as strings, and the assignment proceeds in rounds that apply every mutually clear,
 * confident pair at once. It is quadratic (and worse) and exists only so the differential test can
 * hold the fast matcher to it. It shares with the fast matcher only the definitions: similarity,
 * scores and confidences, sentences, and the final ordering of the result.
 */
import { isLocalDate, toDayNumber } from '../../dates';
import { explainAdjustmentRule, explainAmountDate, explainBankId, explainGroup, explainGroupAlternative, explainReference, explainTolerance, explainTransfer, withSuggestionTail, type ReferenceAgreement } from './explain';
import { assembleResult } from './result';
import {
  ADJUSTMENT_RULE_CONFIDENCE,
  APPLY_THRESHOLD,
  BANK_ID_CONFIDENCE,
  CLEAR_MARGIN,
  MAX_CANDIDATES,
  MAX_GROUP_CANDIDATES,
  MAX_GROUP_SOLUTIONS_SUGGESTED,
  SUGGESTIONS_PER_LINE,
  SUGGESTION_CEILING,
  TOLERANCE_CONFIDENCE,
  amountDateConfidence,
  amountDateScore,
  groupConfidence,
  isReferenceConflict,
  isSameAccount,
  needsDescription,
  referenceConfidence,
  referenceScore,
  referenceWindowDays,
  ruleDirectionFits,
  toConfidence,
  toleranceScore,
  transferConfidence,
  transferScore,
} from './scoring';
import {
  descriptionSimilarity,
  firstSharedNumber,
  isNumericReference,
  isRoundAmount,
  lineIdentityKey,
  lineNumbers,
  normalizeForRule,
  normalizeReference,
  ruleTextMatches,
  sharedWords,
  sharedWrittenDate,
  tokenizeDescription,
  type DescriptionTokens,
} from './similarity';
import type { Match, MatchLine, MatchOptions, MatchReason, MatchResult, MatchRule, ProposedAdjustment, Suggestion } from './types';

interface Line {
  node: number;
  isBank: boolean;
  line: MatchLine;
  day: number;
  amount: number;
  reference: string | null;
  tokens: DescriptionTokens;
  key: string;
}

interface Proposal {
  left: Line;
  right: Line;
  confidence: number;
  explanation: string;
  isSuggestion: boolean;
}

interface PairRules {
  reason: MatchReason;
  isCandidate(left: Line, right: Line): boolean;
  score(left: Line, right: Line): number;
  confidence(left: Line, right: Line, hasCompetitors: boolean): number;
  explain(left: Line, right: Line, hasCompetitors: boolean, isApplied: boolean): string;
  margin: number;
  record(proposal: Proposal): void;
}

/** Same contract and same answers as `proposeMatches`, for small inputs only. */
export function proposeMatchesReference(bank: readonly MatchLine[], ledger: readonly MatchLine[], options: MatchOptions): MatchResult {
  const run = new ReferenceRun(bank, ledger, options);
  run.bankIdPass();
  run.pairPass(run.referenceRules());
  run.pairPass(run.amountDateRules());
  run.groupPass('one-to-many');
  run.groupPass('many-to-one');
  run.transferPass();
  run.tolerancePass();
  run.adjustmentPass();
  return assembleResult(bank, ledger, run.matches, run.suggestions);
}

class ReferenceRun {
  readonly lines: Line[];
  readonly matched = new Set<number>();
  /** Lines that had a candidate in passes 1–3; they never join a group. */
  readonly hadOneToOne = new Set<number>();
  readonly matches: Match[] = [];
  readonly suggestions: Suggestion[] = [];
  private readonly window: number;
  private readonly referenceWindow: number;

  constructor(
    private readonly bank: readonly MatchLine[],
    ledger: readonly MatchLine[],
    private readonly options: MatchOptions,
  ) {
    const read = (line: MatchLine, node: number, isBank: boolean): Line => {
      if (!isLocalDate(line.date)) {
        throw new RangeError(`Line ${node} has an invalid date`);
      }
      return { node, isBank, line, day: toDayNumber(line.date), amount: line.amountMinor, reference: normalizeReference(line.reference), tokens: tokenizeDescription(line.description), key: lineIdentityKey(line) };
    };
    this.lines = [...bank.map((line, i) => read(line, i, true)), ...ledger.map((line, j) => read(line, bank.length + j, false))];
    this.window = Math.max(0, Math.floor(options.dateWindowDays));
    this.referenceWindow = referenceWindowDays(this.window);
  }

  private free(isBank: boolean): Line[] {
    return this.lines.filter((l) => l.isBank === isBank && !this.matched.has(l.node));
  }

  private gap(a: Line, b: Line): number {
    return Math.abs(a.day - b.day);
  }

  private ruleFor(line: Line): MatchRule | null {
    return this.options.rules.find((rule) => rule.kind === 'adjustment' && normalizeForRule(rule.descriptionContains) !== '' && ruleDirectionFits(rule, line.amount) && ruleTextMatches(line.line.description, rule.descriptionContains)) ?? null;
  }

  /** Pass 1: an id on exactly one line of each side among lines of that amount, same account. */
  bankIdPass(): void {
    const carriers = (isBank: boolean, amount: number, id: string) => this.lines.filter((l) => l.isBank === isBank && l.amount === amount && l.line.bankId === id);
    for (const b of this.free(true)) {
      const id = b.line.bankId;
      if (id == null) {
        continue;
      }
      const banks = carriers(true, b.amount, id);
      const ledgers = carriers(false, b.amount, id);
      const l = ledgers[0];
      if (banks.length === 1 && ledgers.length === 1 && l !== undefined && isSameAccount(b.line, l.line)) {
        this.hadOneToOne.add(b.node);
        this.hadOneToOne.add(l.node);
        this.matched.add(b.node);
        this.matched.add(l.node);
        this.recordBankLedger({ left: b, right: l, confidence: BANK_ID_CONFIDENCE, explanation: explainBankId(id, this.gap(b, l)), isSuggestion: false }, 'bank-id', null);
      }
    }
  }

  referenceRules(): PairRules {
    const agreement = (b: Line, l: Line): ReferenceAgreement | null => {
      if (b.reference !== null && b.reference === l.reference) {
        return { kind: 'reference', value: (b.line.reference ?? '').trim() };
      }
      if (isNumericReference(b.reference) && b.reference !== null && l.tokens.numbers.includes(b.reference)) {
        return { kind: 'bank-number', value: b.reference };
      }
      if (isNumericReference(l.reference) && l.reference !== null && b.tokens.numbers.includes(l.reference)) {
        return { kind: 'ledger-number', value: l.reference };
      }
      return null;
    };
    return {
      reason: 'amount+reference',
      isCandidate: (b, l) =>
        b.amount === l.amount && this.gap(b, l) <= this.referenceWindow && isSameAccount(b.line, l.line) && !isReferenceConflict(b.reference, l.reference) && agreement(b, l) !== null,
      score: (b, l) => referenceScore(this.gap(b, l), this.referenceWindow, descriptionSimilarity(b.tokens, l.tokens)),
      confidence: (b, l, competing) => referenceConfidence(this.gap(b, l), this.referenceWindow, competing),
      explain: (b, l) => explainReference(agreement(b, l) ?? { kind: 'reference', value: '' }, this.gap(b, l)),
      margin: CLEAR_MARGIN,
      record: (p) => this.recordBankLedger(p, 'amount+reference', null),
    };
  }

  amountDateRules(): PairRules {
    const facts = (b: Line, l: Line, competing: boolean) => ({
      gap: this.gap(b, l),
      dateWindowDays: this.window,
      isRound: isRoundAmount(b.amount),
      isRuleHit: this.ruleFor(b) !== null,
      hasCompetitors: competing,
    });
    const shared = (b: Line, l: Line) => firstSharedNumber(lineNumbers(b.tokens, b.reference), lineNumbers(l.tokens, l.reference));
    const evidence = (b: Line, l: Line) => ({ similarity: descriptionSimilarity(b.tokens, l.tokens), hasSharedNumber: shared(b, l) !== null, hasSharedDate: sharedWrittenDate(b.line, l.line) !== null });
    return {
      reason: 'amount+date',
      isCandidate: (b, l) => b.amount === l.amount && this.gap(b, l) <= this.window && isSameAccount(b.line, l.line) && !isReferenceConflict(b.reference, l.reference),
      score: (b, l) => amountDateScore(this.gap(b, l), this.window, evidence(b, l)),
      confidence: (b, l, competing) => amountDateConfidence(facts(b, l, competing), evidence(b, l)),
      explain: (b, l, competing, isApplied) => {
        const read = needsDescription(facts(b, l, competing));
        return explainAmountDate({
          gap: this.gap(b, l),
          dateWindowDays: this.window,
          readDescriptions: read,
          sharedWords: sharedWords(b.tokens, l.tokens),
          sharedNumber: shared(b, l),
          sharedDate: sharedWrittenDate(b.line, l.line),
          hasCompetitors: competing && isApplied,
        });
      },
      margin: CLEAR_MARGIN,
      record: (p) => this.recordBankLedger(p, 'amount+date', null),
    };
  }

  pairPass(rules: PairRules, leftLines = this.free(true), rightLines = this.free(false), marksOneToOne = true): void {
    const left = classesOf(leftLines);
    const right = classesOf(rightLines);
    const pairs: Array<{ l: number; r: number; score: number }> = [];
    left.forEach((lc, l) => {
      right.forEach((rc, r) => {
        const a = lc[0];
        const b = rc[0];
        if (a !== undefined && b !== undefined && rules.isCandidate(a, b)) {
          pairs.push({ l, r, score: rules.score(a, b) });
          if (marksOneToOne) {
            [...lc, ...rc].forEach((line) => this.hadOneToOne.add(line.node));
          }
        }
      });
    });
    const leftPairs = left.map((_, l) => pairs.filter((p) => p.l === l));
    const rightPairs = right.map((_, r) => pairs.filter((p) => p.r === r));
    const leftDegree = leftPairs.map((list) => list.length);
    const rightDegree = rightPairs.map((list) => list.length);
    const leftLeft = left.map((members) => members.length);
    const rightLeft = right.map((members) => members.length);
    const freeMember = (members: readonly Line[]): Line => members.find((line) => !this.matched.has(line.node)) ?? firstOf(members);
    const competing = (p: { l: number; r: number }) => (leftDegree[p.l] ?? 0) > 1 || (rightDegree[p.r] ?? 0) > 1;
    const livePairs = (isLeft: boolean, node: number) =>
      ((isLeft ? leftPairs[node] : rightPairs[node]) ?? []).filter((p) => (isLeft ? (rightLeft[p.r] ?? 0) > 0 : (leftLeft[p.l] ?? 0) > 0));
    const ranked = (isLeft: boolean, node: number) =>
      livePairs(isLeft, node).sort((x, y) => y.score - x.score || (isLeft ? x.r - y.r : x.l - y.l));
    const clearBest = (isLeft: boolean, node: number): { l: number; r: number; score: number } | null => {
      const alive = (isLeft ? leftLeft[node] : rightLeft[node]) ?? 0;
      const degree = (isLeft ? leftDegree[node] : rightDegree[node]) ?? 0;
      if (alive === 0 || degree > MAX_CANDIDATES) {
        return null;
      }
      const [first, second] = ranked(isLeft, node);
      if (first === undefined || (second !== undefined && first.score - second.score < rules.margin)) {
        return null;
      }
      return first;
    };
    // A node without a clear best takes the one near-best candidate that has no other candidate.
    const forcedRound = () => {
      const out: Array<{ l: number; r: number; score: number }> = [];
      for (const isLeft of [true, false]) {
        const count = isLeft ? left.length : right.length;
        for (let node = 0; node < count; node++) {
          const alive = (isLeft ? leftLeft[node] : rightLeft[node]) ?? 0;
          const degree = (isLeft ? leftDegree[node] : rightDegree[node]) ?? 0;
          if (alive === 0 || degree > MAX_CANDIDATES || clearBest(isLeft, node) !== null) {
            continue;
          }
          const live = livePairs(isLeft, node);
          const top = Math.max(...live.map((p) => p.score));
          const forced = live.filter((p) => {
            const partner = isLeft ? p.r : p.l;
            const partnerDegree = (isLeft ? rightDegree[partner] : leftDegree[partner]) ?? 0;
            return top - p.score < rules.margin && partnerDegree <= MAX_CANDIDATES && livePairs(!isLeft, partner).length === 1;
          });
          const only = forced[0];
          if (forced.length === 1 && only !== undefined && rules.confidence(freeMember(left[only.l] ?? []), freeMember(right[only.r] ?? []), competing(only)) >= APPLY_THRESHOLD) {
            out.push(only);
          }
        }
      }
      return out;
    };
    for (;;) {
      const round = pairs.filter((p) => {
        if (clearBest(true, p.l) !== p || clearBest(false, p.r) !== p) {
          return false;
        }
        const a = freeMember(left[p.l] ?? []);
        const b = freeMember(right[p.r] ?? []);
        return rules.confidence(a, b, competing(p)) >= APPLY_THRESHOLD;
      });
      if (round.length === 0) {
        round.push(...forcedRound());
      }
      if (round.length === 0) {
        break;
      }
      for (const p of round) {
        const count = Math.min(leftLeft[p.l] ?? 0, rightLeft[p.r] ?? 0);
        for (let c = 0; c < count; c++) {
          const a = freeMember(left[p.l] ?? []);
          const b = freeMember(right[p.r] ?? []);
          this.matched.add(a.node);
          this.matched.add(b.node);
          rules.record({ left: a, right: b, confidence: rules.confidence(a, b, competing(p)), explanation: rules.explain(a, b, competing(p), true), isSuggestion: false });
        }
        leftLeft[p.l] = (leftLeft[p.l] ?? 0) - count;
        rightLeft[p.r] = (rightLeft[p.r] ?? 0) - count;
      }
    }
    const offered = new Set<{ l: number; r: number; score: number }>();
    for (const isLeft of [true, false]) {
      const count = isLeft ? left.length : right.length;
      for (let node = 0; node < count; node++) {
        const alive = (isLeft ? leftLeft[node] : rightLeft[node]) ?? 0;
        const degree = (isLeft ? leftDegree[node] : rightDegree[node]) ?? 0;
        if (alive > 0 && degree <= MAX_CANDIDATES) {
          ranked(isLeft, node).slice(0, SUGGESTIONS_PER_LINE).forEach((p) => offered.add(p));
        }
      }
    }
    for (const p of offered) {
      const a = freeMember(left[p.l] ?? []);
      const b = freeMember(right[p.r] ?? []);
      const isAmbiguous = livePairs(true, p.l).length > 1 || livePairs(false, p.r).length > 1;
      rules.record({
        left: a,
        right: b,
        confidence: rules.confidence(a, b, competing(p)),
        explanation: withSuggestionTail(rules.explain(a, b, competing(p), false), isAmbiguous ? 'ambiguous' : 'weak'),
        isSuggestion: true,
      });
    }
  }

  groupPass(direction: 'one-to-many' | 'many-to-one'): void {
    const maxSize = Math.floor(this.options.maxGroupSize);
    if (maxSize < 2) {
      return;
    }
    const targetsAreBank = direction === 'one-to-many';
    const outcomes: Array<{ target: Line; solutions: Line[][]; candidates: number }> = [];
    for (const target of this.free(targetsAreBank)) {
      if (!this.isGroupable(target)) {
        continue;
      }
      const candidates = this.free(!targetsAreBank)
        .filter((c) => this.isGroupable(c) && Math.sign(c.amount) === Math.sign(target.amount) && Math.abs(c.amount) <= Math.abs(target.amount) && this.gap(c, target) <= this.window && isSameAccount(target.line, c.line))
        .sort((a, b) => this.distance(target, a) - this.distance(target, b) || a.day - b.day || a.amount - b.amount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.node - b.node)
        .slice(0, MAX_GROUP_CANDIDATES);
      const decided = this.firstRing(target, candidates, maxSize);
      if (decided !== null && decided.solutions.some((s) => s.length >= 2)) {
        outcomes.push({ target, ...decided });
      }
    }
    const applicable: Array<{ target: Line; members: Line[]; confidence: number }> = [];
    const usage = new Map<number, number>();
    for (const { target, solutions, candidates } of outcomes) {
      const only = solutions[0];
      if (solutions.length === 1 && only !== undefined) {
        const confidence = groupConfidence(only.length, target.amount, this.maxGap(target, only), this.window, candidates, maxSize);
        if (confidence >= APPLY_THRESHOLD) {
          applicable.push({ target, members: only, confidence });
          only.forEach((m) => usage.set(m.node, (usage.get(m.node) ?? 0) + 1));
        } else {
          this.recordGroup(direction, target, only, confidence, withSuggestionTail(this.groupSentence(direction, target, only, maxSize), 'weak'), true);
        }
      } else if (solutions.length <= MAX_GROUP_SOLUTIONS_SUGGESTED) {
        for (const solution of solutions.filter((s) => s.length >= 2)) {
          const gap = this.maxGap(target, solution);
          this.recordGroup(direction, target, solution, groupConfidence(solution.length, target.amount, gap, this.window, candidates, maxSize), explainGroupAlternative(direction, solution.length, gap, solutions.length), true);
        }
      }
    }
    for (const { target, members, confidence } of applicable) {
      const sentence = this.groupSentence(direction, target, members, maxSize);
      const isConflict = members.some((m) => (usage.get(m.node) ?? 0) > 1);
      this.recordGroup(direction, target, members, confidence, isConflict ? withSuggestionTail(sentence, 'conflict') : sentence, isConflict);
    }
  }

  transferPass(): void {
    for (const isBank of [true, false]) {
      const lines = this.free(isBank).filter((l) => l.amount !== 0 && l.line.accountKey != null);
      this.pairPass(
        {
          reason: 'transfer',
          isCandidate: (out, into) => out.amount === -into.amount && this.gap(out, into) <= this.window && out.line.accountKey !== into.line.accountKey,
          score: (out, into) => transferScore(this.gap(out, into), this.window),
          confidence: (out, into, competing) => transferConfidence(this.gap(out, into), this.window, competing),
          explain: (out, into) => explainTransfer(out.line.accountKey ?? '', into.line.accountKey ?? '', this.gap(out, into)),
          margin: CLEAR_MARGIN,
          record: (p) => {
            const legs = [p.left.node, p.right.node].sort((a, b) => a - b);
            this.record(isBank ? { bank: legs, ledger: [] } : { bank: [], ledger: legs.map((n) => n - this.bank.length) }, 'transfer', p, null);
          },
        },
        lines.filter((l) => l.amount < 0),
        lines.filter((l) => l.amount > 0),
        false,
      );
    }
  }

  tolerancePass(): void {
    for (const rule of this.options.rules) {
      if (rule.kind !== 'tolerance' || normalizeForRule(rule.descriptionContains) === '') {
        continue;
      }
      const tolerance = Math.max(0, Math.floor(rule.amountToleranceMinor ?? 0));
      const dateLimit = this.window + Math.max(0, Math.floor(rule.dateToleranceDays ?? 0));
      const bankLines = this.free(true).filter((b) => ruleTextMatches(b.line.description, rule.descriptionContains));
      this.pairPass(
        {
          reason: 'tolerance',
          isCandidate: (b, l) => Math.sign(b.amount) === Math.sign(l.amount) && Math.abs(b.amount - l.amount) <= tolerance && this.gap(b, l) <= dateLimit && isSameAccount(b.line, l.line),
          score: (b, l) => toleranceScore(b.amount - l.amount, this.gap(b, l), dateLimit),
          confidence: () => TOLERANCE_CONFIDENCE,
          explain: (b, l) => explainTolerance(rule, b.amount !== l.amount, this.gap(b, l)),
          margin: 1,
          record: (p) => {
            const difference = p.left.amount - p.right.amount;
            const adjustment = difference === 0 ? null : { amountMinor: difference, reasonCode: rule.reasonCode, account: rule.account, ruleId: rule.id };
            this.recordBankLedger(p, 'tolerance', adjustment);
          },
        },
        bankLines,
        this.free(false),
        false,
      );
    }
  }

  adjustmentPass(): void {
    for (const line of this.free(true)) {
      const rule = this.ruleFor(line);
      if (rule !== null) {
        this.matched.add(line.node);
        this.matches.push({
          bank: [line.node],
          ledger: [],
          reason: 'rule',
          confidence: toConfidence(ADJUSTMENT_RULE_CONFIDENCE),
          explanation: explainAdjustmentRule(rule),
          adjustment: { amountMinor: line.amount, reasonCode: rule.reasonCode, account: rule.account, ruleId: rule.id },
        });
      }
    }
  }

  /** Not decided one to one, not zero, not a bank line a firm adjustment rule explains. */
  private isGroupable(line: Line): boolean {
    return line.amount !== 0 && !this.hadOneToOne.has(line.node) && !(line.isBank && this.ruleFor(line) !== null);
  }

  /** The solutions at the first ring (candidates up to some distance) where any exist. */
  private firstRing(target: Line, candidates: readonly Line[], maxSize: number): { solutions: Line[][]; candidates: number } | null {
    const radii = [...new Set(candidates.map((c) => this.distance(target, c)))].sort((a, b) => a - b);
    for (const radius of radii) {
      const ring = candidates.filter((c) => this.distance(target, c) <= radius);
      const bySignature = new Map<string, Line[]>();
      for (const subset of subsetsSummingTo(ring, target.amount, maxSize)) {
        const signature = subset.map(classKey).sort().join('\u0002');
        if (!bySignature.has(signature)) {
          bySignature.set(signature, canonicalMembers(ring, subset));
        }
      }
      if (bySignature.size > 0) {
        return { solutions: [...bySignature.values()], candidates: ring.filter((c) => Math.abs(c.amount) < Math.abs(target.amount)).length };
      }
    }
    return null;
  }

  /** Half days from target to candidate, a ledger line dated after its bank line counting one more. */
  private distance(target: Line, candidate: Line): number {
    const lag = target.isBank ? target.day - candidate.day : candidate.day - target.day;
    return lag >= 0 ? 2 * lag : -2 * lag + 1;
  }

  private maxGap(target: Line, members: readonly Line[]): number {
    return Math.max(0, ...members.map((m) => this.gap(target, m)));
  }

  private groupSentence(direction: 'one-to-many' | 'many-to-one', target: Line, members: readonly Line[], maxSize: number): string {
    return explainGroup(direction, members.length, this.maxGap(target, members), maxSize, this.window);
  }

  private recordGroup(direction: 'one-to-many' | 'many-to-one', target: Line, members: readonly Line[], confidence: number, explanation: string, isSuggestion: boolean): void {
    const many = members.map((m) => m.node).sort((a, b) => a - b);
    const n = this.bank.length;
    const lines = direction === 'one-to-many' ? { bank: [target.node], ledger: many.map((node) => node - n) } : { bank: many, ledger: [target.node - n] };
    if (!isSuggestion) {
      this.matched.add(target.node);
      members.forEach((m) => this.matched.add(m.node));
    }
    this.record(lines, direction, { left: target, right: target, confidence, explanation, isSuggestion }, null);
  }

  private recordBankLedger(p: Proposal, reason: MatchReason, adjustment: ProposedAdjustment | null): void {
    this.record({ bank: [p.left.node], ledger: [p.right.node - this.bank.length] }, reason, p, adjustment);
  }

  private record(lines: { bank: number[]; ledger: number[] }, reason: MatchReason, p: Proposal, adjustment: ProposedAdjustment | null): void {
    if (p.isSuggestion) {
      this.suggestions.push({ ...lines, reason, confidence: toConfidence(Math.min(p.confidence, SUGGESTION_CEILING)), explanation: p.explanation, adjustment, distinguishing: [] });
    } else {
      this.matches.push({ ...lines, reason, confidence: toConfidence(p.confidence), explanation: p.explanation, adjustment });
    }
  }
}

function classKey(line: Line): string {
  return `${line.day}\u0001${line.amount}\u0001${line.key}`;
}

/** Lines grouped into classes of interchangeable lines, in canonical order (date, amount, key); members by index. */
function classesOf(lines: readonly Line[]): Line[][] {
  const groups = new Map<string, Line[]>();
  for (const line of lines) {
    const key = classKey(line);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.values()]
    .map((members) => members.sort((a, b) => a.node - b.node))
    .sort((x, y) => {
      const a = firstOf(x);
      const b = firstOf(y);
      return a.day - b.day || a.amount - b.amount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    });
}

/** Every subset (by position) of 1..maxSize candidates whose amounts add up to `total`. */
function subsetsSummingTo(candidates: readonly Line[], total: number, maxSize: number): Line[][] {
  const out: Line[][] = [];
  const walk = (from: number, chosen: Line[], sum: number): void => {
    if (chosen.length > 0 && sum === total) {
      out.push([...chosen]);
    }
    if (chosen.length === maxSize) {
      return;
    }
    for (const [i, c] of candidates.entries()) {
      if (i < from) {
        continue;
      }
      chosen.push(c);
      walk(i + 1, chosen, sum + c.amount);
      chosen.pop();
    }
  };
  walk(0, [], 0);
  return out;
}

/** For a combination of classes, the first lines of each class in candidate order. */
function canonicalMembers(candidates: readonly Line[], subset: readonly Line[]): Line[] {
  const need = new Map<string, number>();
  subset.forEach((line) => need.set(classKey(line), (need.get(classKey(line)) ?? 0) + 1));
  const out: Line[] = [];
  for (const candidate of candidates) {
    const key = classKey(candidate);
    const left = need.get(key) ?? 0;
    if (left > 0) {
      out.push(candidate);
      need.set(key, left - 1);
    }
  }
  return out;
}

/** The first line of a class (classes are never empty). */
function firstOf(lines: readonly Line[]): Line {
  const first = lines[0];
  if (first === undefined) {
    throw new RangeError('An empty class of lines');
  }
  return first;
}
