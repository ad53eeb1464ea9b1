import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Drawer, Group, Loader, Progress, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconFile, IconRefresh } from '@tabler/icons-react';
import type { CsvMapping } from '../../../../domain/reconciliation/importers/csv-mapping';
import { StatementImportResultSchema, type ImportPreviewDto, type LedgerSide, type StatementImportResult } from '../../../../shared/bank-accounts';
import type { JobDto } from '../../../../shared/jobs';
import { useFirmSettings } from '../../../app/use-firm';
import { Amount } from '../../../components/Amount';
import { JobProgress } from '../../../components/JobProgress';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatLocalDate } from '../../../lib/time';
import { formatBytes } from '../../../lib/tracker-copy';
import { previewImport, startImport, type ImportChoice } from '../../reconciliation/api/bank-accounts-api';
import type { ColumnRole } from '../../reconciliation/csv-roles';
import { useCancelJob, useJob } from '../../reconciliation/use-reconciliation';
import { useCreateImportPreset, useImportPresets, useRefreshAfterImport } from '../use-bank-accounts';
import { CsvMappingEditor } from './CsvMappingEditor';
import { FileDrop } from './FileDrop';
import { ImportResultSummary } from './ImportResultSummary';

export interface ImportAccount {
  id: string;
  name: string;
  institution: string;
  currency: string;
}

export interface ImportDrawerProps {
  account: ImportAccount;
  opened: boolean;
  onClose: () => void;
  side: LedgerSide;
  /** "October 2026", to say which statement is wanted. */
  periodLabel?: string;
  /** Told whether an import is running, so the page can show it while the drawer is closed. */
  onRunningChange?: (isRunning: boolean) => void;
}

const SIDE_LABELS: Record<LedgerSide, string> = {
  bank: 'Bank statement',
  ledger: 'General ledger (cash account)',
};
const FORMAT_LABELS: Record<string, string> = {
  csv: 'CSV',
  xlsx: 'Excel workbook',
  ofx: 'OFX',
  qfx: 'QFX (Quicken)',
  camt: 'ISO 20022 CAMT',
  bai2: 'BAI2',
  mt940: 'SWIFT MT940',
  qif: 'QIF',
};

/**
 * Importing a file into one side of a bank account: choose the side and drop the file; the server
 * reads its start and shows the format, the first transactions and, for CSV, the detected columns
 * to confirm or correct (and save as the bank's preset); then the file goes up and is imported as
 * a job with progress and Cancel; the summary says what was added and what was skipped as
 * already imported. The drawer can be closed while the job runs; it carries on.
 */
