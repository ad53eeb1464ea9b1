import { createHash } from 'node:crypto';
import type { Trx } from '../db/database';
import type { RequestContext } from '../context';
import { newId } from '../ids';
import { AuditEventSchema, type AuditEvent } from './audit-events';
import { canonicalJson } from './canonical-json';

/** The hash a chain starts from: sha256 of nothing in particular, fixed forever. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditSubject {
  id: string | null;
  clientId?: string | null;
}

/** The fields of an entry that its hash covers, in the form they are hashed. */
export interface HashedContent {
  id: string;
  firmId: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorKind: 'user' | 'system';
  type: string;
  subjectType: string;
  subjectId: string | null;
  clientId: string | null;
  data: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** sha256(previous hash + canonical content): each entry seals the one before it. */
export function hashEntry(prevHash: string, content: HashedContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/**
 * Appends one event to the firm's audit chain inside the caller's transaction, so the record of
 * a change commits or rolls back with the change itself. Takes a `Transaction`, never a plain
 * database handle. The chain head row is locked for the rest of the transaction, which keeps
 * concurrent appends in one order.
 */
export async function recordAudit(
  trx: Trx,
  ctx: RequestContext,
  firmId: string,
  event: AuditEvent,
  subject: AuditSubject,
  actorOverride?: { id: string },
): Promise<{ seq: number; hash: string }> {
  const parsed = AuditEventSchema.parse(event);
  await trx
    .insertInto('auditChainHeads')
    .values({ firmId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('firmId').doNothing())
    .execute();
  const head = await trx
    .selectFrom('auditChainHeads')
    .select(['seq', 'hash'])
    .where('firmId', '=', firmId)
    .forUpdate()
    .executeTakeFirstOrThrow();

  const actorId = actorOverride?.id ?? ctx.actor?.userId ?? null;
  const content: HashedContent = {
    id: newId(),
    firmId,
    seq: Number(head.seq) + 1,
    occurredAt: ctx.now().toISOString(),
    actorId,
    actorKind: actorId ? 'user' : 'system',
    type: parsed.type,
    subjectType: parsed.subjectType,
    subjectId: subject.id,
    clientId: subject.clientId ?? null,
    data: parsed.data,
    requestId: ctx.requestId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
  const hash = hashEntry(head.hash, content);
  await trx
    .insertInto('auditEvents')
    .values({ ...content, data: JSON.stringify(content.data), prevHash: head.hash, hash })
    .execute();
  await trx
    .updateTable('auditChainHeads')
    .set({ seq: content.seq, hash })
    .where('firmId', '=', firmId)
    .execute();
  return { seq: content.seq, hash };
}
