import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FirmSettings } from '../../shared/firm';
import type { BlockedOn, EvidenceKind, NoteCategory, Priority, TaskStatus } from '../../domain/tasks/task-states';
import type { DueRule, Frequency } from '../../domain/tasks/schedule';

/** Timestamps are timestamptz: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type Role = 'admin' | 'partner' | 'reviewer' | 'preparer' | 'client' | 'auditor';

export type FirmSettingsJson = FirmSettings;

export interface ClientContactJson {
  name: string;
  email: string;
  phone?: string | undefined;
  title?: string | undefined;
}

export interface FirmsTable {
  id: string;
  name: string;
  settings: Json<FirmSettingsJson>;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface UsersTable {
  id: string;
  firmId: string;
  email: string;
  name: string;
  role: Role;
  timeZone: Generated<string>;
  passwordHash: string | null;
  passwordChangedAt: Timestamp | null;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaEnabledAt: Timestamp | null;
  mfaLastStep: number | null;
  status: Generated<'active' | 'deactivated'>;
  failedSignIns: Generated<number>;
  lockedUntil: Timestamp | null;
  lastSignInAt: Timestamp | null;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface MfaRecoveryCodesTable {
  id: string;
  firmId: string;
  userId: string;
  codeHash: string;
  usedAt: Timestamp | null;
  createdAt: DefaultedTimestamp;
}

export interface ClientsTable {
  id: string;
  firmId: string;
  name: string;
  legalName: string;
  timeZone: string;
  fiscalYearEnd: string;
  contacts: Json<ClientContactJson[]>;
  status: Generated<'active' | 'archived'>;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface ClientAccessTable {
  firmId: string;
  userId: string;
  clientId: string;
  expiresAt: Timestamp | null;
  grantedBy: string | null;
  createdAt: DefaultedTimestamp;
}

export interface InvitationsTable {
  id: string;
  firmId: string;
  email: string;
  name: string;
  role: Role;
  clientIds: Json<string[]>;
  accessExpiresAt: Timestamp | null;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Timestamp;
  acceptedAt: Timestamp | null;
  acceptedUserId: string | null;
  revokedAt: Timestamp | null;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
}

export interface SessionsTable {
  id: string;
  firmId: string;
  userId: string;
  tokenHash: string;
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
  revokedReason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface SignInThrottlesTable {
  key: string;
  failures: number;
  windowStartedAt: Timestamp;
  lockedUntil: Timestamp | null;
}

export interface AuditEventsTable {
  id: string;
  firmId: string;
  seq: number;
  occurredAt: Timestamp;
  actorId: string | null;
  actorKind: 'user' | 'system';
  type: string;
  subjectType: string;
  subjectId: string | null;
  clientId: string | null;
  data: Json<Record<string, unknown>>;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditChainHeadsTable {
  firmId: string;
  seq: number;
  hash: string;
}

export interface WorkflowStepJson {
  key: string;
  name: string;
  ownerRole: Role;
  lane: 'offshore' | 'onshore' | 'client';
  inputs: string[];
  outputs: string[];
}

export interface ChecklistItemJson {
  key: string;
  text: string;
  help: string;
  evidence: EvidenceKind;
  required: boolean;
}

export interface WorkflowTemplatesTable {
  id: string;
  firmId: string;
  key: string;
  name: string;
  description: Generated<string>;
  steps: Json<WorkflowStepJson[]>;
  checklistVersion: Generated<number>;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface ChecklistTemplatesTable {
  id: string;
  firmId: string;
  workflowId: string;
  version: number;
  items: Json<ChecklistItemJson[]>;
  changeNote: Generated<string>;
  createdBy: string | null;
  createdAt: DefaultedTimestamp;
}

export interface HolidaysTable {
  firmId: string;
  onDate: string;
  name: string;
}

export interface ServicesTable {
  id: string;
  firmId: string;
  clientId: string;
  workflowId: string;
  frequency: Frequency;
  dueRule: Json<DueRule>;
  preparerId: string;
  reviewerId: string;
  startsOn: string;
  priority: Generated<Priority>;
  estimatedMinutes: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface TasksTable {
  id: string;
  firmId: string;
  clientId: string;
  workflowId: string;
  serviceId: string | null;
  period: string;
  periodStart: string;
  periodEnd: string;
  title: string;
  status: TaskStatus;
  preparerId: string;
  reviewerId: string;
  preparedBy: Json<string[]>;
  dueOn: string;
  priority: Generated<Priority>;
  estimatedMinutes: number | null;
  actualMinutes: number | null;
  blockedReason: string | null;
  blockedOn: BlockedOn | null;
  blockedFromStatus: TaskStatus | null;
  blockedAt: Timestamp | null;
  checklistTemplateId: string | null;
  checklistVersion: number | null;
  reworkCount: Generated<number>;
  startedAt: Timestamp | null;
  submittedAt: Timestamp | null;
  firstSubmittedAt: Timestamp | null;
  approvedAt: Timestamp | null;
  approvedBy: string | null;
  closedAt: Timestamp | null;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface DocumentsTable {
  id: string;
  firmId: string;
  clientId: string;
  taskId: string | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: DefaultedTimestamp;
}

export interface TaskChecklistItemsTable {
  id: string;
  firmId: string;
  taskId: string;
  itemKey: string;
  position: number;
  text: string;
  help: Generated<string>;
  evidence: EvidenceKind;
  required: Generated<boolean>;
  completedAt: Timestamp | null;
  completedBy: string | null;
  note: string | null;
  figure: string | null;
  documentId: string | null;
  version: Generated<number>;
}

export interface ReviewNotesTable {
  id: string;
  firmId: string;
  taskId: string;
  checklistItemId: string | null;
  /** A review note on one line of the task's bank reconciliation. */
  statementLineId: Generated<string | null>;
  category: NoteCategory;
  body: string;
  source: Generated<'review' | 'spot_check'>;
  authorId: string;
  createdAt: DefaultedTimestamp;
  response: string | null;
  respondedBy: string | null;
  respondedAt: Timestamp | null;
  clearedBy: string | null;
  clearedAt: Timestamp | null;
  version: Generated<number>;
}

