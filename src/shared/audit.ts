import { z } from 'zod';
import { IdSchema } from './common';

const DateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

export const AuditQuerySchema = z
  .object({
    actorId: IdSchema.optional(),
    clientId: IdSchema.optional(),
    type: z.string().trim().max(80).optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    /** Return entries older than this sequence number (keyset paging). */
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEventDtoSchema = z.object({
  id: z.string(),
  seq: z.number(),
  occurredAt: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  type: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  client: z.object({ id: z.string(), name: z.string() }).nullable(),
  data: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof AuditEventDtoSchema>;

export const AuditPageDtoSchema = z.object({ items: z.array(AuditEventDtoSchema), nextBefore: z.number().nullable(), types: z.array(z.string()) });
export type AuditPageDto = z.infer<typeof AuditPageDtoSchema>;
