import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { ClientRow } from '../../db/schema';
import { canonicalJson } from '../../audit/canonical-json';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { clientAbilities, seesAllClients } from '../../policies/client.policy';
import { firmAbilities } from '../../policies/firm.policy';
import type { CreateClientBody, UpdateClientBody } from '../../../shared/clients';
import * as repo from './clients.repository';

export interface ClientWithTeam {
  client: ClientRow;
  team: repo.ClientTeamMember[];
}

/** The clients the actor may see, with who works on each. */
export async function listClients(ctx: RequestContext, filter: { q?: string | undefined; status: 'active' | 'archived' | 'all' }): Promise<ClientWithTeam[]> {
  const actor = requireActor(ctx);
  const onlyIds = seesAllClients(actor) ? null : [...actor.clientIds];
  const clients = await repo.listClients(ctx.db, actor.firmId, { ...filter, onlyIds });
  const team = await repo.listClientTeams(ctx.db, actor.firmId, clients.map((c) => c.id), ctx.now());
  return clients.map((client) => ({ client, team: team.filter((m) => m.clientId === client.id) }));
}

export async function getClient(ctx: RequestContext, clientId: string): Promise<ClientWithTeam> {
  const actor = requireActor(ctx);
  const client = await repo.findClient(ctx.db, actor.firmId, clientId);
  if (!client) {
    throw new NotFoundError('client');
  }
  readableOrNotFound(clientAbilities(actor, client), 'client');
  const team = await repo.listClientTeams(ctx.db, actor.firmId, [client.id], ctx.now());
  return { client, team };
}

export async function createClient(ctx: RequestContext, input: CreateClientBody): Promise<ClientWithTeam> {
  const actor = requireActor(ctx);
  if (!firmAbilities(actor, actor.firmId).manageClients) {
    throw new ForbiddenError('Only the firm administrator adds clients.');
  }
  const create = ctx.db.transaction().execute(async (trx) => {
    if (await repo.findClientByName(trx, actor.firmId, input.name)) {
      throw new ConflictError(`A client named "${input.name}" already exists.`, 'duplicate_name');
    }
    const client = await repo.insertClient(trx, {
      id: newId(),
      firmId: actor.firmId,
      name: input.name,
      legalName: input.legalName,
      timeZone: input.timeZone,
      fiscalYearEnd: input.fiscalYearEnd,
      contacts: JSON.stringify(input.contacts),
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    });
    await recordAudit(trx, ctx, actor.firmId, { type: 'client.created', subjectType: 'client', data: { after: snapshot(client) } }, { id: client.id, clientId: client.id });
    return { client, team: [] };
  });
  return create.catch((error: unknown) => rethrowDuplicateName(error, input.name));
}

/** Edits a client under optimistic concurrency: a stale `version` is refused with 409. */
export async function updateClient(ctx: RequestContext, clientId: string, input: UpdateClientBody): Promise<ClientWithTeam> {
  const actor = requireActor(ctx);
  const update = ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findClientForUpdate(trx, actor.firmId, clientId);
    if (!current) {
      throw new NotFoundError('client');
    }
    const abilities = clientAbilities(actor, current);
    readableOrNotFound(abilities, 'client');
    authorize(abilities, input.status === 'archived' ? 'archive' : 'update', 'Only the firm administrator edits clients.');
    if (current.version !== input.version) {
      throw new StaleVersionError('client');
    }
    if (input.name && input.name.toLowerCase() !== current.name.toLowerCase()) {
      const clash = await repo.findClientByName(trx, actor.firmId, input.name);
      if (clash) {
        throw new ConflictError(`A client named "${input.name}" already exists.`, 'duplicate_name');
      }
    }
    const { version, contacts, ...fields } = input;
    const patch = { ...definedOnly(fields), ...(contacts ? { contacts: JSON.stringify(contacts) } : {}) };
    const updated = await repo.updateClient(trx, actor.firmId, clientId, version, patch, ctx.now());
    if (!updated) {
      throw new StaleVersionError('client');
    }
    const changes = diff(snapshot(current), snapshot(updated));
    await recordAudit(trx, ctx, actor.firmId, { type: 'client.updated', subjectType: 'client', data: changes }, { id: clientId, clientId });
    const team = await repo.listClientTeams(trx, actor.firmId, [clientId], ctx.now());
    return { client: updated, team };
  });
  return update.catch((error: unknown) => rethrowDuplicateName(error, input.name ?? ''));
}

/** A concurrent add or rename that lost the race on the unique name index is a 409, not a 500. */
function rethrowDuplicateName(error: unknown, name: string): never {
  if (repo.isDuplicateClientName(error)) {
    throw new ConflictError(`A client named "${name}" already exists.`, 'duplicate_name');
  }
  throw error;
}

function snapshot(client: ClientRow): Record<string, unknown> {
  return {
    name: client.name,
    legalName: client.legalName,
    timeZone: client.timeZone,
    fiscalYearEnd: client.fiscalYearEnd,
    contacts: client.contacts,
    status: client.status,
  };
}

/** The changed fields only, before and after: what an auditor reads. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  // canonical JSON: jsonb hands nested keys back in its own order, which is no change
  const changed = Object.keys(after).filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]));
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  };
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>; // narrowing a filter of entries
}
