import { z } from 'zod';

/**
 * Background jobs (large imports, matching): the request that starts one answers 202 with the
 * job at once; the page polls `GET /api/jobs/:id` for its phase and progress until it ends.
 */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JobStatusSchema = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** Statuses after which nothing changes any more. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

export const JobDtoSchema = z.object({
  id: z.string(),
  /** What the job does: `statement.import`, `reconciliation.match`, … */
  kind: z.string(),
  clientId: z.string().nullable(),
  status: JobStatusSchema,
  /** The step it is on, in words the page can show (`reading`, `saving`, `matching` …); '' before it starts. */
  phase: z.string(),
  /** Units of work done and to do in the current phase (bytes while reading a file, lines while saving); total 0 = not known yet. */
  progress: z.object({ done: z.number(), total: z.number() }),
  /** What the job produced, once it succeeded; its shape depends on `kind`. */
  result: z.record(z.string(), z.unknown()).nullable(),
  /** Why it failed: one line for the person who started it ("march.ofx, line 14: amount '12,3.4' is not a number"). */
  error: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  abilities: z.object({ read: z.boolean(), cancel: z.boolean() }),
});
export type JobDto = z.infer<typeof JobDtoSchema>;
