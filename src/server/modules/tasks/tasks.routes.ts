import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, IdSchema } from '../../../shared/common';
import {
  ChecklistItemUpdateBodySchema,
  ClearNoteBodySchema,
  CreateNoteBodySchema,
  ReassignBodySchema,
  RespondNoteBodySchema,
  TaskDetailDtoSchema,
  TaskListDtoSchema,
  TaskListQuerySchema,
  TimelineDtoSchema,
  TransitionBodySchema,
  UpdateTaskBodySchema,
} from '../../../shared/tasks';
import { requireActor, type RequestContext } from '../../context';
import { presentTaskDetail, presentTaskSummary } from './tasks.presenter';
import { getTask, getTimeline, listTasks, reassignTask, transitionTask, updateTask } from './tasks.service';
import { addNote, clearNote, respondToNote, updateChecklistItem } from './task-review.service';
import type { TaskBundle } from './task-bundle';

const tags = ['tasks'];
const today = (ctx: RequestContext) => ctx.now().toISOString().slice(0, 10);
const detail = (ctx: RequestContext, bundle: TaskBundle) => presentTaskDetail(requireActor(ctx), bundle, today(ctx));
const ItemParamsSchema = z.object({ id: IdSchema, itemId: IdSchema }).strict();
const NoteParamsSchema = z.object({ id: IdSchema, noteId: IdSchema }).strict();

export const tasksRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tasks',
    { config: { policy: 'task.read' }, schema: { tags, summary: 'The tracker: tasks you may see, filtered, sorted and paged', querystring: TaskListQuerySchema, response: { 200: TaskListDtoSchema } } },
    async (request) => {
      const { rows, total, countsByStatus } = await listTasks(request.ctx, request.query);
      return { items: rows.map((r) => presentTaskSummary(r, today(request.ctx))), total, page: request.query.page, pageSize: request.query.pageSize, countsByStatus };
    },
  );

  app.get(
    '/tasks/:id',
    { config: { policy: 'task.read' }, schema: { tags, summary: 'One task with its checklist, review notes, files and next action', params: IdParamsSchema, response: { 200: TaskDetailDtoSchema } } },
    async (request) => detail(request.ctx, await getTask(request.ctx, request.params.id)),
  );

  app.get(
    '/tasks/:id/timeline',
    { config: { policy: 'task.read' }, schema: { tags, summary: 'Every recorded event of a task, oldest first', params: IdParamsSchema, response: { 200: TimelineDtoSchema } } },
    async (request) => {
      const rows = await getTimeline(request.ctx, request.params.id);
      return {
        items: rows.map((r) => ({ id: r.id, seq: Number(r.seq), occurredAt: r.occurredAt.toISOString(), actor: r.actorId ? { id: r.actorId, name: r.actorName ?? 'Former member' } : null, type: r.type, data: r.data })),
      };
    },
  );

  app.post(
    '/tasks/:id/transitions',
    {
      config: { policy: 'task.transition' },
      schema: { tags, summary: 'Move a task: start, submit, return, resume, approve, close, block, unblock, reopen', params: IdParamsSchema, body: TransitionBodySchema, response: { 200: TaskDetailDtoSchema } },
    },
    async (request) => detail(request.ctx, await transitionTask(request.ctx, request.params.id, request.body)),
  );

  app.patch(
    '/tasks/:id',
    { config: { policy: 'task.edit' }, schema: { tags, summary: 'Edit priority, due date or time', params: IdParamsSchema, body: UpdateTaskBodySchema, response: { 200: TaskDetailDtoSchema } } },
    async (request) => detail(request.ctx, await updateTask(request.ctx, request.params.id, request.body)),
  );

  app.put(
    '/tasks/:id/assignment',
    { config: { policy: 'task.reassign' }, schema: { tags, summary: 'Reassign preparer or reviewer, with a reason', params: IdParamsSchema, body: ReassignBodySchema, response: { 200: TaskDetailDtoSchema } } },
    async (request) => detail(request.ctx, await reassignTask(request.ctx, request.params.id, request.body)),
  );

  app.put(
    '/tasks/:id/checklist/:itemId',
    {
      config: { policy: 'task.completeChecklist' },
      schema: { tags, summary: 'Complete or reopen a checklist item with its evidence', params: ItemParamsSchema, body: ChecklistItemUpdateBodySchema, response: { 200: TaskDetailDtoSchema } },
    },
    async (request) => detail(request.ctx, await updateChecklistItem(request.ctx, request.params.id, request.params.itemId, request.body)),
  );

  app.post(
    '/tasks/:id/notes',
    { config: { policy: 'task.addNote' }, schema: { tags, summary: 'Add a review note (to the task or one checklist item)', params: IdParamsSchema, body: CreateNoteBodySchema, response: { 200: TaskDetailDtoSchema } } },
    async (request) => detail(request.ctx, await addNote(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/tasks/:id/notes/:noteId/response',
    { config: { policy: 'task.respondToNote' }, schema: { tags, summary: 'Answer a review note', params: NoteParamsSchema, body: RespondNoteBodySchema, response: { 200: TaskDetailDtoSchema } } },
    async (request) => detail(request.ctx, await respondToNote(request.ctx, request.params.id, request.params.noteId, request.body)),
  );

  app.post(
    '/tasks/:id/notes/:noteId/clearance',
    { config: { policy: 'task.clearNote' }, schema: { tags, summary: 'Clear a review note (once answered, or to withdraw it)', params: NoteParamsSchema, body: ClearNoteBodySchema, response: { 200: TaskDetailDtoSchema } } },
    async (request) => detail(request.ctx, await clearNote(request.ctx, request.params.id, request.params.noteId, request.body)),
  );
};
