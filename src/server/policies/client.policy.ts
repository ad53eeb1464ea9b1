import type { Actor } from '../context';
import type { ClientRow } from '../db/schema';

export type ClientAction = 'read' | 'update' | 'archive';

/**
 * What `actor` may do with `client`. Least privilege: the admin sees every client of the firm;
 * everyone else only clients they are assigned to (a client user: their own company; an
 * auditor: clients granted to them, until the grant expires).
 */
export function clientAbilities(actor: Actor, client: Pick<ClientRow, 'id' | 'firmId'>): Record<ClientAction, boolean> {
  const isSameFirm = actor.firmId === client.firmId;
  const isAdmin = isSameFirm && actor.role === 'admin';
  const isAssigned = isSameFirm && actor.clientIds.has(client.id);
  return {
    read: isAdmin || isAssigned,
    update: isAdmin,
    archive: isAdmin,
  };
}

/** Whether the actor sees every client of the firm, rather than a list of assigned ones. */
export function seesAllClients(actor: Actor): boolean {
  return actor.role === 'admin';
}
