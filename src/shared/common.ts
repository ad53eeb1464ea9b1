import { z } from 'zod';

export const RoleSchema = z.enum(['admin', 'partner', 'reviewer', 'preparer', 'client', 'auditor']);
export type Role = z.infer<typeof RoleSchema>;
export const ROLES = RoleSchema.options;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  partner: 'Partner',
  reviewer: 'Reviewer',
  preparer: 'Preparer',
  client: 'Client',
  auditor: 'Auditor',
};

export const IdSchema = z.uuid({ message: 'must be an id' });
export const IdParamsSchema = z.object({ id: IdSchema }).strict();

/** An IANA time-zone name that this runtime knows. */
export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false; // Intl throws RangeError for unknown zones: that is the answer, not an error
    }
  }, 'must be a time zone such as America/New_York');

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'is too long')
  .pipe(z.email({ message: 'must be an e-mail address' }));

export const NameSchema = z.string().trim().min(1, 'is required').max(200, 'is too long');

/** Row version for optimistic concurrency: the version the editor read. */
export const VersionSchema = z.number().int().min(1);

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type Problem = z.infer<typeof ProblemSchema>;
