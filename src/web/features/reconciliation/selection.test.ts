import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summariseSelection, toggleLine, type SelectedLine } from './selection';

function line(id: string, side: 'bank' | 'ledger', amountMinor: number, cleared = false): SelectedLine {
  return {
    id,
    side,
    date: '2026-10-15',
    amountMinor,
    description: id,
    cleared,
  };
}

describe('the selection of lines to match', () => {
  it('sums each side and shows the difference a batch deposit leaves', () => {
    let selection = new Map<string, SelectedLine>();
    selection = toggleLine(selection, line('b1', 'bank', 125000));
    selection = toggleLine(selection, line('l1', 'ledger', 80000));
    selection = toggleLine(selection, line('l2', 'ledger', 45000));
    const summary = summariseSelection(selection);
    expect(summary.bank).toMatchObject({ count: 1, sumMinor: 125000 });
    expect(summary.ledger).toMatchObject({ count: 2, sumMinor: 125000 });
    expect(summary.differenceMinor).toBe(0);
    expect(summary.decision).toEqual({ ok: true, adjustmentMinor: null });
  });

  it('asks for a reason code when the two sides differ', () => {
    const selection = new Map([
      ['b1', line('b1', 'bank', -2959)],
      ['l1', line('l1', 'ledger', -2599)],
    ]);
    const summary = summariseSelection(selection);
    expect(summary.differenceMinor).toBe(-360);
    expect(summary.decision).toMatchObject({ ok: false, code: 'sums_differ' });
  });

  it('treats a bank line alone as an adjustment that needs a reason', () => {
    const summary = summariseSelection(new Map([['b1', line('b1', 'bank', -2500)]]));
    expect(summary.decision).toMatchObject({ ok: false, code: 'sums_differ' });
    expect(summary.ledger.count).toBe(0);
  });

  it('notices a line that is already matched', () => {
    const summary = summariseSelection(new Map([['b1', line('b1', 'bank', 100, true)]]));
    expect(summary.hasClearedLine).toBe(true);
  });

  it('removes a line when it is toggled a second time', () => {
    const once = toggleLine(new Map(), line('b1', 'bank', 100));
    expect(toggleLine(once, line('b1', 'bank', 100)).size).toBe(0);
  });

  it('keeps the difference equal to the bank sum minus the ledger sum, exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })), { maxLength: 50 }), (entries) => {
        const selection = new Map(entries.map(([isBank, amount], i) => [`l${i}`, line(`l${i}`, isBank ? 'bank' : 'ledger', amount)]));
        const summary = summariseSelection(selection);
        const bank = entries.filter(([isBank]) => isBank).reduce((s, [, a]) => s + a, 0);
        const ledger = entries.filter(([isBank]) => !isBank).reduce((s, [, a]) => s + a, 0);
        expect(summary.differenceMinor).toBe(bank - ledger);
        expect(summary.bank.count + summary.ledger.count).toBe(entries.length);
      }),
    );
  });
});
