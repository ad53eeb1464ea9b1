import { describe, expect, it } from 'vitest';
import type { Actor } from '../context';
import type { Role } from '../db/schema';
import { bankAccountAbilities, importPresetAbilities } from './bank-account.policy';
import { jobAbilities } from './job.policy';

/**
 * Bank accounts, import presets and jobs as tables: role × where the object is (the actor's
 * client, another client of the firm, another firm) → the actions allowed, written out in full.
 */

const FIRM = 'f0000000-0000-7000-8000-000000000001';
const OTHER_FIRM = 'f0000000-0000-7000-8000-000000000002';
const CLIENT = 'c0000000-0000-7000-8000-000000000001';
const OTHER_CLIENT = 'c0000000-0000-7000-8000-000000000002';
const ACTOR_ID = 'a0000000-0000-7000-8000-000000000001';
const SOMEONE_ELSE = 'a0000000-0000-7000-8000-000000000002';
const ROLES: Role[] = ['admin', 'partner', 'reviewer', 'preparer', 'client', 'auditor'];

/** A person of `role` in the firm, assigned to CLIENT (the admin sees every client without it). */
function actor(role: Role): Actor {
  return { userId: ACTOR_ID, firmId: FIRM, role, email: `${role}@test.example`, name: role, sessionId: 's', clientIds: new Set(role === 'admin' ? [] : [CLIENT]), mustEnrolMfa: false };
}

const allowed = (abilities: Record<string, boolean>) =>
  Object.entries(abilities)
    .filter(([, isAllowed]) => isAllowed)
    .map(([action]) => action)
    .sort();

const PLACES = { 'own client': { firmId: FIRM, clientId: CLIENT }, 'other client': { firmId: FIRM, clientId: OTHER_CLIENT }, 'other firm': { firmId: OTHER_FIRM, clientId: CLIENT } } as const;

describe('bankAccountAbilities', () => {
  const table: Record<Role, Record<keyof typeof PLACES, string[]>> = {
    admin: { 'own client': ['import', 'read', 'readActivity', 'update'], 'other client': ['import', 'read', 'readActivity', 'update'], 'other firm': [] },
    partner: { 'own client': ['import', 'read', 'readActivity', 'update'], 'other client': [], 'other firm': [] },
    reviewer: { 'own client': ['import', 'read', 'readActivity', 'update'], 'other client': [], 'other firm': [] },
    preparer: { 'own client': ['import', 'read', 'readActivity', 'update'], 'other client': [], 'other firm': [] },
    client: { 'own client': ['read'], 'other client': [], 'other firm': [] },
    auditor: { 'own client': ['read', 'readActivity'], 'other client': [], 'other firm': [] },
  };

  it.each(ROLES)('lets a %s do what the table says, wherever the account is', (role) => {
    for (const [place, account] of Object.entries(PLACES) as Array<[keyof typeof PLACES, (typeof PLACES)[keyof typeof PLACES]]>) {
      expect(allowed(bankAccountAbilities(actor(role), account)), `${role} on ${place}`).toEqual(table[role][place]);
    }
  });
});

describe('importPresetAbilities', () => {
  const table: Record<Role, { mine: string[]; theirs: string[] }> = {
    admin: { mine: ['create', 'delete', 'read'], theirs: ['create', 'delete', 'read'] },
    partner: { mine: ['create', 'delete', 'read'], theirs: ['create', 'delete', 'read'] },
    reviewer: { mine: ['create', 'delete', 'read'], theirs: ['create', 'delete', 'read'] },
    preparer: { mine: ['create', 'delete', 'read'], theirs: ['create', 'read'] },
    client: { mine: [], theirs: [] },
    auditor: { mine: [], theirs: [] },
  };

  it.each(ROLES)('lets a %s do what the table says with presets they saved and presets of others', (role) => {
    expect(allowed(importPresetAbilities(actor(role), { firmId: FIRM, createdBy: ACTOR_ID }))).toEqual(table[role].mine);
    expect(allowed(importPresetAbilities(actor(role), { firmId: FIRM, createdBy: SOMEONE_ELSE }))).toEqual(table[role].theirs);
    expect(allowed(importPresetAbilities(actor(role), { firmId: OTHER_FIRM, createdBy: ACTOR_ID }))).toEqual([]);
  });
});

describe('jobAbilities', () => {
  const table: Record<Role, { started: string[]; colleagues: string[]; otherClient: string[] }> = {
    admin: { started: ['cancel', 'read'], colleagues: ['cancel', 'read'], otherClient: ['cancel', 'read'] },
    partner: { started: ['cancel', 'read'], colleagues: ['cancel', 'read'], otherClient: [] },
    reviewer: { started: ['cancel', 'read'], colleagues: ['cancel', 'read'], otherClient: [] },
    preparer: { started: ['cancel', 'read'], colleagues: ['cancel', 'read'], otherClient: [] },
    client: { started: ['cancel', 'read'], colleagues: [], otherClient: [] },
    auditor: { started: ['cancel', 'read'], colleagues: ['read'], otherClient: [] },
  };

  it.each(ROLES)('lets a %s see and cancel jobs as the table says', (role) => {
    expect(allowed(jobAbilities(actor(role), { firmId: FIRM, clientId: CLIENT, createdBy: ACTOR_ID }))).toEqual(table[role].started);
    expect(allowed(jobAbilities(actor(role), { firmId: FIRM, clientId: CLIENT, createdBy: SOMEONE_ELSE }))).toEqual(table[role].colleagues);
    expect(allowed(jobAbilities(actor(role), { firmId: FIRM, clientId: OTHER_CLIENT, createdBy: SOMEONE_ELSE }))).toEqual(table[role].otherClient);
    expect(allowed(jobAbilities(actor(role), { firmId: OTHER_FIRM, clientId: CLIENT, createdBy: ACTOR_ID }))).toEqual([]);
  });

  it('keeps a job of no client to whoever started it and the admin', () => {
    const firmJob = { firmId: FIRM, clientId: null, createdBy: SOMEONE_ELSE };
    expect(allowed(jobAbilities(actor('admin'), firmJob))).toEqual(['cancel', 'read']);
    expect(allowed(jobAbilities(actor('partner'), firmJob))).toEqual([]);
    expect(allowed(jobAbilities(actor('partner'), { ...firmJob, createdBy: ACTOR_ID }))).toEqual(['cancel', 'read']);
  });
});
