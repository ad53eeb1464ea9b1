import type { Actor } from '../context';
import type { UserRow } from '../db/schema';

export type UserAction =
  | 'read'
  | 'update'
  | 'changeRole'
  | 'manageAccess'
  | 'deactivate'
  | 'reactivate'
  | 'resetMfa'
  | 'unlock';

/**
 * What `actor` may do with another person's account. Only the admin manages accounts, and never
 * their own role or activation: that keeps one admin from locking the firm out or raising
 * themselves (a second admin does it, and the audit log shows who).
 */
export function userAbilities(actor: Actor, user: Pick<UserRow, 'id' | 'firmId' | 'status' | 'mfaEnabledAt' | 'lockedUntil'>, now: Date): Record<UserAction, boolean> {
  const isSameFirm = actor.firmId === user.firmId;
  const isAdmin = isSameFirm && actor.role === 'admin';
  const isSelf = actor.userId === user.id;
  const isActive = user.status === 'active';
  return {
    read: isSameFirm && (isSelf || actor.role === 'admin' || actor.role === 'partner'),
    update: isAdmin,
    changeRole: isAdmin && !isSelf,
    manageAccess: isAdmin,
    deactivate: isAdmin && !isSelf && isActive,
    reactivate: isAdmin && !isSelf && !isActive,
    resetMfa: isAdmin && !isSelf && user.mfaEnabledAt !== null,
    unlock: isAdmin && user.lockedUntil !== null && user.lockedUntil > now,
  };
}
