import type { Actor } from '../../context';
import type { InvitationRow } from '../../db/schema';
import { invitationAbilities } from '../../policies/invitation.policy';
import { userAbilities } from '../../policies/user.policy';
import type { InvitationDto, UserDto } from '../../../shared/users';
import type { UserWithAccess } from './users.service';

export function presentUser(actor: Actor, { user, access }: UserWithAccess, now: Date): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timeZone: user.timeZone,
    status: user.status,
    mfaEnabled: user.mfaEnabledAt !== null,
    lockedUntil: user.lockedUntil && user.lockedUntil > now ? user.lockedUntil.toISOString() : null,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
    clientAccess: access.map((a) => ({ clientId: a.clientId, clientName: a.clientName, expiresAt: a.expiresAt?.toISOString() ?? null })),
    abilities: userAbilities(actor, user, now),
  };
}

export function presentInvitation(actor: Actor, invitation: InvitationRow, now: Date): InvitationDto {
  const status = invitation.acceptedAt ? 'accepted' : invitation.revokedAt ? 'revoked' : invitation.expiresAt <= now ? 'expired' : 'pending';
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    clientIds: invitation.clientIds,
    status,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
    invitedBy: invitation.invitedBy,
    abilities: invitationAbilities(actor, invitation),
  };
}
