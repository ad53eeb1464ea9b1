import type { Actor } from '../context';
import type { BankAccountRow } from '../db/schema';
import { STAFF_ROLES } from '.';

export type BankAccountAction = 'read' | 'readActivity' | 'update' | 'import';

/**
 * A client's bank accounts. Everyone who may see the client sees its accounts: the firm's staff
 * on the client, auditors granted it (until the grant ends), and the client's own users — they
 * are the company's accounts, and the portal names them. The imported files and lines are the
 * firm's working papers: staff and auditors read them, client users do not. Setting accounts up
 * and importing into them is the staff's work on that client, preparers included (they do the
 * imports of the clients they are assigned to); auditors and client users never change them.
 */
export function bankAccountAbilities(actor: Actor, account: Pick<BankAccountRow, 'firmId' | 'clientId'>): Record<BankAccountAction, boolean> {
  const isSameFirm = actor.firmId === account.firmId;
  const seesClient = isSameFirm && (actor.role === 'admin' || actor.clientIds.has(account.clientId));
  const isStaff = seesClient && (STAFF_ROLES as readonly string[]).includes(actor.role);
  return {
    read: seesClient,
    readActivity: seesClient && actor.role !== 'client',
    update: isStaff,
    import: isStaff,
  };
}

export type ImportPresetAction = 'read' | 'create' | 'delete';

/**
 * Saved CSV mappings are the firm's, shared by its staff (whoever imports a bank's file once
 * saves the mapping for the next person). Deleting one is for whoever saved it, or a reviewer,
 * partner or admin.
 */
export function importPresetAbilities(actor: Actor, preset: { firmId: string; createdBy?: string | null }): Record<ImportPresetAction, boolean> {
  const isStaff = actor.firmId === preset.firmId && (STAFF_ROLES as readonly string[]).includes(actor.role);
  return {
    read: isStaff,
    create: isStaff,
    delete: isStaff && (preset.createdBy === actor.userId || actor.role !== 'preparer'),
  };
}
