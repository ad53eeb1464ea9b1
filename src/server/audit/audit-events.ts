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
]);

export type AuditEvent = z.infer<typeof AuditEventSchema>;
export type AuditEventType = AuditEvent['type'];
