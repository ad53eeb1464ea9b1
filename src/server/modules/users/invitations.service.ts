import { checkPassword, contextWordsFor, MIN_LENGTH_WITH_MFA, MIN_LENGTH_WITHOUT_MFA } from '../../../domain/identity/password-rules';
import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { InvitationRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { hashToken, newId, newSecret } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { firmAbilities } from '../../policies/firm.policy';
import { invitationAbilities } from '../../policies/invitation.policy';
import type { AcceptInvitationBody, InvitationPreviewDto } from '../../../shared/auth';
import type { CreateInvitationBodySchema } from '../../../shared/users';
import type { z } from 'zod';
import { hashPassword } from '../auth/passwords';
import { openSession, type SignedIn } from '../auth/sign-in.service';
import { findFirm } from '../auth/auth.repository';
import * as repo from './users.repository';

const INVITATION_DAYS = 7;

type CreateInvitationInput = z.output<typeof CreateInvitationBodySchema>;

/** Invites a person: the link carries a single-use 256-bit token valid for seven days. */
export async function createInvitation(ctx: RequestContext, input: CreateInvitationInput): Promise<{ invitation: InvitationRow; token: string }> {
  const actor = requireActor(ctx);
  if (!firmAbilities(actor, actor.firmId).manageUsers) {
    throw new ForbiddenError('Only the firm administrator invites people.');
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.emailTaken(trx, input.email)) {
      throw new ConflictError(`Somebody already has an account with ${input.email}.`, 'email_taken');
    }
    if (await repo.findPendingInvitationByEmail(trx, actor.firmId, input.email, now)) {
      throw new ConflictError(`${input.email} already has a pending invitation. Revoke it to send a new one.`, 'invitation_pending');
    }
    const clientIds = [...new Set(input.clientIds)];
    if ((await repo.countClientsInFirm(trx, actor.firmId, clientIds)) !== clientIds.length) {
      throw new ValidationError('One of the clients does not exist.', [{ path: 'clientIds', message: 'contains an unknown client' }]);
    }
    if (input.accessExpiresAt && new Date(input.accessExpiresAt) <= now) {
      throw new ValidationError('The access end date is in the past.', [{ path: 'accessExpiresAt', message: 'must be in the future' }]);
    }
    const token = newSecret(32);
    const invitation = await repo.insertInvitation(trx, {
      id: newId(),
      firmId: actor.firmId,
      email: input.email,
      name: input.name,
      role: input.role,
      clientIds: JSON.stringify(clientIds),
      accessExpiresAt: input.role === 'auditor' ? input.accessExpiresAt : null,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      acceptedAt: null,
      acceptedUserId: null,
      revokedAt: null,
      createdAt: now,
    });
    await recordAudit(
      trx,
      ctx,
      actor.firmId,
      { type: 'user.invited', subjectType: 'invitation', data: { email: input.email, role: input.role, clientIds, expiresAt: invitation.expiresAt.toISOString() } },
      { id: invitation.id },
    );
    return { invitation, token };
  });
}

export async function listInvitations(ctx: RequestContext): Promise<InvitationRow[]> {
  const actor = requireActor(ctx);
  if (!firmAbilities(actor, actor.firmId).manageUsers) {
    throw new ForbiddenError('Only the firm administrator sees invitations.');
  }
  return repo.listInvitations(ctx.db, actor.firmId);
}

export async function revokeInvitation(ctx: RequestContext, id: string): Promise<InvitationRow> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const invitation = await repo.findInvitation(trx, actor.firmId, id);
    if (!invitation) {
      throw new NotFoundError('invitation');
    }
    const abilities = invitationAbilities(actor, invitation);
    readableOrNotFound(abilities, 'invitation');
    authorize(abilities, 'revoke', 'This invitation was already accepted or revoked.');
    await repo.updateInvitation(trx, actor.firmId, id, { revokedAt: ctx.now() });
    await recordAudit(trx, ctx, actor.firmId, { type: 'invitation.revoked', subjectType: 'invitation', data: { email: invitation.email } }, { id });
    return { ...invitation, revokedAt: ctx.now() };
  });
}

