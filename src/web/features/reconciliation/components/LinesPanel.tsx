import { memo, useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { Badge, Checkbox, Group, LoadingOverlay, Pagination, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowForwardUp, IconMessage, IconNote } from '@tabler/icons-react';
import type { LineSide, ReconciliationDto, ReconciliationLineDto, ReconciliationLinesDto } from '../../../../shared/reconciliation';
import { useFirmSettings } from '../../../app/use-firm';
import { Amount } from '../../../components/Amount';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatLocalDate } from '../../../lib/time';
import { confidencePercent, lineState, matchReasonLabel, reasonLabel } from '../line-state';
import type { Selection } from '../selection';
import { LineDetail, type LineActions } from './LineDetail';
import classes from './LinesPanel.module.css';

export const SIDE_TITLES: Record<LineSide, string> = {
  bank: 'Bank',
  ledger: 'Books',
};

export interface LinesPanelProps {
  rec: ReconciliationDto;
  side: LineSide;
  data: ReconciliationLinesDto | undefined;
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
  onRetry: () => void;
  page: number;
  onPageChange: (page: number) => void;
  selection: Selection;
  onToggle: (line: ReconciliationLineDto) => void;
  /** The keyboard cursor's row on this side, or null when the cursor is on the other side. */
  cursorIndex: number | null;
  onCursor: (index: number) => void;
  expandedId: string | null;
  onExpand: (lineId: string | null) => void;
  actions: LineActions;
  /** What to show when the side has no lines at all (no filter applied). */
  empty: ReactNode;
  /** What to show when filters leave nothing. */
  filteredEmpty: ReactNode;
  hasFilters: boolean;
}

/**
 * One side of the reconciliation as a dense, paged list (a page is at most a few hundred rows,
 * so thousands of lines never render at once). Each line shows its state; clicking it opens the
 * details (why it matched, the suggestions, notes and actions). The checkbox selects it for a
 * manual match; the keyboard cursor is the row with the outline.
 */
