import {
  BankAccountDtoSchema,
  BankAccountListDtoSchema,
  ImportAcceptedDtoSchema,
  ImportPresetDtoSchema,
  ImportPresetListDtoSchema,
  ImportPreviewDtoSchema,
  LineListDtoSchema,
  StatementImportListDtoSchema,
  type BankAccountDto,
  type CreateBankAccountBody,
  type CreateImportPresetBody,
  type ImportAcceptedDto,
  type ImportPresetDto,
  type ImportPreviewDto,
  type LedgerSide,
  type LineListDto,
  type StatementImportDto,
  type UpdateBankAccountBody,
} from '../../../../shared/bank-accounts';
import type { CsvMapping } from '../../../../domain/reconciliation/importers/csv-mapping';
import { apiRequest, apiUpload, segment } from './transport';

export async function listBankAccounts(clientId: string): Promise<BankAccountDto[]> {
  const result = await apiRequest('GET', `/clients/${segment(clientId)}/bank-accounts`, { schema: BankAccountListDtoSchema });
  return result.items;
}

export function getBankAccount(id: string): Promise<BankAccountDto> {
  return apiRequest('GET', `/bank-accounts/${segment(id)}`, {
    schema: BankAccountDtoSchema,
  });
}

export function createBankAccount(clientId: string, body: CreateBankAccountBody): Promise<BankAccountDto> {
  return apiRequest('POST', `/clients/${segment(clientId)}/bank-accounts`, {
    body,
    schema: BankAccountDtoSchema,
  });
}

export function updateBankAccount(id: string, body: UpdateBankAccountBody): Promise<BankAccountDto> {
  return apiRequest('PATCH', `/bank-accounts/${segment(id)}`, {
    body,
    schema: BankAccountDtoSchema,
  });
}

export async function listImports(accountId: string, side?: LedgerSide): Promise<StatementImportDto[]> {
  const result = await apiRequest('GET', `/bank-accounts/${segment(accountId)}/imports`, { query: { side }, schema: StatementImportListDtoSchema });
  return result.items;
}

export interface AccountLinesQuery {
  side: LedgerSide;
  state: 'all' | 'unreconciled' | 'reconciled';
  q: string;
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

export function listAccountLines(accountId: string, query: AccountLinesQuery): Promise<LineListDto> {
  return apiRequest('GET', `/bank-accounts/${segment(accountId)}/lines`, {
    query: { ...query },
    schema: LineListDtoSchema,
  });
}

/** What to import a file as: the side, and either a confirmed CSV mapping, a saved preset or a ledger layout. */
export interface ImportChoice {
  side: LedgerSide;
  mapping?: CsvMapping;
  presetId?: string;
  ledgerPreset?: string;
}

function importFields(choice: ImportChoice): Record<string, string | undefined> {
  return {
    side: choice.side,
    presetId: choice.presetId,
    mapping: choice.mapping ? JSON.stringify(choice.mapping) : undefined,
    ledgerPreset: choice.ledgerPreset,
  };
}

/** Reads the start of the file on the server: its format, the detected CSV layout and first transactions. */
export function previewImport(accountId: string, file: File, choice: ImportChoice, signal?: AbortSignal): Promise<ImportPreviewDto> {
  return apiUpload(`/bank-accounts/${segment(accountId)}/imports/preview`, {
    fields: importFields(choice),
    file,
    schema: ImportPreviewDtoSchema,
    ...(signal ? { signal } : {}),
  });
}

/** Uploads the file and starts its import as a background job. */
export function startImport(accountId: string, file: File, choice: ImportChoice, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<ImportAcceptedDto> {
  return apiUpload(`/bank-accounts/${segment(accountId)}/imports`, {
    fields: importFields(choice),
    file,
    schema: ImportAcceptedDtoSchema,
    onProgress,
    ...(signal ? { signal } : {}),
  });
}

export function createImportPreset(body: CreateImportPresetBody): Promise<ImportPresetDto> {
  return apiRequest('POST', '/import-presets', {
    body,
    schema: ImportPresetDtoSchema,
  });
}

export async function listImportPresets(side?: LedgerSide): Promise<ImportPresetDto[]> {
  const result = await apiRequest('GET', '/import-presets', {
    query: { side },
    schema: ImportPresetListDtoSchema,
  });
  return result.items;
}
