import { Button, Group, Paper, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type { LedgerSide } from '../../../../shared/bank-accounts';
import type { ReconciliationDto } from '../../../../shared/reconciliation';
import { Amount } from '../../../components/Amount';
import { plural } from '../../../lib/tracker-copy';
import type { NextStep } from '../next-step';

export interface NextStepBarProps {
  rec: ReconciliationDto;
  step: NextStep;
  onImport: (side: LedgerSide) => void;
}

/** One line that says what to do next, with the button that does it when there is one. */
export function NextStepBar({ rec, step, onImport }: NextStepBarProps) {
  if (!rec.abilities.match && step.kind !== 'wait') {
    return null;
  }
  let text: React.ReactNode;
  let action: React.ReactNode = null;
  let isDone = false;
  switch (step.kind) {
    case 'import_bank':
      text = 'Import the bank statement to begin.';
      action = (
        <Button size="xs" onClick={() => onImport('bank')}>
          Import bank statement
        </Button>
      );
      break;
    case 'import_ledger':
      text = 'Now import the general-ledger detail of the cash account for the same period.';
      action = (
        <Button size="xs" onClick={() => onImport('ledger')}>
          Import ledger
        </Button>
      );
      break;
    case 'run_matching':
      text = 'Both sides are in. Run matching: it pairs the lines and proposes the rest.';
      break;
    case 'resolve_bank_lines':
      text = `${plural(step.count, 'bank line')} ${step.count === 1 ? 'needs' : 'need'} a match or an adjustment. Filter on “Unmatched”, select lines on both sides and press m.`;
      break;
    case 'enter_balances':
      text = `${step.message} Type it into the proof above.`;
      break;
    case 'document_items':
      text = `All bank lines are resolved — document the ${plural(step.count, 'outstanding item')} older than 90 days (open the line, press n), then submit.`;
      break;
    case 'explain_difference':
      text = (
        <>
          The proof still shows a difference of <Amount minor={rec.proof.differenceMinor} currency={rec.bankAccount.currency} tone="nonZeroRed" fw={700} />: check the balances and the adjustments.
        </>
      );
      break;
    case 'submit':
      isDone = true;
      text =
        step.outstanding > 0
          ? `All lines are matched and the proof is at zero. ${plural(step.outstanding, 'outstanding item')} carry forward to next month. Submit for review.`
          : 'Every line is matched and the proof is at zero. Submit for review.';
      break;
    case 'wait':
      text = step.message;
      break;
  }
  return (
    <Paper withBorder px="md" py={8} {...(isDone ? { bg: 'var(--mantine-color-green-light)' } : {})}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon size={22} radius="xl" variant="light" color={isDone ? 'green' : 'brand'}>
            {isDone ? <IconCircleCheck size={14} aria-hidden="true" /> : step.kind === 'wait' ? <IconInfoCircle size={14} aria-hidden="true" /> : <IconArrowRight size={14} aria-hidden="true" />}
          </ThemeIcon>
          <Text fz="sm" fw={500}>
            {text}
          </Text>
        </Group>
        {action}
      </Group>
    </Paper>
  );
}
