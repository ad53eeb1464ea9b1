import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Button, Grid, Group, Kbd, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconFileImport, IconFilterOff, IconKeyboard, IconLock, IconPlayerPause } from '@tabler/icons-react';
import type { LineSide, LineStatusFilter, LineSuggestionDto, ReconciliationDto, ReconciliationLineDto } from '../../../shared/reconciliation';
import type { LedgerSide } from '../../../shared/bank-accounts';
import { EmptyState } from '../../components/EmptyState';
import { SearchInput } from '../../components/SearchInput';
import { useUrlFilters } from '../../components/use-url-filters';
import { formatPeriod } from '../../lib/tracker-copy';
import { ImportDrawer } from '../bank-accounts/components/ImportDrawer';
import { AdjustmentsCard } from './components/AdjustmentsCard';
import { LinesPanel } from './components/LinesPanel';
import type { LineActions } from './components/LineDetail';
import { MatchModal } from './components/MatchModal';
import { MatchRunControl } from './components/MatchRunControl';
import { ItemNoteModal, ReviewNoteModal, UnmatchModal } from './components/NoteModals';
import { NextStepBar } from './components/NextStepBar';
import { ProofPanel } from './components/ProofPanel';
import { ReconciliationHeader } from './components/ReconciliationHeader';
import { RuleProposalsCard } from './components/RuleProposalsCard';
import { SelectionBar } from './components/SelectionBar';
import { ShortcutsModal } from './components/ShortcutsModal';
import { nextStep } from './next-step';
import { summariseSelection, toggleLine, toSelectedLine, type SelectedLine } from './selection';
import { useAcceptSuggestion, useReconciliationLines } from './use-reconciliation';
import { useWorkspaceKeys } from './use-workspace-keys';

export interface ReconciliationWorkspaceProps {
  rec: ReconciliationDto;
}

const PAGE_SIZE = 100;
const STATUS_FILTERS: LineStatusFilter[] = ['all', 'unmatched', 'suggested', 'matched'];
const FILTER_KEYS = ['status', 'q'] as const;

type LineDialog = {
  kind: 'unmatch' | 'note' | 'review';
  line: ReconciliationLineDto;
} | null;

/**
 * The reconciliation workspace: the header with the primary action, the proof (always in view),
 * import and matching, the bank and book lists side by side with their filters, the selection
 * bar, and the adjustments. Keyboard: j/k move, h/l switch lists, x or space select, m match,
 * u unmatch, a accept, n note, / search, ? help.
 */
