import { describe, expect, it } from 'vitest';
import { proposeRulesFromManualMatches, type ManualResolution } from './propose-rule';
import type { MatchLine } from './types';

const line = (date: string, amountMinor: number, description: string): MatchLine => ({ date, amountMinor, description, reference: null, bankId: null });
const fee = (date: string, description: string, amountMinor = -1500): ManualResolution => ({ bank: [line(date, amountMinor, description)], ledger: [], adjustment: { reasonCode: 'bank_fee', account: '6100' } });

describe('proposeRulesFromManualMatches', () => {
  it('proposes an adjustment rule once three resolutions share a stem and a treatment', () => {
    const rules = proposeRulesFromManualMatches([fee('2024-01-31', 'SERVICE CHARGE JAN 2024'), fee('2024-02-29', 'SERVICE CHARGE 02/29'), fee('2024-03-31', 'SERVICE CHARGE MARCH')]);
    expect(rules).toEqual([
      { id: 'proposed:adjustment:bank_fee:6100:service-charge', name: 'SERVICE CHARGE → bank_fee', descriptionContains: 'SERVICE CHARGE', kind: 'adjustment', direction: 'out', reasonCode: 'bank_fee', account: '6100' },
    ]);
  });

  it('proposes nothing from two resolutions', () => {
    expect(proposeRulesFromManualMatches([fee('2024-01-31', 'SERVICE CHARGE'), fee('2024-02-29', 'SERVICE CHARGE')])).toEqual([]);
  });

  it('does not mix treatments: the same stem booked to two accounts proposes nothing', () => {
    const other = (date: string): ManualResolution => ({ ...fee(date, 'WIRE FEE'), adjustment: { reasonCode: 'bank_fee', account: '6200' } });
    const history = [fee('2024-01-01', 'WIRE FEE'), fee('2024-01-02', 'WIRE FEE'), fee('2024-01-03', 'WIRE FEE'), other('2024-01-04'), other('2024-01-05'), other('2024-01-06')];
    expect(proposeRulesFromManualMatches(history)).toEqual([]);
  });

  it('never proposes a stem of bank boilerplate alone', () => {
    const history = ['POS DEBIT 4417 HARBOR', 'POS DEBIT 9921 CEDAR', 'POS DEBIT 1182 GRANITE'].map((d, i) => fee(`2024-01-0${i + 1}`, d));
    expect(proposeRulesFromManualMatches(history)).toEqual([]);
  });

  it('proposes a tolerance rule covering the largest difference and date gap seen', () => {
    const wire = (day: number, received: number): ManualResolution => ({
      bank: [line(`2024-03-${String(day + 3).padStart(2, '0')}`, received, `WIRE IN ACME ${day}`)],
      ledger: [line(`2024-03-${String(day).padStart(2, '0')}`, 100_000, 'Acme receipt')],
      adjustment: { reasonCode: 'bank_fee', account: '6100' },
    });
    const rules = proposeRulesFromManualMatches([wire(1, 98_500), wire(10, 99_000), wire(20, 97_500)], { dateWindowDays: 1 });
    expect(rules).toEqual([expect.objectContaining({ kind: 'tolerance', descriptionContains: 'WIRE IN ACME', amountToleranceMinor: 2_500, dateToleranceDays: 2 })]);
  });

  it('keeps the shorter stem when a longer one only extends it for the same treatment', () => {
    const history = ['NSF FEE RETURNED ITEM', 'NSF FEE RETURNED ITEM', 'NSF FEE RETURNED ITEM', 'NSF FEE', 'NSF FEE 2'].map((d, i) => fee(`2024-01-0${i + 1}`, d, -3500));
    expect(proposeRulesFromManualMatches(history).map((r) => r.descriptionContains)).toEqual(['NSF FEE']);
  });

  it('ignores manual matches that booked no adjustment', () => {
    const history = [1, 2, 3].map((d): ManualResolution => ({ bank: [line(`2024-01-0${d}`, -500, 'HARBOR SUPPLY')], ledger: [line(`2024-01-0${d}`, -500, 'Harbor')], adjustment: null }));
    expect(proposeRulesFromManualMatches(history)).toEqual([]);
  });
});
