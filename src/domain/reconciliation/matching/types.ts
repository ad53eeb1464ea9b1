/**
 * The matcher's contract. A line is identified by its 0-based index in the array given to the
 * matcher (the CLI prints 1-based positions). Amounts are minor units of one currency; bank and
 * ledger share the sign convention "positive = money into the account".
 */
import type { LocalDate } from '../../dates';

export interface MatchLine {
  date: LocalDate;
  amountMinor: number;
  description: string;
  reference: string | null;
  bankId: string | null;
  /**
   * For transfers between two accounts of one client: the key of the account this line belongs to
   * (bank side) or posts against (ledger side). Null when unknown.
   */
  accountKey?: string | null;
}

/** Why a group of lines was put together, in order of certainty. */
export type MatchReason =
  | 'bank-id' // the same bank transaction id on both sides
  | 'amount+reference' // equal amount and equal reference / check number
  | 'amount+date' // equal amount within the date window, best description
  | 'one-to-many' // one bank line = several ledger lines (batch deposit)
  | 'many-to-one' // several bank lines = one ledger line (split payment)
  | 'transfer' // a transfer between two accounts of the same client
  | 'rule' // a firm rule proposed an adjustment for a bank-only line
  | 'tolerance' // a tolerance rule paired lines whose difference becomes an adjustment
  | 'manual'; // a person matched these lines

/** An adjusting entry the matcher proposes; a reviewer must approve it. */
export interface ProposedAdjustment {
  /** Minor units to post to the books (same sign convention as the lines). */
  amountMinor: number;
  /** e.g. 'bank_fee', 'interest', 'nsf', 'rounding', 'timing', 'error'. */
  reasonCode: string;
  /** The general-ledger account the firm rule names, when it names one. */
  account: string | null;
  /** Id of the rule that proposed it. */
  ruleId: string | null;
}

export interface Match {
  /** Indexes into the bank lines; may be empty for a ledger-only rule match. */
  bank: number[];
  /** Indexes into the ledger lines; empty when a rule proposes an adjustment for a bank-only line. */
  ledger: number[];
  reason: MatchReason;
  /** 0..1; 1 is certain (bank id), below 0.8 is never applied automatically. */
  confidence: number;
  /** One sentence a preparer understands: "Same amount and check number 1042; dated 2 days apart." */
  explanation: string;
  /** Σbank − Σledger when a tolerance or rule accepts a difference, else null (the sums are equal). */
  adjustment: ProposedAdjustment | null;
}

/** An ambiguous candidate: offered to a person, never applied by the matcher. */
export interface Suggestion extends Match {
  /** What tells this candidate apart from the others for the same line. */
  distinguishing: Array<'reference' | 'number' | 'date' | 'description' | 'amount'>;
}

/** A firm rule: "description contains SERVICE CHARGE → propose bank-fee adjustment to 6100". */
export interface MatchRule {
  id: string;
  name: string;
  /** Case-insensitive substring of the bank description. */
  descriptionContains: string;
  kind: 'adjustment' | 'tolerance';
  /** For 'adjustment': which bank lines it applies to. */
  direction?: 'any' | 'in' | 'out';
  reasonCode: string;
  account: string | null;
  /** For 'tolerance': the largest accepted amount difference, minor units (≥ 0). */
  amountToleranceMinor?: number;
  /** For 'tolerance': the largest accepted date difference in days, beyond the firm window. */
  dateToleranceDays?: number;
}

export interface MatchOptions {
  /** ± days around the bank date in which a ledger line may match (firm setting, default 5). */
  dateWindowDays: number;
  /** Largest group on the "many" side of a one-to-many or many-to-one match (default 6). */
  maxGroupSize: number;
  rules: readonly MatchRule[];
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = { dateWindowDays: 5, maxGroupSize: 6, rules: [] };

export interface MatchResult {
  /** Applied automatically: every line appears in at most one match. */
  matches: Match[];
  /** Not applied: ambiguous candidates for lines left unmatched. */
  suggestions: Suggestion[];
  /** Indexes of lines in no match, ascending. */
  unmatchedBank: number[];
  unmatchedLedger: number[];
}
