import { createHash } from 'node:crypto';
import { ACCOUNT_LIMIT, IP_LIMIT, LOCK_MINUTES, isLocked, minutesLeft, recordFailure } from '../../../domain/identity/throttle';
import type { RequestContext } from '../../context';
import type { FirmRow, SessionRow, UserRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { AppError, TooManyRequestsError, UnauthorizedError } from '../../errors';
import { hashToken, newId, newSecret } from '../../ids';
import * as repo from './auth.repository';
import { verifyPassword } from './passwords';
import { matchTotpStep } from './totp';
import { useRecoveryCode } from './mfa.service';
import type { SignInBody } from '../../../shared/auth';

export interface SignedIn {
  token: string;
  session: SessionRow;
  user: UserRow;
  firm: FirmRow;
}

const BAD_CREDENTIALS = 'The e-mail address or password is not right.';

/**
 * Signs a person in with e-mail, password and (when MFA is on) a TOTP or recovery code, and opens
 * a new server-side session (a fresh 256-bit token each time; a session the browser already held
 * is revoked). Failures are counted per account and per address; the answer and the work done
 * are the same for an unknown e-mail as for a wrong password.
 */
export async function signIn(ctx: RequestContext, input: SignInBody, presentedToken: string | null): Promise<SignedIn> {
  const now = ctx.now();
  const ipKey = `ip:${ctx.ip ?? 'unknown'}`;
  const ipCounter = await repo.findThrottle(ctx.db, ipKey);
  if (isLocked(ipCounter, now)) {
    throw new TooManyRequestsError(
      `Too many sign-in attempts from your network. Try again in ${minutesLeft(ipCounter!.lockedUntil!, now)} minutes.`, // isLocked proves lockedUntil
      minutesLeft(ipCounter!.lockedUntil!, now) * 60,
    );
  }

  const user = await repo.findUserByEmail(ctx.db, input.email);
  const emailKey = `email:${createHash('sha256').update(input.email.trim().toLowerCase()).digest('hex')}`;
  const emailCounter = user ? undefined : await repo.findThrottle(ctx.db, emailKey);
  const lockedUntil = user ? (user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null) : isLocked(emailCounter, now) ? emailCounter!.lockedUntil : null;

  const isPasswordRight = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (lockedUntil) {
    if (user) {
      await recordFailedAttempt(ctx, user, 'locked', { countsTowardLock: false });
    }
    const minutes = minutesLeft(lockedUntil, now);
    throw new AppError(
      429,
      'account_locked',
      `Too many failed sign-ins for this account. Try again in ${minutes} minutes, or ask your firm's administrator to unlock it.`,
      [],
      { retryAfterSeconds: minutes * 60 },
    );
  }
  if (!user || !isPasswordRight || user.status !== 'active') {
    await countIpFailure(ctx, ipKey);
    if (user) {
      await recordFailedAttempt(ctx, user, user.status !== 'active' ? 'deactivated' : 'bad_password', { countsTowardLock: true });
    } else {
      await repo.saveThrottle(ctx.db, emailKey, recordFailure(emailCounter, now, ACCOUNT_LIMIT));
    }
    throw new UnauthorizedError(BAD_CREDENTIALS, 'invalid_credentials');
  }

  const method = await checkSecondFactor(ctx, user, input, ipKey);
  const firm = await repo.findFirm(ctx.db, user.firmId);
  if (!firm) {
    throw new Error(`user ${user.id} has no firm`);
  }
  return openSession(ctx, user, firm, method.name, presentedToken, method.step);
}

type Method = { name: 'password' | 'password+totp' | 'password+recovery_code'; step?: number };

async function checkSecondFactor(ctx: RequestContext, user: UserRow, input: SignInBody, ipKey: string): Promise<Method> {
  if (!user.mfaEnabledAt || !user.mfaSecret) {
    return { name: 'password' };
  }
  if (!input.totp && !input.recoveryCode) {
    throw new UnauthorizedError('Enter the 6-digit code from your authenticator app.', 'mfa_required');
  }
  if (input.totp) {
    const step = matchTotpStep(user.mfaSecret, input.totp, ctx.now());
    if (step !== null && (user.mfaLastStep === null || step > user.mfaLastStep)) {
      return { name: 'password+totp', step };
    }
  } else if (input.recoveryCode && (await useRecoveryCode(ctx, user, input.recoveryCode))) {
    return { name: 'password+recovery_code' };
  }
  await countIpFailure(ctx, ipKey);
  await recordFailedAttempt(ctx, user, 'bad_totp', { countsTowardLock: true });
  throw new UnauthorizedError('That code is not right or was already used. Wait for the next code and try again.', 'invalid_totp');
}

/** Opens a session for a person whose identity is already proven (sign-in or accepted invitation). */
export async function openSession(
  ctx: RequestContext,
  user: UserRow,
  firm: FirmRow,
  method: 'password' | 'password+totp' | 'password+recovery_code' | 'invitation',
  presentedToken: string | null,
  totpStep?: number,
): Promise<SignedIn> {
  const now = ctx.now();
  const settings = firm.settings;
  const token = newSecret(32);
  const session: SessionRow = {
    id: newId(),
    firmId: user.firmId,
    userId: user.id,
    tokenHash: hashToken(token),
    csrfToken: newSecret(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.sessionAbsoluteHours * 3_600_000),
    revokedAt: null,
    revokedReason: null,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 400) ?? null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (presentedToken) {
      const previous = await repo.findSessionByTokenHash(trx, hashToken(presentedToken));
      if (previous && previous.revokedAt === null) {
        await repo.revokeSession(trx, previous.firmId, previous.id, now, 'replaced by a new sign-in');
      }
    }
    await repo.insertSession(trx, session);
    await repo.updateUserSignInState(trx, user.firmId, user.id, {
      failedSignIns: 0,
      lockedUntil: null,
      lastSignInAt: now,
      ...(totpStep !== undefined ? { mfaLastStep: totpStep } : {}),
    });
    await recordAudit(trx, ctx, user.firmId, { type: 'session.signed_in', subjectType: 'session', data: { method } }, { id: session.id }, { id: user.id });
  });
  return { token, session, user, firm };
}

