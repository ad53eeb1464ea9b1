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
