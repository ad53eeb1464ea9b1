import { z } from 'zod';
import { CsvMappingSchema } from '../domain/reconciliation/importers/csv-mapping';
import { STATEMENT_FORMATS } from '../domain/reconciliation/statement';
import { IdSchema, NameSchema, VersionSchema } from './common';
import { JobDtoSchema } from './jobs';

/**
 * The API contract of a client's bank accounts, the statement and ledger files imported into
 * them, saved CSV mappings (import presets) and the imported lines. Amounts are integer minor
 * units of the account's currency (negative = money out); dates are `YYYY-MM-DD`.
 */

export const LedgerSideSchema = z.enum(['bank', 'ledger']);
export type LedgerSide = z.infer<typeof LedgerSideSchema>;

export const StatementFormatSchema = z.enum(STATEMENT_FORMATS);
const LocalDateSchema = z.iso.date({ message: 'must be a date such as 2026-03-31' });

export const CurrencyCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD');

const BankAccountFieldsSchema = z
  .object({
    name: NameSchema,
    institution: z.string().trim().max(200, 'is too long'),
    /** The account as statement files write it (OFX ACCTID, an IBAN, MT940 :25:); imports for another account are refused. */
    accountIdentifier: z.string().trim().min(1, 'is required').max(64, 'is too long').nullable(),
    /** Shown wherever the account is named; taken from the identifier when left out. */
    accountNumberLast4: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{4}$/, 'must be the last four characters of the account number')
      .nullable(),
    currency: CurrencyCodeSchema,
    /** The general-ledger cash account reconciled to this bank account ("1010 Operating"). */
    glAccount: z.string().trim().max(200, 'is too long'),
  })
  .strict();

export const CreateBankAccountBodySchema = BankAccountFieldsSchema.extend({
  institution: BankAccountFieldsSchema.shape.institution.default(''),
  accountIdentifier: BankAccountFieldsSchema.shape.accountIdentifier.default(null),
  accountNumberLast4: BankAccountFieldsSchema.shape.accountNumberLast4.optional(),
  glAccount: BankAccountFieldsSchema.shape.glAccount.default(''),
}).strict();
export type CreateBankAccountBody = z.infer<typeof CreateBankAccountBodySchema>;

export const UpdateBankAccountBodySchema = BankAccountFieldsSchema.partial()
  .extend({ active: z.boolean().optional(), version: VersionSchema })
  .strict();
export type UpdateBankAccountBody = z.infer<typeof UpdateBankAccountBodySchema>;

/** One imported file, as the account's summary and its import history show it. */
export const ImportSummaryDtoSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.string(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  closingBalanceMinor: z.number().nullable(),
  importedAt: z.string(),
});
export type ImportSummaryDto = z.infer<typeof ImportSummaryDtoSchema>;

const SideSummarySchema = z.object({
  lastImport: ImportSummaryDtoSchema.nullable(),
  /** Lines of this side not yet in an approved reconciliation. */
  unreconciledLines: z.number(),
});

export const BankAccountDtoSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  institution: z.string(),
  accountIdentifier: z.string().nullable(),
  accountNumberLast4: z.string().nullable(),
  currency: z.string(),
  glAccount: z.string(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The latest imports and unreconciled counts; null for viewers who do not see the firm's working papers (client users). */
  summary: z.object({ bank: SideSummarySchema, ledger: SideSummarySchema }).nullable(),
  abilities: z.object({ read: z.boolean(), update: z.boolean(), import: z.boolean(), readActivity: z.boolean() }),
});
export type BankAccountDto = z.infer<typeof BankAccountDtoSchema>;

export const BankAccountListDtoSchema = z.object({ items: z.array(BankAccountDtoSchema) });
export type BankAccountListDto = z.infer<typeof BankAccountListDtoSchema>;

export const StatementImportDtoSchema = ImportSummaryDtoSchema.extend({
  side: LedgerSideSchema,
  sha256: z.string(),
  sizeBytes: z.number(),
  /** The stored original (a document of the client), kept as evidence of what was imported. */
  documentId: z.string().nullable(),
  /** The account the file named, when it named one. */
  sourceAccountId: z.string().nullable(),
  openingBalanceMinor: z.number().nullable(),
  linesTotal: z.number(),
  linesAdded: z.number(),
  /** Lines already imported before (the same file twice, overlapping statements): skipped. */
  linesDuplicate: z.number(),
  importedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type StatementImportDto = z.infer<typeof StatementImportDtoSchema>;

export const StatementImportListDtoSchema = z.object({ items: z.array(StatementImportDtoSchema) });

export const ImportHistoryQuerySchema = z.object({ side: LedgerSideSchema.optional() }).strict();

/**
 * The text fields of the multipart import request (sent before the `file` part). `mapping` is
 * a JSON-encoded CsvMapping (CSV and ledger files only); `presetId` names a saved one instead.
 */
export const ImportFieldsSchema = z
  .object({
    side: LedgerSideSchema,
    format: z.enum(['auto', ...STATEMENT_FORMATS]).default('auto'),
    presetId: IdSchema.optional(),
    mapping: z
      .string()
      .max(20_000, 'is too long')
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' }); // a parse failure is the answer here
          return z.NEVER;
        }
      })
      .pipe(CsvMappingSchema)
      .optional(),
    /** A general-ledger export layout (`quickbooks-online`, `xero`, …); detected when left out. */
    ledgerPreset: z.string().trim().min(1).max(60).optional(),
  })
  .strict()
  .refine((f) => !(f.presetId && f.mapping), { message: 'send either presetId or mapping, not both', path: ['mapping'] });