/** What the invitation page shows before the person sets a password. */
export async function previewInvitation(ctx: RequestContext, token: string): Promise<InvitationPreviewDto> {
  const invitation = await repo.findInvitationByTokenHash(ctx.db, hashToken(token));
  const usable = assertUsable(invitation, ctx.now());
  const firm = await findFirm(ctx.db, usable.firmId);
  if (!firm) {
    throw new NotFoundError('invitation');
  }
  const mfaRequired = (firm.settings).mfaRequiredRoles.includes(usable.role);
  return {
    email: usable.email,
    name: usable.name,
    role: usable.role,
    firmName: firm.name,
    expiresAt: usable.expiresAt.toISOString(),
    minPasswordLength: mfaRequired ? MIN_LENGTH_WITH_MFA : MIN_LENGTH_WITHOUT_MFA,
    mfaRequired,
  };
}

/**
 * Accepts an invitation: creates the account with its client access, spends the token, and signs
 * the person in, all in one transaction (two tabs accepting at once: one wins, the other gets 410 invitation_used).
 */
export async function acceptInvitation(ctx: RequestContext, token: string, input: AcceptInvitationBody): Promise<SignedIn> {
  const preview = await previewInvitation(ctx, token);
  const invitationRow = await repo.findInvitationByTokenHash(ctx.db, hashToken(token));
  const firm = invitationRow ? await findFirm(ctx.db, invitationRow.firmId) : undefined;
  if (!invitationRow || !firm) {
    throw new NotFoundError('invitation');
  }
  const problems = checkPassword(input.password, { hasMfa: preview.mfaRequired, contextWords: contextWordsFor(preview.email, input.name, firm.name) });
  if (problems.length > 0) {
    throw new ValidationError(problems.join(' '), problems.map((message) => ({ path: 'password', message })));
  }
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const user = await ctx.db.transaction().execute(async (trx) => {
    const invitation = assertUsable(await repo.findInvitationByTokenHashForUpdate(trx, hashToken(token)), now);
    if (await repo.emailTaken(trx, invitation.email)) {
      throw new ConflictError(`Somebody already has an account with ${invitation.email}.`, 'email_taken');
    }
    const created = await repo.insertUser(trx, {
      id: newId(),
      firmId: invitation.firmId,
      email: invitation.email,
      name: input.name,
      role: invitation.role,
      timeZone: invitation.role === 'preparer' ? (firm.settings).offshore.timeZone : (firm.settings).onshore.timeZone,
      passwordHash,
      passwordChangedAt: now,
      mfaSecret: null,
      mfaPendingSecret: null,
      mfaEnabledAt: null,
      mfaLastStep: null,
      lockedUntil: null,
      lastSignInAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceAccess(trx, invitation.firmId, created.id, invitation.clientIds, invitation.accessExpiresAt, invitation.invitedBy);
    await repo.updateInvitation(trx, invitation.firmId, invitation.id, { acceptedAt: now, acceptedUserId: created.id });
    await recordAudit(
      trx,
      ctx,
      invitation.firmId,
      { type: 'invitation.accepted', subjectType: 'user', data: { invitationId: invitation.id, email: invitation.email, role: invitation.role } },
      { id: created.id },
      { id: created.id },
    );
    return created;
  });
  return openSession(ctx, user, firm, 'invitation', null);
}

function assertUsable(invitation: InvitationRow | undefined, now: Date): InvitationRow {
  if (!invitation) {
    throw new NotFoundError('invitation');
  }
  if (invitation.acceptedAt || invitation.revokedAt) {
    throw new AppError(410, 'invitation_used', 'This invitation link was already used or withdrawn. Ask your administrator for a new one.');
  }
  if (invitation.expiresAt <= now) {
    throw new AppError(410, 'invitation_expired', 'This invitation link has expired. Ask your administrator for a new one.');
  }
  return invitation;
}
