/**
 * The HTTP contract of bank reconciliations (SPEC 2.9), shared by the server and the web app.
 * Amounts are integer minor units of the bank account's currency (positive = money into the
 * account, on both sides); dates are `YYYY-MM-DD`; timestamps are ISO strings (UTC).
 *
 * Routes:
 * - `POST /api/tasks/:id/reconciliation` (CreateReconciliationBody) → 201 ReconciliationDto
 * - `GET /api/tasks/:id/reconciliation` → ReconciliationDto (404 `not_found` when none yet)
 * - `GET /api/reconciliations/:id` → ReconciliationDto
 * - `PATCH /api/reconciliations/:id` (UpdateReconciliationBody) → ReconciliationDto
 * - `GET /api/reconciliations/:id/lines?side&status&q&page&pageSize` → ReconciliationLinesDto
 * - `POST /api/reconciliations/:id/match-runs` → 202 MatchRunAcceptedDto (poll `GET /api/jobs/:id`)
 * - `POST /api/reconciliations/:id/matches` (CreateMatchBody) → 201 MatchChangedDto
 * - `POST /api/reconciliations/:id/suggestions/accept` (AcceptSuggestionBody) → 201 MatchChangedDto
 * - `POST /api/reconciliations/:id/matches/:matchId/remove` (RemoveMatchBody) → ReconciliationDto
 * - `POST /api/reconciliations/:id/matches/:matchId/approve-adjustment` → ReconciliationDto
 * - `PUT /api/reconciliations/:id/items/:lineId/note` (ItemNoteBody) → ReconciliationDto
 * - `GET /api/reconciliations/:id/rule-proposals` → RuleProposalListDto
 * - `GET /api/reconciliations/:id/workpaper.pdf` | `.xlsx` → the file (attachment)
 * - `GET /api/reconciliation-rules?clientId` → ReconciliationRuleListDto
 * - `POST /api/reconciliation-rules` (CreateReconciliationRuleBody) → 201 ReconciliationRuleDto
 * - `PATCH /api/reconciliation-rules/:id` (UpdateReconciliationRuleBody) → ReconciliationRuleDto
 * - `DELETE /api/reconciliation-rules/:id?version=` → 204
 *
 * Errors worth handling in the UI (RFC 9457 `code`): `reconciliation_locked` (409, approved: read
 * only), `reconciliation_in_review` (409, submitted: the preparer waits for the reviewer),
 * `line_already_matched` (409), `sums_differ` (400, a reason code is needed), `stale_version`
 * (409), `reconciliation_not_ready` (409 on task submission, with `problems`).
 */
import { z } from 'zod';
import { READINESS_PROBLEM_CODES, RECONCILIATION_STATUSES, STALE_ITEM_DAYS } from '../domain/reconciliation/reconciliation-state';
import { IdSchema, VersionSchema } from './common';
import { JobDtoSchema, JobStatusSchema } from './jobs';

export { READINESS_PROBLEM_CODES, RECONCILIATION_STATUSES, STALE_ITEM_DAYS };

const DateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
/** A signed amount in minor units that JavaScript holds exactly. */
const MinorSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

export const ReconciliationStatusSchema = z.enum(RECONCILIATION_STATUSES);
export type ReconciliationStatus = z.infer<typeof ReconciliationStatusSchema>;

export const STATUS_LABELS: Record<ReconciliationStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  suspended: 'Sign-off suspended',
};

export const LineSideSchema = z.enum(['bank', 'ledger']);
export type LineSide = z.infer<typeof LineSideSchema>;

export const MatchOriginSchema = z.enum(['auto', 'manual', 'rule']);
export type MatchOrigin = z.infer<typeof MatchOriginSchema>;

/** Why an adjustment is booked; firm rules and manual adjustments use the same codes. */
export const ADJUSTMENT_REASON_CODES = ['bank_fee', 'interest', 'nsf', 'service_charge', 'rounding', 'error', 'other'] as const;
export const AdjustmentReasonCodeSchema = z.enum(ADJUSTMENT_REASON_CODES);
export type AdjustmentReasonCode = z.infer<typeof AdjustmentReasonCodeSchema>;

export const ADJUSTMENT_REASON_LABELS: Record<AdjustmentReasonCode, string> = {
  bank_fee: 'Bank fee',
  interest: 'Interest',
  nsf: 'NSF / returned item',
  service_charge: 'Service charge',
  rounding: 'Rounding',
  error: 'Bank or book error',
  other: 'Other',
};