export function ImportDrawer({ account, opened, onClose, side: initialSide, periodLabel, onRunningChange }: ImportDrawerProps) {
  const [side, setSide] = useState<LedgerSide>(initialSide);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [isPreviewing, setPreviewing] = useState(false);
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [roles, setRoles] = useState<ColumnRole[] | null>(null);
  const [mappingProblem, setMappingProblem] = useState<string | null>(null);
  const [ledgerPreset, setLedgerPreset] = useState<string | null>(null);
  const [usePresetId, setUsePresetId] = useState<string | null>(null);
  const [savePreset, setSavePreset] = useState(false);
  const [presetName, setPresetName] = useState('');
  const [upload, setUpload] = useState<{ sent: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [initialJob, setInitialJob] = useState<JobDto | undefined>(undefined);
  const abortRef = useRef<AbortController | null>(null);
  const presets = useImportPresets();
  const createPreset = useCreateImportPreset();
  const job = useJob(jobId, initialJob);
  const cancel = useCancelJob();
  const refresh = useRefreshAfterImport();
  const isRunning = upload !== null || (job.data !== undefined && (job.data.status === 'queued' || job.data.status === 'running'));

  useEffect(() => {
    if (opened && !isRunning && jobId === null) {
      setSide(initialSide);
    }
  }, [opened, initialSide]); // a drawer opened for the other side starts on it

  useEffect(() => {
    onRunningChange?.(isRunning);
  }, [isRunning, onRunningChange]);

  const jobStatus = job.data?.status;
  useEffect(() => {
    if (jobStatus === 'succeeded') {
      refresh(account.id);
    }
  }, [jobStatus]); // refetch once when the import has finished

  function resetAll() {
    abortRef.current?.abort();
    setFile(null);
    setPreview(null);
    setPreviewError(null);
    setMapping(null);
    setRoles(null);
    setMappingProblem(null);
    setLedgerPreset(null);
    setUsePresetId(null);
    setSavePreset(false);
    setUpload(null);
    setUploadError(null);
    setJobId(null);
    setInitialJob(undefined);
  }

  function choice(
    overrides: Partial<{
      mapping: CsvMapping | null;
      ledgerPreset: string | null;
      presetId: string | null;
    }> = {},
  ): ImportChoice {
    const chosenMapping = overrides.mapping !== undefined ? overrides.mapping : mapping;
    const chosenLedger = overrides.ledgerPreset !== undefined ? overrides.ledgerPreset : ledgerPreset;
    const chosenPreset = overrides.presetId !== undefined ? overrides.presetId : usePresetId;
    return {
      side,
      ...(chosenPreset ? { presetId: chosenPreset } : chosenMapping ? { mapping: chosenMapping } : {}),
      ...(chosenLedger && !chosenPreset && !chosenMapping ? { ledgerPreset: chosenLedger } : {}),
    };
  }

  async function runPreview(target: File, importChoice: ImportChoice, isFirst: boolean) {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setPreviewing(true);
    setPreviewError(null);
    try {
      const answer = await previewImport(account.id, target, importChoice, controller.signal);
      setPreview(answer);
      if (isFirst && answer.csv) {
        const fitting = answer.csv.preset ? presets.data?.find((p) => p.id === answer.csv?.preset?.id) : undefined;
        setMapping(fitting?.mapping ?? answer.csv.mapping);
        setUsePresetId(null);
        setRoles(null);
        setPresetName(`${account.institution || account.name} ${side === 'bank' ? 'statement' : 'ledger'}`.trim());
        setSavePreset(answer.csv.preset === null);
        setLedgerPreset(answer.ledger?.preset?.id ?? null);
      }
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) {
        setPreviewError(error);
      }
    } finally {
      if (abortRef.current === controller) {
        setPreviewing(false);
      }
    }
  }

  function handleFile(next: File) {
    resetAll();
    setFile(next);
    void runPreview(next, { side }, true);
  }

  function handleMappingChange(next: CsvMapping) {
    setMapping(next);
    if (file) {
      void runPreview(file, choice({ mapping: next, presetId: null }), false);
    }
  }

  function handleLedgerPreset(next: string | null) {
    setLedgerPreset(next);
    setMapping(null);
    setRoles(null);
    if (file) {
      void runPreview(file, { side, ...(next ? { ledgerPreset: next } : {}) }, true);
    }
  }

  async function handleImport() {
    if (!file) {
      return;
    }
    setUploadError(null);
    if (savePreset && mapping && presetName.trim()) {
      try {
        await createPreset.mutateAsync({
          name: presetName.trim(),
          side,
          mapping,
        });
      } catch (error) {
        setUploadError(error);
        return;
      }
    }
    const controller = new AbortController();
    abortRef.current = controller;
    setUpload({ sent: 0, total: file.size });
    try {
      const accepted = await startImport(account.id, file, choice(), (sent, total) => setUpload({ sent, total }), controller.signal);
      setInitialJob(accepted.job);
      setJobId(accepted.job.id);
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) {
        setUploadError(error);
      }
    } finally {
      setUpload(null);
    }
  }

  const result = parseResult(job.data);
  const isCsv = preview?.format === 'csv' || (preview?.format === 'xlsx' && preview.csv !== null);
  const canImport = file !== null && !isPreviewing && preview !== null && (preview.problem === null || isCsv) && mappingProblem === null && jobId === null && upload === null;
  const wanted =
    side === 'bank' ? `the bank statement${periodLabel ? ` for ${periodLabel}` : ''}` : `the general-ledger detail of ${account.name}'s cash account${periodLabel ? ` for ${periodLabel}` : ''}`;

  return (
    <Drawer opened={opened} onClose={onClose} title={`Import into ${account.name}`} size={880} keepMounted>
      <Stack gap="md">
        <SegmentedControl
          fullWidth
          aria-label="Side"
          value={side}
          disabled={file !== null}
          onChange={(value) => setSide(value === 'ledger' ? 'ledger' : 'bank')}
          data={[
            { value: 'bank', label: SIDE_LABELS.bank },
            { value: 'ledger', label: SIDE_LABELS.ledger },
          ]}
        />

        {file === null ? (
          <FileDrop
            onFile={handleFile}
            hint={
              side === 'bank'
                ? `Drop ${wanted}: CSV, Excel, OFX/QFX, CAMT.053, BAI2, MT940 or QIF. Importing the same file twice adds nothing.`
                : `Drop ${wanted}, exported as CSV from QuickBooks Online, Xero, Sage Intacct, NetSuite or any other system.`
            }
          />
        ) : (
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconFile size={18} aria-hidden="true" />
              <Text fw={600} truncate="end">
                {file.name}
              </Text>
              <Text fz="sm" c="dimmed" style={{ flexShrink: 0 }}>
                {formatBytes(file.size)}
              </Text>
              {preview?.format ? (
                <Badge size="sm" variant="light">
                  {FORMAT_LABELS[preview.format] ?? preview.format}
                </Badge>
              ) : null}
              {isPreviewing ? <Loader size="xs" /> : null}
            </Group>
            {jobId === null && upload === null ? (
              <Button variant="subtle" size="xs" leftSection={<IconRefresh size={14} aria-hidden="true" />} onClick={resetAll}>
                Choose another file
              </Button>
            ) : null}
          </Group>
        )}

        {previewError ? <ProblemAlert error={previewError} title="The file could not be read" /> : null}

        {preview && jobId === null ? (
          <PreviewBody
            preview={preview}
            account={account}
            mapping={mapping}
            roles={roles}
            onRolesChange={setRoles}
            onMappingChange={handleMappingChange}
            mappingProblem={mappingProblem}
            onMappingProblem={setMappingProblem}
            ledgerPreset={ledgerPreset}
            onLedgerPreset={handleLedgerPreset}
          />
        ) : null}

        {preview?.csv && mapping && jobId === null ? (
          <Group gap="sm" align="flex-end">
            <Checkbox label="Save these columns as a preset for this bank" checked={savePreset} onChange={(event) => setSavePreset(event.currentTarget.checked)} mb={6} />
            {savePreset ? <TextInput size="xs" aria-label="Preset name" value={presetName} onChange={(event) => setPresetName(event.currentTarget.value)} w={260} maxLength={120} /> : null}
          </Group>
        ) : null}

        {upload ? (
          <Stack gap={4} role="status">
            <Group justify="space-between">
              <Text fz="sm" fw={600}>
                Uploading {file?.name}
              </Text>
              <Group gap="sm">
                <Text fz="xs" c="dimmed" className="tm-num">
                  {formatBytes(upload.sent)} of {formatBytes(upload.total)}
                </Text>
                <Button size="compact-xs" variant="default" onClick={() => abortRef.current?.abort()}>
                  Cancel
                </Button>
              </Group>
            </Group>
            <Progress value={upload.total > 0 ? (upload.sent / upload.total) * 100 : 0} size="sm" aria-label="Upload progress" />
          </Stack>
        ) : null}

        {job.data ? <JobProgress job={job.data} label={`Importing ${file?.name ?? 'the file'}`} onCancel={() => cancel.mutate(job.data.id)} isCancelling={cancel.isPending} /> : null}
        {cancel.error ? <ProblemAlert error={cancel.error} /> : null}
        {uploadError ? <ProblemAlert error={uploadError} title="The import did not start" /> : null}
        {result ? <ImportResultSummary result={result} currency={account.currency} /> : null}

        <Group justify="flex-end" gap="sm">
          {jobId !== null && !isRunning ? (
            <>
              <Button variant="default" onClick={resetAll}>
                Import another file
              </Button>
              <Button
                onClick={() => {
                  resetAll();
                  onClose();
                }}
              >
                Done
              </Button>
            </>
          ) : isRunning ? (
            <Button variant="default" onClick={onClose}>
              Close (the import carries on)
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={() => void handleImport()} disabled={!canImport} loading={createPreset.isPending}>
                Import {side === 'bank' ? 'statement' : 'ledger'}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Drawer>
  );
}

interface PreviewBodyProps {
  preview: ImportPreviewDto;
  account: ImportAccount;
  mapping: CsvMapping | null;
  roles: ColumnRole[] | null;
  onRolesChange: (roles: ColumnRole[]) => void;
  onMappingChange: (mapping: CsvMapping) => void;
  mappingProblem: string | null;
  onMappingProblem: (problem: string | null) => void;
  ledgerPreset: string | null;
  onLedgerPreset: (preset: string | null) => void;
}

function PreviewBody({ preview, account, mapping, roles, onRolesChange, onMappingChange, mappingProblem, onMappingProblem, ledgerPreset, onLedgerPreset }: PreviewBodyProps) {
  const settings = useFirmSettings();
  const statement = preview.statement;
  const currency = statement?.currency ?? account.currency;
  return (
    <Stack gap="md">
      {preview.problem ? (
        <Alert
          color={preview.csv ? 'orange' : 'red'}
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden="true" />}
          title={preview.csv ? 'Check the columns' : 'This file cannot be imported'}
        >
          {preview.problem}
        </Alert>
      ) : null}
      {preview.ledger ? (
        <Select
          label="Accounting system"
          description="The export's layout; detected from its header row"
          w={320}
          data={preview.ledger.presets.map((p) => ({
            value: p.id,
            label: p.label,
          }))}
          value={ledgerPreset}
          placeholder="Other (columns detected)"
          clearable
          onChange={onLedgerPreset}
        />
      ) : null}
      {preview.csv?.preset ? (
        <Text fz="sm">
          Using the saved preset <b>{preview.csv.preset.name}</b>, which fits these columns.
        </Text>
      ) : null}
      {preview.csv && mapping ? (
        <CsvMappingEditor
          headers={preview.csv.headers}
          rows={preview.csv.previewRows}
          mapping={mapping}
          confidence={preview.csv.confidence}
          warnings={preview.csv.warnings}
          onChange={onMappingChange}
          onProblem={onMappingProblem}
          roles={roles}
          onRolesChange={onRolesChange}
        />
      ) : null}
      {mappingProblem ? (
        <Text fz="sm" c="var(--mantine-color-error)" role="alert">
          {mappingProblem}
        </Text>
      ) : null}
      {statement ? (
        <Stack gap="xs">
          <Group gap="lg">
            <Fact label="Account in file" value={statement.accountId ?? '—'} />
            <Fact label="Currency" value={statement.currency ?? account.currency} />
            <Fact
              label="Period"
              value={
                statement.startDate && statement.endDate
                  ? `${formatLocalDate(statement.startDate, settings.dateFormat)} – ${formatLocalDate(statement.endDate, settings.dateFormat)}`
                  : 'from the lines'
              }
            />
            <Fact label="Opening balance" value={statement.openingBalanceMinor === null ? '—' : <Amount minor={statement.openingBalanceMinor} currency={currency} fw={600} />} />
            <Fact label="Closing balance" value={statement.closingBalanceMinor === null ? '—' : <Amount minor={statement.closingBalanceMinor} currency={currency} fw={600} />} />
          </Group>
          {statement.currency && statement.currency !== account.currency ? (
            <Text fz="sm" c="var(--mantine-color-error)">
              The file is in {statement.currency}; this account is in {account.currency}.
            </Text>
          ) : null}
          <Text fz="sm" fw={600}>
            First transactions as they will be read
          </Text>
          <Table className="tm-dense" verticalSpacing={3} aria-label="First transactions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={100}>Date</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th w={110}>Reference</Table.Th>
                <Table.Th w={120} ta="right">
                  Amount
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.transactions.slice(0, 10).map((t, index) => (
                <Table.Tr key={index}>
                  <Table.Td fz="sm" className="tm-num">
                    {formatLocalDate(t.date, settings.dateFormat)}
                  </Table.Td>
                  <Table.Td
                    fz="sm"
                    style={{
                      maxWidth: 360,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                    }}
                  >
                    {t.description}
                  </Table.Td>
                  <Table.Td fz="sm" c="dimmed">
                    {t.reference ?? ''}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Amount minor={t.amountMinor} currency={currency} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="sm" fw={500} component="div">
        {value}
      </Text>
    </Stack>
  );
}

function parseResult(job: JobDto | undefined): StatementImportResult | null {
  if (!job || job.status !== 'succeeded' || !job.result) {
    return null;
  }
  const parsed = StatementImportResultSchema.safeParse(job.result);
  return parsed.success ? parsed.data : null;
}
