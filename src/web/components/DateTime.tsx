import { Text, Tooltip, type TextProps } from '@mantine/core';
import { useCurrentSession } from '../app/use-session';
import { useFirmSettings } from '../app/use-firm';
import { formatDate, formatDateTime, formatTime, relativeTime, zoneCity } from '../lib/time';

export interface DateTimeProps extends Omit<TextProps, 'children'> {
  value: string;
  /** `datetime`: date and time; `date`: the date only; `relative`: "3 hours ago". */
  display?: 'datetime' | 'date' | 'relative';
  /** Add the UTC time to the tooltip (the audit log). */
  withUtc?: boolean;
}

/**
 * An instant in the viewer's time zone and the firm's date format, with the other team's time
 * (and optionally UTC) in a tooltip: "09:30 New York · 20:00 Kolkata".
 */
export function DateTime({ value, display = 'datetime', withUtc = false, ...textProps }: DateTimeProps) {
  const session = useCurrentSession();
  const settings = useFirmSettings();
  const viewerZone = session.user.timeZone;
  const label = display === 'relative' ? relativeTime(value) : display === 'date' ? formatDate(value, settings.dateFormat, viewerZone) : formatDateTime(value, settings.dateFormat, viewerZone);

  const zones = [viewerZone, settings.onshore.timeZone, settings.offshore.timeZone].filter((zone, index, all) => all.indexOf(zone) === index);
  const zoneLine = zones.map((zone) => `${formatTime(value, zone)} ${zoneCity(zone)}`).join(' · ');
  const tooltip = (
    <>
      <div>{formatDateTime(value, settings.dateFormat, viewerZone)} (your time)</div>
      <div>{zoneLine}</div>
      {withUtc ? <div>{`${formatDateTime(value, 'YYYY-MM-DD', 'UTC')} UTC`}</div> : null}
    </>
  );

  return (
    <Tooltip label={tooltip} multiline>
      <Text component="time" dateTime={value} fz="sm" {...textProps} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {label}
      </Text>
    </Tooltip>
  );
}
