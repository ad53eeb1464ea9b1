import { z } from 'zod';
import { BLOCKED_ON, EVIDENCE_KINDS, NOTE_CATEGORIES, PRIORITIES, TASK_ACTIONS, TASK_STATUSES } from '../domain/tasks/task-states';
import { IdSchema, VersionSchema } from './common';

export const TaskStatusSchema = z.enum(TASK_STATUSES);
export const TaskActionSchema = z.enum(TASK_ACTIONS);
export const PrioritySchema = z.enum(PRIORITIES);
export const NoteCategorySchema = z.enum(NOTE_CATEGORIES);
export const BlockedOnSchema = z.enum(BLOCKED_ON);
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
const DateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

export const TaskSummaryDtoSchema = z.object({
  id: z.string(),
  title: z.string(),
  client: z.object({ id: z.string(), name: z.string() }),
  workflow: z.object({ id: z.string(), key: z.string(), name: z.string() }),
  period: z.string(),
  periodEnd: z.string(),
  status: TaskStatusSchema,
  preparer: PersonRefSchema,
  reviewer: PersonRefSchema,
  dueOn: z.string(),
  isOverdue: z.boolean(),
  priority: PrioritySchema,
  reworkCount: z.number(),
  blockedReason: z.string().nullable(),
  blockedOn: BlockedOnSchema.nullable(),
  checklist: z.object({ done: z.number(), total: z.number() }),
  openNotes: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type TaskSummaryDto = z.infer<typeof TaskSummaryDtoSchema>;

export const TaskSortSchema = z.enum(['due', 'client', 'workflow', 'status', 'priority', 'period', 'updated', 'title', 'preparer', 'reviewer']);

export const TaskListQuerySchema = z
  .object({
    clientId: IdSchema.optional(),
    workflowId: IdSchema.optional(),
    status: z
      .string()
      .trim()
      .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be statuses separated by commas')
      .optional(),
    preparerId: IdSchema.optional(),
    reviewerId: IdSchema.optional(),
    /** `prepare`: my tasks to prepare; `review`: my tasks to review. */
    queue: z.enum(['prepare', 'review', 'all']).optional(),
    period: z.string().trim().max(10).optional(),
    dueFrom: DateSchema.optional(),
    dueTo: DateSchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    q: z.string().trim().max(100).optional(),
    sort: TaskSortSchema.default('due'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;

export const TaskListDtoSchema = z.object({
  items: z.array(TaskSummaryDtoSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  countsByStatus: z.record(z.string(), z.number()),
});
export type TaskListDto = z.infer<typeof TaskListDtoSchema>;

export const ChecklistItemDtoSchema = z.object({
  id: z.string(),
  key: z.string(),
  position: z.number(),
  text: z.string(),
  help: z.string(),
  evidence: EvidenceKindSchema,
  required: z.boolean(),
  completedAt: z.string().nullable(),
  completedBy: PersonRefSchema.nullable(),
  note: z.string().nullable(),
  figure: z.string().nullable(),
  document: z.object({ id: z.string(), filename: z.string(), sizeBytes: z.number() }).nullable(),
  version: z.number(),
});
export type ChecklistItemDto = z.infer<typeof ChecklistItemDtoSchema>;

export const ReviewNoteDtoSchema = z.object({
  id: z.string(),
  checklistItemId: z.string().nullable(),
  /** A note on one line of the task's bank reconciliation. */
  statementLineId: z.string().nullable(),
  category: NoteCategorySchema,
  body: z.string(),
  source: z.enum(['review', 'spot_check']),
  author: PersonRefSchema,
  createdAt: z.string(),
  response: z.string().nullable(),
  respondedBy: PersonRefSchema.nullable(),
  respondedAt: z.string().nullable(),
  clearedBy: PersonRefSchema.nullable(),
  clearedAt: z.string().nullable(),
  status: z.enum(['open', 'responded', 'cleared']),
  version: z.number(),
});
export type ReviewNoteDto = z.infer<typeof ReviewNoteDtoSchema>;

export const TaskAbilitiesSchema = z.object({
  read: z.boolean(),
  edit: z.boolean(),
  completeChecklist: z.boolean(),
  addNote: z.boolean(),
  respondToNote: z.boolean(),
  clearNote: z.boolean(),
  reassign: z.boolean(),
  attach: z.boolean(),
});

export const TaskDetailDtoSchema = TaskSummaryDtoSchema.extend({
  workflowSteps: z.array(z.object({ key: z.string(), name: z.string(), ownerRole: z.string(), lane: z.string() })),
  periodStart: z.string(),
  estimatedMinutes: z.number().nullable(),
  actualMinutes: z.number().nullable(),
  checklistVersion: z.number().nullable(),
  currentChecklistVersion: z.number(),
  checklistItems: z.array(ChecklistItemDtoSchema),
  notes: z.array(ReviewNoteDtoSchema),
  documents: z.array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number(), uploadedAt: z.string(), uploadedBy: PersonRefSchema })),
  startedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: PersonRefSchema.nullable(),
  actions: z.array(z.object({ action: TaskActionSchema, label: z.string(), allowed: z.boolean(), reason: z.string().nullable() })),
  nextAction: z.object({ action: TaskActionSchema.nullable(), label: z.string(), who: z.string() }),
  abilities: TaskAbilitiesSchema,
});
export type TaskDetailDto = z.infer<typeof TaskDetailDtoSchema>;

export const TransitionBodySchema = z
  .object({
    action: TaskActionSchema,
    version: VersionSchema,
    reason: z.string().trim().max(2000).optional(),
    waitingOn: BlockedOnSchema.optional(),
    override: z.boolean().optional(),
  })
  .strict();
export type TransitionBody = z.infer<typeof TransitionBodySchema>;

export const ChecklistItemUpdateBodySchema = z
  .object({
    completed: z.boolean(),
    note: z.string().trim().max(5000).nullable().optional(),
    figure: z
      .string()
      .trim()
      .regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'must be a number such as 1234.56')
      .nullable()
      .optional(),
    documentId: IdSchema.nullable().optional(),
    version: VersionSchema,
  })
  .strict();
export type ChecklistItemUpdateBody = z.infer<typeof ChecklistItemUpdateBodySchema>;

export const CreateNoteBodySchema = z
  .object({
    category: NoteCategorySchema,
    body: z.string().trim().min(1, 'is required').max(5000),
    checklistItemId: IdSchema.optional(),
    /** A line of the task's bank reconciliation the note is about. */
    statementLineId: IdSchema.optional(),
  })
  .strict();
export type CreateNoteBody = z.infer<typeof CreateNoteBodySchema>;

export const RespondNoteBodySchema = z.object({ response: z.string().trim().min(1, 'is required').max(5000), version: VersionSchema }).strict();
export const ClearNoteBodySchema = z.object({ version: VersionSchema }).strict();

export const ReassignBodySchema = z
  .object({ preparerId: IdSchema.optional(), reviewerId: IdSchema.optional(), reason: z.string().trim().min(1, 'is required').max(2000), version: VersionSchema })
  .strict()
  .refine((b) => b.preparerId !== undefined || b.reviewerId !== undefined, { message: 'name a new preparer or reviewer', path: ['preparerId'] });
export type ReassignBody = z.infer<typeof ReassignBodySchema>;

export const UpdateTaskBodySchema = z
  .object({
    priority: PrioritySchema.optional(),
    dueOn: DateSchema.optional(),
    estimatedMinutes: z.number().int().min(0).max(100_000).nullable().optional(),
    actualMinutes: z.number().int().min(0).max(100_000).nullable().optional(),
    version: VersionSchema,
  })
  .strict();
export type UpdateTaskBody = z.infer<typeof UpdateTaskBodySchema>;

export const TimelineEntryDtoSchema = z.object({
  id: z.string(),
  seq: z.number(),
  occurredAt: z.string(),
  actor: PersonRefSchema.nullable(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export const TimelineDtoSchema = z.object({ items: z.array(TimelineEntryDtoSchema) });
export type TimelineEntryDto = z.infer<typeof TimelineEntryDtoSchema>;

/** A change pushed to everyone watching the tracker (server-sent events). */
export const TaskChangeEventSchema = z.object({ taskId: z.string(), status: TaskStatusSchema, version: z.number(), type: z.string(), actorId: z.string().nullable() });
export type TaskChangeEvent = z.infer<typeof TaskChangeEventSchema>;