export function ReconciliationWorkspace({ rec }: ReconciliationWorkspaceProps) {
  const { values, setFilter } = useUrlFilters(FILTER_KEYS);
  const status: LineStatusFilter = STATUS_FILTERS.find((s) => s === values.status) ?? 'all';
  const q = values.q;
  const [pages, setPages] = useState<Record<LineSide, number>>({
    bank: 1,
    ledger: 1,
  });
  const bank = useReconciliationLines(rec.id, {
    side: 'bank',
    status,
    q,
    page: pages.bank,
    pageSize: PAGE_SIZE,
  });
  const ledger = useReconciliationLines(rec.id, {
    side: 'ledger',
    status,
    q,
    page: pages.ledger,
    pageSize: PAGE_SIZE,
  });
  const [selection, setSelection] = useState<Map<string, SelectedLine>>(new Map());
  const [cursor, setCursor] = useState<{ side: LineSide; index: number }>({
    side: 'bank',
    index: -1,
  });
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [matchLines, setMatchLines] = useState<SelectedLine[] | null>(null);
  const [dialog, setDialog] = useState<LineDialog>(null);
  const [isHelpOpen, setHelpOpen] = useState(false);
  const [importSide, setImportSide] = useState<LedgerSide | null>(null);
  const [lastImportSide, setLastImportSide] = useState<LedgerSide>('bank');
  const [isImportRunning, setImportRunning] = useState(false);
  const [matchProgress, setMatchProgress] = useState<ReactNode>(null);
  const accept = useAcceptSuggestion(rec.id);
  const summary = useMemo(() => summariseSelection(selection), [selection]);
  const step = nextStep(rec);
  const hasFilters = status !== 'all' || q !== '';
  const isDialogOpen = matchLines !== null || dialog !== null || isHelpOpen || importSide !== null;
  const canMatch = rec.abilities.match;

  const linesOf = (side: LineSide) => (side === 'bank' ? bank.data?.items : ledger.data?.items) ?? [];
  const cursorLine = cursor.index >= 0 ? linesOf(cursor.side)[cursor.index] : undefined;

  function handleFilter(changes: Partial<Record<(typeof FILTER_KEYS)[number], string | null>>) {
    setFilter(changes);
    setPages({ bank: 1, ledger: 1 });
    setCursor((c) => ({ ...c, index: -1 }));
  }

  const handleToggle = useCallback((line: ReconciliationLineDto) => {
    if (line.cleared) {
      return;
    }
    setSelection((current) => toggleLine(current, toSelectedLine(line)));
  }, []);

  function handleMatchSelection() {
    if (!canMatch || selection.size === 0 || summary.hasClearedLine) {
      return;
    }
    setMatchLines([...selection.values()]);
  }

  function handleAccept(suggestion: LineSuggestionDto) {
    accept.mutate({ key: suggestion.key }, { onSuccess: () => setSelection(new Map()) });
  }

  const actions: LineActions = {
    onUnmatch: (line) => setDialog({ kind: 'unmatch', line }),
    onAcceptSuggestion: handleAccept,
    onAdjust: (line) => setMatchLines([toSelectedLine(line)]),
    onDocument: (line) => setDialog({ kind: 'note', line }),
    onReviewNote: (line) => setDialog({ kind: 'review', line }),
    acceptingKey: accept.isPending ? accept.variables.key : null,
  };

  function moveCursor(delta: number) {
    const lines = linesOf(cursor.side);
    if (lines.length === 0) {
      return;
    }
    setCursor((c) => ({
      ...c,
      index: Math.max(0, Math.min(lines.length - 1, c.index + delta)),
    }));
  }

  function switchSide(side: LineSide) {
    setCursor((c) =>
      c.side === side
        ? c
        : {
            side,
            index: Math.min(Math.max(c.index, 0), Math.max(0, linesOf(side).length - 1)),
          },
    );
  }

  useWorkspaceKeys(
    {
      j: () => moveCursor(1),
      ArrowDown: () => moveCursor(1),
      k: () => moveCursor(-1),
      ArrowUp: () => moveCursor(-1),
      h: () => switchSide('bank'),
      ArrowLeft: () => switchSide('bank'),
      l: () => switchSide('ledger'),
      ArrowRight: () => switchSide('ledger'),
      x: handleToggleCursor,
      ' ': handleToggleCursor,
      Enter: () => cursorLine && setExpandedId((id) => (id === cursorLine.id ? null : cursorLine.id)),
      m: handleMatchSelection,
      u: () => {
        if (cursorLine?.match && canMatch && !cursorLine.reconciled) {
          setDialog({ kind: 'unmatch', line: cursorLine });
        }
      },
      a: () => {
        const suggestion = cursorLine?.suggestions[0];
        if (cursorLine && canMatch && !cursorLine.cleared && suggestion) {
          handleAccept(suggestion);
        }
      },
      n: () => {
        if (cursorLine && canMatch && !cursorLine.cleared) {
          setDialog({ kind: 'note', line: cursorLine });
        }
      },
      '?': () => setHelpOpen(true),
      Escape: () => setSelection(new Map()),
    },
    !isDialogOpen,
  );

  function handleToggleCursor() {
    if (cursorLine && canMatch) {
      handleToggle(cursorLine);
    }
  }

  function openImport(side: LedgerSide) {
    setLastImportSide(side);
    setImportSide(side);
  }

  const periodLabel = formatPeriod(rec.statementDate.slice(0, 7));
  const importAccount = {
    id: rec.bankAccount.id,
    name: rec.bankAccount.name,
    institution: rec.bankAccount.institution,
    currency: rec.bankAccount.currency,
  };
  const sideEmpty = (side: LineSide) =>
    side === 'bank' ? (
      <EmptyState
        size="sm"
        icon={<IconFileImport size={24} aria-hidden="true" />}
        title={`Import the bank statement for ${periodLabel} to begin`}
        description="CSV, Excel, OFX/QFX, CAMT.053, BAI2, MT940 or QIF. Its closing balance becomes the balance per bank."
        action={canMatch ? <Button onClick={() => openImport('bank')}>Import bank statement</Button> : undefined}
      />
    ) : (
      <EmptyState
        size="sm"
        icon={<IconFileImport size={24} aria-hidden="true" />}
        title="Import the general-ledger detail of the cash account"
        description={`The ${rec.bankAccount.glAccount || 'cash account'} transactions up to ${periodLabel}, exported as CSV from the accounting system.`}
        action={canMatch ? <Button onClick={() => openImport('ledger')}>Import ledger</Button> : undefined}
      />
    );
  const filteredEmpty = (
    <EmptyState
      size="sm"
      icon={status === 'unmatched' && q === '' ? <IconCircleCheck size={24} aria-hidden="true" /> : <IconFilterOff size={24} aria-hidden="true" />}
      title={status === 'unmatched' && q === '' ? 'Nothing unmatched here' : 'No lines match these filters'}
      action={
        <Button variant="default" size="xs" onClick={() => handleFilter({ status: null, q: null })}>
          Show all lines
        </Button>
      }
    />
  );

  return (
    <>
      <ReconciliationHeader rec={rec} />

      {rec.status === 'approved' ? (
        <Alert color="teal" variant="light" icon={<IconLock size={18} aria-hidden="true" />} title="Approved and locked" mb="md">
          {rec.approvedBy ? `Approved by ${rec.approvedBy.name}. ` : ''}The matched lines are reconciled and cannot change. A partner can reopen the task if something must be corrected.
        </Alert>
      ) : null}
      {rec.status === 'suspended' ? (
        <Alert color="orange" variant="light" icon={<IconPlayerPause size={18} aria-hidden="true" />} title="Sign-off suspended" mb="md">
          {rec.suspendedReason ?? 'A later import changed the approved period.'} Work the new lines; the reviewer then approves again.
        </Alert>
      ) : null}
      {rec.status === 'in_review' && !rec.abilities.approveAdjustment && !rec.abilities.addReviewNote ? (
        <Alert color="violet" variant="light" title="In review" mb="md">
          The reconciliation is with the reviewer; it can be changed again if they return it.
        </Alert>
      ) : null}

      <Stack gap="sm">
        <ProofPanel rec={rec} />

        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group gap="sm" wrap="wrap">
            {canMatch ? (
              <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden="true" />} onClick={() => openImport(step.kind === 'import_ledger' ? 'ledger' : 'bank')}>
                {isImportRunning ? 'Import running…' : 'Import'}
              </Button>
            ) : null}
            {canMatch ? <MatchRunControl rec={rec} renderProgress={setMatchProgress} isPrimary={step.kind === 'run_matching'} /> : null}
            <SegmentedControl
              size="sm"
              aria-label="Show lines"
              value={status}
              onChange={(value) => handleFilter({ status: value === 'all' ? null : value })}
              data={[
                { value: 'all', label: 'All' },
                {
                  value: 'unmatched',
                  label: `Unmatched ${rec.counts.unmatchedBank + rec.counts.unmatchedLedger}`,
                },
                {
                  value: 'suggested',
                  label: `Suggested ${rec.counts.suggestions}`,
                },
                {
                  value: 'matched',
                  label: `Matched ${rec.counts.matchedBank + rec.counts.matchedLedger}`,
                },
              ]}
            />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <SearchInput label="Search lines" placeholder="Description, reference or amount" value={q} onChange={(value) => handleFilter({ q: value || null })} width={300} />
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts" onClick={() => setHelpOpen(true)}>
                <IconKeyboard size={18} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>

        {matchProgress}
        <NextStepBar rec={rec} step={step} onImport={openImport} />

        <Grid gap="sm" align="stretch">
          {(['bank', 'ledger'] as const).map((side) => {
            const query = side === 'bank' ? bank : ledger;
            return (
              <Grid.Col key={side} span={{ base: 12, lg: 6 }}>
                <LinesPanel
                  rec={rec}
                  side={side}
                  data={query.data}
                  isPending={query.isPending}
                  isFetching={query.isFetching && query.isPlaceholderData}
                  error={query.error}
                  onRetry={() => void query.refetch()}
                  page={pages[side]}
                  onPageChange={(page) => {
                    setPages((p) => ({ ...p, [side]: page }));
                    setCursor({ side, index: -1 });
                  }}
                  selection={selection}
                  onToggle={handleToggle}
                  cursorIndex={cursor.side === side && cursor.index >= 0 ? cursor.index : null}
                  onCursor={(index) => setCursor({ side, index })}
                  expandedId={expandedId}
                  onExpand={setExpandedId}
                  actions={actions}
                  empty={sideEmpty(side)}
                  filteredEmpty={filteredEmpty}
                  hasFilters={hasFilters}
                />
              </Grid.Col>
            );
          })}
        </Grid>

        <SelectionBar summary={summary} currency={rec.bankAccount.currency} canMatch={canMatch} onMatch={handleMatchSelection} onClear={() => setSelection(new Map())} />

        {selection.size === 0 && canMatch ? (
          <Text fz="xs" c="dimmed">
            Tick lines on both sides (or press <Kbd size="xs">x</Kbd>) and match them with <Kbd size="xs">m</Kbd>. Press <Kbd size="xs">?</Kbd> for every shortcut.
          </Text>
        ) : null}

        <Grid gap="sm" mt="sm" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <AdjustmentsCard rec={rec} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <RuleProposalsCard recId={rec.id} clientId={rec.client.id} />
          </Grid.Col>
        </Grid>
      </Stack>

      <MatchModal
        rec={rec}
        lines={matchLines}
        onClose={() => setMatchLines(null)}
        onMatched={() => {
          setMatchLines(null);
          setSelection(new Map());
        }}
      />
      <UnmatchModal rec={rec} line={dialog?.kind === 'unmatch' ? dialog.line : null} onClose={() => setDialog(null)} />
      <ItemNoteModal rec={rec} line={dialog?.kind === 'note' ? dialog.line : null} onClose={() => setDialog(null)} />
      <ReviewNoteModal rec={rec} line={dialog?.kind === 'review' ? dialog.line : null} onClose={() => setDialog(null)} />
      <ShortcutsModal opened={isHelpOpen} onClose={() => setHelpOpen(false)} />
      {canMatch ? (
        <ImportDrawer
          account={importAccount}
          opened={importSide !== null}
          onClose={() => setImportSide(null)}
          side={importSide ?? lastImportSide}
          periodLabel={periodLabel}
          onRunningChange={setImportRunning}
        />
      ) : null}
      {accept.error ? <AcceptError error={accept.error} /> : null}
    </>
  );
}

function AcceptError({ error }: { error: unknown }) {
  return (
    <Text fz="sm" c="var(--mantine-color-error)" role="alert" mt="sm">
      The suggestion could not be accepted: {error instanceof Error ? error.message : 'try again'}.
    </Text>
  );
}
