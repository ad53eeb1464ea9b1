import type { FirmSettings } from '../../shared/firm';
import { todayIn, zonedInstant } from './time';

export type TeamHours = FirmSettings['onshore'];

/** A stretch of time as instants in milliseconds, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface DayOverlap {
  /** The viewer's day the bars stand for: [start, start + 24 h). */
  day: Span;
  onshore: Span[];
  offshore: Span[];
  overlap: Span[];
  overlapMinutes: number;
}

const DAY_MS = 86_400_000;

/**
 * When the two teams' working hours fall on the viewer's day `date` (their own calendar days
 * before, on and after it are considered, since an offshore day can straddle the viewer's
 * midnight), and where they overlap. Times of day are read in each team's own zone, so
 * daylight-saving changes on either side are respected.
 */
export function computeDayOverlap(onshore: TeamHours, offshore: TeamHours, viewerZone: string, now: Date = new Date()): DayOverlap {
  const date = todayIn(viewerZone, now);
  const start = zonedInstant(date, '00:00', viewerZone).getTime();
  const day = { start, end: start + DAY_MS };
  const onshoreSpans = teamSpans(onshore, day);
  const offshoreSpans = teamSpans(offshore, day);
  const overlap = intersect(onshoreSpans, offshoreSpans);
  return {
    day,
    onshore: onshoreSpans,
    offshore: offshoreSpans,
    overlap,
    overlapMinutes: Math.round(overlap.reduce((sum, s) => sum + (s.end - s.start), 0) / 60_000),
  };
}

function teamSpans(team: TeamHours, day: Span): Span[] {
  const spans: Span[] = [];
  for (const offset of [-1, 0, 1]) {
    const date = todayIn(team.timeZone, new Date(day.start + DAY_MS / 2 + offset * DAY_MS));
    const start = zonedInstant(date, team.workStart, team.timeZone).getTime();
    const end = zonedInstant(date, team.workEnd, team.timeZone).getTime();
    const clipped = { start: Math.max(start, day.start), end: Math.min(end, day.end) };
    if (clipped.end > clipped.start && !spans.some((s) => s.start === clipped.start)) {
      spans.push(clipped);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

function intersect(a: Span[], b: Span[]): Span[] {
  const result: Span[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) {
        result.push({ start, end });
      }
    }
  }
  return result.sort((p, q) => p.start - q.start);
}
