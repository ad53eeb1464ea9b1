import { ForbiddenError, NotFoundError } from '../errors';

export type Abilities<A extends string> = Record<A, boolean> & { read: boolean };

/** 404 when the actor may not even see the record, so its existence is not revealed. */
export function readableOrNotFound(abilities: { read: boolean }, what: string): void {
  if (!abilities.read) {
    throw new NotFoundError(what);
  }
}

/** 403 when the actor can see the record but may not do `action` with it. */
export function authorize<A extends string>(abilities: Record<A, boolean>, action: A, message?: string): void {
  if (!abilities[action]) {
    throw new ForbiddenError(message);
  }
}

export const STAFF_ROLES = ['admin', 'partner', 'reviewer', 'preparer'] as const;

/** The route policy tags: `public` routes need no session; every other tag names `resource.action`. */
export type RoutePolicy = 'public' | `${string}.${string}`;
