import { describe, expect, it } from 'vitest';
import type { Actor } from '../context';
import type { Role } from '../db/schema';
import { clientAbilities, seesAllClients } from './client.policy';
import { firmAbilities } from './firm.policy';
import { invitationAbilities } from './invitation.policy';
import { userAbilities } from './user.policy';

/**
 * The policies as tables: who (role, same firm or another) × what state the object is in → the
 * actions allowed, written out in full so a changed rule shows up as a changed row.
 */

const FIRM = 'f0000000-0000-7000-8000-000000000001';
const OTHER_FIRM = 'f0000000-0000-7000-8000-000000000002';
const CLIENT = 'c0000000-0000-7000-8000-000000000001';
const ACTOR_ID = 'a0000000-0000-7000-8000-000000000001';
const TARGET_ID = 'a0000000-0000-7000-8000-000000000002';
const NOW = new Date('2026-03-01T12:00:00Z');
const ROLES: Role[] = ['admin', 'partner', 'reviewer', 'preparer', 'client', 'auditor'];

type Firm = 'same firm' | 'other firm';

function actor(role: Role, firm: Firm, clientIds: string[] = []): Actor {
  return {
    userId: ACTOR_ID,
    firmId: firm === 'same firm' ? FIRM : OTHER_FIRM,
    role,
    email: `${role}@test.example`,
    name: `Test ${role}`,
    sessionId: 'session-1',
    clientIds: new Set(clientIds),
    mustEnrolMfa: false,
  };
}

/** The actions an abilities object allows, sorted (the order of the keys means nothing). */
function allowed(abilities: Record<string, boolean>): string[] {
  return Object.entries(abilities)
    .filter(([, isAllowed]) => isAllowed)
    .map(([action]) => action)
    .sort();
}

const words = (list: string) => list.split(' ').filter(Boolean).sort();

describe('clientAbilities', () => {
  const client = { id: CLIENT, firmId: FIRM };
  const cases: Array<[Role, Firm, 'assigned' | 'unassigned', string]> = [
    ['admin', 'same firm', 'assigned', 'read update archive'],
    ['admin', 'same firm', 'unassigned', 'read update archive'],
    ['admin', 'other firm', 'assigned', ''],
    ['admin', 'other firm', 'unassigned', ''],
    ['partner', 'same firm', 'assigned', 'read'],
    ['partner', 'same firm', 'unassigned', ''],
    ['partner', 'other firm', 'assigned', ''],
    ['reviewer', 'same firm', 'assigned', 'read'],
    ['reviewer', 'same firm', 'unassigned', ''],
    ['reviewer', 'other firm', 'assigned', ''],
    ['preparer', 'same firm', 'assigned', 'read'],
    ['preparer', 'same firm', 'unassigned', ''],
    ['preparer', 'other firm', 'assigned', ''],
    ['client', 'same firm', 'assigned', 'read'],
    ['client', 'same firm', 'unassigned', ''],
    ['client', 'other firm', 'assigned', ''],
    ['auditor', 'same firm', 'assigned', 'read'],
    ['auditor', 'same firm', 'unassigned', ''],
    ['auditor', 'other firm', 'assigned', ''],
  ];

  it.each(cases)('lets a %s of the %s, %s, do: %s', (role, firm, assignment, expected) => {
    const who = actor(role, firm, assignment === 'assigned' ? [CLIENT] : []);
    expect(allowed(clientAbilities(who, client))).toEqual(words(expected));
  });

  it('lets only the admin see every client of the firm without assignments', () => {
    expect(ROLES.filter((role) => seesAllClients(actor(role, 'same firm')))).toEqual(['admin']);
  });
});

describe('firmAbilities', () => {
  const cases: Array<[Role, Firm, string]> = [
    ['admin', 'same firm', 'read manageUsers manageClients manageSettings readAuditLog readUsers'],
    ['partner', 'same firm', 'read readAuditLog readUsers'],
    ['reviewer', 'same firm', 'read'],
    ['preparer', 'same firm', 'read'],
    ['client', 'same firm', 'read'],
    ['auditor', 'same firm', 'read'],
    ...ROLES.map((role): [Role, Firm, string] => [role, 'other firm', '']),
  ];

  it.each(cases)('lets a %s of the %s do: %s', (role, firm, expected) => {
    expect(allowed(firmAbilities(actor(role, firm), FIRM))).toEqual(words(expected));
  });
});

