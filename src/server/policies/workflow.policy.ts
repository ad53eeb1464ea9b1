import type { Actor } from '../context';

export type WorkflowAction = 'read' | 'manage';

/** Workflow templates are the firm's method: staff read them; admins and partners change them. */
export function workflowAbilities(actor: Actor, workflow: { firmId: string }): Record<WorkflowAction, boolean> {
  const isSameFirm = actor.firmId === workflow.firmId;
  const isStaff = isSameFirm && actor.role !== 'client' && actor.role !== 'auditor';
  return { read: isStaff, manage: isStaff && (actor.role === 'admin' || actor.role === 'partner') };
}

export type ServiceAction = 'read' | 'manage';

/** A client's subscription to a workflow: visible to staff on that client, managed by admins and partners. */
export function serviceAbilities(actor: Actor, service: { firmId: string; clientId: string }): Record<ServiceAction, boolean> {
  const isSameFirm = actor.firmId === service.firmId;
  const seesClient = isSameFirm && (actor.role === 'admin' || actor.clientIds.has(service.clientId));
  const isStaff = seesClient && actor.role !== 'client' && actor.role !== 'auditor';
  return { read: isStaff, manage: isStaff && (actor.role === 'admin' || actor.role === 'partner') };
}
