import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { decideManualMatch } from '../../../../domain/reconciliation/reconciliation-state';
import { ADJUSTMENT_REASON_CODES, ADJUSTMENT_REASON_LABELS, AdjustmentReasonCodeSchema, type AdjustmentReasonCode, type ReconciliationDto } from '../../../../shared/reconciliation';
import { useFirmSettings } from '../../../app/use-firm';
import { Amount } from '../../../components/Amount';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatLocalDate } from '../../../lib/time';
import type { SelectedLine } from '../selection';
import { useCreateMatch } from '../use-reconciliation';

export interface MatchModalProps {
  rec: ReconciliationDto;
  /** The lines to match; null when the dialog is closed. */
  lines: SelectedLine[] | null;
  onClose: () => void;
  onMatched: () => void;
}

const REASON_OPTIONS = ADJUSTMENT_REASON_CODES.map((code) => ({
  value: code,
  label: ADJUSTMENT_REASON_LABELS[code],
}));

/**
 * Confirms a manual match: the lines of both sides with their sums, an optional note, and, when
 * the sums differ (or only bank lines are chosen), the adjustment's reason code and account: the
 * difference becomes a proposed adjustment the reviewer approves.
 */
export function MatchModal({ rec, lines, onClose, onMatched }: MatchModalProps) {
  const settings = useFirmSettings();
  const create = useCreateMatch(rec.id);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<AdjustmentReasonCode | null>(null);
  const [account, setAccount] = useState('');
  const currency = rec.bankAccount.currency;
  const isOpen = lines !== null;

  useEffect(() => {
    if (isOpen) {
      setNote('');
      setReason(null);
      setAccount('');
      create.reset();
    }
  }, [isOpen]); // a newly opened dialog starts empty

  const chosen = lines ?? [];
  const bank = chosen.filter((l) => l.side === 'bank');
  const ledger = chosen.filter((l) => l.side === 'ledger');
  const bankSum = bank.reduce((sum, l) => sum + l.amountMinor, 0);
  const ledgerSum = ledger.reduce((sum, l) => sum + l.amountMinor, 0);
  const decision = decideManualMatch({
    bankAmounts: bank.map((l) => l.amountMinor),
    ledgerAmounts: ledger.map((l) => l.amountMinor),
    hasAdjustmentReason: reason !== null,
  });
  const needsAdjustment =
    !decideManualMatch({
      bankAmounts: bank.map((l) => l.amountMinor),
      ledgerAmounts: ledger.map((l) => l.amountMinor),
      hasAdjustmentReason: false,
    }).ok && decision.ok;
  const isAdjustmentNeeded = bank.length > 0 && bankSum !== ledgerSum;
  const isBankOnly = ledger.length === 0;
  const title = isBankOnly ? 'Book an adjustment' : isAdjustmentNeeded ? 'Match with an adjustment' : 'Match these lines';

  function handleSubmit() {
    if (!decision.ok) {
      return;
    }
    create.mutate(
      {
        bankLineIds: bank.map((l) => l.id),
        ledgerLineIds: ledger.map((l) => l.id),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(isAdjustmentNeeded && reason
          ? {
              adjustment: {
                reasonCode: reason,
                ...(account.trim() ? { account: account.trim() } : {}),
              },
            }
          : {}),
      },
      { onSuccess: onMatched },
    );
  }

  return (
    <Modal opened={isOpen} onClose={onClose} title={title} size="lg">
      <Stack gap="md">
        <Table className="tm-dense" verticalSpacing={4} aria-label="Lines to match">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Side</Table.Th>
              <Table.Th w={96}>Date</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right" w={120}>
                Amount
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {chosen.map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td fz="sm">{line.side === 'bank' ? 'Bank' : 'Books'}</Table.Td>
                <Table.Td fz="sm" className="tm-num">
                  {formatLocalDate(line.date, settings.dateFormat)}
                </Table.Td>
                <Table.Td
                  fz="sm"
                  style={{
                    maxWidth: 260,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  {line.description}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount minor={line.amountMinor} currency={currency} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end" gap="xl">
          <Text fz="sm" c="dimmed">
            Bank <Amount minor={bankSum} currency={currency} fw={600} c="var(--mantine-color-text)" />
          </Text>
          <Text fz="sm" c="dimmed">
            Books <Amount minor={ledgerSum} currency={currency} fw={600} c="var(--mantine-color-text)" />
          </Text>
          <Text fz="sm" c="dimmed">
            Difference <Amount minor={bankSum - ledgerSum} currency={currency} fw={700} tone="difference" />
          </Text>
        </Group>

        {!decision.ok && decision.code === 'ledger_only_not_zero' ? (
          <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} aria-hidden="true" />}>
            {decision.message} An outstanding book entry stays on the list as an outstanding check or deposit in transit; document it instead.
          </Alert>
        ) : null}

        {isAdjustmentNeeded ? (
          <Stack gap="xs">
            <Text fz="sm">
              {isBankOnly ? 'The bank line is not in the books yet.' : 'The two sides differ.'} The difference of <Amount minor={bankSum - ledgerSum} currency={currency} fw={700} /> becomes a proposed
              adjustment to the books, which the reviewer approves.
            </Text>
            <Group grow align="flex-start">
              <Select
                label="Reason"
                placeholder="Choose a reason"
                data={REASON_OPTIONS}
                value={reason}
                onChange={(value) => {
                  const parsed = AdjustmentReasonCodeSchema.safeParse(value);
                  setReason(parsed.success ? parsed.data : null);
                }}
                required
                withAsterisk
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label="Account"
                placeholder="e.g. 6100 Bank charges"
                description="The GL account to post the adjustment to"
                value={account}
                onChange={(event) => setAccount(event.currentTarget.value)}
                maxLength={100}
              />
            </Group>
          </Stack>
        ) : null}

        <Textarea
          label="Note"
          description={isAdjustmentNeeded ? 'Why, in a sentence the reviewer can check' : 'Optional: what you checked'}
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
              handleSubmit();
            }
          }}
          data-autofocus
        />
        {create.error ? <ProblemAlert error={create.error} /> : null}
        <Group justify="space-between">
          <Text fz="xs" c="dimmed">
            Ctrl+Enter to confirm
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={create.isPending}>
              Cancel
            </Button>
            <Button onClick={handleSubmit} loading={create.isPending} disabled={!decision.ok}>
              {isBankOnly ? 'Book adjustment' : needsAdjustment ? 'Match with adjustment' : 'Match'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
