import { z } from 'zod';
import { VersionSchema } from './common';
import { TaskSummaryDtoSchema } from './tasks';

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const SpotCheckDtoSchema = z.object({
  spotCheck: z
    .object({ id: z.string(), month: z.string(), seed: z.string(), ratePercent: z.number(), minimum: z.number(), population: z.number(), drawnAt: z.string(), drawnBy: z.object({ id: z.string(), name: z.string() }).nullable() })
    .nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      task: TaskSummaryDtoSchema,
      weight: z.number(),
      result: z.enum(['pass', 'findings']).nullable(),
      findings: z.string().nullable(),
      concludedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
      concludedAt: z.string().nullable(),
      version: z.number(),
    }),
  ),
  abilities: z.object({ draw: z.boolean(), conclude: z.boolean() }),
});
export type SpotCheckDto = z.infer<typeof SpotCheckDtoSchema>;

export const SpotCheckQuerySchema = z.object({ month: MonthSchema }).strict();
export const DrawSpotCheckBodySchema = z.object({ month: MonthSchema }).strict();
export const ConcludeSpotCheckBodySchema = z
  .object({ result: z.enum(['pass', 'findings']), findings: z.string().trim().max(5000).optional(), version: VersionSchema })
  .strict()
  .refine((b) => b.result === 'pass' || (b.findings ?? '').length > 0, { message: 'describe the findings', path: ['findings'] });
export type ConcludeSpotCheckBody = z.infer<typeof ConcludeSpotCheckBodySchema>;

export const SavedViewSchema = z.object({ id: z.string(), name: z.string(), query: z.record(z.string(), z.string()) });
export const SavedViewListDtoSchema = z.object({ items: z.array(SavedViewSchema) });
export const CreateSavedViewBodySchema = z
  .object({ name: z.string().trim().min(1, 'is required').max(80), query: z.record(z.string().max(40), z.string().max(500)).refine((q) => Object.keys(q).length <= 20, 'at most 20 filters') })
  .strict();
