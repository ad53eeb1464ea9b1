/**
 * Learns firm rules from what people keep doing by hand: when at least three manual resolutions
 * share a description stem and the same treatment, a rule is proposed (never applied) so a
 * manager can adopt it. Pure: the history comes in, rule proposals go out.
 */
import { daysBetween } from '../../dates';
import { isStopword, normalizeForRule, ruleTextMatches } from './similarity';
import type { MatchLine, MatchRule, ProposedAdjustment } from './types';

/** One manual resolution: the lines a person put together and the adjustment they booked, if any. */
export interface ManualResolution {
  bank: readonly MatchLine[];
  ledger: readonly MatchLine[];
  adjustment: Pick<ProposedAdjustment, 'reasonCode' | 'account'> | null;
}

export interface RuleProposalOptions {
  /** Resolutions that must share a stem and treatment (default 3). */
  minOccurrences?: number;
  /** The firm's date window, to express a tolerance rule's date allowance beyond it (default 5). */
  dateWindowDays?: number;
}

const MONTHS = new Set(['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december']);

/**
 * Proposes rules from manual resolutions that carry an adjustment:
 * - a bank line resolved alone (no ledger lines) → an `adjustment` rule for that reason and account,
 *   with the direction its amounts share;
 * - bank and ledger lines resolved with a difference → a `tolerance` rule whose amount tolerance is
 *   the largest difference seen and whose date tolerance covers the largest gap beyond the window.
 * The stem is the longest run of leading words (numbers and dates removed) that at least
 * `minOccurrences` resolutions of the same treatment share; it becomes `descriptionContains`. A
 * stem of boilerplate alone ("POS DEBIT"), a stem two treatments claim, and a stem that merely
 * extends another proposed stem of the same treatment are not proposed. Output is sorted.
 *
 * @example
 * proposeRulesFromManualMatches([march, april, may].map((month) => ({
 *   bank: [{ date: month, amountMinor: -1500, description: `SERVICE CHARGE ${month}`, reference: null, bankId: null }],
 *   ledger: [],
 *   adjustment: { reasonCode: 'bank_fee', account: '6100' },
 * })));
 * // → [{ id: 'proposed:adjustment:bank_fee:6100:service-charge', descriptionContains: 'SERVICE CHARGE', kind: 'adjustment', direction: 'out', … }]
 */
export function proposeRulesFromManualMatches(history: readonly ManualResolution[], options: RuleProposalOptions = {}): MatchRule[] {
  const minOccurrences = Math.max(1, options.minOccurrences ?? 3);
  const window = options.dateWindowDays ?? 5;
  const byTreatment = new Map<string, Array<{ resolution: ManualResolution; words: string[] }>>();
  for (const resolution of history) {
    const first = resolution.bank[0];
    if (resolution.adjustment === null || first === undefined) {
      continue;
    }
    const words = stemWords(first.description);
    if (words.length === 0) {
      continue;
    }
    const key = treatmentKey(resolution);
    const group = byTreatment.get(key) ?? [];
    group.push({ resolution, words });
    byTreatment.set(key, group);
  }
  const proposals: Array<{ key: string; stem: string; support: ManualResolution[] }> = [];
  for (const [key, group] of byTreatment) {
    for (const stem of stemsOf(group.map((g) => g.words), minOccurrences)) {
      const support = group.filter((g) => ruleTextMatches(g.resolution.bank[0]?.description ?? '', stem)).map((g) => g.resolution);
      if (support.length >= minOccurrences) {
        proposals.push({ key, stem, support });
      }
    }
  }
  const claimedBy = new Map<string, Set<string>>();
  for (const { key, stem } of proposals) {
    claimedBy.set(stem, (claimedBy.get(stem) ?? new Set()).add(key));
  }
  return proposals
    .filter(({ stem }) => (claimedBy.get(stem)?.size ?? 0) === 1)
    .filter(({ key, stem }) => !proposals.some((other) => other.key === key && other.stem !== stem && stem.startsWith(`${other.stem} `)))
    .map(({ stem, support }) => toRule(stem, support, window))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The words a stem is built from: folded, without numbers, dates or anything containing a digit. */
function stemWords(description: string): string[] {
  return normalizeForRule(description)
    .split(' ')
    .filter((word) => word !== '' && !/[0-9]/.test(word) && !MONTHS.has(word));
}

function treatmentKey(resolution: ManualResolution): string {
  const kind = resolution.ledger.length === 0 ? 'adjustment' : 'tolerance';
  return [kind, resolution.adjustment?.reasonCode ?? '', resolution.adjustment?.account ?? ''].join('\u0001');
}

/** For each description, its longest leading word run that `minOccurrences` descriptions share. */
function stemsOf(descriptions: readonly string[][], minOccurrences: number): string[] {
  const counts = new Map<string, number>();
  for (const words of descriptions) {
    for (let length = 1; length <= words.length; length++) {
      const prefix = words.slice(0, length).join(' ');
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
  }
  const stems = new Set<string>();
  for (const words of descriptions) {
    for (let length = words.length; length >= 1; length--) {
      const prefix = words.slice(0, length);
      if ((counts.get(prefix.join(' ')) ?? 0) >= minOccurrences) {
        if (prefix.some((word) => word.length >= 3 && !isStopword(word))) {
          stems.add(prefix.join(' '));
        }
        break;
      }
    }
  }
  return [...stems];
}

function toRule(stem: string, support: readonly ManualResolution[], window: number): MatchRule {
  const first = support[0];
  const kind: MatchRule['kind'] = first !== undefined && first.ledger.length > 0 ? 'tolerance' : 'adjustment';
  const reasonCode = first?.adjustment?.reasonCode ?? '';
  const account = first?.adjustment?.account ?? null;
  const text = stem.toUpperCase();
  const slug = stem.replace(/ /g, '-');
  const rule: MatchRule = {
    id: `proposed:${kind}:${reasonCode}:${account ?? ''}:${slug}`,
    name: `${text} → ${reasonCode}`,
    descriptionContains: text,
    kind,
    reasonCode,
    account,
  };
  if (kind === 'adjustment') {
    const amounts = support.flatMap((r) => r.bank.map((line) => line.amountMinor));
    rule.direction = amounts.every((a) => a > 0) ? 'in' : amounts.every((a) => a < 0) ? 'out' : 'any';
    return rule;
  }
  let tolerance = 0;
  let gap = 0;
  for (const resolution of support) {
    const difference = sumOf(resolution.bank) - sumOf(resolution.ledger);
    tolerance = Math.max(tolerance, Math.abs(difference));
    for (const b of resolution.bank) {
      for (const l of resolution.ledger) {
        gap = Math.max(gap, Math.abs(daysBetween(b.date, l.date)));
      }
    }
  }
  rule.amountToleranceMinor = tolerance;
  rule.dateToleranceDays = Math.max(0, gap - window);
  return rule;
}

function sumOf(lines: readonly MatchLine[]): number {
  return lines.reduce((total, line) => total + line.amountMinor, 0);
}