async function recordFailedAttempt(
  ctx: RequestContext,
  user: UserRow,
  reason: 'bad_password' | 'bad_totp' | 'locked' | 'deactivated',
  { countsTowardLock }: { countsTowardLock: boolean },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const fresh = await repo.findUserForUpdate(trx, user.firmId, user.id);
    if (!fresh) {
      return;
    }
    await recordAudit(trx, ctx, user.firmId, { type: 'session.sign_in_failed', subjectType: 'user', data: { reason } }, { id: user.id }, { id: user.id });
    if (!countsTowardLock) {
      return;
    }
    // Consecutive failures since the last successful sign-in; the fifth locks the account.
    const failures = fresh.failedSignIns + 1;
    const lockedUntil = failures >= ACCOUNT_LIMIT ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await trx
      .updateTable('users')
      .set({ failedSignIns: lockedUntil ? 0 : failures, lockedUntil, updatedAt: now })
      .where('firmId', '=', user.firmId)
      .where('id', '=', user.id)
      .execute();
    if (lockedUntil) {
      await recordAudit(
        trx,
        ctx,
        user.firmId,
        { type: 'session.locked_out', subjectType: 'user', data: { failures, lockedUntil: lockedUntil.toISOString() } },
        { id: user.id },
        { id: user.id },
      );
    }
  });
}

async function countIpFailure(ctx: RequestContext, ipKey: string): Promise<void> {
  const counter = await repo.findThrottle(ctx.db, ipKey);
  await repo.saveThrottle(ctx.db, ipKey, recordFailure(counter, ctx.now(), IP_LIMIT));
}
