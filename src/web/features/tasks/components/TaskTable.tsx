import { useEffect, useRef } from 'react';
import { Anchor, Badge, Group, Table, Text, ThemeIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconFlag3Filled } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TaskSummaryDto } from '../../../../shared/tasks';
import { ChecklistProgress } from '../../../components/ChecklistProgress';
import { DueDate } from '../../../components/DueDate';
import { SortableTh } from '../../../components/SortableTh';
import { PRIORITY_COLORS } from '../../../components/status-colors';
import { TaskStatusBadge } from '../../../components/TaskStatusBadge';
import type { SortState } from '../../../components/use-url-sort';
import { formatPeriod, PRIORITY_LABELS } from '../../../lib/tracker-copy';
import type { TaskSort } from '../use-tracker-filters';
import classes from './TaskTable.module.css';

/** Task, client, workflow, period, preparer, reviewer, due, status, checklist, notes, rework: fits 1440 px beside the navigation. */
const COLUMN_WIDTHS = [186, 108, 108, 70, 94, 94, 162, 118, 72, 58, 68];

export interface TaskTableProps {
  tasks: readonly TaskSummaryDto[];
  sort: SortState<TaskSort>;
  onSort: (column: TaskSort) => void;
  /** The row `j`/`k` moved to (-1: none). */
  selectedIndex: number;
  onOpen: (task: TaskSummaryDto) => void;
  /** How tall the table may grow before it scrolls inside (its header stays in view). */
  maxHeight?: string;
}

/** The tracker as a dense table: one task per row, sortable by the columns the API sorts on. */
export function TaskTable({ tasks, sort, onSort, selectedIndex, onOpen, maxHeight = 'calc(100dvh - 330px)' }: TaskTableProps) {
  const selectedRowRef = useRef<HTMLTableRowElement>(null);

  // j/k move the selection: focus follows it (to the row's link), so Enter opens the task.
  useEffect(() => {
    const row = selectedRowRef.current;
    row?.querySelector<HTMLAnchorElement>('a[href]')?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedIndex]);

  return (
    <Table.ScrollContainer minWidth={1130} maxHeight={maxHeight} type="native" className={classes.scroller}>
      <Table stickyHeader highlightOnHover horizontalSpacing={8} className={`tm-dense ${classes.table} ${classes.fixed}`} aria-label="Tasks">
        <colgroup>
          {COLUMN_WIDTHS.map((width, index) => (
            <col key={index} style={{ width }} />
          ))}
        </colgroup>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Task</Table.Th>
            <SortableTh column="client" sort={sort} onSort={onSort}>
              Client
            </SortableTh>
            <SortableTh column="workflow" sort={sort} onSort={onSort}>
              Workflow
            </SortableTh>
            <SortableTh column="period" sort={sort} onSort={onSort}>
              Period
            </SortableTh>
            <Table.Th>Preparer</Table.Th>
            <Table.Th>Reviewer</Table.Th>
            <SortableTh column="due" sort={sort} onSort={onSort}>
              Due
            </SortableTh>
            <SortableTh column="status" sort={sort} onSort={onSort}>
              Status
            </SortableTh>
            <Table.Th>Checklist</Table.Th>
            <Table.Th style={{ textAlign: 'right' }} title="Open review notes">
              Notes
            </Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Rework</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task, index) => {
            const isSelected = index === selectedIndex;
            return (
              <Table.Tr
                key={task.id}
                ref={isSelected ? selectedRowRef : undefined}
                className={`tm-row-link ${task.isOverdue ? classes.overdue : ''}`}
                data-selected={isSelected || undefined}
                onClick={() => onOpen(task)}
              >
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {task.priority === 'high' || task.priority === 'urgent' ? (
                      <Tooltip label={`${PRIORITY_LABELS[task.priority]} priority`}>
                        <ThemeIcon size={16} variant="transparent" color={PRIORITY_COLORS[task.priority]} style={{ flexShrink: 0 }}>
                          <IconFlag3Filled size={13} aria-hidden="true" />
                          <VisuallyHidden>{PRIORITY_LABELS[task.priority]} priority:</VisuallyHidden>
                        </ThemeIcon>
                      </Tooltip>
                    ) : null}
                    <Anchor component={Link} to={`/tasks/${task.id}`} fw={600} fz="sm" className={classes.truncate} title={task.title} onClick={(event) => event.stopPropagation()}>
                      {task.title}
                    </Anchor>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Cell text={task.client.name} />
                </Table.Td>
                <Table.Td>
                  <Cell text={task.workflow.name} />
                </Table.Td>
                <Table.Td fz="sm" className="tm-num">
                  {formatPeriod(task.period)}
                </Table.Td>
                <Table.Td>
                  <Cell text={task.preparer.name} />
                </Table.Td>
                <Table.Td>
                  <Cell text={task.reviewer.name} />
                </Table.Td>
                <Table.Td>
                  <DueDate dueOn={task.dueOn} isOverdue={task.isOverdue} />
                </Table.Td>
                <Table.Td>
                  <TaskStatusBadge status={task.status} size="xs" />
                </Table.Td>
                <Table.Td>
                  <ChecklistProgress done={task.checklist.done} total={task.checklist.total} status={task.status} />
                </Table.Td>
                <Table.Td ta="right">
                  {task.openNotes > 0 ? (
                    <Badge size="sm" color="orange" variant="light" className="tm-num">
                      {task.openNotes}
                      <VisuallyHidden> open {task.openNotes === 1 ? 'note' : 'notes'}</VisuallyHidden>
                    </Badge>
                  ) : (
                    <Text fz="sm" c="dimmed" className="tm-num">
                      0
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" fz="sm" className="tm-num" c={task.reworkCount > 0 ? 'var(--mantine-color-orange-light-color)' : 'dimmed'} fw={task.reworkCount > 0 ? 600 : undefined}>
                  {task.reworkCount}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Cell({ text }: { text: string }) {
  return (
    <Text fz="sm" className={classes.truncate} title={text}>
      {text}
    </Text>
  );
}