// ---------------------------------------------------------------------------------------------
// The reconciliation header
// ---------------------------------------------------------------------------------------------

export const ReconciliationAbilitiesSchema = z.object({
  read: z.boolean(),
  /** Change statement date and balances (preparer side, draft or suspended). */
  edit: z.boolean(),
  /** Run matching, match, unmatch, accept suggestions, document items (preparer side, draft or suspended). */
  match: z.boolean(),
  /** Approve a proposed adjustment (reviewer side, never someone who prepared the task). */
  approveAdjustment: z.boolean(),
  /** Write review notes on lines (through the task's notes with `statementLineId`). */
  addReviewNote: z.boolean(),
  downloadWorkpaper: z.boolean(),
});
export type ReconciliationAbilities = z.infer<typeof ReconciliationAbilitiesSchema>;

/** A balance and where it came from: a statement file's closing balance, a ledger import, or typed in. */
export const BalanceDtoSchema = z.object({
  amountMinor: MinorSchema.nullable(),
  source: z.enum(['import', 'entered']).nullable(),
  /** The entered value, kept even when an import provides the figure. */
  enteredMinor: MinorSchema.nullable(),
  /** The import's figure for the statement date, when a file gave one. */
  importedMinor: MinorSchema.nullable(),
});
export type BalanceDto = z.infer<typeof BalanceDtoSchema>;

/**
 * The proof: adjusted bank balance = statement balance + deposits in transit − outstanding
 * checks; adjusted book balance = book balance + adjustments (proposed and approved);
 * difference = adjusted bank − adjusted book. `outstandingChecksMinor` is a positive magnitude.
 * Balances that are unknown count as 0 and `isComplete` is false.
 */
export const ProofDtoSchema = z.object({
  statementBalanceMinor: MinorSchema,
  depositsInTransitMinor: MinorSchema,
  outstandingChecksMinor: MinorSchema,
  adjustedBankBalanceMinor: MinorSchema,
  bookBalanceMinor: MinorSchema,
  adjustmentsMinor: MinorSchema,
  adjustedBookBalanceMinor: MinorSchema,
  differenceMinor: MinorSchema,
  /** Both balances are known. */
  isComplete: z.boolean(),
  /** Complete and the difference is zero. */
  isBalanced: z.boolean(),
});
export type ProofDto = z.infer<typeof ProofDtoSchema>;

export const ReconciliationCountsDtoSchema = z.object({
  matches: z.number(),
  matchedBank: z.number(),
  matchedLedger: z.number(),
  suggestions: z.number(),
  unmatchedBank: z.number(),
  unmatchedLedger: z.number(),
  /** Bank lines in no match and with no adjustment: they need a match or an adjustment. */
  bankLinesNeedingAction: z.number(),
  /** Uncleared items dated more than STALE_ITEM_DAYS before the statement date without a note. */
  undocumentedStaleItems: z.number(),
  proposedAdjustments: z.number(),
});
export type ReconciliationCountsDto = z.infer<typeof ReconciliationCountsDtoSchema>;

/** Why the reconciliation cannot be submitted yet; the same list the task submission refuses with. */
export const ReadinessProblemSchema = z.object({
  code: z.enum(READINESS_PROBLEM_CODES),
  message: z.string(),
  count: z.number(),
});
export type ReadinessProblem = z.infer<typeof ReadinessProblemSchema>;
export const ReadinessDtoSchema = z.object({ isReady: z.boolean(), problems: z.array(ReadinessProblemSchema) });
export type ReadinessDto = z.infer<typeof ReadinessDtoSchema>;

export const AdjustmentDtoSchema = z.object({
  matchId: z.string(),
  /** The bank line(s) the adjustment explains (date and description of the first). */
  date: z.string(),
  description: z.string(),
  amountMinor: MinorSchema,
  reasonCode: z.string(),
  account: z.string().nullable(),
  status: z.enum(['proposed', 'approved']),
  origin: MatchOriginSchema,
  proposedBy: PersonRefSchema.nullable(),
  approvedBy: PersonRefSchema.nullable(),
  approvedAt: z.string().nullable(),
  bankLineIds: z.array(z.string()),
  ledgerLineIds: z.array(z.string()),
});
export type AdjustmentDto = z.infer<typeof AdjustmentDtoSchema>;