export type ImportFields = z.infer<typeof ImportFieldsSchema>;

export const ImportAcceptedDtoSchema = z.object({
  job: JobDtoSchema,
  document: z.object({ id: z.string(), filename: z.string(), sha256: z.string(), sizeBytes: z.number() }),
});
export type ImportAcceptedDto = z.infer<typeof ImportAcceptedDtoSchema>;

/** The `result` of a succeeded `statement.import` job. */
export const StatementImportResultSchema = z.object({
  importId: z.string(),
  format: z.string(),
  /** Statements the file held (a multi-account file imports the one for this account); null when not known. */
  statementsInFile: z.number().nullable(),
  sourceAccountId: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  openingBalanceMinor: z.number().nullable(),
  closingBalanceMinor: z.number().nullable(),
  linesTotal: z.number(),
  linesAdded: z.number(),
  linesDuplicate: z.number(),
});
export type StatementImportResult = z.infer<typeof StatementImportResultSchema>;

export const PreviewTransactionDtoSchema = z.object({
  date: z.string(),
  amountMinor: z.number(),
  description: z.string(),
  reference: z.string().nullable(),
  bankId: z.string().nullable(),
});

export const ImportPreviewDtoSchema = z.object({
  fileName: z.string(),
  format: StatementFormatSchema.nullable(),
  /** Why the start of the file could not be read (one line), else null. */
  problem: z.string().nullable(),
  /** CSV (and XLSX) only: the detected layout for the user to confirm, and a saved preset that fits its columns. */
  csv: z
    .object({
      mapping: CsvMappingSchema,
      headers: z.array(z.string()),
      previewRows: z.array(z.array(z.string())),
      confidence: z.enum(['high', 'low']),
      warnings: z.array(z.string()),
      preset: z.object({ id: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
  /** Ledger files only: the accounting system the export looks like, and the layouts to choose from. */
  ledger: z
    .object({
      preset: z.object({ id: z.string(), label: z.string() }).nullable(),
      presets: z.array(z.object({ id: z.string(), label: z.string() })),
    })
    .nullable(),
  /** The first statement of the file as read from its start: header facts known so far and up to 20 transactions. */
  statement: z
    .object({
      accountId: z.string().nullable(),
      currency: z.string().nullable(),
      openingBalanceMinor: z.number().nullable(),
      closingBalanceMinor: z.number().nullable(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
      transactions: z.array(PreviewTransactionDtoSchema),
    })
    .nullable(),
});
export type ImportPreviewDto = z.infer<typeof ImportPreviewDtoSchema>;

export const StatementLineDtoSchema = z.object({
  id: z.string(),
  side: LedgerSideSchema,
  importId: z.string(),
  /** 1-based position of the transaction in its file. */
  position: z.number(),
  bookedOn: z.string(),
  amountMinor: z.number(),
  description: z.string(),
  reference: z.string().nullable(),
  bankId: z.string().nullable(),
  /** The match the line is in (confirmed or proposed by matching), if any. */
  matchId: z.string().nullable(),
  /** The approved reconciliation that reconciled the line; null while unreconciled. */
  reconciledIn: z.string().nullable(),
  isReconciled: z.boolean(),
});
export type StatementLineDto = z.infer<typeof StatementLineDtoSchema>;

export const LineListQuerySchema = z
  .object({
    side: LedgerSideSchema.default('bank'),
    from: LocalDateSchema.optional(),
    to: LocalDateSchema.optional(),
    /** Words of the description, reference or bank id. */
    q: z.string().trim().max(100).optional(),
    state: z.enum(['all', 'unreconciled', 'reconciled']).default('all'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type LineListQuery = z.infer<typeof LineListQuerySchema>;

export const LineListDtoSchema = z.object({ items: z.array(StatementLineDtoSchema), total: z.number(), page: z.number(), pageSize: z.number() });
export type LineListDto = z.infer<typeof LineListDtoSchema>;

export const ImportPresetDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  side: LedgerSideSchema,
  mapping: CsvMappingSchema,
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type ImportPresetDto = z.infer<typeof ImportPresetDtoSchema>;

export const ImportPresetListDtoSchema = z.object({ items: z.array(ImportPresetDtoSchema) });
export const ImportPresetListQuerySchema = z.object({ side: LedgerSideSchema.optional() }).strict();

export const CreateImportPresetBodySchema = z.object({ name: NameSchema, side: LedgerSideSchema, mapping: CsvMappingSchema }).strict();
export type CreateImportPresetBody = z.infer<typeof CreateImportPresetBodySchema>;
