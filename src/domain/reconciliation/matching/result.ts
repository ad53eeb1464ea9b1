/**
 * Turns the passes' matches and suggestions into a `MatchResult`, the same way for the fast and
 * the reference matcher: indexes ascending inside each proposal, matches ordered by their first
 * bank line (ledger-only matches after, by first ledger line), suggestions without any matched
 * line, each offered once (the earliest pass wins), with what tells competing suggestions apart.
 */
import { normalizeForRule, normalizeReference, tokenizeDescription } from './similarity';
import type { Match, MatchLine, MatchResult, Suggestion } from './types';

type Distinguishing = Suggestion['distinguishing'][number];
const DISTINGUISHING_ORDER: readonly Distinguishing[] = ['reference', 'number', 'date', 'description', 'amount'];

export function assembleResult(bank: readonly MatchLine[], ledger: readonly MatchLine[], matches: readonly Match[], suggestions: readonly Suggestion[]): MatchResult {
  const bankCount = bank.length;
  const isMatched = new Uint8Array(bank.length + ledger.length);
  const slots = new Array<Match | undefined>(bank.length + ledger.length);
  for (const match of matches) {
    sortIndexes(match);
    for (const b of match.bank) {
      isMatched[b] = 1;
    }
    for (const l of match.ledger) {
      isMatched[bankCount + l] = 1;
    }
    slots[match.bank.length > 0 ? (match.bank[0] ?? 0) : bankCount + (match.ledger[0] ?? 0)] = match;
  }
  const orderedMatches = slots.filter((match): match is Match => match !== undefined);
  const seen = new Set<string>();
  const kept: Suggestion[] = [];
  for (const suggestion of suggestions) {
    sortIndexes(suggestion);
    if (suggestion.bank.some((b) => isMatched[b] === 1) || suggestion.ledger.some((l) => isMatched[bankCount + l] === 1)) {
      continue;
    }
    const key = `${suggestion.bank.join(',')}|${suggestion.ledger.join(',')}`;
    if (!seen.has(key)) {
      seen.add(key);
      kept.push(suggestion);
    }
  }
  markDistinguishing(kept, bank, ledger);
  kept.sort(compareProposals);
  const unmatchedBank: number[] = [];
  const unmatchedLedger: number[] = [];
  for (let node = 0; node < isMatched.length; node++) {
    if (isMatched[node] === 0) {
      (node < bankCount ? unmatchedBank : unmatchedLedger).push(node < bankCount ? node : node - bankCount);
    }
  }
  return { matches: orderedMatches, suggestions: kept, unmatchedBank, unmatchedLedger };
}

/** Orders proposals by first bank line, then bank lines, then ledger lines, then reason. */
export function compareProposals(a: Match, b: Match): number {
  return (
    (a.bank[0] ?? Infinity) - (b.bank[0] ?? Infinity) ||
    compareIndexLists(a.bank, b.bank) ||
    (a.ledger[0] ?? Infinity) - (b.ledger[0] ?? Infinity) ||
    compareIndexLists(a.ledger, b.ledger) ||
    (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)
  );
}

function compareIndexLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return a.length - b.length;
}

function sortIndexes(proposal: Match): void {
  if (proposal.bank.length > 1) {
    proposal.bank.sort((x, y) => x - y);
  }
  if (proposal.ledger.length > 1) {
    proposal.ledger.sort((x, y) => x - y);
  }
}

/**
 * For each suggestion, what differs between its lines and those of every other suggestion that
 * shares a line with it (the lines they do not share): reference, number, date, description, amount.
 */
function markDistinguishing(suggestions: Suggestion[], bank: readonly MatchLine[], ledger: readonly MatchLine[]): void {
  const linesOf = suggestions.map((s) => [...s.bank.map((b) => b), ...s.ledger.map((l) => -1 - l)]);
  const byLine = new Map<number, number[]>();
  linesOf.forEach((lines, index) => {
    for (const line of lines) {
      const list = byLine.get(line);
      if (list === undefined) {
        byLine.set(line, [index]);
      } else {
        list.push(index);
      }
    }
  });
  const attributes = new Map<number, string[]>();
  const attributesOf = (line: number): string[] => {
    let known = attributes.get(line);
    if (known === undefined) {
      known = describeLine(line >= 0 ? bank[line] : ledger[-1 - line]);
      attributes.set(line, known);
    }
    return known;
  };
  suggestions.forEach((suggestion, index) => {
    const mine = linesOf[index] ?? [];
    const found = new Set<number>();
    const seen = new Set<number>([index]);
    for (const line of mine) {
      for (const other of byLine.get(line) ?? []) {
        if (seen.has(other)) {
          continue;
        }
        seen.add(other);
        const theirs = linesOf[other] ?? [];
        const onlyMine = mine.filter((x) => !theirs.includes(x)).map(attributesOf);
        const onlyTheirs = theirs.filter((x) => !mine.includes(x)).map(attributesOf);
        for (let a = 0; a < DISTINGUISHING_ORDER.length; a++) {
          if (!found.has(a) && valuesOf(onlyMine, a) !== valuesOf(onlyTheirs, a)) {
            found.add(a);
          }
        }
      }
    }
    suggestion.distinguishing = DISTINGUISHING_ORDER.filter((_, a) => found.has(a));
  });
}

/** A line's reference, numbers, date, description and amount as compared (`DISTINGUISHING_ORDER`). */
function describeLine(line: MatchLine | undefined): string[] {
  const description = line?.description ?? '';
  return [
    normalizeReference(line?.reference) ?? '',
    [...tokenizeDescription(description).numbers].sort().join(' '),
    line?.date ?? '',
    normalizeForRule(description),
    String(line?.amountMinor ?? 0),
  ];
}

/** One attribute of several lines, as a multiset written in a fixed order. */
function valuesOf(lines: ReadonlyArray<readonly string[]>, attribute: number): string {
  return lines
    .map((line) => line[attribute] ?? '')
    .sort()
    .join('\u0001');
}
