import { Chip, Group, Text } from '@mantine/core';
import { cssColor, TASK_STATE_COLORS } from '../../../components/status-colors';
import { BOARD_ORDER, STATUS_LABELS, type TaskStatus } from '../../../lib/tracker-copy';

export interface StatusChipsProps {
  selected: readonly TaskStatus[];
  /** Tasks per state for the other filters (the API's countsByStatus ignores the status filter). */
  counts: Record<string, number>;
  /** What "All" lists (open work only unless a period or Closed is picked). */
  allCount: number;
  allLabel: string;
  onChange: (statuses: TaskStatus[]) => void;
}

/** One chip per state, in the state's colour, with how many tasks are in it; several may be on. */
export function StatusChips({ selected, counts, allCount, allLabel, onChange }: StatusChipsProps) {
  return (
    <Group gap={6} wrap="wrap" role="group" aria-label="Filter by status">
      <Chip checked={selected.length === 0} onChange={() => onChange([])} size="xs" variant="outline" color="brand">
        {allLabel} <Count value={allCount} />
      </Chip>
      {BOARD_ORDER.map((status) => {
        const isOn = selected.includes(status);
        return (
          <Chip
            key={status}
            checked={isOn}
            onChange={() => onChange(isOn ? selected.filter((s) => s !== status) : [...selected, status])}
            size="xs"
            variant="outline"
            color={TASK_STATE_COLORS[status]}
          >
            <Dot color={cssColor(TASK_STATE_COLORS[status])} />
            {STATUS_LABELS[status]} <Count value={counts[status] ?? 0} />
          </Chip>
        );
      })}
    </Group>
  );
}

function Count({ value }: { value: number }) {
  return (
    <Text span fz="xs" fw={700} c="dimmed" className="tm-num" ml={2}>
      {value}
    </Text>
  );
}

function Dot({ color }: { color: string }) {
  return <span aria-hidden="true" style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 8, background: color, marginRight: 6, verticalAlign: 'middle' }} />;
}
