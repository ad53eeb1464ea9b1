import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import { recordAudit } from '../../audit/record-audit';
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { seesAllClients } from '../../policies/client.policy';
import { firmAbilities } from '../../policies/firm.policy';
import { serviceAbilities, workflowAbilities } from '../../policies/workflow.policy';
import type { CreateServiceBodySchema, ServiceDto, UpdateServiceBody } from '../../../shared/workflows';
import type { z } from 'zod';
import { assertAssignable } from '../tasks/tasks.service';
import { generateTasks } from './task-generation';
import * as repo from './services.repository';

export async function listServices(ctx: RequestContext, clientId?: string): Promise<ServiceDto[]> {
  const actor = requireActor(ctx);
  if (!workflowAbilities(actor, { firmId: actor.firmId }).read) {
    throw new ForbiddenError('Services are for the firm’s staff.');
  }
  const rows = await repo.listServices(ctx.db, actor.firmId, { clientIds: seesAllClients(actor) ? null : [...actor.clientIds], clientId });
  return rows.map((r) => present(ctx, r));
}

/** Subscribes a client to a workflow on a schedule, with a default preparer and reviewer. */
export async function createService(ctx: RequestContext, input: z.output<typeof CreateServiceBodySchema>): Promise<ServiceDto> {
  const actor = requireActor(ctx);
  if (actor.role !== 'admin' && actor.role !== 'partner') {
    throw new ForbiddenError('Only admins and partners set up services.');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const client = await trx.selectFrom('clients').select(['id', 'firmId']).where('firmId', '=', actor.firmId).where('id', '=', input.clientId).executeTakeFirst();
    const abilities = client ? serviceAbilities(actor, { firmId: actor.firmId, clientId: client.id }) : null;
    if (!client || !abilities?.read) {
      // The same answer for a client that does not exist and one the actor cannot see.
      throw new ValidationError('That client does not exist.', [{ path: 'clientId', message: 'is not a client of the firm' }]);
    }
    authorize(abilities, 'manage', 'Only admins and partners on this client set up services.');
    const workflow = await trx.selectFrom('workflowTemplates').select('id').where('firmId', '=', actor.firmId).where('id', '=', input.workflowId).executeTakeFirst();
    if (!workflow) {
      throw new ValidationError('That workflow does not exist.', [{ path: 'workflowId', message: 'is not a workflow of the firm' }]);
    }
    if (await repo.findServiceByClientWorkflow(trx, actor.firmId, input.clientId, input.workflowId)) {
      throw new ConflictError('This client already has that workflow; edit the existing service instead.', 'duplicate_service');
    }
    await assertAssignable(trx, { firmId: actor.firmId, clientId: input.clientId, preparedBy: [] }, input.preparerId, input.reviewerId);
    const row = await repo.insertService(trx, {
      id: newId(),
      firmId: actor.firmId,
      clientId: input.clientId,
      workflowId: input.workflowId,
      frequency: input.frequency,
      dueRule: JSON.stringify(input.dueRule),
      preparerId: input.preparerId,
      reviewerId: input.reviewerId,
      startsOn: input.startsOn,
      priority: input.priority,
      estimatedMinutes: input.estimatedMinutes,
    });
    await recordAudit(trx, ctx, actor.firmId, { type: 'service.created', subjectType: 'service', data: { after: { ...input } } }, { id: row.id, clientId: row.clientId });
    const [full] = await repo.listServices(trx, actor.firmId, { clientIds: null, clientId: row.clientId }).then((rows) => rows.filter((r) => r.id === row.id));
    if (!full) {
      throw new Error('service vanished after insert');
    }
    return present(ctx, full);
  });
}

