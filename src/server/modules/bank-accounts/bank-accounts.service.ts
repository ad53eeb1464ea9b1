import { requireActor, type RequestContext } from '../../context';
import type { Db, Trx } from '../../db/database';
import type { BankAccountRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, NotFoundError, StaleVersionError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { bankAccountAbilities, type BankAccountAction } from '../../policies/bank-account.policy';
import type { CreateBankAccountBody, UpdateBankAccountBody } from '../../../shared/bank-accounts';
import { diff, getClient } from '../clients/clients.service';
import * as repo from './bank-accounts.repository';

export interface BankAccountWithActivity {
  account: BankAccountRow;
  activity: repo.AccountActivity;
}

const NO_ACTIVITY: repo.AccountActivity = { lastImports: [], unreconciled: [] };

/** A client's bank accounts, for everyone who may see the client (the summaries only for those who see working papers). */
export async function listClientBankAccounts(ctx: RequestContext, clientId: string): Promise<BankAccountWithActivity[]> {
  const actor = requireActor(ctx);
  await getClient(ctx, clientId);
  const accounts = await repo.listBankAccounts(ctx.db, actor.firmId, clientId);
  const isActivityVisible = bankAccountAbilities(actor, { firmId: actor.firmId, clientId }).readActivity;
  const activity = isActivityVisible ? await repo.loadAccountActivity(ctx.db, actor.firmId, accounts.map((a) => a.id)) : NO_ACTIVITY;
  return accounts.map((account) => ({ account, activity }));
}

export async function getBankAccount(ctx: RequestContext, accountId: string): Promise<BankAccountWithActivity> {
  const account = await loadBankAccount(ctx, ctx.db, accountId, 'read');
  const actor = requireActor(ctx);
  const activity = bankAccountAbilities(actor, account).readActivity ? await repo.loadAccountActivity(ctx.db, actor.firmId, [account.id]) : NO_ACTIVITY;
  return { account, activity };
}

/**
 * The account `accountId` if the actor may see it (else 404) and may do `action` with it (else
 * 403). Other modules (imports) load accounts through here.
 */
export async function loadBankAccount(ctx: RequestContext, db: Db | Trx, accountId: string, action: BankAccountAction): Promise<BankAccountRow> {
  const actor = requireActor(ctx);
  const account = await repo.findBankAccount(db, actor.firmId, accountId);
  if (!account) {
    throw new NotFoundError('bank account');
  }
  const abilities = bankAccountAbilities(actor, account);
  readableOrNotFound(abilities, 'bank account');
  authorize(abilities, action, action === 'readActivity' ? 'Imported statements are the firm’s working papers.' : 'Only the firm’s staff on this client set up its bank accounts and import into them.');
  return account;
}

/** An account as it is now, for background work that has no actor (the import job). */
export function findBankAccountRow(db: Db | Trx, firmId: string, accountId: string): Promise<BankAccountRow | undefined> {
  return repo.findBankAccount(db, firmId, accountId);
}

/** Adds a bank account to a client; the name is unique within the client. */
export async function createBankAccount(ctx: RequestContext, clientId: string, input: CreateBankAccountBody): Promise<BankAccountWithActivity> {
  const actor = requireActor(ctx);
  await getClient(ctx, clientId);
  authorize(bankAccountAbilities(actor, { firmId: actor.firmId, clientId }), 'update', 'Only the firm’s staff on this client set up its bank accounts.');
  const create = ctx.db.transaction().execute(async (trx) => {
    if (await repo.findBankAccountByName(trx, actor.firmId, clientId, input.name)) {
      throw duplicateName(input.name);
    }
    const now = ctx.now();
    const account = await repo.insertBankAccount(trx, {
      id: newId(),
      firmId: actor.firmId,
      clientId,
      name: input.name,
      institution: input.institution,
      accountIdentifier: input.accountIdentifier,
      accountNumberLast4: input.accountNumberLast4 !== undefined ? input.accountNumberLast4 : lastFourOf(input.accountIdentifier),
      currency: input.currency,
      glAccount: input.glAccount,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, actor.firmId, { type: 'bank_account.created', subjectType: 'bank_account', data: { after: snapshot(account) } }, { id: account.id, clientId });
    return { account, activity: NO_ACTIVITY };
  });
  return create.catch((error: unknown) => rethrowDuplicateName(error, input.name));
}

/** Edits an account under optimistic concurrency (a stale `version` answers 409); records only what changed. */
export async function updateBankAccount(ctx: RequestContext, accountId: string, input: UpdateBankAccountBody): Promise<BankAccountWithActivity> {
  const actor = requireActor(ctx);
  const update = ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findBankAccountForUpdate(trx, actor.firmId, accountId);
    if (!current) {
      throw new NotFoundError('bank account');
    }
    const abilities = bankAccountAbilities(actor, current);
    readableOrNotFound(abilities, 'bank account');
    authorize(abilities, 'update', 'Only the firm’s staff on this client edit its bank accounts.');
    if (current.version !== input.version) {
      throw new StaleVersionError('bank account');
    }
    if (input.name !== undefined && input.name !== current.name && (await repo.findBankAccountByName(trx, actor.firmId, current.clientId, input.name))) {
      throw duplicateName(input.name);
    }
    const { version, ...fields } = input;
    const patch = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const updated = await repo.updateBankAccount(trx, actor.firmId, accountId, version, patch, ctx.now());
    if (!updated) {
      throw new StaleVersionError('bank account');
    }
    await recordAudit(trx, ctx, actor.firmId, { type: 'bank_account.updated', subjectType: 'bank_account', data: diff(snapshot(current), snapshot(updated)) }, { id: accountId, clientId: current.clientId });
    const activity = abilities.readActivity ? await repo.loadAccountActivity(trx, actor.firmId, [accountId]) : NO_ACTIVITY;
    return { account: updated, activity };
  });
  return update.catch((error: unknown) => rethrowDuplicateName(error, input.name ?? ''));
}

/** The last four letters or digits of an account identifier ("NL26 VAYB 8060 4768 90" → "6890"). */
export function lastFourOf(identifier: string | null): string | null {
  const kept = identifier?.replace(/[^0-9A-Za-z]/g, '') ?? '';
  return kept.length >= 4 ? kept.slice(-4) : null;
}

function snapshot(account: BankAccountRow): Record<string, unknown> {
  return {
    name: account.name,
    institution: account.institution,
    accountIdentifier: account.accountIdentifier,
    accountNumberLast4: account.accountNumberLast4,
    currency: account.currency,
    glAccount: account.glAccount,
    active: account.active,
  };
}

function duplicateName(name: string): ConflictError {
  return new ConflictError(`This client already has a bank account named "${name}".`, 'duplicate_name');
}

function rethrowDuplicateName(error: unknown, name: string): never {
  if (repo.isDuplicateAccountName(error)) {
    throw duplicateName(name);
  }
  throw error;
}
