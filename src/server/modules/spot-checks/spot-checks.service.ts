import { drawSpotCheckSample } from '../../../domain/tasks/spot-check';
import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import { recordAudit } from '../../audit/record-audit';
import { AppError, ConflictError, NotFoundError, StaleVersionError } from '../../errors';
import { newId } from '../../ids';
import { authorize } from '../../policies';
import { seesAllClients } from '../../policies/client.policy';
import { spotCheckAbilities } from '../../policies/spot-check.policy';
import { taskAbilities } from '../../policies/task.policy';
import type { ConcludeSpotCheckBody, SpotCheckDto } from '../../../shared/spot-checks';
import { presentTaskSummary } from '../tasks/tasks.presenter';
import { listTasks } from '../tasks/tasks.repository';
import { findTaskForUpdate, insertNote, updateTask } from '../tasks/tasks.repository';
import { publish } from '../tasks/tasks.service';
import { findFirm } from '../firm/firm.repository';
import * as repo from './spot-checks.repository';

export async function getSpotCheck(ctx: RequestContext, month: string): Promise<SpotCheckDto> {
  const actor = requireActor(ctx);
  const abilities = spotCheckAbilities(actor, actor.firmId);
  authorize(abilities, 'read', 'Spot-checks are for partners, reviewers and the administrator.');
  const spotCheck = await repo.findSpotCheck(ctx.db, actor.firmId, month);
  const base = { abilities: { draw: abilities.draw && !spotCheck, conclude: abilities.conclude } };
  if (!spotCheck) {
    return { spotCheck: null, items: [], ...base };
  }
  const items = await repo.listItems(ctx.db, actor.firmId, spotCheck.id);
  const today = ctx.now().toISOString().slice(0, 10);
  const tasks = await listTasks(
    ctx.db,
    { firmId: actor.firmId, clientIds: seesAllClients(actor) ? null : [...actor.clientIds], actorId: actor.userId, today, taskIds: items.map((i) => i.taskId) },
    { sort: 'due', dir: 'asc', page: 1, pageSize: 500 },
  );
  const byId = new Map(tasks.rows.map((r) => [r.id, r]));
  const names = await ctx.db.selectFrom('users').select(['id', 'name']).where('firmId', '=', actor.firmId).execute();
  const name = (id: string | null) => (id ? { id, name: names.find((n) => n.id === id)?.name ?? 'Former member' } : null);
  return {
    spotCheck: { id: spotCheck.id, month: spotCheck.month, seed: spotCheck.seed, ratePercent: spotCheck.ratePercent, minimum: spotCheck.minimum, population: spotCheck.population, drawnAt: spotCheck.drawnAt.toISOString(), drawnBy: name(spotCheck.drawnBy) },
    items: items.flatMap((i) => {
      const task = byId.get(i.taskId);
      return task
        ? [{ id: i.id, task: presentTaskSummary(task, today), weight: i.weight, result: i.result, findings: i.findings, concludedBy: name(i.concludedBy), concludedAt: i.concludedAt?.toISOString() ?? null, version: i.version }]
        : [];
    }),
    ...base,
  };
}

/**
 * Draws the month's sample: tasks approved that month, each weighted by its preparer's recent
 * rework against the firm's threshold, with a seed derived from firm and month so that anyone can
 * re-draw the same sample from the same population. One sample per month.
 */
export async function drawSpotCheck(ctx: RequestContext, month: string): Promise<SpotCheckDto> {
  const actor = requireActor(ctx);
  authorize(spotCheckAbilities(actor, actor.firmId), 'draw', 'Only partners and the administrator draw spot-check samples.');
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findSpotCheck(trx, actor.firmId, month)) {
      throw new ConflictError(`The sample for ${month} was already drawn.`, 'already_drawn');
    }
    const firm = await findFirm(trx, actor.firmId);
    if (!firm) {
      throw new NotFoundError('firm');
    }
    const { reworkThresholdPercent, spotCheckRatePercent, spotCheckMinimum } = firm.settings.quality;
    const population = await repo.listApprovedInMonth(trx, actor.firmId, month);
    const rates = await repo.reworkRates(trx, actor.firmId, month);
    const threshold = reworkThresholdPercent / 100;
    // A preparer without history is sampled at the neutral weight, not the lowest.
    const withDefaults = new Map(population.map((c) => [c.preparerId, rates.get(c.preparerId) ?? threshold]));
    const seed = `${actor.firmId}:${month}`;
    const sample = drawSpotCheckSample(population, { seed, ratePercent: spotCheckRatePercent, minimum: spotCheckMinimum, reworkRateByPreparer: withDefaults, reworkThreshold: threshold });
    const id = newId();
    await repo.insertSpotCheck(
      trx,
      { id, firmId: actor.firmId, month, seed, ratePercent: spotCheckRatePercent, minimum: spotCheckMinimum, population: population.length, drawnBy: actor.userId, drawnAt: ctx.now() },
      sample.map((s) => ({ id: newId(), firmId: actor.firmId, spotCheckId: id, taskId: s.taskId, weight: s.weight, result: null, findings: null, concludedBy: null, concludedAt: null })),
    );
    await recordAudit(
      trx,
      ctx,
      actor.firmId,
      { type: 'spot_check.drawn', subjectType: 'spot_check', data: { month, seed, population: population.length, sampled: sample.map((s) => s.taskId), ratePercent: spotCheckRatePercent, minimum: spotCheckMinimum } },
      { id },
    );
  });
  return getSpotCheck(ctx, month);
}

