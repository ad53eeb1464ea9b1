import type { Actor } from '../../context';
import type { BackgroundJobRow } from '../../db/schema';
import { jobAbilities } from '../../policies/job.policy';
import type { JobDto } from '../../../shared/jobs';

/** A job as its progress page shows it; `creatorName` null reads "Former member" when someone started it. */
export function presentJob(actor: Actor, job: BackgroundJobRow, creatorName: string | null): JobDto {
  return {
    id: job.id,
    kind: job.kind,
    clientId: job.clientId,
    status: job.status,
    phase: job.phase,
    progress: { done: job.progressDone, total: job.progressTotal },
    result: job.result,
    error: job.error,
    cancelRequested: job.cancelRequested,
    createdBy: job.createdBy ? { id: job.createdBy, name: creatorName ?? 'Former member' } : null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    abilities: jobAbilities(actor, job),
  };
}
