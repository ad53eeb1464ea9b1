import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import { authorize } from '../../policies';
import { firmAbilities } from '../../policies/firm.policy';
import { seesAllClients } from '../../policies/client.policy';
import type { AuditPageDto, AuditQuery } from '../../../shared/audit';
import * as repo from './audit.repository';

/** One page of the firm's audit log for admins and partners; a partner sees their clients' entries and firm-wide ones. */
export async function listAuditEvents(ctx: RequestContext, query: AuditQuery): Promise<AuditPageDto> {
  const actor = requireActor(ctx);
  authorize(firmAbilities(actor, actor.firmId), 'readAuditLog', 'Only the administrator and partners read the audit log.');
  const visible = seesAllClients(actor) ? null : [...actor.clientIds];
  const [rows, types] = await Promise.all([repo.listAuditEvents(ctx.db, actor.firmId, query, visible), repo.listEventTypes(ctx.db, actor.firmId)]);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      seq: Number(r.seq),
      occurredAt: r.occurredAt.toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? 'Unknown', email: r.actorEmail ?? '' } : null,
      type: r.type,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      client: r.clientId ? { id: r.clientId, name: r.clientName ?? 'Unknown client' } : null,
      data: r.data,
      ip: r.ip,
      userAgent: r.userAgent,
      hash: r.hash,
    })),
    nextBefore: rows.length > query.limit ? Number(page.at(-1)?.seq ?? 0) : null,
    types,
  };
}
