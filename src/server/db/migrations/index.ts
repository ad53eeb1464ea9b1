import type { Migration } from 'kysely';
import * as createFirmsAndUsers from './20261123_1630_create_firms_and_users';
import * as createAuditEvents from './20261123_1640_create_audit_events';
import * as createTracker from './20261123_1700_create_tracker';
import * as indexOpenTasks from './20261123_1800_index_open_tasks';
import * as createReconciliation from './20261123_1900_create_reconciliation';

/**
 * Every migration, by name, in run order. Imported statically so that the same list runs under
 * tsx, Vitest and any bundler; a test checks that every file in this folder is listed here.
 */
export const migrations: Record<string, Migration> = {
  '20261123_1630_create_firms_and_users': createFirmsAndUsers,
  '20261123_1640_create_audit_events': createAuditEvents,
  '20261123_1700_create_tracker': createTracker,
  '20261123_1800_index_open_tasks': indexOpenTasks,
  '20261123_1900_create_reconciliation': createReconciliation,
};
