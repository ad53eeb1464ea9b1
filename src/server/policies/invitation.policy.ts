import type { Actor } from '../context';
import type { InvitationRow } from '../db/schema';

export type InvitationAction = 'read' | 'revoke';

/** Invitations are the admin's: only they invite, see pending invitations and revoke them. */
export function invitationAbilities(actor: Actor, invitation: Pick<InvitationRow, 'firmId' | 'acceptedAt' | 'revokedAt'>): Record<InvitationAction, boolean> {
  const isAdmin = actor.firmId === invitation.firmId && actor.role === 'admin';
  return {
    read: isAdmin,
    revoke: isAdmin && invitation.acceptedAt === null && invitation.revokedAt === null,
  };
}
