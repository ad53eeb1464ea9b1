import { decideTransition, SYSTEM_ACTOR, type Refusal } from '../../../domain/tasks/transitions';
import type { TaskAction } from '../../../domain/tasks/task-states';
import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { TaskRow } from '../../db/schema';
import type { Trx } from '../../db/database';
import { recordAudit } from '../../audit/record-audit';
import type { AuditEvent } from '../../audit/audit-events';
import { AppError, ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { seesAllClients } from '../../policies/client.policy';
import { taskAbilities } from '../../policies/task.policy';
import { taskEvents } from '../../events/task-events';
import type { ReassignBody, TaskListQuery, TransitionBody, UpdateTaskBody } from '../../../shared/tasks';
import { factsOf, loadBundle, type TaskBundle } from './task-bundle';
import * as repo from './tasks.repository';
import { applyTaskTransitionToReconciliation } from '../reconciliations/reconciliation-signoff.service';

export function listTasks(ctx: RequestContext, query: TaskListQuery) {
  const actor = requireActor(ctx);
  if (actor.role === 'client') {
    throw new ForbiddenError('The tracker is for the firm’s staff.');
  }
  return repo.listTasks(ctx.db, { firmId: actor.firmId, clientIds: seesAllClients(actor) ? null : [...actor.clientIds], actorId: actor.userId, today: ctx.now().toISOString().slice(0, 10) }, query);
}

export async function getTask(ctx: RequestContext, taskId: string): Promise<TaskBundle> {
  const task = await loadReadable(ctx, ctx.db, taskId);
  return loadBundle(ctx.db, task);
}

export async function getTimeline(ctx: RequestContext, taskId: string) {
  const task = await loadReadable(ctx, ctx.db, taskId);
  return repo.listTaskTimeline(ctx.db, task.firmId, task.id);
}

const EVENT_OF: Record<TaskAction, AuditEvent['type']> = {
  start: 'task.started',
  submit: 'task.submitted',
  return: 'task.returned',
  resume: 'task.resumed',
  approve: 'task.approved',
  close: 'task.closed',
  block: 'task.blocked',
  unblock: 'task.unblocked',
  reopen: 'task.reopened',
};

/**
 * Moves a task through one action of the transition table: the row is locked, the version
 * checked (two people acting at once: one wins, the other gets 409), the domain rules decide,
 * and the change and its audit entry commit together. Starting work fixes the checklist version.
 */
export async function transitionTask(ctx: RequestContext, taskId: string, body: TransitionBody): Promise<TaskBundle> {
  const actor = requireActor(ctx);
  const bundle = await ctx.db.transaction().execute(async (trx) => {
    const task = await loadForChange(ctx, trx, taskId, body.version);
    authorize(taskAbilities(actor, task), 'transition', 'Only the firm’s staff on this client move tasks.');
    const items = await repo.listChecklistItems(trx, actor.firmId, taskId);
    const notes = await repo.listNotes(trx, actor.firmId, taskId);
    const decision = decideTransition(factsOf(task, items, notes), { action: body.action, actor: { userId: actor.userId, role: actor.role }, reason: body.reason, waitingOn: body.waitingOn, override: body.override });
    if (!decision.ok) {
      throw refusalError(decision);
    }
    // A bank reconciliation task's reconciliation follows (and may refuse) the sign-off.
    await applyTaskTransitionToReconciliation(trx, ctx, task, body.action);
    const now = ctx.now();
    const preparedBy = decision.isPreparerWork && !task.preparedBy.includes(actor.userId) ? [...task.preparedBy, actor.userId] : task.preparedBy;
    const patch: Parameters<typeof repo.updateTask>[4] = { status: decision.to, updatedAt: now, preparedBy: JSON.stringify(preparedBy) };
    switch (body.action) {
      case 'start':
        Object.assign(patch, { startedAt: now, ...(await instantiateChecklist(trx, task)) });
        break;
      case 'submit':
        Object.assign(patch, { submittedAt: now, firstSubmittedAt: task.firstSubmittedAt ?? now });
        break;
      case 'return':
      case 'reopen':
        Object.assign(patch, { reworkCount: task.reworkCount + 1, approvedAt: null, approvedBy: null, closedAt: null });
        break;
      case 'approve':
        Object.assign(patch, { approvedAt: now, approvedBy: actor.userId });
        break;
      case 'close':
        Object.assign(patch, { closedAt: now });
        break;
      case 'block':
        Object.assign(patch, { blockedFromStatus: task.status, blockedReason: body.reason ?? null, blockedOn: body.waitingOn ?? null, blockedAt: now });
        break;
      case 'unblock':
        Object.assign(patch, { blockedFromStatus: null, blockedReason: null, blockedOn: null, blockedAt: null });
        break;
      case 'resume':
        break;
    }
    const updated = await repo.updateTask(trx, actor.firmId, taskId, body.version, patch);
    if (!updated) {
      throw new StaleVersionError('task');
    }
    await recordAudit(
      trx,
      ctx,
      actor.firmId,
      {
        type: EVENT_OF[body.action] as 'task.started',
        subjectType: 'task',
        data: { from: task.status, to: updated.status, reason: body.reason ?? null, waitingOn: body.waitingOn ?? null, overrideReason: decision.overridden, reworkCount: updated.reworkCount },
      },
      { id: taskId, clientId: task.clientId },
    );
    return loadBundle(trx, updated);
  });
  publish(bundle.task, EVENT_OF[body.action], actor.userId);
  return bundle;
}

/**
 * The system withdraws a task's approval (`suspend_signoff`: approved or closed → ready for
 * review) inside the caller's transaction, when a later import changed the approved period of
 * its reconciliation. Audited as the system, with the reason; the original approval stays in the
 * audit log. Answers the updated task (the caller publishes it after its commit).
 */
export async function suspendTaskSignOff(trx: Trx, ctx: RequestContext, firmId: string, taskId: string, reason: string): Promise<TaskRow | null> {
  const task = await repo.findTaskForUpdate(trx, firmId, taskId);
  if (!task) {
    return null;
  }
  const decision = decideTransition(factsOf(task, [], []), { action: 'suspend_signoff', actor: SYSTEM_ACTOR, reason });
  if (!decision.ok) {
    return null;
  }
  const updated = await repo.updateTask(trx, firmId, taskId, task.version, { status: decision.to, approvedAt: null, approvedBy: null, closedAt: null, updatedAt: ctx.now() });
  if (!updated) {
    throw new StaleVersionError('task');
  }
  const systemCtx = { ...ctx, actor: null };
  await recordAudit(trx, systemCtx, firmId, { type: 'task.reopened', subjectType: 'task', data: { from: task.status, to: updated.status, reason, waitingOn: null, overrideReason: null, reworkCount: updated.reworkCount } }, { id: taskId, clientId: task.clientId });
  return updated;
}

/** Copies the workflow's current checklist into the task, once, when work starts. */
async function instantiateChecklist(trx: Trx, task: TaskRow): Promise<Partial<TaskRow>> {
  if (task.checklistTemplateId) {
    return {};
  }
  const template = await trx
    .selectFrom('checklistTemplates as ct')
    .innerJoin('workflowTemplates as w', (j) => j.onRef('w.id', '=', 'ct.workflowId').onRef('w.checklistVersion', '=', 'ct.version'))
    .select(['ct.id', 'ct.version', 'ct.items'])
    .where('ct.firmId', '=', task.firmId)
    .where('ct.workflowId', '=', task.workflowId)
    .executeTakeFirst();
  if (!template) {
    return {};
  }
  await repo.insertChecklistItems(
    trx,
    template.items.map((item, position) => ({ id: newId(), firmId: task.firmId, taskId: task.id, itemKey: item.key, position, text: item.text, help: item.help, evidence: item.evidence, required: item.required, completedAt: null, completedBy: null, note: null, figure: null, documentId: null })),
  );
  return { checklistTemplateId: template.id, checklistVersion: template.version };
}

/** Reassigns preparer and/or reviewer, with a reason; the two are never the same person. */
export async function reassignTask(ctx: RequestContext, taskId: string, body: ReassignBody): Promise<TaskBundle> {
  const actor = requireActor(ctx);
  const bundle = await ctx.db.transaction().execute(async (trx) => {
    const task = await loadForChange(ctx, trx, taskId, body.version);
    authorize(taskAbilities(actor, task), 'reassign', 'Only an admin or a partner reassigns work.');
    const preparerId = body.preparerId ?? task.preparerId;
    const reviewerId = body.reviewerId ?? task.reviewerId;
    await assertAssignable(trx, task, preparerId, reviewerId);
    const updated = await repo.updateTask(trx, actor.firmId, taskId, body.version, { preparerId, reviewerId, updatedAt: ctx.now() });
    if (!updated) {
      throw new StaleVersionError('task');
    }
    await recordAudit(
      trx,
      ctx,
      actor.firmId,
      { type: 'task.reassigned', subjectType: 'task', data: { before: { preparerId: task.preparerId, reviewerId: task.reviewerId }, after: { preparerId, reviewerId }, reason: body.reason } },
      { id: taskId, clientId: task.clientId },
    );
    return loadBundle(trx, updated);
  });
  publish(bundle.task, 'task.reassigned', actor.userId);
  return bundle;
}

/**
 * Checks a preparer/reviewer pair for a task: two different active staff members who may see the
 * client; the reviewer must not be anyone who already prepared the task.
 */
export async function assertAssignable(trx: Trx, task: Pick<TaskRow, 'firmId' | 'clientId' | 'preparedBy'> & { approvedBy?: string | null }, preparerId: string, reviewerId: string): Promise<void> {
  if (task.approvedBy && preparerId === task.approvedBy) {
    throw new AppError(403, 'segregation_of_duties', 'That person approved this task, so they cannot become its preparer.');
  }
  if (preparerId === reviewerId) {
    throw new ValidationError('The preparer and the reviewer must be two different people.', [{ path: 'reviewerId', message: 'must differ from the preparer' }]);
  }
  if (task.preparedBy.includes(reviewerId)) {
    throw new AppError(403, 'segregation_of_duties', 'That person prepared this task, so they cannot review it.');
  }
  for (const [field, userId, roles] of [
    ['preparerId', preparerId, ['preparer', 'reviewer', 'partner', 'admin']],
    ['reviewerId', reviewerId, ['reviewer', 'partner', 'admin']],
  ] as const) {
    const user = await repo.findAssignableUser(trx, task.firmId, userId);
    const access = user
      ? await trx.selectFrom('clientAccess').select('userId').where('firmId', '=', task.firmId).where('userId', '=', userId).where('clientId', '=', task.clientId).executeTakeFirst()
      : undefined;
    if (!user || user.status !== 'active' || !(roles as readonly string[]).includes(user.role) || (!access && user.role !== 'admin')) {
      throw new ValidationError(`The ${field === 'preparerId' ? 'preparer' : 'reviewer'} must be an active ${roles.join(', ')} assigned to this client.`, [{ path: field, message: 'cannot be assigned to this task' }]);
    }
  }
}

export async function updateTask(ctx: RequestContext, taskId: string, body: UpdateTaskBody): Promise<TaskBundle> {
  const actor = requireActor(ctx);
  const bundle = await ctx.db.transaction().execute(async (trx) => {
    const task = await loadForChange(ctx, trx, taskId, body.version);
    authorize(taskAbilities(actor, task), 'edit');
    const { version, ...fields } = body;
    const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Pick<Partial<TaskRow>, 'priority' | 'dueOn' | 'estimatedMinutes' | 'actualMinutes'>; // only the fields sent
    const updated = await repo.updateTask(trx, actor.firmId, taskId, version, { ...patch, updatedAt: ctx.now() });
    if (!updated) {
      throw new StaleVersionError('task');
    }
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, task[k as keyof TaskRow]]));
    await recordAudit(trx, ctx, actor.firmId, { type: 'task.updated', subjectType: 'task', data: { before, after: patch } }, { id: taskId, clientId: task.clientId });
    return loadBundle(trx, updated);
  });
  publish(bundle.task, 'task.updated', actor.userId);
  return bundle;
}

