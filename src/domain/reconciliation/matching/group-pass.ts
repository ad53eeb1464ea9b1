/**
 * Pass 4: batch deposits (one bank line = several ledger lines, `one-to-many`) and split payments
 * (several bank lines = one ledger line, `many-to-one`), over what the one-to-one passes left.
 *
 * Lines that had an equal-amount candidate in passes 1–3 take no part (a person decides them one
 * to one), nor do bank lines a firm adjustment rule explains. For each other unmatched target line: the candidates are such lines of the other side with the
 * same sign, no larger amount, of the same account, within the date window; only the
 * `MAX_GROUP_CANDIDATES` nearest in date are kept (`groupDistance`, ties in a fixed order). The
 * search widens ring by ring: the candidates at the nearest distance alone, then those up to the
 * next distance, and so on; at the first ring where some combination of 1..maxGroupSize lines adds
 * up exactly to the target (interchangeable lines counted once, at most four counted), it decides:
 * a single combination of two or more lines is proposed — applied when its confidence allows,
 * which it does not when so many combinations were possible that one could match by chance
 * (`groupConfidence`); two proposals that share a line are both only suggested; two or three
 * combinations are offered as suggestions; more is left alone. Nearer lines are likelier parts of a
 * batch, and a small ring leaves little room for a chance total.
 */
import { explainGroup, explainGroupAlternative, withSuggestionTail } from './explain';
import { compareText } from './pair-pass';
import type { MatchState } from './match-state';
import { APPLY_THRESHOLD, MAX_GROUP_CANDIDATES, MAX_GROUP_SOLUTIONS_SUGGESTED, SUGGESTION_CEILING, groupConfidence, isSameAccount, toConfidence } from './scoring';
import type { Match } from './types';

export type GroupDirection = 'one-to-many' | 'many-to-one';

/** What the search found for one target: every combination when there are at most three, else only that there are more. */
interface TargetOutcome {
  target: number;
  solutions: number[][];
  isCapped: boolean;
  /** Kept candidates smaller than the target: how many lines a combination could have been drawn from. */
  candidates: number;
}

const SOLUTION_LIMIT = MAX_GROUP_SOLUTIONS_SUGGESTED + 1;

export function matchGroups(state: MatchState, direction: GroupDirection): void {
  const maxSize = Math.floor(state.options.maxGroupSize);
  if (maxSize < 2) {
    return;
  }
  const targetsAreBank = direction === 'one-to-many';
  const [candidateFrom, candidateTo] = targetsAreBank ? [state.bankCount, state.total] : [0, state.bankCount];
  const index = buildSignIndex(state, candidateFrom, candidateTo);
  const [targetFrom, targetTo] = targetsAreBank ? [0, state.bankCount] : [state.bankCount, state.total];
  const outcomes: TargetOutcome[] = [];
  const searcher = new GroupSearcher(state, index, maxSize);
  for (let target = targetFrom; target < targetTo; target++) {
    if (isGroupable(state, target)) {
      const outcome = searcher.search(target);
      if (outcome !== null) {
        outcomes.push(outcome);
      }
    }
  }
  applyGroupOutcomes(state, direction, outcomes, maxSize);
}

/**
 * Lines that can be part of a group: unmatched, not zero, not decided one to one by a person
 * (they had an equal-amount candidate), and not bank lines a firm adjustment rule explains (a fee
 * or interest line is not part of a deposit or a payment).
 */
function isGroupable(state: MatchState, node: number): boolean {
  return state.matched[node] === 0 && state.hasOneToOneCandidate[node] === 0 && state.amount[node] !== 0 && !(state.isBank(node) && state.isRuleHit(node));
}

/**
 * The candidates of a target in the order they are considered: nearest first (`groupDistance`),
 * then date, amount, identity key and node, so the kept set never depends on the input order.
 */
export function compareGroupCandidates(state: MatchState, target: number, a: number, b: number): number {
  return (
    groupDistance(state, target, a) - groupDistance(state, target, b) ||
    (state.day[a] ?? 0) - (state.day[b] ?? 0) ||
    (state.amount[a] ?? 0) - (state.amount[b] ?? 0) ||
    compareText(state.identity(a), state.identity(b)) ||
    a - b
  );
}

/**
 * How far a candidate is from its target, in half days: the books usually record a receipt or a
 * payment before the bank shows it, so a ledger line dated d days before the bank line counts 2d
 * and one dated d days after it counts 2d + 1.
 */
export function groupDistance(state: MatchState, target: number, candidate: number): number {
  const [bank, ledger] = state.isBank(target) ? [target, candidate] : [candidate, target];
  const lag = (state.day[bank] ?? 0) - (state.day[ledger] ?? 0);
  return lag >= 0 ? 2 * lag : -2 * lag + 1;
}

interface SignIndex {
  positive: { nodes: Int32Array; days: Int32Array };
  negative: { nodes: Int32Array; days: Int32Array };
}

