import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { UserRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import { authorize, readableOrNotFound } from '../../policies';
import { firmAbilities } from '../../policies/firm.policy';
import { userAbilities } from '../../policies/user.policy';
import type { SetClientAccessBody, UpdateUserBody } from '../../../shared/users';
import { revokeAllSessions } from '../auth/session.service';
import * as repo from './users.repository';

export interface UserWithAccess {
  user: UserRow;
  access: repo.AccessRow[];
}

export async function listUsers(ctx: RequestContext, filter: Parameters<typeof repo.listUsers>[2]): Promise<UserWithAccess[]> {
  const actor = requireActor(ctx);
  if (!firmAbilities(actor, actor.firmId).readUsers) {
    throw new ForbiddenError('Only the administrator and partners see the firm’s people.');
  }
  const users = await repo.listUsers(ctx.db, actor.firmId, filter);
  const access = await repo.listAccess(ctx.db, actor.firmId, users.map((u) => u.id));
  return users.map((user) => ({ user, access: access.filter((a) => a.userId === user.id) }));
}

export async function getUser(ctx: RequestContext, userId: string): Promise<UserWithAccess> {
  const actor = requireActor(ctx);
  const user = await repo.findUser(ctx.db, actor.firmId, userId);
  if (!user) {
    throw new NotFoundError('user');
  }
  readableOrNotFound(userAbilities(actor, user, ctx.now()), 'user');
  return { user, access: await repo.listAccess(ctx.db, actor.firmId, [user.id]) };
}

/** Edits name, time zone or role; a role change is its own audit event and applies from the person's next request. */
export async function updateUser(ctx: RequestContext, userId: string, input: UpdateUserBody): Promise<UserWithAccess> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await loadForChange(trx, ctx, userId);
    const abilities = userAbilities(actor, current, ctx.now());
    authorize(abilities, 'update');
    const isRoleChange = input.role !== undefined && input.role !== current.role;
    if (isRoleChange) {
      authorize(abilities, 'changeRole', 'You cannot change your own role; another administrator can.');
    }
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      ...(isRoleChange && input.role ? { role: input.role } : {}),
      updatedAt: ctx.now(),
    };
    const updated = await repo.updateUser(trx, actor.firmId, userId, input.version, patch);
    if (!updated || current.version !== input.version) {
      throw new StaleVersionError('person');
    }
    const before = { name: current.name, timeZone: current.timeZone, role: current.role };
    const after = { name: updated.name, timeZone: updated.timeZone, role: updated.role };
    if (isRoleChange) {
      await recordAudit(trx, ctx, actor.firmId, { type: 'user.role_changed', subjectType: 'user', data: { before: { role: current.role }, after: { role: updated.role } } }, { id: userId });
    }
    if (before.name !== after.name || before.timeZone !== after.timeZone) {
      await recordAudit(trx, ctx, actor.firmId, { type: 'user.updated', subjectType: 'user', data: { before: { name: before.name, timeZone: before.timeZone }, after: { name: after.name, timeZone: after.timeZone } } }, { id: userId });
    }
    return { user: updated, access: await repo.listAccess(trx, actor.firmId, [userId]) };
  });
}

/**
 * Replaces the clients a person may see. Client users belong to exactly one client; auditors'
 * access always ends at a set time; staff access has no end.
 */
