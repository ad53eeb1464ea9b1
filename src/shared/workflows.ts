import { z } from 'zod';
import { IdSchema, RoleSchema, VersionSchema } from './common';
import { EvidenceKindSchema, PrioritySchema } from './tasks';

export const ChecklistTemplateItemSchema = z
  .object({
    key: z.string().trim().regex(/^[a-z0-9-]{1,60}$/, 'must be lowercase letters, digits and dashes'),
    text: z.string().trim().min(1, 'is required').max(300),
    help: z.string().trim().max(1000).default(''),
    evidence: EvidenceKindSchema,
    required: z.boolean().default(true),
  })
  .strict();

export const WorkflowDtoSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  steps: z.array(z.object({ key: z.string(), name: z.string(), ownerRole: RoleSchema, lane: z.enum(['offshore', 'onshore', 'client']), inputs: z.array(z.string()), outputs: z.array(z.string()) })),
  checklistVersion: z.number(),
  checklist: z.array(ChecklistTemplateItemSchema),
  version: z.number(),
  abilities: z.object({ manage: z.boolean() }),
});
export type WorkflowDto = z.infer<typeof WorkflowDtoSchema>;
export const WorkflowListDtoSchema = z.object({ items: z.array(WorkflowDtoSchema) });

export const NewChecklistVersionBodySchema = z
  .object({
    items: z
      .array(ChecklistTemplateItemSchema)
      .min(1, 'needs at least one item')
      .max(100)
      .refine((items) => new Set(items.map((i) => i.key)).size === items.length, 'item keys must be unique'),
    changeNote: z.string().trim().min(1, 'say what changed and why').max(2000),
    version: VersionSchema,
  })
  .strict();
export type NewChecklistVersionBody = z.input<typeof NewChecklistVersionBodySchema>;

export const DueRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('business_days'), days: z.number().int().min(0).max(60) }).strict(),
  z.object({ kind: z.literal('calendar_day'), day: z.number().int().min(1).max(31) }).strict(),
]);

export const ServiceDtoSchema = z.object({
  id: z.string(),
  client: z.object({ id: z.string(), name: z.string() }),
  workflow: z.object({ id: z.string(), name: z.string() }),
  frequency: z.enum(['monthly', 'quarterly', 'annual']),
  dueRule: DueRuleSchema,
  preparer: z.object({ id: z.string(), name: z.string() }),
  reviewer: z.object({ id: z.string(), name: z.string() }),
  startsOn: z.string(),
  priority: PrioritySchema,
  estimatedMinutes: z.number().nullable(),
  active: z.boolean(),
  version: z.number(),
  abilities: z.object({ manage: z.boolean() }),
});
export type ServiceDto = z.infer<typeof ServiceDtoSchema>;
export const ServiceListDtoSchema = z.object({ items: z.array(ServiceDtoSchema) });
export const ServiceListQuerySchema = z.object({ clientId: IdSchema.optional() }).strict();

export const CreateServiceBodySchema = z
  .object({
    clientId: IdSchema,
    workflowId: IdSchema,
    frequency: z.enum(['monthly', 'quarterly', 'annual']),
    dueRule: DueRuleSchema,
    preparerId: IdSchema,
    reviewerId: IdSchema,
    startsOn: z.iso.date({ message: 'must be a date YYYY-MM-DD' }),
    priority: PrioritySchema.default('normal'),
    estimatedMinutes: z.number().int().min(0).max(100_000).nullable().default(null),
  })
  .strict()
  .refine((b) => b.preparerId !== b.reviewerId, { message: 'must differ from the preparer', path: ['reviewerId'] });
export type CreateServiceBody = z.input<typeof CreateServiceBodySchema>;

export const UpdateServiceBodySchema = z
  .object({
    preparerId: IdSchema.optional(),
    reviewerId: IdSchema.optional(),
    dueRule: DueRuleSchema.optional(),
    active: z.boolean().optional(),
    priority: PrioritySchema.optional(),
    version: VersionSchema,
  })
  .strict();
export type UpdateServiceBody = z.infer<typeof UpdateServiceBodySchema>;

export const GenerateTasksBodySchema = z.object({ asOf: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional() }).strict();
export const GenerateTasksDtoSchema = z.object({ created: z.number(), services: z.number(), asOf: z.string() });

export const HolidaySchema = z.object({ date: z.iso.date({ message: 'must be a date YYYY-MM-DD' }), name: z.string().trim().min(1, 'is required').max(100) }).strict();
export const HolidaysDtoSchema = z.object({ holidays: z.array(HolidaySchema) });
export const PutHolidaysBodySchema = z
  .object({ holidays: z.array(HolidaySchema).max(400).refine((h) => new Set(h.map((x) => x.date)).size === h.length, 'each date at most once') })
  .strict();
