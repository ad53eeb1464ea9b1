import type { Db } from './db/database';
import type { Role } from './db/schema';
import type { FileStorage } from './storage/file-storage';

/** The signed-in person making a request, as loaded fresh from the database on every request. */
export interface Actor {
  userId: string;
  firmId: string;
  role: Role;
  email: string;
  name: string;
  sessionId: string;
  /** Clients this person may see now (assignments and unexpired auditor grants). */
  clientIds: ReadonlySet<string>;
  /** True when the firm's MFA policy requires MFA for this role and it is not enrolled yet. */
  mustEnrolMfa: boolean;
}

export interface RequestContext {
  db: Db;
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  now(): Date;
  /** Uploaded files (null in contexts that never touch files, such as the CLI). */
  files?: FileStorage | null;
}

/** A context for work outside HTTP (CLI, seed, jobs): audited as the system. */
export function systemContext(db: Db, now: () => Date = () => new Date()): RequestContext {
  return { db, actor: null, requestId: `system-${now().getTime()}`, ip: null, userAgent: 'tickmark-cli', now };
}

/** The actor, or a 401 when the request is anonymous (routes with a non-public policy guarantee one). */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) {
    throw new Error('requireActor called on an anonymous request: the route is missing its policy tag');
  }
  return ctx.actor;
}
