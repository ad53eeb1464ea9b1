import { useState, type ReactNode } from 'react';
import { ActionIcon, Group, Paper, Stack, Text, TextInput, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { currencyExponent, parseAmount } from '../../../../domain/money';
import type { BalanceDto, ReconciliationDto } from '../../../../shared/reconciliation';
import { Amount, formatAmount } from '../../../components/Amount';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useUpdateReconciliation } from '../use-reconciliation';
import classes from './ProofPanel.module.css';

export interface ProofPanelProps {
  rec: ReconciliationDto;
}

/**
 * The proof, always in view: bank side (statement balance + deposits in transit − outstanding
 * checks), book side (book balance ± adjustments) and their difference, green "Reconciled" at
 * zero and red otherwise. Balances a file did not give can be typed in while the preparer works.
 */
export function ProofPanel({ rec }: ProofPanelProps) {
  const { proof } = rec;
  const currency = rec.bankAccount.currency;
  const isBalanced = proof.isBalanced;
  const tone = !proof.isComplete ? 'incomplete' : isBalanced ? 'balanced' : 'difference';
  return (
    <Paper withBorder className={classes.panel} data-tone={tone} component="section" aria-labelledby="proof-heading" p="sm" px="md">
      <Group justify="space-between" align="stretch" wrap="wrap" gap="md">
        <div className={classes.grid}>
          <Text id="proof-heading" className={classes.srOnly}>
            Proof
          </Text>
          <BalanceCell label="Balance per bank" balance={rec.statementBalance} field="statementBalanceMinor" rec={rec} />
          <Term op="+" label="Deposits in transit" minor={proof.depositsInTransitMinor} currency={currency} />
          <Term op="−" label="Outstanding checks" minor={proof.outstandingChecksMinor} currency={currency} />
          <Term op="=" label="Adjusted bank" minor={proof.adjustedBankBalanceMinor} currency={currency} isTotal />

          <BalanceCell label="Balance per books" balance={rec.bookBalance} field="bookBalanceMinor" rec={rec} />
          <Term op="±" label="Adjustments" minor={proof.adjustmentsMinor} currency={currency} signed />
          <span />
          <Term op="=" label="Adjusted books" minor={proof.adjustedBookBalanceMinor} currency={currency} isTotal />
        </div>
        <Stack gap={2} justify="center" className={classes.difference} aria-live="polite">
          <Text fz={11} fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: '0.06em' }}>
            Difference
          </Text>
          <Amount minor={proof.differenceMinor} currency={currency} withCurrency tone={proof.isComplete ? 'difference' : 'plain'} fz={22} fw={700} inline={false} />
          <Group gap={4} wrap="nowrap">
            <ThemeIcon size={18} radius="xl" variant="light" color={tone === 'balanced' ? 'green' : tone === 'difference' ? 'red' : 'gray'}>
              {tone === 'balanced' ? <IconCheck size={12} aria-hidden="true" /> : <IconAlertTriangle size={12} aria-hidden="true" />}
            </ThemeIcon>
            <Text fz="sm" fw={600} c={tone === 'balanced' ? 'var(--mantine-color-green-light-color)' : tone === 'difference' ? 'var(--mantine-color-error)' : 'dimmed'}>
              {tone === 'balanced' ? 'Reconciled' : tone === 'difference' ? 'Unexplained difference' : 'A balance is missing'}
            </Text>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

interface TermProps {
  op: string;
  label: string;
  minor: number;
  currency: string;
  isTotal?: boolean;
  signed?: boolean;
}

function Term({ op, label, minor, currency, isTotal = false, signed = false }: TermProps) {
  return (
    <div className={classes.term} data-total={isTotal || undefined}>
      <Text fz="xs" c="dimmed" className={classes.label}>
        <span className={classes.op} aria-hidden="true">
          {op}
        </span>
        {label}
      </Text>
      <Amount minor={minor} currency={currency} signed={signed} fw={isTotal ? 700 : 500} inline={false} ta="right" />
    </div>
  );
}

interface BalanceCellProps {
  label: string;
  balance: BalanceDto;
  field: 'statementBalanceMinor' | 'bookBalanceMinor';
  rec: ReconciliationDto;
}

/** A starting balance: from the import, typed in, or missing (then the preparer types it in). */
function BalanceCell({ label, balance, field, rec }: BalanceCellProps) {
  const [isEditing, setEditing] = useState(false);
  const canEdit = rec.abilities.edit && balance.importedMinor === null;
  const currency = rec.bankAccount.currency;
  const source = balance.source === 'import' ? 'From the imported file' : balance.source === 'entered' ? 'Entered by hand' : 'Not known yet';
  let value: ReactNode;
  if (isEditing) {
    value = <BalanceEditor rec={rec} field={field} label={label} initial={balance.amountMinor} onDone={() => setEditing(false)} />;
  } else if (balance.amountMinor === null) {
    value = (
      <Text fz="sm" fw={600} c="var(--mantine-color-orange-light-color)" ta="right">
        Not known
      </Text>
    );
  } else {
    value = <Amount minor={balance.amountMinor} currency={currency} fw={500} inline={false} ta="right" />;
  }
  return (
    <div className={classes.term}>
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Tooltip label={source}>
          <Text fz="xs" c="dimmed" className={classes.label}>
            {label}
          </Text>
        </Tooltip>
        {canEdit && !isEditing ? (
          <ActionIcon size="xs" variant="subtle" color="gray" aria-label={`Edit ${label.toLowerCase()}`} onClick={() => setEditing(true)}>
            <IconPencil size={12} aria-hidden="true" />
          </ActionIcon>
        ) : null}
      </Group>
      {value}
    </div>
  );
}

interface BalanceEditorProps {
  rec: ReconciliationDto;
  field: 'statementBalanceMinor' | 'bookBalanceMinor';
  label: string;
  initial: number | null;
  onDone: () => void;
}

function BalanceEditor({ rec, field, label, initial, onDone }: BalanceEditorProps) {
  const currency = rec.bankAccount.currency;
  const [text, setText] = useState(initial === null ? '' : formatAmount(initial, currency));
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateReconciliation(rec.id);

  function handleSave() {
    const trimmed = text.trim();
    const minor = trimmed === '' ? null : parseAmount(trimmed, { exponent: currencyExponent(currency) });
    if (trimmed !== '' && minor === null) {
      setError(`Enter an amount such as 12,345.67 (at most ${currencyExponent(currency)} decimals)`);
      return;
    }
    update.mutate({ [field]: minor, version: rec.version }, { onSuccess: onDone });
  }

  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          aria-label={label}
          value={text}
          autoFocus
          w={130}
          error={error}
          styles={{
            input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
          }}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              handleSave();
            } else if (event.key === 'Escape') {
              onDone();
            }
          }}
        />
        <ActionIcon size="sm" variant="filled" aria-label="Save balance" onClick={handleSave} loading={update.isPending}>
          <IconCheck size={14} aria-hidden="true" />
        </ActionIcon>
        <ActionIcon size="sm" variant="default" aria-label="Cancel" onClick={onDone}>
          <IconX size={14} aria-hidden="true" />
        </ActionIcon>
      </Group>
      {update.error ? <ProblemAlert error={update.error} /> : null}
    </Stack>
  );
}
