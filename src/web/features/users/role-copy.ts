import { ROLE_LABELS, ROLES, type Role } from '../../../shared/common';

/** One line per role for pickers, from the product specification's table of roles. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Manages people, clients and firm settings',
  partner: 'Reviews, spot-checks and approves work',
  reviewer: 'Reviews prepared work, returns or approves it',
  preparer: 'Prepares the work assigned to them',
  client: 'Uploads documents for their own company only',
  auditor: 'Reads granted evidence, for a limited time',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
