import { decideManualMatch, type ManualMatchDecision } from '../../../domain/reconciliation/reconciliation-state';
import type { LineSide, ReconciliationLineDto } from '../../../shared/reconciliation';

/** A selected line, kept with what the selection bar and the match dialog need even when its page is gone. */
export interface SelectedLine {
  id: string;
  side: LineSide;
  date: string;
  amountMinor: number;
  description: string;
  cleared: boolean;
}

export type Selection = ReadonlyMap<string, SelectedLine>;

export interface SelectionSummary {
  bank: { count: number; sumMinor: number; ids: string[] };
  ledger: { count: number; sumMinor: number; ids: string[] };
  /** Σbank − Σledger: what the books would be missing if these lines were matched. */
  differenceMinor: number;
  /** Whether the server would take the group as it is, or needs a reason code for its difference. */
  decision: ManualMatchDecision;
  /** Some selected line is already in a match (the server refuses it). */
  hasClearedLine: boolean;
}

export function toSelectedLine(line: ReconciliationLineDto): SelectedLine {
  return {
    id: line.id,
    side: line.side,
    date: line.date,
    amountMinor: line.amountMinor,
    description: line.description,
    cleared: line.cleared,
  };
}

/** Adds the line, or removes it when it is already selected. */
export function toggleLine(selection: Selection, line: SelectedLine): Map<string, SelectedLine> {
  const next = new Map(selection);
  if (next.has(line.id)) {
    next.delete(line.id);
  } else {
    next.set(line.id, line);
  }
  return next;
}

/** Counts and sums per side (integers: exact), their difference and the match decision. */
export function summariseSelection(selection: Selection): SelectionSummary {
  const bank = { count: 0, sumMinor: 0, ids: [] as string[] };
  const ledger = { count: 0, sumMinor: 0, ids: [] as string[] };
  const bankAmounts: number[] = [];
  const ledgerAmounts: number[] = [];
  let hasClearedLine = false;
  for (const line of selection.values()) {
    const side = line.side === 'bank' ? bank : ledger;
    side.count += 1;
    side.sumMinor += line.amountMinor;
    side.ids.push(line.id);
    (line.side === 'bank' ? bankAmounts : ledgerAmounts).push(line.amountMinor);
    hasClearedLine ||= line.cleared;
  }
  const decision = decideManualMatch({
    bankAmounts,
    ledgerAmounts,
    hasAdjustmentReason: false,
  });
  return {
    bank,
    ledger,
    differenceMinor: bank.sumMinor - ledger.sumMinor,
    decision,
    hasClearedLine,
  };
}
