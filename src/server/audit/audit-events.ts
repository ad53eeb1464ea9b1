import { z } from 'zod';

/**
 * Every audit event type and the shape of its `data`. Changing a payload is a versioned change:
 * add a new type (or a `v2` member), never edit an existing shape, since old rows keep theirs.
 */
const Changes = z.object({
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
});
const Empty = z.object({}).strict();
const Reason = z.object({ reason: z.string() });
const Transition = z.object({
  from: z.string(),
  to: z.string(),
  reason: z.string().nullable(),
  waitingOn: z.string().nullable(),
  overrideReason: z.string().nullable(),
  reworkCount: z.number(),
});

function event<T extends string, D extends z.ZodType>(type: T, subjectType: string, data: D) {
  return z.object({ type: z.literal(type), subjectType: z.literal(subjectType), data });
}

export const AuditEventSchema = z.discriminatedUnion('type', [
  event('session.signed_in', 'session', z.object({ method: z.enum(['password', 'password+totp', 'password+recovery_code', 'invitation']) })),
  event('session.sign_in_failed', 'user', z.object({ reason: z.enum(['bad_password', 'bad_totp', 'locked', 'deactivated', 'mfa_required']) })),
  event('session.locked_out', 'user', z.object({ failures: z.number(), lockedUntil: z.string() })),
  event('session.signed_out', 'session', Empty),
  event('session.revoked', 'session', Reason),
  event('user.invited', 'invitation', z.object({ email: z.string(), role: z.string(), clientIds: z.array(z.string()), expiresAt: z.string() })),
  event('invitation.revoked', 'invitation', z.object({ email: z.string() })),
  event('invitation.accepted', 'user', z.object({ invitationId: z.string(), email: z.string(), role: z.string() })),
  event('user.created', 'user', z.object({ email: z.string(), role: z.string(), via: z.enum(['cli', 'seed']) })),
  event('user.updated', 'user', Changes),
  event('user.role_changed', 'user', Changes),
  event('user.client_access_changed', 'user', z.object({ added: z.array(z.string()), removed: z.array(z.string()), expiresAt: z.string().nullable() })),
  event('user.deactivated', 'user', z.object({ sessionsRevoked: z.number() })),
  event('user.reactivated', 'user', Empty),
  event('user.unlocked', 'user', Empty),
  event('user.password_changed', 'user', z.object({ sessionsRevoked: z.number() })),
  event('user.mfa_enrolment_started', 'user', Empty),
  event('user.mfa_enrolled', 'user', z.object({ recoveryCodes: z.number() })),
  event('user.mfa_reset', 'user', z.object({ sessionsRevoked: z.number() })),
  event('user.mfa_recovery_code_used', 'user', z.object({ remaining: z.number() })),
  event('client.created', 'client', z.object({ after: z.record(z.string(), z.unknown()) })),
  event('client.updated', 'client', Changes),
  event('firm.created', 'firm', z.object({ name: z.string(), demo: z.boolean() })),
  event('firm.settings_updated', 'firm', Changes),
  event('export.generated', 'firm', z.object({ kind: z.string(), file: z.string() })),
  event('audit.viewed', 'firm', z.object({ filters: z.record(z.string(), z.unknown()) })),
  ...(['task.started', 'task.submitted', 'task.returned', 'task.resumed', 'task.approved', 'task.closed', 'task.blocked', 'task.unblocked', 'task.reopened'] as const).map((type) =>
    event(type, 'task', Transition),
  ),
  event('task.created', 'task', z.object({ period: z.string(), preparerId: z.string(), reviewerId: z.string(), dueOn: z.string(), via: z.enum(['schedule', 'manual', 'seed']) })),
  event('task.reassigned', 'task', z.object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()), reason: z.string() })),
  event('task.updated', 'task', Changes),
  event('task.checklist_item_completed', 'task', z.object({ itemId: z.string(), itemKey: z.string(), note: z.string().nullable(), figure: z.string().nullable(), documentId: z.string().nullable() })),
  event('task.checklist_item_reopened', 'task', z.object({ itemId: z.string(), itemKey: z.string() })),
  event('task.note_added', 'task', z.object({ noteId: z.string(), category: z.string(), body: z.string(), checklistItemId: z.string().nullable(), source: z.enum(['review', 'spot_check']) })),
  event('task.note_responded', 'task', z.object({ noteId: z.string(), response: z.string() })),
  event('task.note_cleared', 'task', z.object({ noteId: z.string() })),
  event('document.uploaded', 'document', z.object({ taskId: z.string().nullable(), filename: z.string(), sizeBytes: z.number(), sha256: z.string(), contentType: z.string() })),
  event('document.downloaded', 'document', z.object({ filename: z.string(), sha256: z.string() })),
  event('service.created', 'service', z.object({ after: z.record(z.string(), z.unknown()) })),
  event('service.updated', 'service', Changes),
  event('tasks.generated', 'firm', z.object({ asOf: z.string(), created: z.number(), services: z.number() })),
  event('workflow.checklist_versioned', 'workflow', z.object({ version: z.number(), items: z.number(), changeNote: z.string() })),
  event('holidays.updated', 'firm', Changes),
  event('spot_check.drawn', 'spot_check', z.object({ month: z.string(), seed: z.string(), population: z.number(), sampled: z.array(z.string()), ratePercent: z.number(), minimum: z.number() })),
  event('spot_check.concluded', 'spot_check', z.object({ taskId: z.string(), result: z.enum(['pass', 'findings']), findings: z.string().nullable() })),
  event('saved_view.changed', 'saved_view', z.object({ name: z.string(), deleted: z.boolean() })),
  // Bank reconciliation (issue 4). Line ids are statement_lines ids; amounts minor units.
  event('bank_account.created', 'bank_account', z.object({ after: z.record(z.string(), z.unknown()) })),
  event('bank_account.updated', 'bank_account', Changes),
  event('statement.imported', 'statement_import', z.object({ bankAccountId: z.string(), side: z.enum(['bank', 'ledger']), fileName: z.string(), format: z.string(), sha256: z.string(), statements: z.number(), linesTotal: z.number(), linesAdded: z.number(), linesDuplicate: z.number(), jobId: z.string().nullable() })),
  event('import_preset.saved', 'import_preset', z.object({ name: z.string(), side: z.enum(['bank', 'ledger']), mapping: z.record(z.string(), z.unknown()) })),
  event('import_preset.deleted', 'import_preset', z.object({ name: z.string() })),
  event('job.cancel_requested', 'job', z.object({ kind: z.string() })),
  event('reconciliation.created', 'reconciliation', z.object({ taskId: z.string().nullable(), bankAccountId: z.string(), periodStart: z.string(), statementDate: z.string() })),
  event('reconciliation.updated', 'reconciliation', Changes),
  event('reconciliation.matched', 'reconciliation', z.object({ jobId: z.string().nullable(), matches: z.number(), suggestions: z.number(), unmatchedBank: z.number(), unmatchedLedger: z.number(), replacedAutomatic: z.number() })),
  event('match.confirmed', 'reconciliation', z.object({ matchId: z.string(), origin: z.enum(['auto', 'manual', 'rule']), reason: z.string(), bankLineIds: z.array(z.string()), ledgerLineIds: z.array(z.string()), adjustmentMinor: z.number().nullable(), adjustmentReason: z.string().nullable(), note: z.string().nullable() })),
  event('match.removed', 'reconciliation', z.object({ matchId: z.string(), reason: z.string(), bankLineIds: z.array(z.string()), ledgerLineIds: z.array(z.string()), note: z.string() })),
  event('adjustment.approved', 'reconciliation', z.object({ matchId: z.string(), amountMinor: z.number(), reasonCode: z.string(), account: z.string().nullable() })),
  event('reconciliation.item_documented', 'reconciliation', z.object({ lineId: z.string(), note: z.string() })),
  event('reconciliation.submitted', 'reconciliation', z.object({ differenceMinor: z.number(), taskId: z.string().nullable() })),
  event('reconciliation.approved', 'reconciliation', z.object({ snapshotHash: z.string(), lines: z.number(), taskId: z.string().nullable() })),
  event('reconciliation.returned', 'reconciliation', z.object({ taskId: z.string().nullable() })),
  event('reconciliation.suspended', 'reconciliation', z.object({ reason: z.string(), previousSnapshotHash: z.string().nullable(), importId: z.string().nullable() })),
  event('reconciliation_rule.changed', 'reconciliation_rule', z.object({ before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable() })),
]);

export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditEventType = AuditEvent['type'];