/** A matching job as the reconciliation page shows it; poll `GET /api/jobs/:id` while it runs. */
export const MatchRunDtoSchema = z.object({
  jobId: z.string(),
  status: JobStatusSchema,
  /** `loading`, `matching` or `saving` while running. */
  phase: z.string(),
  progressDone: z.number(),
  progressTotal: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type MatchRunDto = z.infer<typeof MatchRunDtoSchema>;

export const ReconciliationDtoSchema = z.object({
  id: z.string(),
  task: z.object({ id: z.string(), title: z.string(), status: z.string(), period: z.string(), version: z.number() }).nullable(),
  client: z.object({ id: z.string(), name: z.string() }),
  bankAccount: z.object({
    id: z.string(),
    name: z.string(),
    institution: z.string(),
    accountNumberLast4: z.string().nullable(),
    currency: z.string(),
    glAccount: z.string(),
  }),
  periodStart: z.string(),
  statementDate: z.string(),
  status: ReconciliationStatusSchema,
  statementBalance: BalanceDtoSchema,
  bookBalance: BalanceDtoSchema,
  proof: ProofDtoSchema,
  counts: ReconciliationCountsDtoSchema,
  readiness: ReadinessDtoSchema,
  adjustments: z.array(AdjustmentDtoSchema),
  /** The latest matching job, if any ran. */
  lastMatchRun: MatchRunDtoSchema.nullable(),
  matchedAt: z.string().nullable(),
  preparer: PersonRefSchema.nullable(),
  reviewer: PersonRefSchema.nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: PersonRefSchema.nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: PersonRefSchema.nullable(),
  /** sha256 of the approved lines and balances (canonical JSON); null until approved. */
  snapshotHash: z.string().nullable(),
  suspendedAt: z.string().nullable(),
  suspendedReason: z.string().nullable(),
  abilities: ReconciliationAbilitiesSchema,
  version: z.number(),
  updatedAt: z.string(),
});
export type ReconciliationDto = z.infer<typeof ReconciliationDtoSchema>;

export const CreateReconciliationBodySchema = z
  .object({
    bankAccountId: IdSchema,
    /** Defaults to the task's period end. */
    statementDate: DateSchema.optional(),
  })
  .strict();
export type CreateReconciliationBody = z.infer<typeof CreateReconciliationBodySchema>;

export const UpdateReconciliationBodySchema = z
  .object({
    statementDate: DateSchema.optional(),
    /** null clears the entered figure (an import's balance then applies, if any). */
    statementBalanceMinor: MinorSchema.nullable().optional(),
    bookBalanceMinor: MinorSchema.nullable().optional(),
    version: VersionSchema,
  })
  .strict();
export type UpdateReconciliationBody = z.infer<typeof UpdateReconciliationBodySchema>;

// ---------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------

export const LineStatusFilterSchema = z.enum(['all', 'matched', 'unmatched', 'suggested']);
export type LineStatusFilter = z.infer<typeof LineStatusFilterSchema>;

export const ReconciliationLinesQuerySchema = z
  .object({
    side: LineSideSchema,
    status: LineStatusFilterSchema.default('all'),
    /** Searches description, reference and bank id; a number such as 12.50 or -12.50 also finds that amount. */
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type ReconciliationLinesQuery = z.infer<typeof ReconciliationLinesQuerySchema>;

export const LineMatchDtoSchema = z.object({
  id: z.string(),
  origin: MatchOriginSchema,
  reason: z.string(),
  confidence: z.number(),
  explanation: z.string(),
  note: z.string().nullable(),
  /** The other lines of the match on this line's side (split payments, batch deposits). */
  sameSideLineIds: z.array(z.string()),
  /** The lines on the other side. */
  otherSideLineIds: z.array(z.string()),
  adjustment: z
    .object({ amountMinor: MinorSchema, reasonCode: z.string(), account: z.string().nullable(), status: z.enum(['proposed', 'approved']) })
    .nullable(),
});
export type LineMatchDto = z.infer<typeof LineMatchDtoSchema>;

export const LineSuggestionDtoSchema = z.object({
  /** Pass to `suggestions/accept`. Stable while the suggestion stands. */
  key: z.string(),
  reason: z.string(),
  confidence: z.number(),
  explanation: z.string(),
  distinguishing: z.array(z.string()),
  bankLineIds: z.array(z.string()),
  ledgerLineIds: z.array(z.string()),
});
export type LineSuggestionDto = z.infer<typeof LineSuggestionDtoSchema>;

export const LineReviewNoteDtoSchema = z.object({
  id: z.string(),
  category: z.string(),
  body: z.string(),
  author: PersonRefSchema,
  createdAt: z.string(),
  response: z.string().nullable(),
  status: z.enum(['open', 'responded', 'cleared']),
  version: z.number(),
});
export type LineReviewNoteDto = z.infer<typeof LineReviewNoteDtoSchema>;

export const ReconciliationLineDtoSchema = z.object({
  id: z.string(),
  side: LineSideSchema,
  date: z.string(),
  amountMinor: MinorSchema,
  description: z.string(),
  reference: z.string().nullable(),
  bankId: z.string().nullable(),
  /** In a match of this reconciliation (not final until approval). */
  cleared: z.boolean(),
  /** Cleared here and this reconciliation is approved (locked). */
  reconciled: z.boolean(),
  /** Uncleared as of this statement date, but matched since by a later period's reconciliation. */
  matchedLater: z.boolean(),
  /** Dated before the period start: an item carried forward from an earlier period. */
  carriedForward: z.boolean(),
  /** Days from the line's date to the statement date. */
  ageDays: z.number(),
  match: LineMatchDtoSchema.nullable(),
  suggestions: z.array(LineSuggestionDtoSchema),
  itemNote: z.object({ note: z.string(), by: PersonRefSchema.nullable(), updatedAt: z.string() }).nullable(),
  reviewNotes: z.array(LineReviewNoteDtoSchema),
});
export type ReconciliationLineDto = z.infer<typeof ReconciliationLineDtoSchema>;

export const ReconciliationLinesDtoSchema = z.object({
  items: z.array(ReconciliationLineDtoSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Sums over the whole filtered set, not only this page. */
  sums: z.object({ count: z.number(), amountMinor: MinorSchema, inflowMinor: MinorSchema, outflowMinor: MinorSchema }),
});
export type ReconciliationLinesDto = z.infer<typeof ReconciliationLinesDtoSchema>;

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/** The 202 answer to `match-runs`: the job to poll at `GET /api/jobs/:id` (an already running run is answered again). */
export const MatchRunAcceptedDtoSchema = z.object({ job: JobDtoSchema });
export type MatchRunAcceptedDto = z.infer<typeof MatchRunAcceptedDtoSchema>;

const LineIdsSchema = z.array(IdSchema).max(500).refine((ids) => new Set(ids).size === ids.length, 'must not repeat a line');

export const CreateMatchBodySchema = z
  .object({
    bankLineIds: LineIdsSchema,
    ledgerLineIds: LineIdsSchema,
    note: z.string().trim().max(2000).optional(),
    /** Required when the sums differ (or there are no ledger lines): the difference becomes a proposed adjustment. */
    adjustment: z.object({ reasonCode: AdjustmentReasonCodeSchema, account: z.string().trim().max(100).optional() }).strict().optional(),
  })
  .strict()
  .refine((b) => b.bankLineIds.length + b.ledgerLineIds.length > 0, { message: 'name at least one line', path: ['bankLineIds'] });
export type CreateMatchBody = z.infer<typeof CreateMatchBodySchema>;

export const AcceptSuggestionBodySchema = z.object({ key: z.string().min(1).max(200) }).strict();
export type AcceptSuggestionBody = z.infer<typeof AcceptSuggestionBodySchema>;

export const RemoveMatchBodySchema = z.object({ note: z.string().trim().min(1, 'is required').max(2000) }).strict();
export type RemoveMatchBody = z.infer<typeof RemoveMatchBodySchema>;

export const ItemNoteBodySchema = z.object({ note: z.string().trim().min(1, 'is required').max(2000) }).strict();
export type ItemNoteBody = z.infer<typeof ItemNoteBodySchema>;

export const MatchDtoSchema = z.object({
  id: z.string(),
  origin: MatchOriginSchema,
  reason: z.string(),
  confidence: z.number(),
  explanation: z.string(),
  note: z.string().nullable(),
  bankLineIds: z.array(z.string()),
  ledgerLineIds: z.array(z.string()),
  bankTotalMinor: MinorSchema,
  ledgerTotalMinor: MinorSchema,
  adjustment: z
    .object({ amountMinor: MinorSchema, reasonCode: z.string(), account: z.string().nullable(), status: z.enum(['proposed', 'approved']) })
    .nullable(),
  createdAt: z.string(),
});
export type MatchDto = z.infer<typeof MatchDtoSchema>;

export const MatchChangedDtoSchema = z.object({ match: MatchDtoSchema, reconciliation: ReconciliationDtoSchema });
export type MatchChangedDto = z.infer<typeof MatchChangedDtoSchema>;

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export const RuleKindSchema = z.enum(['adjustment', 'tolerance']);
export const RuleDirectionSchema = z.enum(['any', 'in', 'out']);

export const ReconciliationRuleDtoSchema = z.object({
  id: z.string(),
  /** null: a firm-wide rule. */
  client: z.object({ id: z.string(), name: z.string() }).nullable(),
  name: z.string(),
  descriptionContains: z.string(),
  kind: RuleKindSchema,
  direction: RuleDirectionSchema,
  reasonCode: z.string(),
  account: z.string().nullable(),
  amountToleranceMinor: MinorSchema.nullable(),
  dateToleranceDays: z.number().nullable(),
  active: z.boolean(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReconciliationRuleDto = z.infer<typeof ReconciliationRuleDtoSchema>;

export const ReconciliationRuleListDtoSchema = z.object({ items: z.array(ReconciliationRuleDtoSchema), abilities: z.object({ create: z.boolean() }) });
export type ReconciliationRuleListDto = z.infer<typeof ReconciliationRuleListDtoSchema>;

export const ReconciliationRuleListQuerySchema = z.object({ clientId: IdSchema.optional() }).strict();

const RuleFieldsSchema = z.object({
  clientId: IdSchema.nullable(),
  name: z.string().trim().min(1, 'is required').max(200),
  descriptionContains: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  kind: RuleKindSchema,
  direction: RuleDirectionSchema,
  reasonCode: AdjustmentReasonCodeSchema,
  account: z.string().trim().max(100).nullable(),
  amountToleranceMinor: z.number().int().min(0).max(1_000_000_000).nullable(),
  dateToleranceDays: z.number().int().min(0).max(60).nullable(),
  active: z.boolean(),
});

export const CreateReconciliationRuleBodySchema = RuleFieldsSchema.partial({ direction: true, account: true, amountToleranceMinor: true, dateToleranceDays: true, active: true, clientId: true })
  .strict()
  .refine((r) => r.kind !== 'tolerance' || (r.amountToleranceMinor ?? null) !== null, { message: 'a tolerance rule needs an amount tolerance', path: ['amountToleranceMinor'] });
export type CreateReconciliationRuleBody = z.infer<typeof CreateReconciliationRuleBodySchema>;

export const UpdateReconciliationRuleBodySchema = RuleFieldsSchema.omit({ clientId: true }).partial().extend({ version: VersionSchema }).strict();
export type UpdateReconciliationRuleBody = z.infer<typeof UpdateReconciliationRuleBodySchema>;

export const DeleteReconciliationRuleQuerySchema = z.object({ version: z.coerce.number().int().min(1) }).strict();

/** A rule the firm could add, learned from repeated manual adjustments or matches. */
export const RuleProposalDtoSchema = z.object({
  key: z.string(),
  name: z.string(),
  descriptionContains: z.string(),
  kind: RuleKindSchema,
  direction: RuleDirectionSchema,
  reasonCode: z.string(),
  account: z.string().nullable(),
  amountToleranceMinor: MinorSchema.nullable(),
  dateToleranceDays: z.number().nullable(),
  /** How many manual matches it would have made. */
  occurrences: z.number(),
  /** One sentence: why this is proposed. */
  explanation: z.string(),
  /** A few of the manual matches behind it. */
  examples: z.array(z.object({ reconciliationId: z.string(), date: z.string(), description: z.string(), amountMinor: MinorSchema })),
});
export type RuleProposalDto = z.infer<typeof RuleProposalDtoSchema>;

export const RuleProposalListDtoSchema = z.object({ items: z.array(RuleProposalDtoSchema), abilities: z.object({ createRule: z.boolean() }) });
export type RuleProposalListDto = z.infer<typeof RuleProposalListDtoSchema>;

export const ReconciliationParamsSchema = z.object({ id: IdSchema }).strict();
export const MatchParamsSchema = z.object({ id: IdSchema, matchId: IdSchema }).strict();
export const ItemParamsSchema = z.object({ id: IdSchema, lineId: IdSchema }).strict();
