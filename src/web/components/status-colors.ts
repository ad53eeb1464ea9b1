import type { MantineColor } from '@mantine/core';
import type { Role } from '../../shared/common';
import type { TaskStatus } from '../../domain/tasks/task-states';
import type { NoteCategory, Priority } from '../../domain/tasks/task-states';
import type { ReviewNoteDto } from '../../shared/tasks';
import type { WaitingItem } from '../../shared/home';
import type { InvitationDto, UserDto } from '../../shared/users';

/**
 * One colour per state, everywhere: badges, lists and charts read their colours from here so a
 * state looks the same on every page.
 */

/**
 * Work states (tracker, checklists, reconciliations): not started gray, in progress blue, ready
 * for review violet, returned orange, approved green, closed dark green, blocked red. Badges,
 * board columns, progress bars and charts all read this one mapping.
 */
export const TASK_STATE_COLORS = {
  not_started: 'gray',
  in_progress: 'blue',
  ready_for_review: 'violet',
  returned: 'orange',
  approved: 'green',
  closed: 'teal.9',
  blocked: 'red',
} as const satisfies Record<TaskStatus, MantineColor>;

/**
 * A Mantine colour ("blue", "green.9") as a CSS colour for places that take plain CSS: column
 * borders, chart series, dots. Without a shade the filled shade (6) is used.
 */
export function cssColor(color: MantineColor, shade = 6): string {
  const [name, index] = color.split('.');
  return `var(--mantine-color-${name}-${index ?? shade})`;
}

/** The state's colour as CSS, e.g. for a board column's top border or a chart series. */
export function taskStateCssColor(status: TaskStatus): string {
  return cssColor(TASK_STATE_COLORS[status]);
}

/** Review notes: open is work for the preparer, responded is work for the reviewer, cleared is done. */
export const NOTE_STATUS_COLORS: Record<ReviewNoteDto['status'], MantineColor> = {
  open: 'orange',
  responded: 'violet',
  cleared: 'green',
};

export const NOTE_CATEGORY_COLORS: Record<NoteCategory, MantineColor> = {
  missing_documentation: 'yellow',
  calculation_error: 'red',
  misclassification: 'grape',
  policy: 'indigo',
  formatting: 'cyan',
  other: 'gray',
};

export const PRIORITY_COLORS: Record<Priority, MantineColor> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export const SPOT_CHECK_RESULT_COLORS = { pass: 'green', findings: 'orange', pending: 'gray' } as const satisfies Record<string, MantineColor>;

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
