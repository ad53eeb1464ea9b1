import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { FirmRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { NotFoundError, StaleVersionError } from '../../errors';
import { authorize } from '../../policies';
import { firmAbilities } from '../../policies/firm.policy';
import type { FirmDto, UpdateFirmSettingsBody } from '../../../shared/firm';
import type { HomeDto, WaitingItem } from '../../../shared/home';
import { listClients } from '../clients/clients.service';
import { diff } from '../clients/clients.service';
import * as repo from './firm.repository';

export async function getFirm(ctx: RequestContext): Promise<FirmDto> {
  const actor = requireActor(ctx);
  const firm = await repo.findFirm(ctx.db, actor.firmId);
  if (!firm) {
    throw new NotFoundError('firm');
  }
  return presentFirm(ctx, firm);
}

/** Changes firm settings (MFA policy, team hours, session limits) under optimistic concurrency. */
export async function updateFirmSettings(ctx: RequestContext, input: UpdateFirmSettingsBody): Promise<FirmDto> {
  const actor = requireActor(ctx);
  authorize(firmAbilities(actor, actor.firmId), 'manageSettings', 'Only the firm administrator changes settings.');
  return ctx.db.transaction().execute(async (trx) => {
    const firm = await repo.findFirmForUpdate(trx, actor.firmId);
    if (!firm) {
      throw new NotFoundError('firm');
    }
    if (firm.version !== input.version) {
      throw new StaleVersionError('firm settings');
    }
    const updated = await repo.updateFirmSettings(trx, actor.firmId, input.version, JSON.stringify(input.settings), ctx.now());
    if (!updated) {
      throw new StaleVersionError('firm settings');
    }
    const changes = diff(firm.settings, input.settings);
    await recordAudit(trx, ctx, actor.firmId, { type: 'firm.settings_updated', subjectType: 'firm', data: changes }, { id: actor.firmId });
    return presentFirm(ctx, updated);
  });
}

function presentFirm(ctx: RequestContext, firm: FirmRow): FirmDto {
  const actor = requireActor(ctx);
  return {
    id: firm.id,
    name: firm.name,
    settings: firm.settings,
    version: firm.version,
    abilities: { manageSettings: firmAbilities(actor, firm.id).manageSettings },
  };
}

/** The home page: the person's clients and what is waiting for them. */
export async function getHome(ctx: RequestContext): Promise<HomeDto> {
  const actor = requireActor(ctx);
  const now = ctx.now();
  const firm = await repo.findFirm(ctx.db, actor.firmId);
  if (!firm) {
    throw new NotFoundError('firm');
  }
  const settings = firm.settings;
  const clients = await listClients(ctx, { status: 'active' });
  const waiting: WaitingItem[] = [];
  const abilities = firmAbilities(actor, actor.firmId);
  let people: number | null = null;
  let pendingInvitations: number | null = null;

  if (abilities.manageUsers) {
    const [invitations, locked, withoutMfa, expiring, count] = await Promise.all([
      repo.listPendingInvitations(ctx.db, actor.firmId, now),
      repo.listLockedUsers(ctx.db, actor.firmId, now),
      repo.listUsersWithoutMfa(ctx.db, actor.firmId, settings.mfaRequiredRoles),
      repo.listExpiringAccess(ctx.db, actor.firmId, now, new Date(now.getTime() + 14 * 86_400_000)),
      repo.countPeople(ctx.db, actor.firmId),
    ]);
    people = count;
    pendingInvitations = invitations.length;
    for (const inv of invitations) {
      waiting.push({ kind: 'invitation_pending', title: `${inv.name} has not accepted yet`, detail: `Invitation to ${inv.email} expires ${inv.expiresAt.toISOString().slice(0, 10)}.`, link: '/admin/users?tab=invitations' });
    }
    for (const u of locked) {
      waiting.push({ kind: 'account_locked', title: `${u.name} is locked out`, detail: 'Too many failed sign-ins. Unlock the account if you know it was them.', link: `/admin/users/${u.id}` });
    }
    for (const u of withoutMfa) {
      waiting.push({ kind: 'mfa_missing', title: `${u.name} has no two-step verification`, detail: 'Your firm requires it for this role; they will be asked to set it up at their next sign-in.', link: `/admin/users/${u.id}` });
    }
    for (const a of expiring) {
      waiting.push({ kind: 'access_expiring', title: `${a.name}'s access ends soon`, detail: `Auditor access ends ${a.expiresAt?.toISOString().slice(0, 10) ?? ''}.`, link: `/admin/users/${a.id}` });
    }
  }
  const me = await ctx.db.selectFrom('users').select(['mfaEnabledAt', 'role']).where('firmId', '=', actor.firmId).where('id', '=', actor.userId).executeTakeFirst();
  if (me && me.mfaEnabledAt === null && me.role !== 'client') {
    waiting.unshift({ kind: 'mfa_recommended', title: 'Turn on two-step verification', detail: 'A code from your phone at sign-in keeps client data safe even if your password leaks.', link: '/account' });
  }
  return {
    clients: clients.map(({ client, team }) => ({ id: client.id, name: client.name, legalName: client.legalName, fiscalYearEnd: client.fiscalYearEnd, timeZone: client.timeZone, teamSize: team.length })),
    waiting,
    counts: { clients: clients.length, people, pendingInvitations },
  };
}
