import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, dueDate, isBusinessDay, periodContaining, periodsEndedBy } from './schedule';

const NO_HOLIDAYS: ReadonlySet<string> = new Set();

describe('periodsEndedBy', () => {
  it('lists monthly periods with their keys, starts and ends, oldest first', () => {
    expect(periodsEndedBy('monthly', '2026-01-01', '2026-03-31')).toEqual([
      { key: '2026-01', start: '2026-01-01', end: '2026-01-31' },
      { key: '2026-02', start: '2026-02-01', end: '2026-02-28' },
      { key: '2026-03', start: '2026-03-01', end: '2026-03-31' },
    ]);
  });

  it('ends a leap February on the 29th', () => {
    expect(periodsEndedBy('monthly', '2028-02-01', '2028-02-29')).toEqual([{ key: '2028-02', start: '2028-02-01', end: '2028-02-29' }]);
    expect(periodsEndedBy('monthly', '2100-02-01', '2100-02-28')).toEqual([{ key: '2100-02', start: '2100-02-01', end: '2100-02-28' }]);
  });

  it('lists quarters as calendar quarters', () => {
    expect(periodsEndedBy('quarterly', '2026-01-01', '2026-12-31')).toEqual([
      { key: '2026-Q1', start: '2026-01-01', end: '2026-03-31' },
      { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30' },
      { key: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      { key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
    ]);
  });

  it('lists years as calendar years', () => {
    expect(periodsEndedBy('annual', '2025-01-01', '2026-12-31')).toEqual([
      { key: '2025', start: '2025-01-01', end: '2025-12-31' },
      { key: '2026', start: '2026-01-01', end: '2026-12-31' },
    ]);
  });

  it('crosses a year end', () => {
    expect(periodsEndedBy('monthly', '2025-11-01', '2026-02-28').map((p) => p.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodsEndedBy('quarterly', '2025-10-01', '2026-06-30').map((p) => p.key)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
  });

  it('leaves out a period that has not ended yet', () => {
    expect(periodsEndedBy('monthly', '2026-01-01', '2026-03-30').map((p) => p.key)).toEqual(['2026-01', '2026-02']);
    expect(periodsEndedBy('quarterly', '2026-01-01', '2026-06-29').map((p) => p.key)).toEqual(['2026-Q1']);
    expect(periodsEndedBy('annual', '2026-01-01', '2026-12-30')).toEqual([]);
  });

  it('includes a period that ends on the as-of date', () => {
    expect(periodsEndedBy('monthly', '2026-02-01', '2026-02-28').map((p) => p.key)).toEqual(['2026-02']);
  });

  it('leaves out the partial period when `from` falls mid-period', () => {
    expect(periodsEndedBy('monthly', '2026-01-15', '2026-03-31').map((p) => p.key)).toEqual(['2026-02', '2026-03']);
    expect(periodsEndedBy('quarterly', '2026-02-01', '2026-06-30').map((p) => p.key)).toEqual(['2026-Q2']);
    expect(periodsEndedBy('annual', '2025-07-01', '2026-12-31').map((p) => p.key)).toEqual(['2026']);
  });

  it('returns nothing when as-of is before from', () => {
    expect(periodsEndedBy('monthly', '2026-05-01', '2026-03-31')).toEqual([]);
  });

  it('returns contiguous periods that each end on or before as-of', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('monthly' as const, 'quarterly' as const, 'annual' as const),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 2000 }),
        (frequency, fromDate, spanDays) => {
          const from = iso(fromDate);
          const asOf = iso(new Date(fromDate.getTime() + spanDays * 86_400_000));
          const periods = periodsEndedBy(frequency, from, asOf);
          periods.forEach((period, i) => {
            expect(period.start >= from).toBe(true);
            expect(period.end <= asOf).toBe(true);
            expect(periodContaining(frequency, period.start)).toEqual(period);
            expect(periodContaining(frequency, period.end)).toEqual(period);
            const next = periods[i + 1];
            if (next) {
              expect(addDays(period.end, 1)).toBe(next.start);
            }
          });
          // The first period left out after the last one listed has not ended yet.
          const last = periods.at(-1);
          const after = periodContaining(frequency, last ? addDays(last.end, 1) : from);
          expect(after.end > asOf || after.start < from).toBe(true);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('periodContaining', () => {
  it('finds the month, quarter and year of a date', () => {
    expect(periodContaining('monthly', '2028-02-15')).toEqual({ key: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    expect(periodContaining('quarterly', '2026-05-20')).toEqual({ key: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
    expect(periodContaining('quarterly', '2026-12-31')).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodContaining('annual', '2026-03-01')).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
  });
});

describe('dueDate with business days (BD+N)', () => {
  it('counts BD+5 after a period that ends on a Saturday', () => {
    expect(weekday('2026-01-31')).toBe('Sat');
    expect(dueDate('2026-01-31', { kind: 'business_days', days: 5 }, NO_HOLIDAYS)).toBe('2026-02-06');
  });

  it('skips a holiday when counting', () => {
    expect(dueDate('2026-01-31', { kind: 'business_days', days: 5 }, new Set(['2026-02-02']))).toBe('2026-02-09');
  });

  it('skips a weekend inside the count', () => {
    expect(dueDate('2026-03-31', { kind: 'business_days', days: 3 }, NO_HOLIDAYS)).toBe('2026-04-03');
    expect(dueDate('2026-03-31', { kind: 'business_days', days: 4 }, NO_HOLIDAYS)).toBe('2026-04-06');
  });

  it('always lands on a business day exactly N business days later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 30 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 5 }),
        (start, days, holidayOffsets) => {
          const from = iso(start);
          const holidays = new Set(holidayOffsets.map((offset) => addDays(from, offset)));
          const due = dueDate(from, { kind: 'business_days', days }, holidays);
          expect(isBusinessDay(due, holidays)).toBe(true);
          let counted = 0;
          for (let day = addDays(from, 1); day <= due; day = addDays(day, 1)) {
            counted += isBusinessDay(day, holidays) ? 1 : 0;
          }
          expect(counted).toBe(days);
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe('dueDate on a calendar day of the following month', () => {
  it('uses that day when it is a business day', () => {
    expect(dueDate('2026-03-31', { kind: 'calendar_day', day: 20 }, NO_HOLIDAYS)).toBe('2026-04-20');
  });

  it('clamps day 31 to the last day of a 30-day month', () => {
    expect(dueDate('2026-03-31', { kind: 'calendar_day', day: 31 }, NO_HOLIDAYS)).toBe('2026-04-30');
  });

  it('clamps to February’s last day, in leap and common years', () => {
    expect(dueDate('2028-01-31', { kind: 'calendar_day', day: 30 }, NO_HOLIDAYS)).toBe('2028-02-29');
    // 2026-02-28 is a Saturday, so the clamped day moves on to Monday.
    expect(dueDate('2026-01-31', { kind: 'calendar_day', day: 31 }, NO_HOLIDAYS)).toBe('2026-03-02');
  });

  it('moves a due day on a weekend to the Monday', () => {
    expect(weekday('2026-05-10')).toBe('Sun');
    expect(dueDate('2026-04-30', { kind: 'calendar_day', day: 10 }, NO_HOLIDAYS)).toBe('2026-05-11');
    expect(weekday('2026-05-09')).toBe('Sat');
    expect(dueDate('2026-04-30', { kind: 'calendar_day', day: 9 }, NO_HOLIDAYS)).toBe('2026-05-11');
  });

  it('moves on to the Tuesday when that Monday is a holiday', () => {
    expect(dueDate('2026-04-30', { kind: 'calendar_day', day: 10 }, new Set(['2026-05-11']))).toBe('2026-05-12');
  });

  it('moves a due day that is itself a holiday to the next business day', () => {
    expect(dueDate('2026-03-31', { kind: 'calendar_day', day: 20 }, new Set(['2026-04-20']))).toBe('2026-04-21');
  });

  it('falls in January of the next year after a December or Q4 period', () => {
    expect(dueDate('2026-12-31', { kind: 'calendar_day', day: 15 }, NO_HOLIDAYS)).toBe('2027-01-15');
  });

  it('counts from the month after the quarter', () => {
    expect(dueDate(periodContaining('quarterly', '2026-02-10').end, { kind: 'calendar_day', day: 20 }, NO_HOLIDAYS)).toBe('2026-04-20');
  });
});

describe('isBusinessDay and addBusinessDays', () => {
  it('treats Saturdays, Sundays and holidays as non-business days', () => {
    expect(isBusinessDay('2026-01-30', NO_HOLIDAYS)).toBe(true); // Friday
    expect(isBusinessDay('2026-01-31', NO_HOLIDAYS)).toBe(false);
    expect(isBusinessDay('2026-02-01', NO_HOLIDAYS)).toBe(false);
    expect(isBusinessDay('2026-02-02', NO_HOLIDAYS)).toBe(true);
    expect(isBusinessDay('2026-02-02', new Set(['2026-02-02']))).toBe(false);
  });

  it('skips a run of holidays and weekends', () => {
    const christmas = new Set(['2026-12-24', '2026-12-25', '2026-12-28']);
    expect(addBusinessDays('2026-12-23', 1, christmas)).toBe('2026-12-29');
  });
});

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return iso(new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000));
}

function weekday(date: string): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}
