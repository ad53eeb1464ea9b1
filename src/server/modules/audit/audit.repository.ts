import type { Db } from '../../db/database';
import type { AuditQuery } from '../../../shared/audit';

/** Newest first, keyset-paged on the chain sequence; every filter applies inside one firm. */
export function listAuditEvents(db: Db, firmId: string, query: AuditQuery, visibleClientIds: string[] | null) {
  let q = db
    .selectFrom('auditEvents as e')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'e.actorId').onRef('u.firmId', '=', 'e.firmId'))
    .leftJoin('clients as c', (j) => j.onRef('c.id', '=', 'e.clientId').onRef('c.firmId', '=', 'e.firmId'))
    .select([
      'e.id',
      'e.seq',
      'e.occurredAt',
      'e.actorId',
      'u.name as actorName',
      'u.email as actorEmail',
      'e.type',
      'e.subjectType',
      'e.subjectId',
      'e.clientId',
      'c.name as clientName',
      'e.data',
      'e.ip',
      'e.userAgent',
      'e.hash',
    ])
    .where('e.firmId', '=', firmId);
  if (visibleClientIds !== null) {
    q = q.where((eb) => eb.or([eb('e.clientId', 'is', null), ...(visibleClientIds.length > 0 ? [eb('e.clientId', 'in', visibleClientIds)] : [])]));
  }
  if (query.actorId) {
    q = q.where('e.actorId', '=', query.actorId);
  }
  if (query.clientId) {
    q = q.where('e.clientId', '=', query.clientId);
  }
  if (query.type) {
    q = query.type.endsWith('.') ? q.where('e.type', 'like', `${query.type}%`) : q.where('e.type', '=', query.type);
  }
  if (query.from) {
    q = q.where('e.occurredAt', '>=', new Date(`${query.from}T00:00:00Z`));
  }
  if (query.to) {
    q = q.where('e.occurredAt', '<', new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000));
  }
  if (query.before) {
    q = q.where('e.seq', '<', query.before);
  }
  return q.orderBy('e.seq', 'desc').limit(query.limit + 1).execute();
}

export async function listEventTypes(db: Db, firmId: string): Promise<string[]> {
  const rows = await db.selectFrom('auditEvents').select('type').distinct().where('firmId', '=', firmId).orderBy('type').execute();
  return rows.map((r) => r.type);
}
