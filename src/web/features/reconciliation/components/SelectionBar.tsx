import { Button, Group, Kbd, Paper, Text } from '@mantine/core';
import { IconArrowsJoin, IconReceipt, IconX } from '@tabler/icons-react';
import { Amount } from '../../../components/Amount';
import type { SelectionSummary } from '../selection';
import classes from './SelectionBar.module.css';

export interface SelectionBarProps {
  summary: SelectionSummary;
  currency: string;
  canMatch: boolean;
  onMatch: () => void;
  onClear: () => void;
}

/**
 * The selection's sums, pinned to the bottom of the page: "Bank 3 selected 1,250.00 · Books 2
 * selected 1,250.00 · Difference 0.00 → Match (m)". The difference is red until it is zero.
 */
export function SelectionBar({ summary, currency, canMatch, onMatch, onClear }: SelectionBarProps) {
  const count = summary.bank.count + summary.ledger.count;
  if (count === 0) {
    return null;
  }
  const isBankOnly = summary.ledger.count === 0;
  const isLedgerOnly = summary.bank.count === 0;
  const isEven = summary.differenceMinor === 0;
  const label = isBankOnly ? 'Book adjustment' : isEven || isLedgerOnly ? 'Match' : 'Match with adjustment';
  const isBlocked = summary.hasClearedLine || (summary.decision.ok === false && summary.decision.code === 'ledger_only_not_zero');
  return (
    <Paper className={classes.bar} shadow="md" withBorder px="md" py="xs" role="region" aria-label="Selection">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="lg" wrap="wrap">
          <Side label="Bank" count={summary.bank.count} sum={summary.bank.sumMinor} currency={currency} />
          <Side label="Books" count={summary.ledger.count} sum={summary.ledger.sumMinor} currency={currency} />
          <Text fz="sm" c="dimmed">
            Difference <Amount minor={summary.differenceMinor} currency={currency} fw={700} tone="difference" fz="md" />
          </Text>
          {summary.hasClearedLine ? (
            <Text fz="xs" c="var(--mantine-color-error)">
              A selected line is already matched: unmatch it first.
            </Text>
          ) : null}
        </Group>
        <Group gap="xs">
          <Button variant="subtle" color="gray" size="sm" leftSection={<IconX size={14} aria-hidden="true" />} onClick={onClear}>
            Clear{' '}
            <Kbd size="xs" ml={6}>
              Esc
            </Kbd>
          </Button>
          {canMatch ? (
            <Button
              size="sm"
              leftSection={isBankOnly ? <IconReceipt size={16} aria-hidden="true" /> : <IconArrowsJoin size={16} aria-hidden="true" />}
              onClick={onMatch}
              disabled={isBlocked}
              {...(isEven ? {} : { color: 'orange' })}
            >
              {label}
              <Kbd size="xs" ml={8}>
                m
              </Kbd>
            </Button>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}

function Side({ label, count, sum, currency }: { label: string; count: number; sum: number; currency: string }) {
  return (
    <Text fz="sm" c="dimmed">
      <Text span fz="sm" fw={600} c="var(--mantine-color-text)">
        {label}
      </Text>{' '}
      {count} selected <Amount minor={sum} currency={currency} fw={600} c="var(--mantine-color-text)" fz="md" />
    </Text>
  );
}
