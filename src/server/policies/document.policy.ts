import type { Actor } from '../context';
import type { DocumentRow } from '../db/schema';

export type DocumentAction = 'read';

/** A client's documents: the firm's staff on that client and auditors granted it may read them. */
export function documentAbilities(actor: Actor, doc: Pick<DocumentRow, 'firmId' | 'clientId'>): Record<DocumentAction, boolean> {
  const isSameFirm = actor.firmId === doc.firmId;
  const seesClient = isSameFirm && (actor.role === 'admin' || actor.clientIds.has(doc.clientId));
  return { read: seesClient && actor.role !== 'client' };
}
