import { useEffect, useState } from 'react';
import { Alert, Button, Group, LoadingOverlay, Pagination, Paper, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconFilterOff, IconLayoutKanban, IconListDetails, IconRepeat, IconRoute } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { TaskSummaryDto } from '../../../shared/tasks';
import { useCurrentSession } from '../../app/use-session';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { plural } from '../../lib/tracker-copy';
import { SavedViewsMenu } from './components/SavedViewsMenu';
import { StatusChips } from './components/StatusChips';
import { BOARD_COLUMN_CAP, TaskBoard } from './components/TaskBoard';
import { TaskTable } from './components/TaskTable';
import { TrackerFilters } from './components/TrackerFilters';
import { useFilterOptions } from './use-filter-options';
import { useTaskList } from './use-tasks';
import { BOARD_PAGE_SIZE, TABLE_PAGE_SIZE, toTaskListFilters, trackerHref, useTrackerFilters } from './use-tracker-filters';

/**
 * The tracker: every task the person may see, as a dense table or a board by state. View,
 * filters, sort and page live in the URL; changes by anyone arrive live (AppLayout's stream).
 */
export function TaskListPage() {
  const session = useCurrentSession();
  const navigate = useNavigate();
  const tracker = useTrackerFilters();
  const options = useFilterOptions();
  const isBoard = tracker.view === 'board';
  const list = useTaskList(
    toTaskListFilters(
      tracker.filters,
      tracker.statuses,
      isBoard ? { sort: 'due', dir: 'desc', page: 1, pageSize: BOARD_PAGE_SIZE } : { sort: tracker.sort.column, dir: tracker.sort.direction, page: tracker.page, pageSize: TABLE_PAGE_SIZE },
    ),
  );
  // Closed work is history: the API leaves it out unless asked for by status or period. A small
  // second query counts it for the Closed chip and fills the board's Closed column.
  const isClosedHidden = !tracker.statuses.includes('closed') && !tracker.filters.period;
  const isClosedColumnShown = isBoard && tracker.statuses.length === 0;
  const closed = useTaskList(toTaskListFilters(tracker.filters, ['closed'], { sort: 'due', dir: 'desc', page: 1, pageSize: isClosedColumnShown ? BOARD_COLUMN_CAP : 1 }), { enabled: isClosedHidden });
  const tasks = list.data?.items ?? [];
  const boardTasks = isClosedHidden && isClosedColumnShown ? [...tasks, ...(closed.data?.items ?? [])] : tasks;
  const [selectedIndex, setSelectedIndex] = useState(-1);

  useEffect(() => {
    setSelectedIndex(-1);
  }, [tracker.view, tracker.page, tracker.savedQuery]);

  useHotkeys([
    ['j', () => !isBoard && setSelectedIndex((index) => Math.min(index + 1, tasks.length - 1))],
    ['k', () => !isBoard && setSelectedIndex((index) => Math.max(index - 1, 0))],
  ]);

  function handleOpen(task: TaskSummaryDto) {
    void navigate(`/tasks/${task.id}`);
  }

  function handleMoreHref(status: string) {
    return trackerHref({ ...tracker.savedQuery, view: 'table', status });
  }

  const total = list.data?.total ?? 0;
  const listedCounts = list.data?.countsByStatus ?? {};
  const counts = isClosedHidden && closed.data ? { ...listedCounts, closed: closed.data.total } : listedCounts;
  const allCount = Object.values(listedCounts).reduce((sum, n) => sum + n, 0);
  const firstRow = (tracker.page - 1) * TABLE_PAGE_SIZE + 1;
  const pageCount = Math.max(1, Math.ceil(total / TABLE_PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="Tracker"
        description={list.data ? `${plural(total, isClosedHidden ? 'open task' : 'task')} ${tracker.activeFilterCount > 0 ? 'match these filters' : 'you can see'} · updates live` : 'Every task you can see, updated live.'}
        actions={
          <>
            <SavedViewsMenu currentQuery={tracker.savedQuery} onApply={tracker.applyQuery} />
            <SegmentedControl
              aria-label="View"
              value={tracker.view}
              onChange={(view) => tracker.update({ view: view === 'board' ? 'board' : null })}
              data={[
                { value: 'table', label: <ViewLabel icon={<IconListDetails size={16} aria-hidden="true" />} text="Table" /> },
                { value: 'board', label: <ViewLabel icon={<IconLayoutKanban size={16} aria-hidden="true" />} text="Board" /> },
              ]}
            />
          </>
        }
      />

      <TrackerFilters filters={tracker.filters} options={options} activeFilterCount={tracker.activeFilterCount} onChange={tracker.update} onClear={tracker.clearFilters}>
        <StatusChips selected={tracker.statuses} counts={counts} allCount={allCount} allLabel={tracker.filters.period ? 'All' : 'All open'} onChange={(statuses) => tracker.update({ status: statuses.join(',') || null })} />
      </TrackerFilters>

      {list.error ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}

      {list.isPending ? (
        <Stack gap="xs" aria-busy="true" role="status" aria-label="Loading tasks">
          {[0, 1, 2, 3, 4, 5].map((key) => (
            <Skeleton key={key} h={36} radius="sm" />
          ))}
        </Stack>
      ) : list.data && total === 0 ? (
        <Paper withBorder>
          <TasksEmpty hasFilters={tracker.activeFilterCount > 0} canSetUp={session.user.role === 'admin' || session.user.role === 'partner'} onClear={tracker.clearFilters} />
        </Paper>
      ) : list.data && isBoard ? (
        <>
          {total > tasks.length ? (
            <Alert color="blue" variant="light" mb="sm">
              The board shows the newest {tasks.length} of {total} tasks. Narrow the filters (a period or a client) to see the rest, or use the table.
            </Alert>
          ) : null}
          <TaskBoard tasks={boardTasks} counts={counts} statuses={tracker.statuses} moreHref={handleMoreHref} />
        </>
      ) : list.data ? (
        <>
          <Paper withBorder pos="relative" style={{ overflow: 'clip' }}>
            <LoadingOverlay visible={list.isFetching && list.isPlaceholderData} overlayProps={{ backgroundOpacity: 0.3 }} loaderProps={{ size: 'sm' }} />
            <TaskTable tasks={tasks} sort={tracker.sort} onSort={tracker.handleSort} selectedIndex={selectedIndex} onOpen={handleOpen} />
          </Paper>
          <Group justify="space-between" mt="sm" gap="sm">
            <Text fz="xs" c="dimmed" className="tm-num">
              {firstRow}–{firstRow + tasks.length - 1} of {total} · <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open
            </Text>
            {pageCount > 1 ? (
              <Pagination
                total={pageCount}
                value={Math.min(tracker.page, pageCount)}
                onChange={(page) => tracker.update({ page: page === 1 ? null : String(page) })}
                size="sm"
                getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                getControlProps={(control) => ({ 'aria-label': control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : control === 'first' ? 'First page' : 'Last page' })}
              />
            ) : null}
          </Group>
        </>
      ) : null}
    </>
  );
}

function ViewLabel({ icon, text }: { icon: React.ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {icon}
      <span>{text}</span>
    </Group>
  );
}

interface TasksEmptyProps {
  hasFilters: boolean;
  canSetUp: boolean;
  onClear: () => void;
}

function TasksEmpty({ hasFilters, canSetUp, onClear }: TasksEmptyProps) {
  if (hasFilters) {
    return (
      <EmptyState
        icon={<IconFilterOff size={24} aria-hidden="true" />}
        title="No tasks match these filters"
        description="Clear the filters, or pick another period, client or person."
        action={
          <Button variant="default" onClick={onClear}>
            Clear filters
          </Button>
        }
      />
    );
  }
  if (canSetUp) {
    return (
      <EmptyState
        icon={<IconRoute size={24} aria-hidden="true" />}
        title="Set up a service to create tasks automatically"
        description="A service subscribes a client to a workflow on a schedule (monthly bank reconciliation, due BD+5). Tickmark then creates each period's task with its preparer, reviewer and checklist."
        action={
          <Button component={Link} to="/workflows?tab=services">
            Set up a service
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={<IconRepeat size={24} aria-hidden="true" />}
      title="No tasks yet"
      description="Tasks appear here when your firm sets up recurring work for the clients you are assigned to. Ask a partner or your administrator."
    />
  );
}
