import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are timestamptz: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type Role = 'admin' | 'partner' | 'reviewer' | 'preparer' | 'client' | 'auditor';

export interface FirmSettingsJson {
  mfaRequiredRoles: Role[];
  onshore: { timeZone: string; workStart: string; workEnd: string };
  offshore: { timeZone: string; workStart: string; workEnd: string };
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  dateFormat: 'YYYY-MM-DD' | 'MM/DD/YYYY' | 'DD/MM/YYYY' | 'DD.MM.YYYY';
}

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
}

export type FirmRow = Selectable<FirmsTable>;
export type UserRow = Selectable<UsersTable>;
export type ClientRow = Selectable<ClientsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
