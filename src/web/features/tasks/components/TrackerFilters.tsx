import { useMemo } from 'react';
import { Button, Chip, Divider, Group, Select, Stack } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useCurrentSession } from '../../../app/use-session';
import { SearchInput } from '../../../components/SearchInput';
import { todayIn } from '../../../lib/time';
import { formatPeriod, recentMonths } from '../../../lib/tracker-copy';
import type { TrackerFilterOptions } from '../use-filter-options';
import type { TrackerFilterKey, TrackerFilterValues } from '../use-tracker-filters';

export interface TrackerFiltersProps {
  filters: TrackerFilterValues;
  options: TrackerFilterOptions;
  activeFilterCount: number;
  onChange: (changes: Partial<Record<TrackerFilterKey, string | null>>) => void;
  onClear: () => void;
  /** Shown at the start of the second row (the status chips). */
  children?: React.ReactNode;
}

const QUEUE_OPTIONS = [
  { value: 'all', label: 'Mine (prepare or review)' },
  { value: 'prepare', label: 'Mine to prepare' },
  { value: 'review', label: 'Mine to review' },
];

/** The tracker's filter bar: search (`/` focuses it), pickers, "Overdue only", and clearing them all. */
export function TrackerFilters({ filters, options, activeFilterCount, onChange, onClear, children }: TrackerFiltersProps) {
  const session = useCurrentSession();
  const periods = useMemo(() => {
    const months = recentMonths(todayIn(session.user.timeZone), 13);
    const all = filters.period && !months.includes(filters.period) ? [filters.period, ...months] : months;
    return all.map((value) => ({ value, label: formatPeriod(value) }));
  }, [filters.period, session.user.timeZone]);

  return (
    <Stack gap="xs" mb="sm" role="search" aria-label="Filter tasks">
      <Group gap="xs" wrap="wrap">
        <SearchInput label="Search tasks" placeholder="Search tasks and clients" value={filters.q} onChange={(q) => onChange({ q })} width={220} />
        <FilterSelect label="Client" placeholder="All clients" value={filters.clientId} data={withCurrent(options.clients, filters.clientId, 'Selected client')} onChange={(clientId) => onChange({ clientId })} />
        <FilterSelect label="Workflow" placeholder="All workflows" value={filters.workflowId} data={withCurrent(options.workflows, filters.workflowId, 'Selected workflow')} onChange={(workflowId) => onChange({ workflowId })} />
        <FilterSelect label="Period" placeholder="All periods" value={filters.period} data={periods} onChange={(period) => onChange({ period })} width={130} />
        <FilterSelect label="Preparer" placeholder="Any preparer" value={filters.preparerId} data={withCurrent(options.preparers, filters.preparerId, 'Selected preparer')} onChange={(preparerId) => onChange({ preparerId })} />
        <FilterSelect label="Reviewer" placeholder="Any reviewer" value={filters.reviewerId} data={withCurrent(options.reviewers, filters.reviewerId, 'Selected reviewer')} onChange={(reviewerId) => onChange({ reviewerId })} />
        <FilterSelect label="Queue" placeholder="Everyone's work" value={filters.queue} data={QUEUE_OPTIONS} onChange={(queue) => onChange({ queue })} width={186} />
      </Group>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap={6} wrap="wrap">
          {children}
          <Divider orientation="vertical" mx={2} />
          <Chip checked={filters.overdue === 'true'} onChange={(checked) => onChange({ overdue: checked ? 'true' : null })} size="xs" variant="outline" color="red">
            Overdue only
          </Chip>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {activeFilterCount > 0 ? (
            <Button variant="subtle" size="compact-sm" color="gray" leftSection={<IconFilterOff size={14} aria-hidden="true" />} onClick={onClear}>
              Clear filters ({activeFilterCount})
            </Button>
          ) : null}
        </Group>
      </Group>
    </Stack>
  );
}

interface FilterSelectProps {
  label: string;
  placeholder: string;
  value: string;
  data: Array<{ value: string; label: string }>;
  onChange: (value: string | null) => void;
  width?: number;
}

function FilterSelect({ label, placeholder, value, data, onChange, width = 140 }: FilterSelectProps) {
  return (
    <Select
      aria-label={label}
      placeholder={placeholder}
      value={value || null}
      data={data}
      onChange={onChange}
      clearable
      searchable
      size="sm"
      w={width}
      nothingFoundMessage="Nothing found"
      comboboxProps={{ width: 'max-content', position: 'bottom-start', withinPortal: true }}
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()} filter` }}
    />
  );
}

/** Keeps a value from the URL selectable even when the newest tasks do not mention it. */
function withCurrent(options: Array<{ value: string; label: string }>, current: string, fallbackLabel: string) {
  if (!current || options.some((option) => option.value === current)) {
    return options;
  }
  return [{ value: current, label: fallbackLabel }, ...options];
}