export interface SpotChecksTable {
  id: string;
  firmId: string;
  month: string;
  seed: string;
  ratePercent: number;
  minimum: number;
  population: number;
  drawnBy: string | null;
  drawnAt: DefaultedTimestamp;
}

export interface SpotCheckItemsTable {
  id: string;
  firmId: string;
  spotCheckId: string;
  taskId: string;
  weight: number;
  result: 'pass' | 'findings' | null;
  findings: string | null;
  concludedBy: string | null;
  concludedAt: Timestamp | null;
  version: Generated<number>;
}

export interface SavedViewsTable {
  id: string;
  firmId: string;
  userId: string;
  name: string;
  query: Json<Record<string, string>>;
  createdAt: DefaultedTimestamp;
}

export type LedgerSide = 'bank' | 'ledger';
export type ReconciliationStatus = 'draft' | 'in_review' | 'approved' | 'suspended';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface BankAccountsTable {
  id: string;
  firmId: string;
  clientId: string;
  name: string;
  institution: Generated<string>;
  /** The account id as statement files give it (OFX ACCTID, IBAN, MT940 :25:), to recognise imports. */
  accountIdentifier: string | null;
  accountNumberLast4: string | null;
  currency: string;
  /** The general-ledger cash account this bank account is reconciled to ("1010 Operating"). */
  glAccount: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface ImportPresetsTable {
  id: string;
  firmId: string;
  name: string;
  side: LedgerSide;
  mapping: Json<Record<string, unknown>>;
  createdBy: string | null;
  createdAt: DefaultedTimestamp;
}

export interface BackgroundJobsTable {
  id: string;
  firmId: string;
  clientId: string | null;
  kind: string;
  status: JobStatus;
  phase: Generated<string>;
  progressDone: Generated<number>;
  progressTotal: Generated<number>;
  payload: Json<Record<string, unknown>>;
  result: Json<Record<string, unknown>> | null;
  error: string | null;
  cancelRequested: Generated<boolean>;
  createdBy: string | null;
  createdAt: DefaultedTimestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  heartbeatAt: Timestamp | null;
}

export interface StatementImportsTable {
  id: string;
  firmId: string;
  clientId: string;
  bankAccountId: string;
  side: LedgerSide;
  fileName: string;
  format: string;
  sha256: string;
  sizeBytes: number;
  documentId: string | null;
  sourceAccountId: string | null;
  openingBalanceMinor: number | null;
  closingBalanceMinor: number | null;
  startOn: string | null;
  endOn: string | null;
  linesTotal: number;
  linesAdded: number;
  linesDuplicate: number;
  importedBy: string | null;
  importedAt: DefaultedTimestamp;
}

export interface StatementLinesTable {
  id: string;
  firmId: string;
  clientId: string;
  bankAccountId: string;
  side: LedgerSide;
  importId: string;
  /** 1-based position of the transaction in its file. */
  position: number;
  bookedOn: string;
  amountMinor: number;
  description: string;
  reference: string | null;
  bankId: string | null;
  /** `id:<bank id>` or `fp:<fingerprint>#<occurrence>`: unique per account and side. */
  dedupeKey: string;
  /** The approved reconciliation that reconciled this line (null while unreconciled). */
  reconciledIn: string | null;
  createdAt: DefaultedTimestamp;
}

export interface ReconciliationsTable {
  id: string;
  firmId: string;
  clientId: string;
  bankAccountId: string;
  taskId: string | null;
  periodStart: string;
  statementDate: string;
  statementBalanceMinor: number | null;
  bookBalanceMinor: number | null;
  status: ReconciliationStatus;
  suggestions: Json<unknown[]>;
  matchedAt: Timestamp | null;
  submittedAt: Timestamp | null;
  submittedBy: string | null;
  approvedAt: Timestamp | null;
  approvedBy: string | null;
  snapshotHash: string | null;
  suspendedAt: Timestamp | null;
  suspendedReason: string | null;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface ReconciliationMatchesTable {
  id: string;
  firmId: string;
  reconciliationId: string;
  origin: 'auto' | 'manual' | 'rule';
  reason: string;
  confidence: number;
  explanation: string;
  adjustmentMinor: number | null;
  adjustmentReason: string | null;
  adjustmentAccount: string | null;
  adjustmentStatus: 'proposed' | 'approved' | null;
  adjustmentApprovedBy: string | null;
  adjustmentApprovedAt: Timestamp | null;
  note: string | null;
  createdBy: string | null;
  createdAt: DefaultedTimestamp;
}

export interface ReconciliationMatchLinesTable {
  firmId: string;
  matchId: string;
  reconciliationId: string;
  lineId: string;
  side: LedgerSide;
}

export interface ReconciliationItemNotesTable {
  firmId: string;
  reconciliationId: string;
  lineId: string;
  note: string;
  createdBy: string | null;
  updatedAt: DefaultedTimestamp;
}

export interface ReconciliationRulesTable {
  id: string;
  firmId: string;
  clientId: string | null;
  name: string;
  descriptionContains: string;
  kind: 'adjustment' | 'tolerance';
  direction: Generated<'any' | 'in' | 'out'>;
  reasonCode: string;
  account: string | null;
  amountToleranceMinor: number | null;
  dateToleranceDays: number | null;
  active: Generated<boolean>;
  createdBy: string | null;
  version: Generated<number>;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

export interface DB {
  firms: FirmsTable;
  users: UsersTable;
  mfaRecoveryCodes: MfaRecoveryCodesTable;
  clients: ClientsTable;
  clientAccess: ClientAccessTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  signInThrottles: SignInThrottlesTable;
  auditEvents: AuditEventsTable;
  auditChainHeads: AuditChainHeadsTable;
  workflowTemplates: WorkflowTemplatesTable;
  checklistTemplates: ChecklistTemplatesTable;
  holidays: HolidaysTable;
  services: ServicesTable;
  tasks: TasksTable;
  documents: DocumentsTable;
  taskChecklistItems: TaskChecklistItemsTable;
  reviewNotes: ReviewNotesTable;
  spotChecks: SpotChecksTable;
  spotCheckItems: SpotCheckItemsTable;
  savedViews: SavedViewsTable;
  bankAccounts: BankAccountsTable;
  importPresets: ImportPresetsTable;
  backgroundJobs: BackgroundJobsTable;
  statementImports: StatementImportsTable;
  statementLines: StatementLinesTable;
  reconciliations: ReconciliationsTable;
  reconciliationMatches: ReconciliationMatchesTable;
  reconciliationMatchLines: ReconciliationMatchLinesTable;
  reconciliationItemNotes: ReconciliationItemNotesTable;
  reconciliationRules: ReconciliationRulesTable;
}

export type FirmRow = Selectable<FirmsTable>;
export type UserRow = Selectable<UsersTable>;
export type ClientRow = Selectable<ClientsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type TaskRow = Selectable<TasksTable>;
export type ServiceRow = Selectable<ServicesTable>;
export type WorkflowRow = Selectable<WorkflowTemplatesTable>;
export type ChecklistTemplateRow = Selectable<ChecklistTemplatesTable>;
export type TaskChecklistItemRow = Selectable<TaskChecklistItemsTable>;
export type ReviewNoteRow = Selectable<ReviewNotesTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type BankAccountRow = Selectable<BankAccountsTable>;
export type StatementImportRow = Selectable<StatementImportsTable>;
export type StatementLineRow = Selectable<StatementLinesTable>;
export type ReconciliationRow = Selectable<ReconciliationsTable>;
export type ReconciliationMatchRow = Selectable<ReconciliationMatchesTable>;
export type ReconciliationRuleRow = Selectable<ReconciliationRulesTable>;
export type BackgroundJobRow = Selectable<BackgroundJobsTable>;
