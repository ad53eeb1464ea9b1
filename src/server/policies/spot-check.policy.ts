import type { Actor } from '../context';

export type SpotCheckAction = 'read' | 'draw' | 'conclude';

/**
 * Partner spot-checks: partners draw and conclude (the admin may draw the month's sample too);
 * reviewers and admins can read the evidence. Concluding a task you prepared is refused in the
 * service (segregation of duties).
 */
export function spotCheckAbilities(actor: Actor, firmId: string): Record<SpotCheckAction, boolean> {
  const isSameFirm = actor.firmId === firmId;
  return {
    read: isSameFirm && ['admin', 'partner', 'reviewer'].includes(actor.role),
    draw: isSameFirm && (actor.role === 'partner' || actor.role === 'admin'),
    conclude: isSameFirm && actor.role === 'partner',
  };
}

/** Saved tracker views belong to one person. */
export function savedViewAbilities(actor: Actor, view: { firmId: string; userId: string }): { read: boolean; delete: boolean } {
  const isOwner = actor.firmId === view.firmId && actor.userId === view.userId;
  return { read: isOwner, delete: isOwner };
}
