/**
 * Tickmark's bank reconciliation matcher (SPEC 2.9): pure, deterministic, and precise before it
 * is eager. A wrong automatic match is worse than a missed one, so anything ambiguous or weak is
 * offered as a suggestion and left for a person.
 */
import { matchEqualAmounts } from './equal-amount-passes';
import { matchGroups } from './group-pass';
import { MatchState } from './match-state';
import { assembleResult } from './result';
import { applyAdjustmentRules, applyToleranceRules, matchTransfers } from './transfer-and-rule-passes';
import type { MatchLine, MatchOptions, MatchResult } from './types';

/**
 * Proposes matches between bank lines and ledger lines, in passes from the most certain:
 *
 * 1. `bank-id` — the same bank transaction id and amount on both sides.
 * 2. `amount+reference` — equal amount and equal reference or check number (or one side's number
 *    in the other's description), within the reference window (`referenceWindowDays`: 45 days at
 *    the default window, because checks clear weeks late).
 * 3. `amount+date` — equal amount within ±`dateWindowDays`, ranked by description similarity and
 *    shared numbers; two different check numbers never match.
 * 4. `one-to-many` / `many-to-one` — a batch deposit or split payment that exactly one combination
 *    of up to `maxGroupSize` lines adds up to.
 * 5. `transfer` — equal and opposite lines of two of the client's accounts (`accountKey`).
 * 6. firm rules — `tolerance` pairs with an accepted difference, then `rule` adjustments for bank
 *    lines nothing else explains.
 *
 * Each line is used at most once. In passes 1–3 and 5 a pair is applied only when each line is
 * the other's clearly best candidate and the confidence is at least 0.8; identical lines (same
 * amount, date, description, reference) are interchangeable, so genuine duplicates pair one to one.
 * Everything else that had candidates comes back as suggestions, with what tells them apart.
 *
 * Amounts are minor units of one currency, positive = money into the account on both sides.
 * The result depends only on the lines, never on their order (up to which of two identical lines
 * is used); indexes are positions in the arrays given.
 *
 * @example
 * const result = proposeMatches(bankLines, ledgerLines, DEFAULT_MATCH_OPTIONS);
 * result.matches[0]; // { bank: [0], ledger: [3], reason: 'amount+date', confidence: 0.9, explanation: 'Same amount and dated 1 day apart; …', adjustment: null }
 */
export function proposeMatches(bank: readonly MatchLine[], ledger: readonly MatchLine[], options: MatchOptions): MatchResult {
  const state = new MatchState(bank, ledger, options);
  matchEqualAmounts(state);
  matchGroups(state, 'one-to-many');
  matchGroups(state, 'many-to-one');
  matchTransfers(state);
  applyToleranceRules(state);
  applyAdjustmentRules(state);
  return assembleResult(bank, ledger, state.matches, state.suggestions);
}
