/**
 * Recurring schedules: which periods a service covers and when each period's task is due.
 * Dates are ISO `YYYY-MM-DD` strings (local dates, no time zone); arithmetic is done in UTC.
 */
export type Frequency = 'monthly' | 'quarterly' | 'annual';

/** Due N business days after period end (BD+N), or on a calendar day of the following month. */
export type DueRule = { kind: 'business_days'; days: number } | { kind: 'calendar_day'; day: number };

export interface Period {
  /** `2026-03`, `2026-Q1` or `2026` */
  key: string;
  start: string;
  end: string;
}

const MONTHS_PER: Record<Frequency, number> = { monthly: 1, quarterly: 3, annual: 12 };

/**
 * Every period of `frequency` that has ended on or before `asOf` and starts on or after `from`,
 * oldest first. Quarters and years follow the calendar (a fiscal-year offset is a later concern).
 */
export function periodsEndedBy(frequency: Frequency, from: string, asOf: string): Period[] {
  const step = MONTHS_PER[frequency];
  const fromDate = parse(from);
  let year = fromDate.getUTCFullYear();
  let month = fromDate.getUTCMonth();
  month -= month % step; // align to the period that contains `from`
  const periods: Period[] = [];
  for (;;) {
    const start = new Date(Date.UTC(year, month, 1));
    const end = new Date(Date.UTC(year, month + step, 0));
    if (format(end) > asOf) {
      break;
    }
    if (format(start) >= from) {
      periods.push({ key: periodKey(frequency, year, month), start: format(start), end: format(end) });
    }
    month += step;
    if (month >= 12) {
      year += Math.floor(month / 12);
      month %= 12;
    }
  }
  return periods;
}

/** The period of `frequency` that contains `date`. */
export function periodContaining(frequency: Frequency, date: string): Period {
  const d = parse(date);
  const step = MONTHS_PER[frequency];
  const month = d.getUTCMonth() - (d.getUTCMonth() % step);
  const year = d.getUTCFullYear();
  return { key: periodKey(frequency, year, month), start: format(new Date(Date.UTC(year, month, 1))), end: format(new Date(Date.UTC(year, month + step, 0))) };
}

/**
 * The due date of a period: BD+N counts business days after `periodEnd`, skipping weekends and
 * the firm's holidays; a calendar day is that day of the month after the period (clamped to the
 * month's length), moved forward to the next business day.
 */
export function dueDate(periodEnd: string, rule: DueRule, holidays: ReadonlySet<string>): string {
  if (rule.kind === 'business_days') {
    return addBusinessDays(periodEnd, rule.days, holidays);
  }
  const end = parse(periodEnd);
  const year = end.getUTCFullYear();
  const month = end.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const target = format(new Date(Date.UTC(year, month, Math.min(rule.day, lastDay))));
  return isBusinessDay(target, holidays) ? target : addBusinessDays(target, 1, holidays);
}

export function addBusinessDays(date: string, days: number, holidays: ReadonlySet<string>): string {
  let current = parse(date);
  let left = days;
  while (left > 0) {
    current = new Date(current.getTime() + 86_400_000);
    if (isBusinessDay(format(current), holidays)) {
      left -= 1;
    }
  }
  return format(current);
}

export function isBusinessDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = parse(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

function periodKey(frequency: Frequency, year: number, month: number): string {
  switch (frequency) {
    case 'monthly':
      return `${year}-${String(month + 1).padStart(2, '0')}`;
    case 'quarterly':
      return `${year}-Q${Math.floor(month / 3) + 1}`;
    case 'annual':
      return String(year);
  }
}

function parse(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}
