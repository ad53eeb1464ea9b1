import type { Actor } from '../context';

export type FirmAction = 'read' | 'manageUsers' | 'manageClients' | 'manageSettings' | 'readAuditLog' | 'readUsers';

/**
 * What `actor` may do at firm level. Administration is the admin's alone (least privilege: a
 * partner approves work, but does not hand out access); partners may read the audit log.
 */
export function firmAbilities(actor: Actor, firmId: string): Record<FirmAction, boolean> {
  const isSameFirm = actor.firmId === firmId;
  const isAdmin = isSameFirm && actor.role === 'admin';
  const isPartner = isSameFirm && actor.role === 'partner';
  return {
    read: isSameFirm,
    manageUsers: isAdmin,
    manageClients: isAdmin,
    manageSettings: isAdmin,
    readUsers: isAdmin || isPartner,
    readAuditLog: isAdmin || isPartner,
  };
}