export async function setClientAccess(ctx: RequestContext, userId: string, input: SetClientAccessBody): Promise<UserWithAccess> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await loadForChange(trx, ctx, userId);
    authorize(userAbilities(actor, user, ctx.now()), 'manageAccess');
    const clientIds = [...new Set(input.clientIds)];
    if ((await repo.countClientsInFirm(trx, actor.firmId, clientIds)) !== clientIds.length) {
      throw new ValidationError('One of the clients does not exist.', [{ path: 'clientIds', message: 'contains an unknown client' }]);
    }
    if (user.role === 'client' && clientIds.length > 1) {
      throw new ValidationError('A client user belongs to exactly one client.', [{ path: 'clientIds', message: 'at most one client for a client user' }]);
    }
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (user.role === 'auditor' && clientIds.length > 0 && (expiresAt === null || expiresAt <= ctx.now())) {
      throw new ValidationError('Auditor access needs an end date in the future.', [{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const before = (await repo.listAccess(trx, actor.firmId, [userId])).map((a) => a.clientId);
    await repo.replaceAccess(trx, actor.firmId, userId, clientIds, user.role === 'auditor' ? expiresAt : null, actor.userId);
    await trx.updateTable('users').set((eb) => ({ version: eb('version', '+', 1), updatedAt: ctx.now() })).where('firmId', '=', actor.firmId).where('id', '=', userId).execute();
    await recordAudit(
      trx,
      ctx,
      actor.firmId,
      {
        type: 'user.client_access_changed',
        subjectType: 'user',
        data: { added: clientIds.filter((c) => !before.includes(c)), removed: before.filter((c) => !clientIds.includes(c)), expiresAt: user.role === 'auditor' && expiresAt ? expiresAt.toISOString() : null },
      },
      { id: userId },
    );
    const fresh = await repo.findUser(trx, actor.firmId, userId);
    return { user: fresh ?? user, access: await repo.listAccess(trx, actor.firmId, [userId]) };
  });
}

export type AccountAction = 'deactivate' | 'reactivate' | 'resetMfa' | 'unlock';

/** Deactivate, reactivate, reset MFA or unlock: each checked, applied, its sessions handled and audited at once. */
export async function changeAccount(ctx: RequestContext, userId: string, action: AccountAction): Promise<UserWithAccess> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await loadForChange(trx, ctx, userId);
    authorize(userAbilities(actor, user, ctx.now()), action);
    const now = ctx.now();
    switch (action) {
      case 'deactivate': {
        await repo.updateUser(trx, actor.firmId, userId, user.version, { status: 'deactivated', updatedAt: now });
        const sessionsRevoked = await revokeAllSessions(trx, actor.firmId, userId, now, 'deactivated');
        await recordAudit(trx, ctx, actor.firmId, { type: 'user.deactivated', subjectType: 'user', data: { sessionsRevoked } }, { id: userId });
        break;
      }
      case 'reactivate':
        await repo.updateUser(trx, actor.firmId, userId, user.version, { status: 'active', updatedAt: now });
        await recordAudit(trx, ctx, actor.firmId, { type: 'user.reactivated', subjectType: 'user', data: {} }, { id: userId });
        break;
      case 'resetMfa': {
        await repo.updateUser(trx, actor.firmId, userId, user.version, { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null, updatedAt: now });
        await repo.deleteRecoveryCodes(trx, actor.firmId, userId);
        const sessionsRevoked = await revokeAllSessions(trx, actor.firmId, userId, now, 'MFA reset');
        await recordAudit(trx, ctx, actor.firmId, { type: 'user.mfa_reset', subjectType: 'user', data: { sessionsRevoked } }, { id: userId });
        break;
      }
      case 'unlock':
        await repo.updateUser(trx, actor.firmId, userId, user.version, { lockedUntil: null, failedSignIns: 0, updatedAt: now });
        await recordAudit(trx, ctx, actor.firmId, { type: 'user.unlocked', subjectType: 'user', data: {} }, { id: userId });
        break;
    }
    const fresh = await repo.findUser(trx, actor.firmId, userId);
    return { user: fresh ?? user, access: await repo.listAccess(trx, actor.firmId, [userId]) };
  });
}

async function loadForChange(trx: Parameters<typeof repo.findUserForUpdate>[0], ctx: RequestContext, userId: string): Promise<UserRow> {
  const actor = requireActor(ctx);
  const user = await repo.findUserForUpdate(trx, actor.firmId, userId);
  if (!user) {
    throw new NotFoundError('user');
  }
  readableOrNotFound(userAbilities(actor, user, ctx.now()), 'user');
  return user;
}