/**
 * A partner records the result for one sampled task. Findings reopen the task: they become a
 * review note (source: spot-check) and the task goes back to the preparer as rework.
 */
export async function concludeSpotCheckItem(ctx: RequestContext, spotCheckId: string, itemId: string, body: ConcludeSpotCheckBody): Promise<SpotCheckDto> {
  const actor = requireActor(ctx);
  authorize(spotCheckAbilities(actor, actor.firmId), 'conclude', 'Only partners conclude spot-checks.');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const spotCheck = await trx.selectFrom('spotChecks').selectAll().where('firmId', '=', actor.firmId).where('id', '=', spotCheckId).executeTakeFirst();
    const item = spotCheck ? await repo.findItemForUpdate(trx, actor.firmId, spotCheckId, itemId) : undefined;
    if (!spotCheck || !item) {
      throw new NotFoundError('spot-check item');
    }
    if (item.version !== body.version) {
      throw new StaleVersionError('spot-check item');
    }
    if (item.result !== null) {
      throw new ConflictError('This task’s spot-check is already concluded.', 'already_concluded');
    }
    const task = await findTaskForUpdate(trx, actor.firmId, item.taskId);
    if (!task || !taskAbilities(actor, task).read) {
      throw new NotFoundError('spot-check item'); // a sampled task of a client the partner is not on stays hidden, as in getSpotCheck
    }
    if (task.preparedBy.includes(actor.userId) || task.preparerId === actor.userId) {
      throw new AppError(403, 'segregation_of_duties', 'You prepared this task, so another partner must spot-check it.');
    }
    const now = ctx.now();
    const findings = body.result === 'findings' ? (body.findings ?? '') : null;
    const concluded = await repo.concludeItem(trx, actor.firmId, itemId, body.version, { result: body.result, findings, concludedBy: actor.userId, concludedAt: now });
    if (!concluded) {
      throw new StaleVersionError('spot-check item');
    }
    await recordAudit(trx, ctx, actor.firmId, { type: 'spot_check.concluded', subjectType: 'spot_check', data: { taskId: task.id, result: body.result, findings } }, { id: spotCheckId, clientId: task.clientId });
    if (body.result === 'pass' || !findings) {
      return { month: spotCheck.month, reopened: null };
    }
    const note = await insertNote(trx, { id: newId(), firmId: actor.firmId, taskId: task.id, checklistItemId: null, category: 'other', body: findings, source: 'spot_check', authorId: actor.userId, createdAt: now, response: null, respondedBy: null, respondedAt: null, clearedBy: null, clearedAt: null });
    await recordAudit(trx, ctx, actor.firmId, { type: 'task.note_added', subjectType: 'task', data: { noteId: note.id, category: note.category, body: findings, checklistItemId: null, source: 'spot_check' } }, { id: task.id, clientId: task.clientId });
    let reopened = task;
    if (task.status === 'approved' || task.status === 'closed') {
      const updated = await updateTask(trx, actor.firmId, task.id, task.version, { status: 'returned', reworkCount: task.reworkCount + 1, approvedAt: null, approvedBy: null, closedAt: null, updatedAt: now });
      if (!updated) {
        throw new StaleVersionError('task');
      }
      reopened = updated;
      await recordAudit(
        trx,
        ctx,
        actor.firmId,
        { type: 'task.reopened', subjectType: 'task', data: { from: task.status, to: 'returned', reason: `Spot-check findings (${spotCheck.month})`, waitingOn: null, overrideReason: null, reworkCount: updated.reworkCount } },
        { id: task.id, clientId: task.clientId },
      );
    }
    return { month: spotCheck.month, reopened };
  });
  if (result.reopened) {
    publish(result.reopened, 'task.reopened', actor.userId);
  }
  return getSpotCheck(ctx, result.month);
}
