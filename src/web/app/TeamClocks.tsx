import { Box, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useState } from 'react';
import { formatTime, wallClock, zoneCity } from '../lib/time';
import { useFirmSettings } from './use-firm';
import { TEAM_COLORS } from '../components/status-colors';
import type { TeamHours } from '../lib/working-hours';

/** The time now for the onshore and offshore teams, and whether each is in working hours. */
export function TeamClocks() {
  const settings = useFirmSettings();
  const [now, setNow] = useState(() => new Date());
  useInterval(() => setNow(new Date()), 30_000, { autoInvoke: true });

  return (
    <Paper withBorder p="sm" radius="md">
      <Text fz={11} fw={700} c="dimmed" tt="uppercase" mb={6} style={{ letterSpacing: '0.06em' }}>
        Team time
      </Text>
      <Stack gap={6}>
        <TeamClock label="Onshore" team={settings.onshore} now={now} color={TEAM_COLORS.onshore} />
        <TeamClock label="Offshore" team={settings.offshore} now={now} color={TEAM_COLORS.offshore} />
      </Stack>
    </Paper>
  );
}

interface TeamClockProps {
  label: string;
  team: TeamHours;
  now: Date;
  color: string;
}

function TeamClock({ label, team, now, color }: TeamClockProps) {
  const w = wallClock(now, team.timeZone);
  const clock = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  const isWorking = clock >= team.workStart && clock < team.workEnd && w.weekday !== 'Saturday' && w.weekday !== 'Sunday';
  return (
    <Tooltip label={`${label} team works ${team.workStart}–${team.workEnd} ${zoneCity(team.timeZone)} time`} position="right">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Box w={8} h={8} style={{ borderRadius: 8, flexShrink: 0, background: isWorking ? `var(--mantine-color-${color}-6)` : 'var(--mantine-color-gray-5)' }} aria-hidden="true" />
          <Text fz="xs" truncate="end">
            {zoneCity(team.timeZone)}
          </Text>
        </Group>
        <Text fz="xs" fw={600} className="tm-num">
          {formatTime(now, team.timeZone)}
          <Text span fz="xs" c="dimmed" fw={400}>
            {isWorking ? ' · working' : ' · off'}
          </Text>
        </Text>
      </Group>
    </Tooltip>
  );
}
