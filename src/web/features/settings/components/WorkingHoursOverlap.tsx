import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { TEAM_COLORS } from '../../../components/status-colors';
import { formatTime, zoneCity } from '../../../lib/time';
import { computeDayOverlap, type Span, type TeamHours } from '../../../lib/working-hours';
import classes from './WorkingHoursOverlap.module.css';

export interface WorkingHoursOverlapProps {
  onshore: TeamHours;
  offshore: TeamHours;
  /** The zone the 24-hour bar is drawn in: the viewer's. */
  viewerZone: string;
}

const TICKS = [0, 3, 6, 9, 12, 15, 18, 21, 24];

/**
 * Today's working hours of both teams on one 24-hour bar in the viewer's zone, and where they
 * overlap: the window for live hand-offs between onshore reviewers and offshore preparers.
 */
export function WorkingHoursOverlap({ onshore, offshore, viewerZone }: WorkingHoursOverlapProps) {
  const isValid = isTeamValid(onshore) && isTeamValid(offshore);
  if (!isValid) {
    return (
      <Text fz="sm" c="dimmed">
        Enter both teams&apos; time zones and hours to see their overlap.
      </Text>
    );
  }
  const result = computeDayOverlap(onshore, offshore, viewerZone);
  const now = Date.now();
  const nowPercent = ((now - result.day.start) / (result.day.end - result.day.start)) * 100;
  const summary = describeOverlap(result.overlap, result.overlapMinutes, onshore, offshore);

  return (
    <Stack gap="sm">
      <Text fz="sm" fw={600} aria-live="polite">
        {summary}
      </Text>
      <Box className={classes.chart} role="img" aria-label={`Working hours today in ${zoneCity(viewerZone)} time. ${summary}`}>
        <BarRow label="Onshore" detail={`${zoneCity(onshore.timeZone)} ${onshore.workStart}–${onshore.workEnd}`} spans={result.onshore} day={result.day} color={TEAM_COLORS.onshore} viewerZone={viewerZone} nowPercent={nowPercent} />
        <BarRow label="Offshore" detail={`${zoneCity(offshore.timeZone)} ${offshore.workStart}–${offshore.workEnd}`} spans={result.offshore} day={result.day} color={TEAM_COLORS.offshore} viewerZone={viewerZone} nowPercent={nowPercent} />
        <BarRow label="Overlap" detail={formatDuration(result.overlapMinutes)} spans={result.overlap} day={result.day} color={TEAM_COLORS.overlap} viewerZone={viewerZone} nowPercent={nowPercent} />
        <Group className={classes.axisRow} gap={0} wrap="nowrap" aria-hidden="true">
          <Box className={classes.label} />
          <Box className={classes.axis}>
            {TICKS.map((hour) => (
              <Text key={hour} fz={11} c="dimmed" className={classes.tick} style={{ left: `${(hour / 24) * 100}%` }}>
                {String(hour % 24).padStart(2, '0')}:00
              </Text>
            ))}
          </Box>
        </Group>
      </Box>
      <Text fz="xs" c="dimmed">
        Hours shown in your time zone ({zoneCity(viewerZone)}), for today. Daylight-saving changes on either side move the overlap.
      </Text>
    </Stack>
  );
}

interface BarRowProps {
  label: string;
  detail: string;
  spans: Span[];
  day: Span;
  color: string;
  viewerZone: string;
  nowPercent: number;
}

function BarRow({ label, detail, spans, day, color, viewerZone, nowPercent }: BarRowProps) {
  const length = day.end - day.start;
  return (
    <Group gap={0} wrap="nowrap" className={classes.row}>
      <Box className={classes.label}>
        <Text fz="sm" fw={600} lh={1.2}>
          {label}
        </Text>
        <Text fz="xs" c="dimmed" lh={1.2} truncate="end">
          {detail}
        </Text>
      </Box>
      <Box className={classes.track}>
        {TICKS.slice(1, -1).map((hour) => (
          <Box key={hour} className={classes.gridLine} style={{ left: `${(hour / 24) * 100}%` }} />
        ))}
        {spans.map((span) => (
          <Tooltip key={span.start} label={`${formatTime(new Date(span.start), viewerZone)}–${formatTime(new Date(span.end), viewerZone)} your time`}>
            <Box
              className={classes.segment}
              style={{
                left: `${((span.start - day.start) / length) * 100}%`,
                width: `${((span.end - span.start) / length) * 100}%`,
                background: `var(--mantine-color-${color}-6)`,
              }}
            />
          </Tooltip>
        ))}
        {nowPercent >= 0 && nowPercent <= 100 ? <Box className={classes.now} style={{ left: `${nowPercent}%` }} /> : null}
      </Box>
    </Group>
  );
}

function describeOverlap(overlap: Span[], minutes: number, onshore: TeamHours, offshore: TeamHours): string {
  const first = overlap[0];
  if (!first || minutes === 0) {
    return 'No overlap today: hand-offs between the teams happen asynchronously.';
  }
  const start = new Date(first.start);
  const end = new Date(first.end);
  return `Overlap today: ${formatDuration(minutes)}, ${formatTime(start, onshore.timeZone)}–${formatTime(end, onshore.timeZone)} in ${zoneCity(onshore.timeZone)}, ${formatTime(start, offshore.timeZone)}–${formatTime(end, offshore.timeZone)} in ${zoneCity(offshore.timeZone)}.`;
}

function formatDuration(minutes: number): string {
  if (minutes === 0) {
    return 'none';
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours > 0 ? `${hours} h` : '', rest > 0 ? `${rest} min` : ''].filter(Boolean).join(' ');
}

function isTeamValid(team: TeamHours): boolean {
  if (!/^\d{2}:\d{2}$/.test(team.workStart) || !/^\d{2}:\d{2}$/.test(team.workEnd) || team.workStart >= team.workEnd) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: team.timeZone });
    return true;
  } catch {
    return false; // an unknown zone while the person is still choosing one
  }
}
