/**
 * Passes 5 and 6: transfers between the client's accounts, then the firm's rules.
 *
 * Transfer: when lines carry `accountKey`, a line of one account and a line of equal and opposite
 * amount of another account, on the same side, within the date window, are the two legs of one
 * internal transfer: both statements show it (bank + bank) or the books hold both legs without the
 * bank showing either yet (ledger + ledger). They net to zero, so the match needs no adjustment.
 * Amounts out of an account are paired with amounts into another by the same assignment as the
 * other passes (nearest date wins by a clear margin, identical lines interchangeable).
 *
 * Tolerance rules (in the order given): an unmatched bank line whose description contains the
 * rule's text pairs with an unmatched ledger line of the same sign and account whose amount
 * differs by at most the tolerance and whose date is at most window + dateToleranceDays away;
 * the smallest difference, then the smallest gap, wins, and a tie is only suggested. The difference
 * Σbank − Σledger becomes the proposed adjustment.
 *
 * Adjustment rules: each bank line still unmatched takes the first rule whose text it contains
 * and whose direction fits; its whole amount becomes the proposed adjustment.
 */
import { explainAdjustmentRule, explainTolerance, explainTransfer } from './explain';
import type { MatchState, PreparedRule } from './match-state';
import { PairDecider, recordProposal } from './pair-pass';
import { containsRuleText } from './description-pool';
import { ADJUSTMENT_RULE_CONFIDENCE, CLEAR_MARGIN, TOLERANCE_CONFIDENCE, isSameAccount, toConfidence, toleranceScore, transferConfidence, transferScore } from './scoring';

export function matchTransfers(state: MatchState): void {
  const decider = new PairDecider(state);
  for (const isBankSide of [true, false]) {
    const [from, to] = isBankSide ? [0, state.bankCount] : [state.bankCount, state.total];
    const byMagnitude = new Map<number, number[]>();
    for (let node = from; node < to; node++) {
      const amount = state.amount[node] ?? 0;
      if (state.matched[node] === 0 && amount !== 0 && state.line(node).accountKey != null) {
        const list = byMagnitude.get(Math.abs(amount)) ?? [];
        list.push(node);
        byMagnitude.set(Math.abs(amount), list);
      }
    }
    const pass = {
      reason: 'transfer' as const,
      margin: CLEAR_MARGIN,
      marksOneToOne: false,
      score: (out: number, into: number) => transferScore(state.gap(out, into), state.window),
      confidence: (out: number, into: number, competing: boolean) => transferConfidence(state.gap(out, into), state.window, competing),
      explain: (out: number, into: number) => explainTransfer(state.line(out).accountKey ?? '', state.line(into).accountKey ?? '', state.gap(out, into)),
      record(out: number, into: number, confidence: number, explanation: string, isSuggestion: boolean) {
        const legs = out < into ? [out, into] : [into, out];
        const [bank, ledger] = isBankSide ? [legs, []] : [[], legs.map((node) => node - state.bankCount)];
        recordProposal(state, bank, ledger, 'transfer', confidence, explanation, isSuggestion, null);
      },
    };
    for (const nodes of byMagnitude.values()) {
      const byDay = (a: number, b: number) => (state.day[a] ?? 0) - (state.day[b] ?? 0) || a - b;
      const outgoing = nodes.filter((node) => (state.amount[node] ?? 0) < 0).sort(byDay);
      const incoming = nodes.filter((node) => (state.amount[node] ?? 0) > 0).sort(byDay);
      for (const out of outgoing) {
        for (const into of incoming) {
          const key = state.line(out).accountKey;
          const other = state.line(into).accountKey;
          if (state.gap(out, into) <= state.window && key != null && other != null && key !== other) {
            decider.add(out, into);
          }
        }
      }
      decider.decide(pass);
    }
  }
}

export function applyToleranceRules(state: MatchState): void {
  const decider = new PairDecider(state);
  for (const prepared of state.toleranceRules) {
    const { rule } = prepared;
    const amountTolerance = Math.max(0, Math.floor(rule.amountToleranceMinor ?? 0));
    const dateLimit = state.window + Math.max(0, Math.floor(rule.dateToleranceDays ?? 0));
    const ledgerNodes: number[] = [];
    for (let node = state.bankCount; node < state.total; node++) {
      if (state.matched[node] === 0) {
        ledgerNodes.push(node);
      }
    }
    ledgerNodes.sort((a, b) => (state.day[a] ?? 0) - (state.day[b] ?? 0) || a - b);
    const days = Int32Array.from(ledgerNodes, (node) => state.day[node] ?? 0);
    const difference = (b: number, l: number): number => (state.amount[b] ?? 0) - (state.amount[l] ?? 0);
    for (let b = 0; b < state.bankCount; b++) {
      if (state.matched[b] === 1 || !containsRuleText(state.line(b).description, prepared.needle)) {
        continue;
      }
      const day = state.day[b] ?? 0;
      const sign = Math.sign(state.amount[b] ?? 0);
      for (let k = lowerBound(days, day - dateLimit); k < ledgerNodes.length && (days[k] ?? 0) <= day + dateLimit; k++) {
        const l = ledgerNodes[k] ?? 0;
        if (Math.sign(state.amount[l] ?? 0) === sign && Math.abs(difference(b, l)) <= amountTolerance && isSameAccount(state.line(b), state.line(l))) {
          decider.add(b, l);
        }
      }
    }
    decider.decide({
      reason: 'tolerance',
      margin: 1,
      marksOneToOne: false,
      score: (b, l) => toleranceScore(difference(b, l), state.gap(b, l), dateLimit),
      confidence: () => TOLERANCE_CONFIDENCE,
      explain: (b, l) => explainTolerance(rule, difference(b, l) !== 0, state.gap(b, l)),
      record: (b, l, confidence, explanation, isSuggestion) => recordTolerance(state, b, l, prepared, confidence, explanation, isSuggestion),
    });
  }
}

export function applyAdjustmentRules(state: MatchState): void {
  if (state.adjustmentRules.length === 0) {
    return;
  }
  for (let node = 0; node < state.bankCount; node++) {
    if (state.matched[node] !== 0) {
      continue;
    }
    const rule = state.adjustmentRuleFor(node);
    if (rule === null) {
      continue;
    }
    state.matched[node] = 1;
    state.matches.push({
      bank: [node],
      ledger: [],
      reason: 'rule',
      confidence: toConfidence(ADJUSTMENT_RULE_CONFIDENCE),
      explanation: explainAdjustmentRule(rule),
      adjustment: { amountMinor: state.amount[node] ?? 0, reasonCode: rule.reasonCode, account: rule.account, ruleId: rule.id },
    });
  }
}

function recordTolerance(state: MatchState, b: number, l: number, prepared: PreparedRule, confidence: number, explanation: string, isSuggestion: boolean): void {
  const { rule } = prepared;
  const difference = (state.amount[b] ?? 0) - (state.amount[l] ?? 0);
  const adjustment = difference === 0 ? null : { amountMinor: difference, reasonCode: rule.reasonCode, account: rule.account, ruleId: rule.id };
  recordProposal(state, [b], [l - state.bankCount], 'tolerance', confidence, explanation, isSuggestion, adjustment);
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
