import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowsJoin, IconLinkOff, IconMessagePlus, IconNote, IconReceipt } from '@tabler/icons-react';
import type { LineSuggestionDto, ReconciliationDto, ReconciliationLineDto } from '../../../../shared/reconciliation';
import { Amount } from '../../../components/Amount';
import { DateTime } from '../../../components/DateTime';
import { StateBadge } from '../../../components/StateBadge';
import { NOTE_STATUS_COLORS } from '../../../components/status-colors';
import { confidencePercent, matchReasonLabel, reasonLabel } from '../line-state';

export interface LineActions {
  onUnmatch: (line: ReconciliationLineDto) => void;
  onAcceptSuggestion: (suggestion: LineSuggestionDto) => void;
  onAdjust: (line: ReconciliationLineDto) => void;
  onDocument: (line: ReconciliationLineDto) => void;
  onReviewNote: (line: ReconciliationLineDto) => void;
  /** The suggestion being accepted right now, if any. */
  acceptingKey: string | null;
}

export interface LineDetailProps {
  line: ReconciliationLineDto;
  rec: ReconciliationDto;
  actions: LineActions;
}

const DISTINGUISHING_LABELS: Record<string, string> = {
  reference: 'reference',
  number: 'check number',
  date: 'date',
  description: 'description',
  amount: 'amount',
};

/** Everything about one line: why it matched, what the matcher suggests, notes, and what can be done with it. */
export function LineDetail({ line, rec, actions }: LineDetailProps) {
  const canMatch = rec.abilities.match;
  const currency = rec.bankAccount.currency;
  const other = line.side === 'bank' ? 'book' : 'bank';
  return (
    <Stack gap="sm" py={4}>
      {line.match ? (
        <Stack gap={4}>
          <Group gap="xs">
            <Badge size="sm" color="green" variant="light">
              {matchReasonLabel(line.match.reason)}
            </Badge>
            <Text fz="xs" c="dimmed" className="tm-num">
              {confidencePercent(line.match.confidence)}% confidence ·{' '}
              {line.match.origin === 'auto' ? 'matched automatically' : line.match.origin === 'rule' ? 'proposed by a firm rule' : 'matched by hand'}
            </Text>
          </Group>
          <Text fz="sm">
            <Text span fz="sm" fw={600}>
              Why:{' '}
            </Text>
            {line.match.explanation}
          </Text>
          {line.match.otherSideLineIds.length + line.match.sameSideLineIds.length > 0 ? (
            <Text fz="xs" c="dimmed">
              With {line.match.otherSideLineIds.length} {other} {line.match.otherSideLineIds.length === 1 ? 'line' : 'lines'}
              {line.match.sameSideLineIds.length > 0 ? ` and ${line.match.sameSideLineIds.length} more on this side` : ''}.
            </Text>
          ) : null}
          {line.match.adjustment ? (
            <Text fz="sm">
              Adjustment <Amount minor={line.match.adjustment.amountMinor} currency={currency} fw={600} /> · {reasonLabel(line.match.adjustment.reasonCode)}
              {line.match.adjustment.account ? ` · ${line.match.adjustment.account}` : ''} · {line.match.adjustment.status}
            </Text>
          ) : null}
          {line.match.note ? (
            <Text fz="sm">
              <Text span fz="sm" fw={600}>
                Note:{' '}
              </Text>
              {line.match.note}
            </Text>
          ) : null}
        </Stack>
      ) : null}

      {!line.cleared && line.suggestions.length > 0 ? (
        <Stack gap={6}>
          <Text fz="sm" fw={600}>
            {line.suggestions.length === 1 ? 'Suggested match' : `${line.suggestions.length} possible matches: choose one`}
          </Text>
          {line.suggestions.map((suggestion) => (
            <Paper key={suggestion.key} withBorder p="xs" radius="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Badge size="xs" color="violet" variant="light">
                      {matchReasonLabel(suggestion.reason)}
                    </Badge>
                    <Text fz="xs" c="dimmed" className="tm-num">
                      {confidencePercent(suggestion.confidence)}%
                    </Text>
                    {suggestion.distinguishing.map((d) => (
                      <Badge key={d} size="xs" color="gray" variant="outline">
                        differs by {DISTINGUISHING_LABELS[d] ?? d}
                      </Badge>
                    ))}
                  </Group>
                  <Text fz="sm">{suggestion.explanation}</Text>
                </Stack>
                {canMatch ? (
                  <Button
                    size="compact-sm"
                    variant="light"
                    leftSection={<IconArrowsJoin size={14} aria-hidden="true" />}
                    style={{ flexShrink: 0 }}
                    onClick={() => actions.onAcceptSuggestion(suggestion)}
                    loading={actions.acceptingKey === suggestion.key}
                  >
                    Accept
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : null}

      {line.itemNote ? (
        <Text fz="sm">
          <IconNote size={14} aria-hidden="true" style={{ verticalAlign: -2, marginRight: 4 }} />
          <Text span fz="sm" fw={600}>
            Item note:{' '}
          </Text>
          {line.itemNote.note}{' '}
          <Text span fz="xs" c="dimmed">
            — {line.itemNote.by?.name ?? 'someone'}, <DateTime value={line.itemNote.updatedAt} display="relative" fz="xs" c="dimmed" />
          </Text>
        </Text>
      ) : null}

      {line.reviewNotes.length > 0 ? (
        <Stack gap={4}>
          {line.reviewNotes.map((note) => (
            <Group key={note.id} gap="xs" wrap="nowrap" align="flex-start">
              <StateBadge color={NOTE_STATUS_COLORS[note.status]} size="xs">
                {note.status}
              </StateBadge>
              <Text fz="sm">
                {note.body}{' '}
                <Text span fz="xs" c="dimmed">
                  — {note.author.name}
                </Text>
                {note.response ? (
                  <Text fz="xs" c="dimmed">
                    Response: {note.response}
                  </Text>
                ) : null}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}

      <Group gap="xs">
        {canMatch && line.match && !line.reconciled ? (
          <Button size="compact-sm" variant="default" color="red" leftSection={<IconLinkOff size={14} aria-hidden="true" />} onClick={() => actions.onUnmatch(line)}>
            Unmatch (u)
          </Button>
        ) : null}
        {canMatch && !line.cleared && line.side === 'bank' ? (
          <Button size="compact-sm" variant="default" leftSection={<IconReceipt size={14} aria-hidden="true" />} onClick={() => actions.onAdjust(line)}>
            Book an adjustment
          </Button>
        ) : null}
        {canMatch && !line.cleared ? (
          <Button size="compact-sm" variant="default" leftSection={<IconNote size={14} aria-hidden="true" />} onClick={() => actions.onDocument(line)}>
            {line.itemNote ? 'Edit note (n)' : 'Document item (n)'}
          </Button>
        ) : null}
        {rec.abilities.addReviewNote ? (
          <Button size="compact-sm" variant="default" leftSection={<IconMessagePlus size={14} aria-hidden="true" />} onClick={() => actions.onReviewNote(line)}>
            Add review note
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