export async function updateService(ctx: RequestContext, id: string, input: UpdateServiceBody): Promise<ServiceDto> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findServiceForUpdate(trx, actor.firmId, id);
    if (!current) {
      throw new NotFoundError('service');
    }
    const abilities = serviceAbilities(actor, current);
    readableOrNotFound(abilities, 'service');
    authorize(abilities, 'manage', 'Only admins and partners on this client change services.');
    if (current.version !== input.version) {
      throw new StaleVersionError('service');
    }
    const preparerId = input.preparerId ?? current.preparerId;
    const reviewerId = input.reviewerId ?? current.reviewerId;
    if (input.preparerId !== undefined || input.reviewerId !== undefined) {
      await assertAssignable(trx, { firmId: actor.firmId, clientId: current.clientId, preparedBy: [] }, preparerId, reviewerId);
    }
    const updated = await repo.updateService(trx, actor.firmId, id, input.version, {
      preparerId,
      reviewerId,
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.dueRule !== undefined ? { dueRule: JSON.stringify(input.dueRule) } : {}),
      updatedAt: ctx.now(),
    });
    if (!updated) {
      throw new StaleVersionError('service');
    }
    const before = { preparerId: current.preparerId, reviewerId: current.reviewerId, active: current.active, priority: current.priority, dueRule: current.dueRule };
    const after = { preparerId: updated.preparerId, reviewerId: updated.reviewerId, active: updated.active, priority: updated.priority, dueRule: updated.dueRule };
    await recordAudit(trx, ctx, actor.firmId, { type: 'service.updated', subjectType: 'service', data: { before, after } }, { id, clientId: current.clientId });
    const rows = await repo.listServices(trx, actor.firmId, { clientIds: null, clientId: current.clientId });
    const full = rows.find((r) => r.id === id);
    if (!full) {
      throw new Error('service vanished after update');
    }
    return present(ctx, full);
  });
}

/** Runs task creation for the firm up to `asOf` (default: today), as an admin or partner would from the UI. */
export async function runTaskGeneration(ctx: RequestContext, asOf?: string): Promise<{ created: number; services: number; asOf: string }> {
  const actor = requireActor(ctx);
  if (!(actor.role === 'admin' || actor.role === 'partner')) {
    throw new ForbiddenError('Only admins and partners create tasks from the schedules.');
  }
  const date = asOf ?? ctx.now().toISOString().slice(0, 10);
  const result = await ctx.db.transaction().execute((trx) => generateTasks(trx, ctx, actor.firmId, date));
  return { ...result, asOf: date };
}

export async function getHolidays(ctx: RequestContext) {
  const actor = requireActor(ctx);
  if (!workflowAbilities(actor, { firmId: actor.firmId }).read) {
    throw new ForbiddenError('The holiday calendar is for the firm’s staff.');
  }
  return repo.listHolidays(ctx.db, actor.firmId);
}

export async function setHolidays(ctx: RequestContext, holidays: Array<{ date: string; name: string }>) {
  const actor = requireActor(ctx);
  authorize(firmAbilities(actor, actor.firmId), 'manageSettings', 'Only the firm administrator edits the holiday calendar.');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.listHolidays(trx, actor.firmId);
    await repo.replaceHolidays(trx, actor.firmId, holidays);
    await recordAudit(trx, ctx, actor.firmId, { type: 'holidays.updated', subjectType: 'firm', data: { before: { holidays: before }, after: { holidays } } }, { id: actor.firmId });
    return repo.listHolidays(trx, actor.firmId);
  });
}

function present(ctx: RequestContext, r: repo.ServiceListRow): ServiceDto {
  return {
    id: r.id,
    client: { id: r.clientId, name: r.clientName },
    workflow: { id: r.workflowId, name: r.workflowName },
    frequency: r.frequency,
    dueRule: r.dueRule,
    preparer: { id: r.preparerId, name: r.preparerName },
    reviewer: { id: r.reviewerId, name: r.reviewerName },
    startsOn: r.startsOn,
    priority: r.priority,
    estimatedMinutes: r.estimatedMinutes,
    active: r.active,
    version: r.version,
    abilities: { manage: serviceAbilities(requireActor(ctx), r).manage },
  };
}
