import type { FirmSettings } from '../../shared/firm';

export type DateFormat = FirmSettings['dateFormat'];

/**
 * Time-zone arithmetic with the browser's Intl data only: an instant is a Date (or ISO string),
 * a wall-clock time is a 'YYYY-MM-DD' date plus an 'HH:mm' clock in a named IANA zone.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'long',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function wallClock(instant: Date | string, timeZone: string): WallClock {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = Object.fromEntries(partsFormatter(safeZone(timeZone)).formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: parts.weekday ?? '',
  };
}

/** Minutes east of UTC that `timeZone` observes at `instant` (New York in winter: -300). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant at which the clock in `timeZone` reads `date` `clock` ('2026-03-31', '09:30'). */
export function zonedInstant(date: string, clock: string, timeZone: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, min = 0] = clock.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, h, min);
  const first = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess - zoneOffsetMinutes(new Date(first), timeZone) * 60_000);
}

/** Today's date ('YYYY-MM-DD') as seen in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const w = wallClock(now, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** A date in the firm's chosen format, read in `timeZone`. */
export function formatDate(instant: Date | string, dateFormat: DateFormat, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return formatYmd(w.year, w.month, w.day, dateFormat);
}

/** A 'YYYY-MM-DD' calendar date (no zone) in the firm's chosen format. */
export function formatLocalDate(date: string, dateFormat: DateFormat): string {
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
  return formatYmd(y, m, d, dateFormat);
}

/** 'HH:mm' in `timeZone`. */
export function formatTime(instant: Date | string, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

export function formatDateTime(instant: Date | string, dateFormat: DateFormat, timeZone: string): string {
  return `${formatDate(instant, dateFormat, timeZone)} ${formatTime(instant, timeZone)}`;
}

/** "12-31" → "Dec 31". */
export function formatFiscalYearEnd(monthDay: string): string {
  const [m = 1, d = 1] = monthDay.split('-').map(Number);
  return `${MONTHS[m - 1] ?? '?'} ${d}`;
}

/** The city part of a zone name: "America/New_York" → "New York", "UTC" → "UTC". */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replaceAll('_', ' ');
}

/** "UTC−05:00" for the offset `timeZone` observes now. */
export function zoneOffsetLabel(timeZone: string, at: Date = new Date()): string {
  const offset = zoneOffsetMinutes(at, timeZone);
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "3 minutes ago", "in 2 days": coarse, for lists. */
export function relativeTime(instant: Date | string, now: Date = new Date()): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (abs < 60) {
    return 'just now';
  }
  if (abs < 3600) {
    return rtf.format(Math.round(seconds / 60), 'minute');
  }
  if (abs < 86_400) {
    return rtf.format(Math.round(seconds / 3600), 'hour');
  }
  if (abs < 30 * 86_400) {
    return rtf.format(Math.round(seconds / 86_400), 'day');
  }
  if (abs < 365 * 86_400) {
    return rtf.format(Math.round(seconds / (30 * 86_400)), 'month');
  }
  return rtf.format(Math.round(seconds / (365 * 86_400)), 'year');
}

/** Every IANA zone the browser knows, for time-zone pickers. */
export function listTimeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = known.map((zone) => MODERN_ZONE_NAMES[zone] ?? zone);
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** Options for a time-zone Select, "America/New_York (UTC−05:00)", always including `current`. */
export function timeZoneOptions(current: string[] = []): Array<{ value: string; label: string }> {
  const now = new Date();
  const zones = listTimeZones();
  const missing = current.filter((zone) => zone && !zones.includes(zone));
  return [...missing, ...zones].map((zone) => ({ value: zone, label: `${zone.replaceAll('_', ' ')} (${zoneOffsetLabel(zone, now)})` }));
}

/** Browsers list some zones under their old ICU names; people know the current ones. */
const MODERN_ZONE_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

/** The browser's own zone, the default for new records. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Good morning" for the hour the person is in. */
export function greetingFor(timeZone: string, now: Date = new Date()): string {
  const hour = wallClock(now, timeZone).hour;
  if (hour < 5) {
    return 'Good evening';
  }
  if (hour < 12) {
    return 'Good morning';
  }
  if (hour < 18) {
    return 'Good afternoon';
  }
  return 'Good evening';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatYmd(y: number, m: number, d: number, dateFormat: DateFormat): string {
  switch (dateFormat) {
    case 'YYYY-MM-DD':
      return `${y}-${pad(m)}-${pad(d)}`;
    case 'MM/DD/YYYY':
      return `${pad(m)}/${pad(d)}/${y}`;
    case 'DD/MM/YYYY':
      return `${pad(d)}/${pad(m)}/${y}`;
    case 'DD.MM.YYYY':
      return `${pad(d)}.${pad(m)}.${y}`;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC'; // an unknown zone (older browser data): show UTC rather than fail the page
  }
}

/** "Dec 7, 2026": a date for prose, in the browser's zone unless one is given. */
export function formatHumanDate(instant: Date | string, timeZone?: string, withWeekday = false): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const zone = timeZone ? { timeZone: safeZone(timeZone) } : {};
  const options: Intl.DateTimeFormatOptions = withWeekday ? { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', ...zone } : { dateStyle: 'medium', ...zone };
  return new Intl.DateTimeFormat('en-US', options).format(date);
}
