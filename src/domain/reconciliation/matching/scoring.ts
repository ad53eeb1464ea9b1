/**
 * The numbers behind every matching decision, shared by the fast matcher and the reference
 * matcher so both decide alike. Scores and confidences are integers per mille (0..1000); a
 * `Match.confidence` is the per-mille value divided by 1000.
 */
import type { MatchLine, MatchRule } from './types';

/** A proposal at or above this confidence is applied; below it, it is only suggested. */
export const APPLY_THRESHOLD = 800;
/** Suggestions are never presented as applicable: their confidence stays below the threshold. */
export const SUGGESTION_CEILING = 790;
/** The best candidate must beat the second by this much to be chosen over it. */
export const CLEAR_MARGIN = 200;
/**
 * A line with more candidate lines than this (identical lines counted once) in one pass is never
 * matched automatically in that pass and gets no suggestions of its own: at that density an
 * automatic choice would be a guess, and comparing every pair would be quadratic.
 */
export const MAX_CANDIDATES = 128;
/** Suggestions offered per line and pass, best first. */
export const SUGGESTIONS_PER_LINE = 3;
/** Candidates considered for one batch deposit or split payment: the nearest in date. */
export const MAX_GROUP_CANDIDATES = 20;
/** An ambiguous group with more combinations than this gets no suggestions (a person would start over anyway). */
export const MAX_GROUP_SOLUTIONS_SUGGESTED = 3;

/**
 * The window for matches on a reference or check number. A check can clear weeks after it was
 * written, and an equal amount with an equal number is strong evidence, so the window is the
 * wider of 45 days and three firm windows; a number reused a quarter later still falls outside.
 */
export function referenceWindowDays(dateWindowDays: number): number {
  return Math.max(45, 3 * dateWindowDays);
}

/** Lines of two different accounts of the client never match one another (a missing key matches any). */
export function isSameAccount(a: MatchLine, b: MatchLine): boolean {
  return a.accountKey == null || b.accountKey == null || a.accountKey === b.accountKey;
}

/** Two different plain check numbers contradict each other, whatever else agrees. */
export function isReferenceConflict(bankRef: string | null, ledgerRef: string | null): boolean {
  return bankRef !== null && ledgerRef !== null && bankRef !== ledgerRef && /^[0-9]+$/.test(bankRef) && /^[0-9]+$/.test(ledgerRef);
}

/** Pass 2 ranks candidates by date gap (over the wide window), then by description. */
export function referenceScore(gap: number, referenceWindow: number, similarity: number): number {
  return 1000 - Math.floor((1000 * gap) / Math.max(referenceWindow, 1)) + Math.floor(similarity / 4);
}

export function referenceConfidence(gap: number, referenceWindow: number, hasCompetitors: boolean): number {
  return (hasCompetitors ? 900 : 950) - Math.floor((100 * gap) / Math.max(referenceWindow, 1));
}

/** What pass 3 reads from two descriptions when it reads them. */
export interface DescriptionEvidence {
  /** `descriptionSimilarity`, 0..1000. */
  similarity: number;
  /** A number (check, invoice) both lines carry. */
  hasSharedNumber: boolean;
  /** One line's description writes the other line's date (a card's purchase date). */
  hasSharedDate: boolean;
}

export const NO_EVIDENCE: DescriptionEvidence = { similarity: 0, hasSharedNumber: false, hasSharedDate: false };

/**
 * Pass 3 ranks candidates by description, a shared number or written date, and a little by date
 * gap. The gap term (at most 100) can never by itself separate two candidates by the clear margin:
 * inside the firm window a date gap alone does not tell two equal payments apart.
 */
export function amountDateScore(gap: number, dateWindowDays: number, evidence: DescriptionEvidence): number {
  return evidence.similarity + (evidence.hasSharedNumber ? 500 : 0) + (evidence.hasSharedDate ? 300 : 0) - Math.floor((100 * gap) / Math.max(dateWindowDays, 1));
}

export interface AmountDateFacts {
  gap: number;
  dateWindowDays: number;
  isRound: boolean;
  /** The bank description matches a firm adjustment rule (a fee that may only look like a payment). */
  isRuleHit: boolean;
  /** Either line had another candidate in this pass. */
  hasCompetitors: boolean;
}

