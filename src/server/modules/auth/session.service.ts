import { checkPassword, contextWordsFor } from '../../../domain/identity/password-rules';
import type { Actor, RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { Db } from '../../db/database';
import type { FirmRow, SessionRow, UserRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { UnauthorizedError, ValidationError } from '../../errors';
import { hashToken } from '../../ids';
import { firmAbilities } from '../../policies/firm.policy';
import * as repo from './auth.repository';
import { hashPassword, verifyPassword } from './passwords';
import type { ChangePasswordBody, SessionDto } from '../../../shared/auth';

export interface Authenticated {
  actor: Actor;
  session: SessionRow;
  user: UserRow;
  firm: FirmRow;
}

/**
 * Resolves a session cookie to the person behind it, fresh from the database on every request:
 * a deactivation, role change or revoked session takes effect on the very next request.
 */
export async function authenticate(db: Db, token: string, now: Date): Promise<Authenticated | null> {
  const session = await repo.findSessionByTokenHash(db, hashToken(token));
  if (!session || session.revokedAt !== null || session.expiresAt <= now) {
    return null;
  }
  const [user, firm] = await Promise.all([repo.findUser(db, session.firmId, session.userId), repo.findFirm(db, session.firmId)]);
  if (!user || !firm || user.status !== 'active') {
    return null;
  }
  const settings = firm.settings;
  if (now.getTime() - session.lastSeenAt.getTime() > settings.sessionIdleMinutes * 60_000) {
    await repo.revokeSession(db, session.firmId, session.id, now, 'idle timeout');
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await repo.touchSession(db, session.firmId, session.id, now);
  }
  const clientIds = await repo.listAccessibleClientIds(db, user.firmId, user.id, now);
  const actor: Actor = {
    userId: user.id,
    firmId: user.firmId,
    role: user.role,
    email: user.email,
    name: user.name,
    sessionId: session.id,
    clientIds: new Set(clientIds),
    mustEnrolMfa: settings.mfaRequiredRoles.includes(user.role) && user.mfaEnabledAt === null,
  };
  return { actor, session, user, firm };
}

export function presentSession(auth: Pick<Authenticated, 'session' | 'user' | 'firm'> & { actor?: Actor }): SessionDto {
  const settings = auth.firm.settings;
  const isMfaRequired = settings.mfaRequiredRoles.includes(auth.user.role);
  const isMfaOn = auth.user.mfaEnabledAt !== null;
  const actor: Actor = auth.actor ?? {
    userId: auth.user.id,
    firmId: auth.user.firmId,
    role: auth.user.role,
    email: auth.user.email,
    name: auth.user.name,
    sessionId: auth.session.id,
    clientIds: new Set(),
    mustEnrolMfa: isMfaRequired && !isMfaOn,
  };
  const abilities = firmAbilities(actor, auth.firm.id);
  return {
    user: { id: auth.user.id, email: auth.user.email, name: auth.user.name, role: auth.user.role, timeZone: auth.user.timeZone, mfaEnabled: isMfaOn },
    firm: { id: auth.firm.id, name: auth.firm.name },
    csrfToken: auth.session.csrfToken,
    expiresAt: auth.session.expiresAt.toISOString(),
    mustEnrolMfa: isMfaRequired && !isMfaOn,
    mfaRecommended: !isMfaRequired && !isMfaOn && auth.user.role !== 'client',
    abilities: {
      manageUsers: abilities.manageUsers,
      manageClients: abilities.manageClients,
      manageSettings: abilities.manageSettings,
      readAuditLog: abilities.readAuditLog,
      readUsers: abilities.readUsers,
    },
  };
}

export async function signOut(ctx: RequestContext): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.revokeSession(trx, actor.firmId, actor.sessionId, ctx.now(), 'signed out');
    await recordAudit(trx, ctx, actor.firmId, { type: 'session.signed_out', subjectType: 'session', data: {} }, { id: actor.sessionId });
  });
}

/** Changes one's own password; every other session of the account is revoked. */
export async function changePassword(ctx: RequestContext, input: ChangePasswordBody): Promise<void> {
  const actor = requireActor(ctx);
  const user = await repo.findUser(ctx.db, actor.firmId, actor.userId);
  const firm = await repo.findFirm(ctx.db, actor.firmId);
  if (!user || !firm) {
    throw new Error('signed-in user vanished');
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UnauthorizedError('Your current password is not right.', 'invalid_credentials');
  }
  const settings = firm.settings;
  const hasMfa = user.mfaEnabledAt !== null || settings.mfaRequiredRoles.includes(user.role);
  const problems = checkPassword(input.newPassword, { hasMfa, contextWords: contextWordsFor(user.email, user.name, firm.name) });
  if (problems.length > 0) {
    throw new ValidationError(problems.join(' '), problems.map((message) => ({ path: 'newPassword', message })));
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, passwordChangedAt: ctx.now(), updatedAt: ctx.now(), version: user.version + 1 })
      .where('firmId', '=', actor.firmId)
      .where('id', '=', actor.userId)
      .execute();
    const sessionsRevoked = await repo.revokeUserSessions(trx, actor.firmId, actor.userId, ctx.now(), 'password changed', actor.sessionId);
    await recordAudit(trx, ctx, actor.firmId, { type: 'user.password_changed', subjectType: 'user', data: { sessionsRevoked } }, { id: actor.userId });
  });
}

/** Ends every live session of a person, inside the caller's transaction (deactivation, MFA reset). */
export function revokeAllSessions(trx: import('../../db/database').Trx, firmId: string, userId: string, at: Date, reason: string): Promise<number> {
  return repo.revokeUserSessions(trx, firmId, userId, at, reason);
}
