import type { MantineColor } from '@mantine/core';
import type { Role } from '../../shared/common';
import type { WaitingItem } from '../../shared/home';
import type { InvitationDto, UserDto } from '../../shared/users';

/**
 * One colour per state, everywhere: badges, lists and charts read their colours from here so a
 * state looks the same on every page.
 */

/** Work states (tracker, checklists, reconciliations). */
export const TASK_STATE_COLORS = {
  not_started: 'gray',
  in_progress: 'blue',
  ready_for_review: 'violet',
  returned: 'orange',
  approved: 'green',
  closed: 'green.9',
  blocked: 'red',
} as const satisfies Record<string, MantineColor>;

export const ROLE_COLORS: Record<Role, MantineColor> = {
  admin: 'indigo',
  partner: 'grape',
  reviewer: 'violet',
  preparer: 'cyan',
  client: 'teal',
  auditor: 'orange',
};

export type UserState = UserDto['status'] | 'locked';

export const USER_STATE_COLORS: Record<UserState, MantineColor> = {
  active: 'green',
  deactivated: 'gray',
  locked: 'red',
};

export const INVITATION_STATUS_COLORS: Record<InvitationDto['status'], MantineColor> = {
  pending: 'blue',
  accepted: 'green',
  revoked: 'gray',
  expired: 'orange',
};

export const CLIENT_STATUS_COLORS: Record<'active' | 'archived', MantineColor> = {
  active: 'green',
  archived: 'gray',
};

export const MFA_COLORS = { on: 'green', off: 'gray' } as const satisfies Record<string, MantineColor>;

export const WAITING_KIND_COLORS: Record<WaitingItem['kind'], MantineColor> = {
  invitation_pending: 'blue',
  account_locked: 'red',
  mfa_missing: 'orange',
  mfa_recommended: 'indigo',
  access_expiring: 'orange',
};

/** Working-hours bars: each team and their overlap. */
export const TEAM_COLORS = { onshore: 'blue', offshore: 'violet', overlap: 'green' } as const satisfies Record<string, MantineColor>;

const AUDIT_FAILURE_TYPES = new Set(['session.sign_in_failed', 'session.locked_out', 'user.deactivated', 'invitation.revoked', 'user.mfa_reset']);

/** Audit actions: failures and revocations red, otherwise by the resource the action is on. */
export function auditActionColor(type: string): MantineColor {
  if (AUDIT_FAILURE_TYPES.has(type)) {
    return 'red';
  }
  const resource = type.split('.')[0] ?? '';
  const byResource: Record<string, MantineColor> = {
    session: 'gray',
    user: 'blue',
    invitation: 'violet',
    client: 'teal',
    firm: 'orange',
    audit: 'gray',
    export: 'grape',
  };
  return byResource[resource] ?? 'gray';
}
