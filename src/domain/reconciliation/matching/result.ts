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
  const byLine = new Map<string, number[]>();
  const linesOf = suggestions.map((s) => [...s.bank.map((b) => `b${b}`), ...s.ledger.map((l) => `l${l}`)]);
  linesOf.forEach((lines, index) => {
    for (const line of lines) {
      const list = byLine.get(line) ?? [];
      list.push(index);
      byLine.set(line, list);
    }
  });
  const attributes = new Map<string, Record<Distinguishing, string>>();
  const attributesOf = (key: string): Record<Distinguishing, string> => {
    let known = attributes.get(key);
    if (known === undefined) {
      const index = Number(key.slice(1));
      const line = key.startsWith('b') ? bank[index] : ledger[index];
      const description = line?.description ?? '';
      known = {
        reference: normalizeReference(line?.reference) ?? '',
        number: [...tokenizeDescription(description).numbers].sort().join(' '),
        date: line?.date ?? '',
        description: normalizeForRule(description),
        amount: String(line?.amountMinor ?? 0),
      };
      attributes.set(key, known);
    }
    return known;
  };
  suggestions.forEach((suggestion, index) => {
    const mine = linesOf[index] ?? [];
    const competitors = new Set<number>();
    for (const line of mine) {
      for (const other of byLine.get(line) ?? []) {
        if (other !== index) {
          competitors.add(other);
        }
      }
    }
    const found = new Set<Distinguishing>();
    for (const other of competitors) {
      const theirs = linesOf[other] ?? [];
      const onlyMine = mine.filter((line) => !theirs.includes(line));
      const onlyTheirs = theirs.filter((line) => !mine.includes(line));
      for (const attribute of DISTINGUISHING_ORDER) {
        const values = (lines: string[]) => lines.map((line) => attributesOf(line)[attribute]).sort().join('\u0001');
        if (values(onlyMine) !== values(onlyTheirs)) {
          found.add(attribute);
        }
      }
    }
    suggestion.distinguishing = DISTINGUISHING_ORDER.filter((attribute) => found.has(attribute));
  });
}