export function LinesPanel(props: LinesPanelProps) {
  const { rec, side, data, isPending, isFetching, error, onRetry, page, onPageChange } = props;
  const settings = useFirmSettings();
  const currency = rec.bankAccount.currency;
  const scrollRef = useRef<HTMLDivElement>(null);
  const handlers = useRef<RowHandlers>({ onToggle: props.onToggle, onClick: () => undefined, actions: props.actions });
  handlers.current = {
    onToggle: props.onToggle,
    onClick: (index, line) => {
      props.onCursor(index);
      props.onExpand(props.expandedId === line.id ? null : line.id);
    },
    actions: props.actions,
  };
  const title = SIDE_TITLES[side];
  const pageCount = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  useEffect(() => {
    if (props.cursorIndex === null) {
      return;
    }
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${props.cursorIndex}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [props.cursorIndex]);

  return (
    <Paper withBorder className={classes.panel} component="section" aria-labelledby={`lines-${side}-heading`} data-active={props.cursorIndex !== null || undefined}>
      <Group justify="space-between" px="md" py="xs" className={classes.head} wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Title order={2} id={`lines-${side}-heading`} fz="md">
            {title}
          </Title>
          <Text fz="sm" c="dimmed" className="tm-num">
            {data ? `${data.total.toLocaleString('en-US')} ${data.total === 1 ? 'line' : 'lines'}` : ''}
          </Text>
        </Group>
        {data && data.total > 0 ? (
          <Group gap="md" wrap="nowrap">
            <Text fz="xs" c="dimmed">
              In <Amount minor={data.sums.inflowMinor} currency={currency} fz="xs" c="var(--mantine-color-text)" />
            </Text>
            <Text fz="xs" c="dimmed">
              Out <Amount minor={data.sums.outflowMinor} currency={currency} fz="xs" c="var(--mantine-color-text)" />
            </Text>
            <Text fz="xs" c="dimmed">
              Net <Amount minor={data.sums.amountMinor} currency={currency} fz="xs" fw={700} c="var(--mantine-color-text)" />
            </Text>
          </Group>
        ) : null}
      </Group>
      {error ? (
        <Stack p="md">
          <ProblemAlert error={error} onRetry={onRetry} />
        </Stack>
      ) : isPending ? (
        <Stack gap={6} p="md" aria-busy="true" role="status" aria-label={`Loading ${title.toLowerCase()} lines`}>
          {[0, 1, 2, 3, 4, 5, 6].map((key) => (
            <Skeleton key={key} h={28} radius="sm" />
          ))}
        </Stack>
      ) : data && data.total === 0 ? (
        <div className={classes.empty}>{props.hasFilters ? props.filteredEmpty : props.empty}</div>
      ) : data ? (
        <div className={classes.scroll} ref={scrollRef}>
          <LoadingOverlay visible={isFetching} overlayProps={{ backgroundOpacity: 0.25 }} loaderProps={{ size: 'sm' }} />
          <Table className={`tm-dense tm-fixed ${classes.table}`} stickyHeader highlightOnHover aria-label={`${title} lines`}>
            <colgroup>
              {rec.abilities.match ? <col style={{ width: 36 }} /> : null}
              <col style={{ width: 92 }} />
              <col />
              <col style={{ width: 196 }} />
              <col style={{ width: 116 }} />
            </colgroup>
            <Table.Thead>
              <Table.Tr>
                {rec.abilities.match ? <Table.Th aria-label="Selected" /> : null}
                <Table.Th>Date</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((line, index) => (
                <LineRows
                  key={line.id}
                  line={line}
                  index={index}
                  rec={rec}
                  dateText={formatLocalDate(line.date, settings.dateFormat)}
                  isSelected={props.selection.has(line.id)}
                  isCursor={props.cursorIndex === index}
                  isExpanded={props.expandedId === line.id}
                  canSelect={rec.abilities.match && !line.cleared}
                  handlers={handlers}
                  acceptingKey={props.expandedId === line.id ? props.actions.acceptingKey : null}
                />
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ) : null}
      {data && pageCount > 1 ? (
        <Group justify="space-between" px="md" py={6} className={classes.foot}>
          <Text fz="xs" c="dimmed" className="tm-num">
            {(page - 1) * data.pageSize + 1}–{Math.min(page * data.pageSize, data.total)} of {data.total.toLocaleString('en-US')}
          </Text>
          <Pagination size="sm" total={pageCount} value={page} onChange={onPageChange} siblings={1} aria-label={`${title} pages`} />
        </Group>
      ) : null}
    </Paper>
  );
}

/** The row callbacks, read at call time so that the rows can skip re-rendering when only the callbacks changed. */
interface RowHandlers {
  onToggle: (line: ReconciliationLineDto) => void;
  onClick: (index: number, line: ReconciliationLineDto) => void;
  actions: LineActions;
}

interface LineRowsProps {
  line: ReconciliationLineDto;
  index: number;
  rec: ReconciliationDto;
  dateText: string;
  isSelected: boolean;
  isCursor: boolean;
  isExpanded: boolean;
  canSelect: boolean;
  handlers: RefObject<RowHandlers>;
  /** Only the open row follows the suggestion being accepted. */
  acceptingKey: string | null;
}

/**
 * One line (and its details when open). Memoised: moving the keyboard cursor or ticking a line
 * re-renders the rows whose state changed, not the few hundred on the page.
 */
const LineRows = memo(function LineRows({ line, index, rec, dateText, isSelected, isCursor, isExpanded, canSelect, handlers, acceptingKey }: LineRowsProps) {
  const state = lineState(line);
  const currency = rec.bankAccount.currency;
  return (
    <>
      <Table.Tr
        className={classes.row}
        data-row-index={index}
        data-cursor={isCursor || undefined}
        data-selected={isSelected || undefined}
        data-cleared={line.cleared || undefined}
        aria-selected={isSelected}
        aria-expanded={isExpanded}
        onClick={() => handlers.current.onClick(index, line)}
      >
        {rec.abilities.match ? (
          <Table.Td onClick={(event) => event.stopPropagation()}>
            <Checkbox size="xs" checked={isSelected} disabled={!canSelect} onChange={() => handlers.current.onToggle(line)} aria-label={`Select ${line.description} ${dateText}`} />
          </Table.Td>
        ) : null}
        <Table.Td fz="sm" className="tm-num">
          {dateText}
        </Table.Td>
        <Table.Td fz="sm">
          <Group gap={6} wrap="nowrap">
            <Text fz="sm" truncate="end" title={line.description} style={{ minWidth: 0 }}>
              {line.description}
            </Text>
            {line.reference ? (
              <Text fz="xs" c="dimmed" className="tm-num" style={{ flexShrink: 0 }}>
                #{line.reference}
              </Text>
            ) : null}
            {line.carriedForward ? (
              <Tooltip label={`Carried forward from an earlier period · ${line.ageDays} days old`}>
                <Badge size="xs" color={state.needsNote ? 'red' : 'gray'} variant="light" leftSection={<IconArrowForwardUp size={10} aria-hidden="true" />} style={{ flexShrink: 0 }}>
                  {line.ageDays}d
                </Badge>
              </Tooltip>
            ) : null}
            {line.itemNote ? (
              <Tooltip label={line.itemNote.note} multiline maw={320}>
                <IconNote
                  size={14}
                  aria-label="Has a note"
                  style={{
                    flexShrink: 0,
                    color: 'var(--mantine-color-dimmed)',
                  }}
                />
              </Tooltip>
            ) : null}
            {line.reviewNotes.length > 0 ? (
              <Tooltip label={`${line.reviewNotes.length} review ${line.reviewNotes.length === 1 ? 'note' : 'notes'}`}>
                <IconMessage
                  size={14}
                  aria-label="Has review notes"
                  style={{
                    flexShrink: 0,
                    color: 'var(--mantine-color-orange-6)',
                  }}
                />
              </Tooltip>
            ) : null}
          </Group>
        </Table.Td>
        <Table.Td>
          <StateCell line={line} label={state.label} color={state.color} />
        </Table.Td>
        <Table.Td ta="right">
          <Amount minor={line.amountMinor} currency={currency} />
        </Table.Td>
      </Table.Tr>
      {isExpanded ? (
        <Table.Tr className={classes.detailRow}>
          <Table.Td colSpan={rec.abilities.match ? 5 : 4}>
            <LineDetail line={line} rec={rec} actions={{ ...handlers.current.actions, acceptingKey }} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
});

function StateCell({ line, label, color }: { line: ReconciliationLineDto; label: string; color: string }) {
  const badge = (
    <Badge size="sm" color={color} variant="light" style={{ maxWidth: '100%' }}>
      {label}
    </Badge>
  );
  if (line.match) {
    const match = line.match;
    return (
      <Tooltip
        multiline
        maw={360}
        label={
          <Stack gap={2}>
            <Text fz="xs" fw={700}>
              {matchReasonLabel(match.reason)} · {confidencePercent(match.confidence)}% · {match.origin === 'auto' ? 'by matching' : match.origin === 'rule' ? 'by a firm rule' : 'by hand'}
            </Text>
            <Text fz="xs">{match.explanation}</Text>
            {match.adjustment ? (
              <Text fz="xs">
                Adjustment: {reasonLabel(match.adjustment.reasonCode)}
                {match.adjustment.account ? ` · ${match.adjustment.account}` : ''} ({match.adjustment.status})
              </Text>
            ) : null}
            {match.note ? <Text fz="xs">Note: {match.note}</Text> : null}
          </Stack>
        }
      >
        <Group gap={4} wrap="nowrap">
          {badge}
          <Text fz={11} c="dimmed" className="tm-num">
            {confidencePercent(match.confidence)}%
          </Text>
        </Group>
      </Tooltip>
    );
  }
  const top = line.suggestions[0];
  if (top) {
    return (
      <Tooltip multiline maw={360} label={top.explanation}>
        {badge}
      </Tooltip>
    );
  }
  const hint = line.cleared
    ? null
    : line.side === 'bank'
      ? 'Not in the books yet: match it with book lines, or book an adjustment (fee, interest, NSF …).'
      : 'In the books, not yet on the bank statement: it carries forward to next month.';
  return hint ? (
    <Tooltip multiline maw={320} label={hint}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
