import { Alert, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { StatementImportResult } from '../../../../shared/bank-accounts';
import { useFirmSettings } from '../../../app/use-firm';
import { Amount } from '../../../components/Amount';
import { formatLocalDate } from '../../../lib/time';

export interface ImportResultSummaryProps {
  result: StatementImportResult;
  currency: string;
}

/** What an import did: lines added, lines skipped as already imported, the period and the closing balance. */
export function ImportResultSummary({ result, currency }: ImportResultSummaryProps) {
  const settings = useFirmSettings();
  return (
    <Alert color="green" variant="light" icon={<IconCircleCheck size={18} aria-hidden="true" />} title="Imported" role="status">
      <Stack gap={6}>
        <Group gap="xl">
          <Figure label="Lines added" value={result.linesAdded.toLocaleString('en-US')} />
          <Figure label="Duplicates skipped" value={result.linesDuplicate.toLocaleString('en-US')} />
          <Figure label="Period" value={result.startOn && result.endOn ? `${formatLocalDate(result.startOn, settings.dateFormat)} – ${formatLocalDate(result.endOn, settings.dateFormat)}` : '—'} />
          <Figure label="Closing balance" value={result.closingBalanceMinor === null ? 'not in the file' : <Amount minor={result.closingBalanceMinor} currency={currency} fw={700} />} />
        </Group>
        {result.linesDuplicate > 0 && result.linesAdded === 0 ? <Text fz="sm">Every line of this file was imported before; nothing changed.</Text> : null}
        {result.statementsInFile !== null && result.statementsInFile > 1 ? <Text fz="sm">The file held {result.statementsInFile} statements; the one for this account was imported.</Text> : null}
      </Stack>
    </Alert>
  );
}

function Figure({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="md" fw={700} component="div" className="tm-num">
        {value}
      </Text>
    </Stack>
  );
}
