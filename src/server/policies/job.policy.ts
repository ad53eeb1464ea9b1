import type { Actor } from '../context';
import type { BackgroundJobRow } from '../db/schema';
import { STAFF_ROLES } from '.';

export type JobAction = 'read' | 'cancel';

/**
 * Background jobs belong to a client's work: whoever may see that client sees its jobs (client
 * users only their own jobs); the person who started a job, or the firm's staff on that client,
 * may cancel it. Auditors read, never cancel. A job of no client is its creator's and the admin's.
 */
export function jobAbilities(actor: Actor, job: Pick<BackgroundJobRow, 'firmId' | 'clientId' | 'createdBy'>): Record<JobAction, boolean> {
  const isSameFirm = actor.firmId === job.firmId;
  const isAdmin = isSameFirm && actor.role === 'admin';
  const isCreator = isSameFirm && job.createdBy === actor.userId;
  const seesScope = job.clientId === null ? isCreator || isAdmin : isAdmin || (isSameFirm && actor.clientIds.has(job.clientId));
  const isStaff = (STAFF_ROLES as readonly string[]).includes(actor.role);
  return {
    read: seesScope && (isCreator || actor.role !== 'client'),
    cancel: seesScope && (isCreator || isStaff),
  };
}
