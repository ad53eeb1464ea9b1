import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { BankAccountRow, ClientRow, FirmRow, FirmSettingsJson, Role, TaskRow, UserRow, WorkflowRow } from '../db/schema';
import type { TaskStatus } from '../../domain/tasks/task-states';
import { systemContext } from '../context';
import { recordAudit } from '../audit/record-audit';
import { newId } from '../ids';
import { hashPassword } from '../modules/auth/passwords';
import { newTotpSecret } from '../modules/auth/totp';
import { DEFAULT_FIRM_SETTINGS } from '../../shared/firm';
import { installWorkflowLibrary } from '../modules/workflows/workflows.service';

/** The password every factory-built person has (long enough to need no MFA). */
export const TEST_PASSWORD = 'correct horse battery staple 42';
let passwordHash: Promise<string> | null = null;

export async function buildFirm(db: Db, options: { name?: string; mfaRequiredRoles?: Role[] } = {}): Promise<FirmRow> {
  const settings: FirmSettingsJson = { ...DEFAULT_FIRM_SETTINGS, mfaRequiredRoles: options.mfaRequiredRoles ?? [] };
  const id = newId();
  const name = options.name ?? `Test Firm ${id.slice(-6)}`;
  return db.transaction().execute(async (trx) => {
    const firm = await trx.insertInto('firms').values({ id, name, settings: JSON.stringify(settings) }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, systemContext(db), id, { type: 'firm.created', subjectType: 'firm', data: { name, demo: false } }, { id });
    return firm;
  });
}