function buildSignIndex(state: MatchState, from: number, to: number): SignIndex {
  const positive: number[] = [];
  const negative: number[] = [];
  for (let node = from; node < to; node++) {
    const amount = state.amount[node] ?? 0;
    if (isGroupable(state, node)) {
      (amount > 0 ? positive : negative).push(node);
    }
  }
  const sorted = (nodes: number[]) => {
    const ordered = Int32Array.from(nodes).sort((a, b) => (state.day[a] ?? 0) - (state.day[b] ?? 0) || a - b);
    return { nodes: ordered, days: ordered.map((node) => state.day[node] ?? 0) };
  };
  return { positive: sorted(positive), negative: sorted(negative) };
}

/** The search for one target at a time, with buffers kept between targets. */
class GroupSearcher {
  private target = 0;
  private want = 0;
  private readonly found: number[] = [];
  private readonly items: number[] = [];
  private readonly values: number[] = [];
  private readonly prefix: number[] = [];
  private readonly chosen: number[] = [];
  private solutions: number[][] = [];
  private readonly byNearest: (a: number, b: number) => number;
  private readonly byLargest: (a: number, b: number) => number;

  constructor(
    private readonly state: MatchState,
    private readonly index: SignIndex,
    private readonly maxSize: number,
  ) {
    this.byNearest = (a, b) => compareGroupCandidates(state, this.target, a, b);
    // Largest amounts first; interchangeable lines end up next to each other.
    this.byLargest = (a, b) =>
      Math.abs(state.amount[b] ?? 0) - Math.abs(state.amount[a] ?? 0) || (state.day[a] ?? 0) - (state.day[b] ?? 0) || compareText(state.identity(a), state.identity(b)) || a - b;
  }

  search(target: number): TargetOutcome | null {
    const { state } = this;
    const total = state.amount[target] ?? 0;
    this.target = target;
    this.want = Math.abs(total);
    const list = total > 0 ? this.index.positive : this.index.negative;
    const day = state.day[target] ?? 0;
    const targetLine = state.line(target);
    const found = this.found;
    found.length = 0;
    let smallerSum = 0;
    for (let k = lowerBound(list.days, day - state.window); k < list.nodes.length && (list.days[k] ?? 0) <= day + state.window; k++) {
      const node = list.nodes[k] ?? 0;
      const value = Math.abs(state.amount[node] ?? 0);
      if (state.matched[node] === 0 && value <= this.want && isSameAccount(targetLine, state.line(node))) {
        found.push(node);
        smallerSum += value < this.want ? value : 0;
      }
    }
    // No combination of two or more can reach the target: nothing to look for.
    if (smallerSum < this.want) {
      return null;
    }
    const kept = this.nearest();
    if (!canReachInGroup(state, kept, this.want, this.maxSize)) {
      return null;
    }
    // Ring by ring: the nearest candidates alone first, then the next distance too, and so on.
    for (let k = 0; k < kept.length; ) {
      const radius = groupDistance(state, target, kept[k] ?? 0);
      while (k < kept.length && groupDistance(state, target, kept[k] ?? 0) === radius) {
        k++;
      }
      const ring = kept.slice(0, k);
      if (!canReachInGroup(state, ring, this.want, this.maxSize)) {
        continue;
      }
      const solutions = this.combinations(ring);
      if (solutions.length > 0) {
        const candidates = ring.filter((node) => Math.abs(state.amount[node] ?? 0) < this.want).length;
        return solutions.some((solution) => solution.length >= 2) ? { target, solutions, isCapped: solutions.length >= SOLUTION_LIMIT, candidates } : null;
      }
    }
    return null;
  }

  /** The `MAX_GROUP_CANDIDATES` candidates nearest the target, in `compareGroupCandidates` order. */
  private nearest(): number[] {
    const { state, target, found } = this;
    if (found.length <= MAX_GROUP_CANDIDATES) {
      return [...found].sort(this.byNearest);
    }
    const counts = new Array<number>(2 * state.window + 2).fill(0);
    for (const node of found) {
      const distance = groupDistance(state, target, node);
      counts[distance] = (counts[distance] ?? 0) + 1;
    }
    let limit = 0;
    for (let seen = 0; limit < counts.length; limit++) {
      seen += counts[limit] ?? 0;
      if (seen >= MAX_GROUP_CANDIDATES) {
        break;
      }
    }
    return found
      .filter((node) => groupDistance(state, target, node) <= limit)
      .sort(this.byNearest)
      .slice(0, MAX_GROUP_CANDIDATES);
  }

  /**
   * The different combinations (interchangeable lines counted once) of 1..maxSize of `lines` whose
   * amounts add up to the target in absolute value, up to `SOLUTION_LIMIT`: depth first, largest
   * amounts first, cut off as soon as the slots left cannot reach what is missing.
   */
  private combinations(lines: readonly number[]): number[][] {
    const { state, items, values, prefix } = this;
    items.length = 0;
    items.push(...lines);
    items.sort(this.byLargest);
    values.length = 0;
    prefix.length = 0;
    prefix.push(0);
    for (const node of items) {
      const value = Math.abs(state.amount[node] ?? 0);
      values.push(value);
      prefix.push((prefix[prefix.length - 1] ?? 0) + value);
    }
    this.solutions = [];
    this.chosen.length = 0;
    this.walk(0, this.want, this.maxSize);
    return this.solutions;
  }

