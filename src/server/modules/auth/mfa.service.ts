import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { UserRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, ValidationError } from '../../errors';
import { hashToken, newId } from '../../ids';
import * as repo from './auth.repository';
import { matchTotpStep, newTotpSecret, totpUri } from './totp';
import type { MfaEnrolmentDto } from '../../../shared/auth';

const RECOVERY_CODE_COUNT = 10;

/** Starts TOTP enrolment: a new secret, kept pending until the person proves their app has it. */
export async function startMfaEnrolment(ctx: RequestContext): Promise<MfaEnrolmentDto> {
  const actor = requireActor(ctx);
  const secret = newTotpSecret();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUserForUpdate(trx, actor.firmId, actor.userId);
    if (!user) {
      throw new Error('signed-in user vanished');
    }
    if (user.mfaEnabledAt) {
      throw new ConflictError('Two-step verification is already on for your account.', 'mfa_already_enabled');
    }
    await trx.updateTable('users').set({ mfaPendingSecret: secret, updatedAt: ctx.now() }).where('firmId', '=', actor.firmId).where('id', '=', actor.userId).execute();
    await recordAudit(trx, ctx, actor.firmId, { type: 'user.mfa_enrolment_started', subjectType: 'user', data: {} }, { id: actor.userId });
  });
  const otpauthUri = totpUri(secret, actor.email);
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220, errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrCodeDataUrl };
}

/**
 * Finishes enrolment with a code from the app. Returns ten single-use recovery codes, shown once;
 * only their hashes are stored.
 */
export async function confirmMfaEnrolment(ctx: RequestContext, code: string): Promise<string[]> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const user = await repo.findUserForUpdate(trx, actor.firmId, actor.userId);
    if (!user) {
      throw new Error('signed-in user vanished');
    }
    if (user.mfaEnabledAt) {
      throw new ConflictError('Two-step verification is already on for your account.', 'mfa_already_enabled');
    }
    if (!user.mfaPendingSecret) {
      throw new ConflictError('Start enrolment first: scan the QR code, then enter the code it shows.', 'mfa_not_started');
    }
    const step = matchTotpStep(user.mfaPendingSecret, code, ctx.now());
    if (step === null) {
      throw new ValidationError('That code is not right. Check the time on your phone and enter the current 6-digit code.', [
        { path: 'code', message: 'is not the current code' },
      ]);
    }
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    await trx
      .updateTable('users')
      .set({ mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: ctx.now(), mfaLastStep: step, updatedAt: ctx.now(), version: user.version + 1 })
      .where('firmId', '=', actor.firmId)
      .where('id', '=', actor.userId)
      .execute();
    await trx.deleteFrom('mfaRecoveryCodes').where('firmId', '=', actor.firmId).where('userId', '=', actor.userId).execute();
    await trx
      .insertInto('mfaRecoveryCodes')
      .values(codes.map((c) => ({ id: newId(), firmId: actor.firmId, userId: actor.userId, codeHash: hashToken(normalizeCode(c)), usedAt: null })))
      .execute();
    await recordAudit(trx, ctx, actor.firmId, { type: 'user.mfa_enrolled', subjectType: 'user', data: { recoveryCodes: codes.length } }, { id: actor.userId });
    return codes;
  });
}

/** Spends one recovery code in place of a TOTP code; each works once. */
export async function useRecoveryCode(ctx: RequestContext, user: UserRow, code: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('mfaRecoveryCodes')
      .select('id')
      .where('firmId', '=', user.firmId)
      .where('userId', '=', user.id)
      .where('codeHash', '=', hashToken(normalizeCode(code)))
      .where('usedAt', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) {
      return false;
    }
    await trx.updateTable('mfaRecoveryCodes').set({ usedAt: ctx.now() }).where('firmId', '=', user.firmId).where('id', '=', row.id).execute();
    const remaining = await trx
      .selectFrom('mfaRecoveryCodes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('firmId', '=', user.firmId)
      .where('userId', '=', user.id)
      .where('usedAt', 'is', null)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, user.firmId, { type: 'user.mfa_recovery_code_used', subjectType: 'user', data: { remaining: Number(remaining.n) } }, { id: user.id }, { id: user.id });
    return true;
  });
}

function newRecoveryCode(): string {
  const raw = randomBytes(10).toString('hex');
  return `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15, 20)}`;
}

function normalizeCode(code: string): string {
  return code.toLowerCase().replace(/[^0-9a-f]/g, '');
}
