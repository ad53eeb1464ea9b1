import { requireActor, type RequestContext } from '../../context';
import type { BackgroundJobRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, NotFoundError } from '../../errors';
import { signalJobCancel } from '../../jobs/job-queue';
import { cancelQueuedJob, findJobForUpdate, findJobWithCreator, flagCancelRequested } from '../../jobs/jobs.repository';
import { authorize, readableOrNotFound } from '../../policies';
import { jobAbilities } from '../../policies/job.policy';

export interface JobWithCreator {
  job: BackgroundJobRow;
  creatorName: string | null;
}

/** A job's status and progress, for whoever may see its client. */
export async function getJob(ctx: RequestContext, jobId: string): Promise<JobWithCreator> {
  const actor = requireActor(ctx);
  const found = await findJobWithCreator(ctx.db, actor.firmId, jobId);
  if (!found) {
    throw new NotFoundError('job');
  }
  readableOrNotFound(jobAbilities(actor, found), 'job');
  const { creatorName, ...job } = found;
  return { job, creatorName };
}

/**
 * Cancels a job: one still queued is cancelled at once; a running one is flagged, and its handler
 * stops between chunks and rolls its work back. Asking twice is harmless (recorded once); a job
 * that has already finished answers 409.
 */
export async function cancelJob(ctx: RequestContext, jobId: string): Promise<JobWithCreator> {
  const actor = requireActor(ctx);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const job = await findJobForUpdate(trx, actor.firmId, jobId);
    if (!job) {
      throw new NotFoundError('job');
    }
    const abilities = jobAbilities(actor, job);
    readableOrNotFound(abilities, 'job');
    authorize(abilities, 'cancel', 'Only the person who started this job, or the firm’s staff on its client, may cancel it.');
    if (job.status !== 'queued' && job.status !== 'running') {
      throw new ConflictError('This job has already finished, so there is nothing to cancel.', 'job_finished');
    }
    if (job.cancelRequested) {
      return { isNew: false };
    }
    const updated = job.status === 'queued' ? await cancelQueuedJob(trx, actor.firmId, jobId, ctx.now()) : await flagCancelRequested(trx, actor.firmId, jobId);
    if (!updated) {
      throw new ConflictError('This job has already finished, so there is nothing to cancel.', 'job_finished');
    }
    await recordAudit(trx, ctx, actor.firmId, { type: 'job.cancel_requested', subjectType: 'job', data: { kind: job.kind } }, { id: jobId, clientId: job.clientId });
    return { isNew: true };
  });
  if (outcome.isNew) {
    signalJobCancel(jobId);
  }
  return getJob(ctx, jobId);
}