/** Loads a task the actor can see (404 otherwise). */
export async function loadReadable(ctx: RequestContext, db: RequestContext['db'] | Trx, taskId: string): Promise<TaskRow> {
  const actor = requireActor(ctx);
  const task = await repo.findTask(db, actor.firmId, taskId);
  if (!task) {
    throw new NotFoundError('task');
  }
  readableOrNotFound(taskAbilities(actor, task), 'task');
  return task;
}

/** Locks a task the actor can see and checks the version the client read. */
export async function loadForChange(ctx: RequestContext, trx: Trx, taskId: string, version: number): Promise<TaskRow> {
  const actor = requireActor(ctx);
  const task = await repo.findTaskForUpdate(trx, actor.firmId, taskId);
  if (!task) {
    throw new NotFoundError('task');
  }
  readableOrNotFound(taskAbilities(actor, task), 'task');
  if (task.version !== version) {
    throw new StaleVersionError('task');
  }
  return task;
}

export function publish(task: TaskRow, type: string, actorId: string | null): void {
  taskEvents.publish({ firmId: task.firmId, clientId: task.clientId, taskId: task.id, status: task.status, version: task.version, type, actorId });
}

function refusalError(refusal: Refusal): AppError {
  switch (refusal.code) {
    case 'segregation_of_duties':
    case 'not_your_task':
      return new AppError(403, refusal.code, refusal.message);
    case 'reason_required':
      return new ValidationError(refusal.message, [{ path: 'reason', message: 'is required' }]);
    case 'invalid_transition':
    case 'checklist_incomplete':
    case 'open_review_notes':
      return new ConflictError(refusal.message, refusal.code);
  }
}