  private walk(from: number, rest: number, slots: number): void {
    const { values, items } = this;
    for (let i = from; i < values.length && this.solutions.length < SOLUTION_LIMIT; i++) {
      if (this.reach(i, slots) < rest) {
        return;
      }
      const value = values[i] ?? 0;
      if (value > rest || (i > from && this.isSameClass(i))) {
        continue;
      }
      this.chosen.push(items[i] ?? 0);
      if (value === rest) {
        this.solutions.push([...this.chosen]);
      } else if (slots > 1) {
        this.walk(i + 1, rest - value, slots - 1);
      }
      this.chosen.pop();
    }
  }

  /** The most that `slots` items from position `from` on can add up to. */
  private reach(from: number, slots: number): number {
    return (this.prefix[Math.min(this.values.length, from + slots)] ?? 0) - (this.prefix[from] ?? 0);
  }

  private isSameClass(i: number): boolean {
    const { state, items, values } = this;
    const a = items[i] ?? 0;
    const b = items[i - 1] ?? 0;
    return values[i] === values[i - 1] && state.day[a] === state.day[b] && state.identity(a) === state.identity(b);
  }
}

/** True when some combination of two or more of `lines` could still reach the target: the largest parts are enough. */
function canReachInGroup(state: MatchState, lines: readonly number[], want: number, maxSize: number): boolean {
  const smaller = lines.map((node) => Math.abs(state.amount[node] ?? 0)).filter((value) => value < want);
  if (smaller.length < 2) {
    return false;
  }
  smaller.sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < Math.min(maxSize, smaller.length); i++) {
    sum += smaller[i] ?? 0;
  }
  return sum >= want;
}

function applyGroupOutcomes(state: MatchState, direction: GroupDirection, outcomes: readonly TargetOutcome[], maxSize: number): void {
  const proposals: Array<{ outcome: TargetOutcome; confidence: number }> = [];
  const usage = new Map<number, number>();
  for (const outcome of outcomes) {
    const only = outcome.solutions[0];
    if (outcome.solutions.length === 1 && only !== undefined) {
      const confidence = groupConfidence(only.length, state.amount[outcome.target] ?? 0, maxGap(state, outcome.target, only), state.window, outcome.candidates, maxSize);
      if (confidence >= APPLY_THRESHOLD) {
        proposals.push({ outcome, confidence });
        for (const node of only) {
          usage.set(node, (usage.get(node) ?? 0) + 1);
        }
      } else {
        addGroupSuggestion(state, direction, outcome.target, only, confidence, withSuggestionTail(groupSentence(state, direction, outcome.target, only, maxSize), 'weak'));
      }
    } else if (!outcome.isCapped) {
      for (const solution of outcome.solutions.filter((s) => s.length >= 2)) {
        const gap = maxGap(state, outcome.target, solution);
        const confidence = groupConfidence(solution.length, state.amount[outcome.target] ?? 0, gap, state.window, outcome.candidates, maxSize);
        addGroupSuggestion(state, direction, outcome.target, solution, confidence, explainGroupAlternative(direction, solution.length, gap, outcome.solutions.length));
      }
    }
  }
  for (const { outcome, confidence } of proposals) {
    const members = outcome.solutions[0] ?? [];
    const sentence = groupSentence(state, direction, outcome.target, members, maxSize);
    if (members.some((node) => (usage.get(node) ?? 0) > 1)) {
      addGroupSuggestion(state, direction, outcome.target, members, confidence, withSuggestionTail(sentence, 'conflict'));
      continue;
    }
    state.matched[outcome.target] = 1;
    for (const node of members) {
      state.matched[node] = 1;
    }
    state.matches.push({ ...groupLines(state, direction, outcome.target, members), reason: direction, confidence: toConfidence(confidence), explanation: sentence, adjustment: null });
  }
}

function groupSentence(state: MatchState, direction: GroupDirection, target: number, members: readonly number[], maxSize: number): string {
  return explainGroup(direction, members.length, maxGap(state, target, members), maxSize, state.window);
}

function addGroupSuggestion(state: MatchState, direction: GroupDirection, target: number, members: readonly number[], confidence: number, explanation: string): void {
  state.suggestions.push({
    ...groupLines(state, direction, target, members),
    reason: direction,
    confidence: toConfidence(Math.min(confidence, SUGGESTION_CEILING)),
    explanation,
    adjustment: null,
    distinguishing: [],
  });
}

function groupLines(state: MatchState, direction: GroupDirection, target: number, members: readonly number[]): Pick<Match, 'bank' | 'ledger'> {
  const many = [...members].sort((a, b) => a - b);
  return direction === 'one-to-many' ? { bank: [target], ledger: many.map((node) => node - state.bankCount) } : { bank: many, ledger: [target - state.bankCount] };
}

function maxGap(state: MatchState, target: number, members: readonly number[]): number {
  let gap = 0;
  for (const node of members) {
    gap = Math.max(gap, state.gap(target, node));
  }
  return gap;
}

function lowerBound(days: Int32Array, day: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((days[mid] ?? 0) < day) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}