describe('userAbilities', () => {
  type Target = { id: string; firmId: string; status: 'active' | 'deactivated'; mfaEnabledAt: Date | null; lockedUntil: Date | null };
  const person = (patch: Partial<Target> = {}): Target => ({ id: TARGET_ID, firmId: FIRM, status: 'active', mfaEnabledAt: null, lockedUntil: null, ...patch });
  const minutesFromNow = (m: number) => new Date(NOW.getTime() + m * 60_000);

  describe('on another active person of the firm', () => {
    const cases: Array<[Role, string]> = [
      ['admin', 'read update changeRole manageAccess deactivate'],
      ['partner', 'read'],
      ['reviewer', ''],
      ['preparer', ''],
      ['client', ''],
      ['auditor', ''],
    ];
    it.each(cases)('lets a %s do: %s', (role, expected) => {
      expect(allowed(userAbilities(actor(role, 'same firm'), person(), NOW))).toEqual(words(expected));
    });
  });

  it.each(ROLES)('lets a %s of another firm do nothing, whatever the state', (role) => {
    for (const state of [person(), person({ status: 'deactivated' }), person({ mfaEnabledAt: NOW }), person({ lockedUntil: minutesFromNow(10) })]) {
      expect(allowed(userAbilities(actor(role, 'other firm'), state, NOW))).toEqual([]);
    }
  });

  describe('on oneself', () => {
    const cases: Array<[Role, string]> = [
      ['admin', 'read update manageAccess'],
      ['partner', 'read'],
      ['reviewer', 'read'],
      ['preparer', 'read'],
      ['client', 'read'],
      ['auditor', 'read'],
    ];
    it.each(cases)('lets a %s do: %s', (role, expected) => {
      expect(allowed(userAbilities(actor(role, 'same firm'), person({ id: ACTOR_ID }), NOW))).toEqual(words(expected));
    });

    it('never lets an admin change their own role, deactivate themselves or reset their own MFA', () => {
      const self = userAbilities(actor('admin', 'same firm'), person({ id: ACTOR_ID, mfaEnabledAt: NOW }), NOW);
      expect(self).toMatchObject({ changeRole: false, deactivate: false, resetMfa: false, reactivate: false });
    });
  });

  describe("an admin, by the other person's state", () => {
    const cases: Array<[string, Target, string]> = [
      ['deactivated', person({ status: 'deactivated' }), 'read update changeRole manageAccess reactivate'],
      ['with MFA on', person({ mfaEnabledAt: NOW }), 'read update changeRole manageAccess deactivate resetMfa'],
      ['locked for ten more minutes', person({ lockedUntil: minutesFromNow(10) }), 'read update changeRole manageAccess deactivate unlock'],
      ['whose lock ran out a minute ago', person({ lockedUntil: minutesFromNow(-1) }), 'read update changeRole manageAccess deactivate'],
      ['whose lock ends this instant', person({ lockedUntil: NOW }), 'read update changeRole manageAccess deactivate'],
    ];
    it.each(cases)('on a person %s may do: %s', (_, target, expected) => {
      expect(allowed(userAbilities(actor('admin', 'same firm'), target, NOW))).toEqual(words(expected));
    });
  });
});

describe('invitationAbilities', () => {
  const states = {
    pending: { firmId: FIRM, acceptedAt: null, revokedAt: null },
    accepted: { firmId: FIRM, acceptedAt: NOW, revokedAt: null },
    revoked: { firmId: FIRM, acceptedAt: null, revokedAt: NOW },
  };
  const cases: Array<[Role, Firm, keyof typeof states, string]> = [
    ['admin', 'same firm', 'pending', 'read revoke'],
    ['admin', 'same firm', 'accepted', 'read'],
    ['admin', 'same firm', 'revoked', 'read'],
    ['admin', 'other firm', 'pending', ''],
    ...ROLES.filter((role) => role !== 'admin').map((role): [Role, Firm, keyof typeof states, string] => [role, 'same firm', 'pending', '']),
  ];

  it.each(cases)('lets a %s of the %s, on a %s invitation, do: %s', (role, firm, state, expected) => {
    expect(allowed(invitationAbilities(actor(role, firm), states[state]))).toEqual(words(expected));
  });
});
