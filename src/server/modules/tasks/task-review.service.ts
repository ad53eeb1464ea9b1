import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import { newId } from '../../ids';
import { authorize } from '../../policies';
import { taskAbilities } from '../../policies/task.policy';
import type { ChecklistItemUpdateBody, CreateNoteBody } from '../../../shared/tasks';
import { loadBundle, type TaskBundle } from './task-bundle';
import { loadForChange, publish } from './tasks.service';
import * as repo from './tasks.repository';
import { isLineOfTaskReconciliation } from '../reconciliations/reconciliation-lines.service';

/**
 * The preparer completes (or reopens) one checklist item with the evidence it requires: a note,
 * a figure, or an attachment already uploaded to the task. Only the preparer, only while working.
 */
export async function updateChecklistItem(ctx: RequestContext, taskId: string, itemId: string, body: ChecklistItemUpdateBody & { taskVersion?: number }): Promise<TaskBundle> {
  const actor = requireActor(ctx);
  const bundle = await ctx.db.transaction().execute(async (trx) => {
    const task = await repo.findTaskForUpdate(trx, actor.firmId, taskId);
    if (!task) {
      throw new NotFoundError('task');
    }
    const abilities = taskAbilities(actor, task);
    if (!abilities.read) {
      throw new NotFoundError('task');
    }
    authorize(abilities, 'completeChecklist', 'Only the preparer completes checklist items, while the task is in progress.');
    const item = await repo.findChecklistItemForUpdate(trx, actor.firmId, taskId, itemId);
    if (!item) {
      throw new NotFoundError('checklist item');
    }
    if (item.version !== body.version) {
      throw new StaleVersionError('checklist item');
    }
    const note = body.note ?? item.note;
    const figure = body.figure ?? item.figure;
    const documentId = body.documentId === undefined ? item.documentId : body.documentId;
    if (body.completed) {
      const missing = item.evidence === 'note' && !note ? 'note' : item.evidence === 'figure' && !figure ? 'figure' : item.evidence === 'attachment' && !documentId ? 'documentId' : null;
      if (missing) {
        throw new ValidationError(`This item needs ${missing === 'documentId' ? 'an attachment' : `a ${missing}`} as evidence.`, [{ path: missing, message: 'is required to complete this item' }]);
      }
      if (documentId) {
        const doc = await repo.findDocument(trx, actor.firmId, documentId);
        if (!doc || doc.taskId !== taskId) {
          throw new ValidationError('The attachment must be a file uploaded to this task.', [{ path: 'documentId', message: 'is not a file of this task' }]);
        }
      }
    }
    const now = ctx.now();
    const updated = await repo.updateChecklistItem(trx, actor.firmId, itemId, body.version, {
      completedAt: body.completed ? now : null,
      completedBy: body.completed ? actor.userId : null,
      note,
      figure,
      documentId,
    });
    if (!updated) {
      throw new StaleVersionError('checklist item');
    }
    // Completing checklist items is preparer work: this person can never review the task.
    const preparedBy = task.preparedBy.includes(actor.userId) ? task.preparedBy : [...task.preparedBy, actor.userId];
    const fresh = await repo.updateTask(trx, actor.firmId, taskId, task.version, { updatedAt: now, preparedBy: JSON.stringify(preparedBy) });
    if (body.completed) {
      await recordAudit(trx, ctx, actor.firmId, { type: 'task.checklist_item_completed', subjectType: 'task', data: { itemId, itemKey: item.itemKey, note, figure, documentId } }, { id: taskId, clientId: task.clientId });
    } else {
      await recordAudit(trx, ctx, actor.firmId, { type: 'task.checklist_item_reopened', subjectType: 'task', data: { itemId, itemKey: item.itemKey } }, { id: taskId, clientId: task.clientId });
    }
    return loadBundle(trx, fresh ?? task);
  });
  publish(bundle.task, 'task.checklist_changed', actor.userId);
  return bundle;
}

