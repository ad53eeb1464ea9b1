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
import { buildClasses, forEachInWindow, recordPair, runPass, type PairProposal } from './pair-pass';
import { containsRuleText } from './description-pool';
import { ADJUSTMENT_RULE_CONFIDENCE, TOLERANCE_CONFIDENCE, isSameAccount, toConfidence, toleranceScore, transferConfidence, transferScore } from './scoring';

export function matchTransfers(state: MatchState): void {
  for (const [from, to] of [
    [0, state.bankCount],
    [state.bankCount, state.total],
  ] as const) {
    const byMagnitude = new Map<number, number[]>();
    for (let node = from; node < to; node++) {
      const amount = state.amount[node] ?? 0;
      if (state.matched[node] === 0 && amount !== 0 && state.line(node).accountKey != null) {
        const list = byMagnitude.get(Math.abs(amount)) ?? [];
        list.push(node);
        byMagnitude.set(Math.abs(amount), list);
      }
    }
    for (const nodes of byMagnitude.values()) {
      const outgoing = buildClasses(state, nodes.filter((node) => (state.amount[node] ?? 0) < 0));
      const incoming = buildClasses(state, nodes.filter((node) => (state.amount[node] ?? 0) > 0));
      runPass(state, outgoing, incoming, {
        reason: 'transfer',
        collect(left, right, add) {
          forEachInWindow(left, right, state.window, (l, r) => {
            const a = state.line(left.members[l]?.[0] ?? 0).accountKey;
            const b = state.line(right.members[r]?.[0] ?? 0).accountKey;
            if (a != null && b != null && a !== b) {
              add(l, r);
            }
          });
        },
        score: (l, r) => transferScore(state.gap(l, r), state.window),
        confidence: (l, r, competing) => transferConfidence(state.gap(l, r), state.window, competing),
        explain: (l, r) => explainTransfer(state.line(l).accountKey ?? '', state.line(r).accountKey ?? '', state.gap(l, r)),
        record: recordTransfer,
      });
    }
  }
}

export function applyToleranceRules(state: MatchState): void {
  for (const prepared of state.toleranceRules) {
    const { rule } = prepared;
    const amountTolerance = Math.max(0, Math.floor(rule.amountToleranceMinor ?? 0));
    const dateLimit = state.window + Math.max(0, Math.floor(rule.dateToleranceDays ?? 0));
    const bankNodes: number[] = [];
    for (let node = 0; node < state.bankCount; node++) {
      if (state.matched[node] === 0 && containsRuleText(state.line(node).description, prepared.needle)) {
        bankNodes.push(node);
      }
    }
    if (bankNodes.length === 0) {
      continue;
    }
    const ledgerNodes: number[] = [];
    for (let node = state.bankCount; node < state.total; node++) {
      if (state.matched[node] === 0) {
        ledgerNodes.push(node);
      }
    }
    const difference = (b: number, l: number): number => (state.amount[b] ?? 0) - (state.amount[l] ?? 0);
    runPass(state, buildClasses(state, bankNodes), buildClasses(state, ledgerNodes), {
      reason: 'tolerance',
      collect(left, right, add) {
        forEachInWindow(left, right, dateLimit, (l, r) => {
          const b = left.members[l]?.[0] ?? 0;
          const g = right.members[r]?.[0] ?? 0;
          const sameSign = Math.sign(state.amount[b] ?? 0) === Math.sign(state.amount[g] ?? 0);
          if (sameSign && Math.abs(difference(b, g)) <= amountTolerance && isSameAccount(state.line(b), state.line(g))) {
            add(l, r);
          }
        });
      },
      score: (b, l) => toleranceScore(difference(b, l), state.gap(b, l), dateLimit),
      confidence: () => TOLERANCE_CONFIDENCE,
      explain: (b, l) => explainTolerance(rule, difference(b, l) !== 0, state.gap(b, l)),
      margin: 1,
      record: (s, proposal) => recordTolerance(s, proposal, prepared, difference(proposal.left, proposal.right)),
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

function recordTransfer(state: MatchState, proposal: PairProposal): void {
  const legs = [proposal.left, proposal.right].sort((a, b) => a - b);
  const lines = state.isBank(proposal.left) ? { bank: legs, ledger: [] } : { bank: [], ledger: legs.map((node) => node - state.bankCount) };
  recordPair(state, lines, proposal, null);
}

function recordTolerance(state: MatchState, proposal: PairProposal, prepared: PreparedRule, differenceMinor: number): void {
  const { rule } = prepared;
  const adjustment = differenceMinor === 0 ? null : { amountMinor: differenceMinor, reasonCode: rule.reasonCode, account: rule.account, ruleId: rule.id };
  recordPair(state, { bank: [proposal.left], ledger: [proposal.right - state.bankCount] }, proposal, adjustment);
}