export async function buildClient(db: Db, firm: Pick<FirmRow, 'id'>, options: { name?: string } = {}): Promise<ClientRow> {
  const id = newId();
  return db
    .insertInto('clients')
    .values({
      id,
      firmId: firm.id,
      name: options.name ?? `Client ${id.slice(-6)}`,
      legalName: `${options.name ?? 'Client'} LLC`,
      timeZone: 'America/New_York',
      fiscalYearEnd: '12-31',
      contacts: JSON.stringify([{ name: 'Controller', email: 'controller@client.example' }]),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface BuiltUser {
  user: UserRow;
  password: string;
  mfaSecret: string | null;
}

export async function buildUser(
  db: Db,
  firm: Pick<FirmRow, 'id'>,
  options: { role: Role; email?: string; name?: string; clients?: Array<Pick<ClientRow, 'id'>>; accessExpiresAt?: Date; mfa?: boolean; status?: 'active' | 'deactivated' },
): Promise<BuiltUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const mfaSecret = options.mfa ? newTotpSecret() : null;
  const user = await db
    .insertInto('users')
    .values({
      id,
      firmId: firm.id,
      email: options.email ?? `${options.role}-${randomUUID().slice(0, 8)}@test.example`,
      name: options.name ?? `Test ${options.role} ${id.slice(-4)}`,
      role: options.role,
      passwordHash: await passwordHash,
      passwordChangedAt: new Date(),
      mfaSecret,
      mfaPendingSecret: null,
      mfaEnabledAt: mfaSecret ? new Date() : null,
      mfaLastStep: null,
      lockedUntil: null,
      lastSignInAt: null,
      ...(options.status ? { status: options.status } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const client of options.clients ?? []) {
    await db.insertInto('clientAccess').values({ firmId: firm.id, userId: id, clientId: client.id, expiresAt: options.accessExpiresAt ?? null, grantedBy: null }).execute();
  }
  return { user, password: TEST_PASSWORD, mfaSecret };
}

/** The newest audit entry of a firm, to assert that a change was recorded with it. */
export async function latestAuditEvent(db: Db, firmId: string) {
  return db.selectFrom('auditEvents').selectAll().where('firmId', '=', firmId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function auditEventsOf(db: Db, firmId: string, type?: string) {
  let q = db.selectFrom('auditEvents').selectAll().where('firmId', '=', firmId);
  if (type) {
    q = q.where('type', '=', type);
  }
  return q.orderBy('seq').execute();
}

/** The keys of the standard workflow library (src/server/db/workflow-library.ts). */
export const LIBRARY_KEYS = ['bank-reconciliation', 'month-end-close', 'ap-processing', 'payroll-support', 'journal-entries', 'audit-pbc'] as const;
export type LibraryKey = (typeof LIBRARY_KEYS)[number];

/** Installs the standard workflow library for a firm (each workflow with checklist version 1). */
export async function buildWorkflows(db: Db, firm: Pick<FirmRow, 'id'>): Promise<Record<LibraryKey, WorkflowRow>> {
  const installed = await db.transaction().execute((trx) => installWorkflowLibrary(trx, firm.id));
  const byKey = {} as Record<LibraryKey, WorkflowRow>; // every key is filled just below, or this throws
  for (const key of LIBRARY_KEYS) {
    const workflow = installed.get(key);
    if (!workflow) {
      throw new Error(`the workflow library has no ${key}`);
    }
    byKey[key] = workflow;
  }
  return byKey;
}

/**
 * A task row inserted directly (not through a service), `not_started` unless told otherwise.
 * Its checklist is not instantiated: that happens when the preparer starts it through the API,
 * so tests where the state matters should drive the transitions instead of passing `status`.
 * For a later status the row gets the fields that state implies (preparer work recorded,
 * timestamps, the reviewer as approver).
 */
export async function buildTask(
  db: Db,
  options: {
    firm: Pick<FirmRow, 'id'>;
    client: Pick<ClientRow, 'id'>;
    workflow: Pick<WorkflowRow, 'id' | 'name'>;
    preparer: Pick<UserRow, 'id'>;
    reviewer: Pick<UserRow, 'id'>;
    status?: TaskStatus;
    /** A month, `YYYY-MM` (default 2026-01). */
    period?: string;
    /** Default: the 10th of the month after the period. */
    dueOn?: string;
    title?: string;
    /** For an approved or closed task (default: now). */
    approvedAt?: Date;
  },
): Promise<TaskRow> {
  const status = options.status ?? 'not_started';
  const period = options.period ?? '2026-01';
  const [year = 2026, month = 1] = period.split('-').map(Number);
  const periodEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  const now = new Date();
  const isStarted = status !== 'not_started';
  const isSubmitted = ['ready_for_review', 'approved', 'closed'].includes(status);
  const isApproved = status === 'approved' || status === 'closed';
  const isBlocked = status === 'blocked';
  return db
    .insertInto('tasks')
    .values({
      id: newId(),
      firmId: options.firm.id,
      clientId: options.client.id,
      workflowId: options.workflow.id,
      serviceId: null,
      period,
      periodStart: `${period}-01`,
      periodEnd,
      title: options.title ?? `${options.workflow.name} — ${period}`,
      status,
      preparerId: options.preparer.id,
      reviewerId: options.reviewer.id,
      preparedBy: JSON.stringify(isStarted ? [options.preparer.id] : []),
      dueOn: options.dueOn ?? new Date(Date.UTC(year, month, 10)).toISOString().slice(0, 10),
      estimatedMinutes: null,
      actualMinutes: null,
      blockedReason: isBlocked ? 'Waiting on the bank statement' : null,
      blockedOn: isBlocked ? 'client_documents' : null,
      blockedFromStatus: isBlocked ? 'in_progress' : null,
      blockedAt: isBlocked ? now : null,
      checklistTemplateId: null,
      checklistVersion: null,
      startedAt: isStarted ? now : null,
      submittedAt: isSubmitted ? now : null,
      firstSubmittedAt: isSubmitted ? now : null,
      approvedAt: isApproved ? (options.approvedAt ?? now) : null,
      approvedBy: isApproved ? options.reviewer.id : null,
      closedAt: status === 'closed' ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A bank account of a client, inserted directly (the API has its own tests); USD unless told otherwise. */
export async function buildBankAccount(
  db: Db,
  client: Pick<ClientRow, 'id' | 'firmId'>,
  options: { name?: string; currency?: string; accountIdentifier?: string | null; institution?: string; glAccount?: string } = {},
): Promise<BankAccountRow> {
  const id = newId();
  const identifier = options.accountIdentifier === undefined ? null : options.accountIdentifier;
  return db
    .insertInto('bankAccounts')
    .values({
      id,
      firmId: client.firmId,
      clientId: client.id,
      name: options.name ?? `Operating ${id.slice(-6)}`,
      institution: options.institution ?? 'First Test Bank',
      accountIdentifier: identifier,
      accountNumberLast4: identifier ? identifier.replace(/[^0-9A-Za-z]/g, '').slice(-4) : null,
      currency: options.currency ?? 'USD',
      glAccount: options.glAccount ?? '1010 Operating',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface LineSpec {
  date: string;
  amountMinor: number;
  description?: string;
  reference?: string | null;
  bankId?: string | null;
}

/**
 * Statement (or ledger) lines inserted directly for reconciliation tests, as one import with an
 * optional closing balance for its last date; answers the import id and the line ids in order.
 */
export async function buildStatementLines(
  db: Db,
  account: Pick<BankAccountRow, 'id' | 'firmId' | 'clientId'>,
  side: 'bank' | 'ledger',
  lines: LineSpec[],
  options: { closingBalanceMinor?: number | null; endOn?: string | null; fileName?: string } = {},
): Promise<{ importId: string; lineIds: string[] }> {
  const importId = newId();
  const dates = lines.map((l) => l.date).sort();
  await db
    .insertInto('statementImports')
    .values({
      id: importId,
      firmId: account.firmId,
      clientId: account.clientId,
      bankAccountId: account.id,
      side,
      fileName: options.fileName ?? `${side}-${importId.slice(-6)}.csv`,
      format: 'csv',
      sha256: importId.replace(/-/g, '').padEnd(64, '0'),
      sizeBytes: 100,
      documentId: null,
      sourceAccountId: null,
      openingBalanceMinor: null,
      closingBalanceMinor: options.closingBalanceMinor ?? null,
      startOn: dates[0] ?? null,
      endOn: options.endOn === undefined ? (dates.at(-1) ?? null) : options.endOn,
      linesTotal: lines.length,
      linesAdded: lines.length,
      linesDuplicate: 0,
      importedBy: null,
    })
    .execute();
  const lineIds = lines.map(() => newId());
  if (lines.length > 0) {
    await db
      .insertInto('statementLines')
      .values(
        lines.map((l, i) => ({
          id: lineIds[i] ?? newId(),
          firmId: account.firmId,
          clientId: account.clientId,
          bankAccountId: account.id,
          side,
          importId,
          position: i + 1,
          bookedOn: l.date,
          amountMinor: l.amountMinor,
          description: l.description ?? `Line ${i + 1}`,
          reference: l.reference ?? null,
          bankId: l.bankId ?? null,
          dedupeKey: `test:${importId}:${i}`,
          reconciledIn: null,
        })),
      )
      .execute();
  }
  return { importId, lineIds };
}