/** The reviewer (or a partner who did not prepare the task) writes a review note. */
export async function addNote(ctx: RequestContext, taskId: string, body: CreateNoteBody, source: 'review' | 'spot_check' = 'review'): Promise<TaskBundle> {
  const actor = requireActor(ctx);
  const bundle = await ctx.db.transaction().execute(async (trx) => {
    const task = await lockReadable(ctx, trx, taskId);
    authorize(taskAbilities(actor, task), 'addNote', 'Review notes are written by the task’s reviewer or a partner who did not prepare it.');
    if (body.checklistItemId) {
      const items = await repo.listChecklistItems(trx, actor.firmId, taskId);
      if (!items.some((i) => i.id === body.checklistItemId)) {
        throw new ValidationError('That checklist item is not part of this task.', [{ path: 'checklistItemId', message: 'is not an item of this task' }]);
      }
    }
    if (body.statementLineId && !(await isLineOfTaskReconciliation(trx, actor.firmId, taskId, body.statementLineId))) {
      throw new ValidationError('That line is not part of this task’s reconciliation.', [{ path: 'statementLineId', message: 'is not a line of this task’s reconciliation' }]);
    }
    const note = await repo.insertNote(trx, { id: newId(), firmId: actor.firmId, taskId, checklistItemId: body.checklistItemId ?? null, statementLineId: body.statementLineId ?? null, category: body.category, body: body.body, source, authorId: actor.userId, createdAt: ctx.now(), response: null, respondedBy: null, respondedAt: null, clearedBy: null, clearedAt: null });
    const fresh = await repo.updateTask(trx, actor.firmId, taskId, task.version, { updatedAt: ctx.now() });
    await recordAudit(trx, ctx, actor.firmId, { type: 'task.note_added', subjectType: 'task', data: { noteId: note.id, category: note.category, body: note.body, checklistItemId: note.checklistItemId, source } }, { id: taskId, clientId: task.clientId });
    return loadBundle(trx, fresh ?? task);
  });
  publish(bundle.task, 'task.note_added', actor.userId);
  return bundle;
}

/** The preparer answers a note; the answer is kept beside it. */
export async function respondToNote(ctx: RequestContext, taskId: string, noteId: string, body: { response: string; version: number }): Promise<TaskBundle> {
  const actor = requireActor(ctx);
  const bundle = await ctx.db.transaction().execute(async (trx) => {
    const task = await lockReadable(ctx, trx, taskId);
    authorize(taskAbilities(actor, task), 'respondToNote', 'Only the task’s preparer answers review notes.');
    const note = await loadNote(trx, actor.firmId, taskId, noteId, body.version);
    if (note.clearedAt) {
      throw new ConflictError('This note was already cleared.', 'note_cleared');
    }
    await repo.updateNote(trx, actor.firmId, noteId, body.version, { response: body.response, respondedBy: actor.userId, respondedAt: ctx.now() });
    const preparedBy = task.preparedBy.includes(actor.userId) ? task.preparedBy : [...task.preparedBy, actor.userId];
    const fresh = await repo.updateTask(trx, actor.firmId, taskId, task.version, { updatedAt: ctx.now(), preparedBy: JSON.stringify(preparedBy) });
    await recordAudit(trx, ctx, actor.firmId, { type: 'task.note_responded', subjectType: 'task', data: { noteId, response: body.response } }, { id: taskId, clientId: task.clientId });
    return loadBundle(trx, fresh ?? task);
  });
  publish(bundle.task, 'task.note_responded', actor.userId);
  return bundle;
}

/** The reviewer clears a note once the answer satisfies them. */
export async function clearNote(ctx: RequestContext, taskId: string, noteId: string, body: { version: number }): Promise<TaskBundle> {
  const actor = requireActor(ctx);
  const bundle = await ctx.db.transaction().execute(async (trx) => {
    const task = await lockReadable(ctx, trx, taskId);
    authorize(taskAbilities(actor, task), 'clearNote', 'Only the task’s reviewer or a partner who did not prepare it clears notes.');
    const note = await loadNote(trx, actor.firmId, taskId, noteId, body.version);
    if (note.clearedAt) {
      throw new ConflictError('This note was already cleared.', 'note_cleared');
    }
    await repo.updateNote(trx, actor.firmId, noteId, body.version, { clearedBy: actor.userId, clearedAt: ctx.now() });
    const fresh = await repo.updateTask(trx, actor.firmId, taskId, task.version, { updatedAt: ctx.now() });
    await recordAudit(trx, ctx, actor.firmId, { type: 'task.note_cleared', subjectType: 'task', data: { noteId } }, { id: taskId, clientId: task.clientId });
    return loadBundle(trx, fresh ?? task);
  });
  publish(bundle.task, 'task.note_cleared', actor.userId);
  return bundle;
}

async function lockReadable(ctx: RequestContext, trx: Parameters<typeof loadForChange>[1], taskId: string) {
  const actor = requireActor(ctx);
  const task = await repo.findTaskForUpdate(trx, actor.firmId, taskId);
  if (!task || !taskAbilities(actor, task).read) {
    throw new NotFoundError('task');
  }
  return task;
}

async function loadNote(trx: Parameters<typeof loadForChange>[1], firmId: string, taskId: string, noteId: string, version: number) {
  const note = await repo.findNoteForUpdate(trx, firmId, taskId, noteId);
  if (!note) {
    throw new NotFoundError('review note');
  }
  if (note.version !== version) {
    throw new StaleVersionError('review note');
  }
  return note;
}
