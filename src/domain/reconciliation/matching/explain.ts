/**
 * The one-sentence explanations a preparer reads next to each proposal. They name what agreed
 * (amount, reference, number, date gap, shared words) in plain words, never a score.
 */
import type { MatchRule } from './types';

export type SuggestionTail = 'ambiguous' | 'weak' | 'conflict';

export function datedApart(gap: number): string {
  if (gap === 0) {
    return 'dated the same day';
  }
  return gap === 1 ? 'dated 1 day apart' : `dated ${gap} days apart`;
}

export function explainBankId(bankId: string, gap: number): string {
  return `Same bank transaction id “${bankId}” and the same amount on both sides; ${datedApart(gap)}.`;
}

/** How the reference agreed: equal references, or one side's number in the other side's description. */
export type ReferenceAgreement = { kind: 'reference'; value: string } | { kind: 'bank-number' | 'ledger-number'; value: string };

export function explainReference(agreement: ReferenceAgreement, gap: number): string {
  switch (agreement.kind) {
    case 'reference':
      return `Same amount and reference “${agreement.value}”; ${datedApart(gap)}.`;
    case 'bank-number':
      return `Same amount, and the bank’s number ${agreement.value} appears in the ledger description; ${datedApart(gap)}.`;
    case 'ledger-number':
      return `Same amount, and the ledger’s number ${agreement.value} appears in the bank description; ${datedApart(gap)}.`;
  }
}

export interface AmountDateEvidence {
  gap: number;
  dateWindowDays: number;
  /** False when the decision did not need the descriptions (a unique amount with cents). */
  readDescriptions: boolean;
  sharedWords: readonly string[];
  sharedNumber: string | null;
  /** "MM/DD" when one description writes the other line's date. */
  sharedDate: string | null;
  hasCompetitors: boolean;
}

export function explainAmountDate(evidence: AmountDateEvidence): string {
  const dated = datedApart(evidence.gap);
  if (!evidence.readDescriptions) {
    return `Same amount and ${dated}; no other line of that amount lies within ${evidence.dateWindowDays} days on either side.`;
  }
  const words = evidence.sharedWords.slice(0, 2).map((word) => `“${word}”`);
  const descriptions = words.length > 0 ? `descriptions share ${words.join(' and ')}` : 'descriptions have no words in common';
  const number = evidence.sharedNumber === null ? '' : `, and number ${evidence.sharedNumber} is on both`;
  const written = evidence.sharedDate === null ? '' : `, and one description gives the other line’s date ${evidence.sharedDate}`;
  const competitors = evidence.hasCompetitors ? '; it fits clearly better than the other candidates' : '';
  return `Same amount and ${dated}; ${descriptions}${number}${written}${competitors}.`;
}

export function explainGroup(direction: 'one-to-many' | 'many-to-one', parts: number, maxGap: number, maxGroupSize: number, dateWindowDays: number): string {
  const gap = maxGap === 0 ? 'all dated the same day' : `dated up to ${maxGap} day${maxGap === 1 ? '' : 's'} from it`;
  const alone = `no other combination of up to ${maxGroupSize} lines within ${dateWindowDays} days adds up to it`;
  return direction === 'one-to-many'
    ? `The bank line equals the sum of ${parts} ledger lines ${gap}; ${alone}.`
    : `The ledger line equals the sum of ${parts} bank lines ${gap}; ${alone}.`;
}

/** A group suggestion when several combinations add up to the same line. */
export function explainGroupAlternative(direction: 'one-to-many' | 'many-to-one', parts: number, maxGap: number, combinations: number): string {
  const gap = maxGap === 0 ? 'all dated the same day' : `dated up to ${maxGap} day${maxGap === 1 ? '' : 's'} from it`;
  const lines = direction === 'one-to-many' ? `The bank line equals the sum of ${parts} ledger lines ${gap}` : `The ledger line equals the sum of ${parts} bank lines ${gap}`;
  return `${lines}, but ${combinations} different combinations add up to it, so a person should choose.`;
}

export function explainTransfer(fromKey: string, toKey: string, gap: number): string {
  return `Transfer between the client’s accounts “${fromKey}” and “${toKey}”: equal and opposite amounts, ${datedApart(gap)}.`;
}

export function explainAdjustmentRule(rule: MatchRule): string {
  const account = rule.account === null ? '' : ` to account ${rule.account}`;
  return `Firm rule “${rule.name}” applies because the description contains “${rule.descriptionContains}”; the amount is proposed as a ${rule.reasonCode} adjustment${account} for a reviewer to approve.`;
}

export function explainTolerance(rule: MatchRule, hasDifference: boolean, gap: number): string {
  const difference = hasDifference ? 'the amount difference is within its tolerance and becomes a proposed adjustment' : 'the amounts are equal';
  return `Firm rule “${rule.name}” pairs these lines: the description contains “${rule.descriptionContains}”, ${difference}, ${datedApart(gap)}.`;
}

/** Turns a match's sentence into a suggestion's by saying why it was not applied. */
export function withSuggestionTail(sentence: string, tail: SuggestionTail): string {
  const body = sentence.endsWith('.') ? sentence.slice(0, -1) : sentence;
  switch (tail) {
    case 'ambiguous':
      return `${body} — but another candidate fits about as well, so a person should choose.`;
    case 'weak':
      return `${body} — too little evidence to apply it automatically.`;
    case 'conflict':
      return `${body} — but these lines also complete another proposal, so a person should choose.`;
  }
}