/**
 * True when the description must be read to decide: a round amount, a rule-like bank line, or a
 * choice between candidates. A unique non-round amount inside the window is decided without it.
 */
export function needsDescription(facts: AmountDateFacts): boolean {
  return facts.isRound || facts.isRuleHit || facts.hasCompetitors;
}

/** Pass 3 confidence. `evidence` is read only when `needsDescription`. */
export function amountDateConfidence(facts: AmountDateFacts, evidence: DescriptionEvidence): number {
  const gapUnits = Math.max(facts.dateWindowDays, 1);
  if (!needsDescription(facts)) {
    return 900 - Math.floor((50 * facts.gap) / gapUnits);
  }
  // Competition is not counted here: a pair is only applied when it beat every competitor by the clear margin.
  const value =
    650 +
    Math.floor((450 * evidence.similarity) / 1000) +
    (evidence.hasSharedNumber ? 250 : 0) +
    (evidence.hasSharedDate ? 150 : 0) +
    (facts.isRound ? 0 : 200) -
    Math.floor((20 * facts.gap) / gapUnits) -
    (facts.isRuleHit && evidence.similarity < 300 ? 300 : 0);
  return clampConfidence(value, 980);
}

/**
 * Batch deposits and split payments: fewer parts, a non-round total and close dates are surer.
 * A unique combination proves little when many combinations were possible: with `candidates`
 * lines, about Σ C(candidates, 2..maxGroupSize) sums could each land on the target by chance, one
 * in |total| minor units each. When that expectation exceeds `MAX_GROUP_COINCIDENCE`, the group is
 * only suggested.
 */
export function groupConfidence(size: number, totalMinor: number, maxGap: number, dateWindowDays: number, candidates: number, maxGroupSize: number): number {
  const value = 900 - 15 * (size - 2) - (totalMinor % 100 === 0 ? 80 : 0) - Math.floor((40 * maxGap) / Math.max(dateWindowDays, 1));
  const ceiling = groupCoincidence(candidates, maxGroupSize, totalMinor) > MAX_GROUP_COINCIDENCE ? 760 : 950;
  return clampConfidence(value, ceiling);
}

export const MAX_GROUP_COINCIDENCE = 0.02;

/** Expected number of chance combinations of 2..maxGroupSize of `candidates` lines summing to `totalMinor`. */
export function groupCoincidence(candidates: number, maxGroupSize: number, totalMinor: number): number {
  let combinations = 0;
  let choose = 1;
  for (let size = 1; size <= Math.min(candidates, maxGroupSize); size++) {
    choose = (choose * (candidates - size + 1)) / size;
    if (size >= 2) {
      combinations += choose;
    }
  }
  return combinations / Math.max(1, Math.abs(totalMinor));
}

export function transferScore(gap: number, dateWindowDays: number): number {
  return 1000 - Math.floor((1000 * gap) / Math.max(dateWindowDays, 1));
}

export function transferConfidence(gap: number, dateWindowDays: number, hasCompetitors: boolean): number {
  const units = Math.max(dateWindowDays, 1);
  return hasCompetitors ? 860 - Math.floor((50 * gap) / units) : 880 - Math.floor((60 * gap) / units);
}

/** Tolerance pairs: the smallest amount difference wins, then the smallest date gap; a tie is ambiguous. */
export function toleranceScore(differenceMinor: number, gap: number, dateLimit: number): number {
  return -(Math.abs(differenceMinor) * (dateLimit + 1) + gap);
}

/** An adjustment rule's direction: 'in' for money in, 'out' for money out, 'any' (the default) for both. */
export function ruleDirectionFits(rule: MatchRule, amountMinor: number): boolean {
  switch (rule.direction ?? 'any') {
    case 'in':
      return amountMinor > 0;
    case 'out':
      return amountMinor < 0;
    case 'any':
      return true;
  }
}

export const TOLERANCE_CONFIDENCE = 850;
export const ADJUSTMENT_RULE_CONFIDENCE = 900;
export const BANK_ID_CONFIDENCE = 1000;

export function toConfidence(perMille: number): number {
  return perMille / 1000;
}

function clampConfidence(value: number, ceiling: number): number {
  return Math.max(0, Math.min(ceiling, value));
}
