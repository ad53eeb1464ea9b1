import type { RequestContext } from '../../context';
import { requireActor } from '../../context';
import type { Trx } from '../../db/database';
import type { ChecklistItemJson, WorkflowRow } from '../../db/schema';
import { recordAudit } from '../../audit/record-audit';
import { ForbiddenError, NotFoundError, StaleVersionError } from '../../errors';
import { newId } from '../../ids';
import { authorize, readableOrNotFound } from '../../policies';
import { workflowAbilities } from '../../policies/workflow.policy';
import type { WorkflowDto } from '../../../shared/workflows';
import { WORKFLOW_LIBRARY } from '../../db/workflow-library';
import * as repo from './workflows.repository';

export async function listWorkflows(ctx: RequestContext): Promise<WorkflowDto[]> {
  const actor = requireActor(ctx);
  if (!workflowAbilities(actor, { firmId: actor.firmId }).read) {
    throw new ForbiddenError('Workflow templates are for the firm’s staff.');
  }
  const [workflows, checklists] = await Promise.all([repo.listWorkflows(ctx.db, actor.firmId), repo.listCurrentChecklists(ctx.db, actor.firmId)]);
  return workflows.map((w) => present(ctx, w, checklists.find((c) => c.workflowId === w.id)?.items ?? []));
}

export async function getWorkflow(ctx: RequestContext, id: string): Promise<WorkflowDto> {
  const actor = requireActor(ctx);
  const workflow = await repo.findWorkflow(ctx.db, actor.firmId, id);
  if (!workflow) {
    throw new NotFoundError('workflow');
  }
  readableOrNotFound(workflowAbilities(actor, workflow), 'workflow');
  const checklists = await repo.listCurrentChecklists(ctx.db, actor.firmId);
  return present(ctx, workflow, checklists.find((c) => c.workflowId === id)?.items ?? []);
}

/**
 * Publishes a new checklist version. Tasks already started keep the version they started with;
 * tasks started from now on get this one.
 */
export async function createChecklistVersion(ctx: RequestContext, id: string, input: { items: ChecklistItemJson[]; changeNote: string; version: number }): Promise<WorkflowDto> {
  const actor = requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const workflow = await repo.findWorkflowForUpdate(trx, actor.firmId, id);
    if (!workflow) {
      throw new NotFoundError('workflow');
    }
    const abilities = workflowAbilities(actor, workflow);
    readableOrNotFound(abilities, 'workflow');
    authorize(abilities, 'manage', 'Only admins and partners change checklists.');
    if (workflow.version !== input.version) {
      throw new StaleVersionError('workflow');
    }
    const next = workflow.checklistVersion + 1;
    await repo.insertChecklistTemplate(trx, { id: newId(), firmId: actor.firmId, workflowId: id, version: next, items: JSON.stringify(input.items), changeNote: input.changeNote, createdBy: actor.userId });
    const updated = await repo.setChecklistVersion(trx, actor.firmId, id, input.version, next, ctx.now());
    if (!updated) {
      throw new StaleVersionError('workflow');
    }
    await recordAudit(trx, ctx, actor.firmId, { type: 'workflow.checklist_versioned', subjectType: 'workflow', data: { version: next, items: input.items.length, changeNote: input.changeNote } }, { id });
    return present(ctx, updated, input.items);
  });
}

/** Gives a firm the standard workflow library (first checklist version of each); used for new and demo firms. */
export async function installWorkflowLibrary(trx: Trx, firmId: string): Promise<Map<string, WorkflowRow>> {
  const installed = new Map<string, WorkflowRow>();
  for (const def of WORKFLOW_LIBRARY) {
    const workflow = await repo.insertWorkflow(trx, { id: newId(), firmId, key: def.key, name: def.name, description: def.description, steps: JSON.stringify(def.steps) });
    await repo.insertChecklistTemplate(trx, { id: newId(), firmId, workflowId: workflow.id, version: 1, items: JSON.stringify(def.checklist), changeNote: 'First version', createdBy: null });
    installed.set(def.key, workflow);
  }
  return installed;
}

function present(ctx: RequestContext, workflow: WorkflowRow, checklist: ChecklistItemJson[]): WorkflowDto {
  return {
    id: workflow.id,
    key: workflow.key,
    name: workflow.name,
    description: workflow.description,
    steps: workflow.steps,
    checklistVersion: workflow.checklistVersion,
    checklist,
    version: workflow.version,
    abilities: { manage: workflowAbilities(requireActor(ctx), workflow).manage },
  };
}
