import { availableActions } from '../../../domain/tasks/transitions';
import { TRANSITIONS, type TaskAction } from '../../../domain/tasks/task-states';
import type { Actor } from '../../context';
import { taskAbilities } from '../../policies/task.policy';
import type { TaskDetailDto, TaskSummaryDto } from '../../../shared/tasks';
import { factsOf, type TaskBundle } from './task-bundle';
import type { TaskListRow } from './tasks.repository';

const person = (id: string | null, names: Map<string, string>) => (id ? { id, name: names.get(id) ?? 'Former member' } : null);

export function presentTaskSummary(row: TaskListRow, today: string): TaskSummaryDto {
  return {
    id: row.id,
    title: row.title,
    client: { id: row.clientId, name: row.clientName },
    workflow: { id: row.workflowId, key: row.workflowKey, name: row.workflowName },
    period: row.period,
    periodEnd: row.periodEnd,
    status: row.status,
    preparer: { id: row.preparerId, name: row.preparerName },
    reviewer: { id: row.reviewerId, name: row.reviewerName },
    dueOn: row.dueOn,
    isOverdue: row.dueOn < today && row.status !== 'approved' && row.status !== 'closed',
    priority: row.priority,
    reworkCount: row.reworkCount,
    blockedReason: row.blockedReason,
    blockedOn: row.blockedOn,
    checklist: { done: row.checklistDone, total: row.checklistTotal },
    openNotes: row.openNotes,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The task page: the task, its checklist, notes, files, what the viewer may do and what happens next. */
export function presentTaskDetail(actor: Actor, bundle: TaskBundle, today: string): TaskDetailDto {
  const { task, names, items, notes } = bundle;
  const facts = factsOf(task, items, notes);
  const actions = availableActions(facts, { userId: actor.userId, role: actor.role }).map((a) => ({ ...a, label: TRANSITIONS[a.action].label }));
  const summary = presentTaskSummary(
    {
      ...task,
      clientName: bundle.clientName,
      workflowKey: bundle.workflow.key,
      workflowName: bundle.workflow.name,
      preparerName: names.get(task.preparerId) ?? 'Former member',
      reviewerName: names.get(task.reviewerId) ?? 'Former member',
      checklistDone: items.filter((i) => i.completedAt !== null).length,
      checklistTotal: items.length,
      openNotes: notes.filter((n) => n.clearedAt === null).length,
    },
    today,
  );
  return {
    ...summary,
    workflowSteps: bundle.workflow.steps.map((s) => ({ key: s.key, name: s.name, ownerRole: s.ownerRole, lane: s.lane })),
    periodStart: task.periodStart,
    estimatedMinutes: task.estimatedMinutes,
    actualMinutes: task.actualMinutes,
    checklistVersion: task.checklistVersion,
    currentChecklistVersion: bundle.workflow.checklistVersion,
    checklistItems: items.map((i) => {
      const doc = i.documentId ? bundle.documents.find((d) => d.id === i.documentId) : undefined;
      return {
        id: i.id,
        key: i.itemKey,
        position: i.position,
        text: i.text,
        help: i.help,
        evidence: i.evidence,
        required: i.required,
        completedAt: i.completedAt?.toISOString() ?? null,
        completedBy: person(i.completedBy, names),
        note: i.note,
        figure: i.figure,
        document: doc ? { id: doc.id, filename: doc.filename, sizeBytes: doc.sizeBytes } : null,
        version: i.version,
      };
    }),
    notes: notes.map((n) => ({
      id: n.id,
      checklistItemId: n.checklistItemId,
      statementLineId: n.statementLineId,
      category: n.category,
      body: n.body,
      source: n.source,
      author: person(n.authorId, names) ?? { id: n.authorId, name: 'Former member' },
      createdAt: n.createdAt.toISOString(),
      response: n.response,
      respondedBy: person(n.respondedBy, names),
      respondedAt: n.respondedAt?.toISOString() ?? null,
      clearedBy: person(n.clearedBy, names),
      clearedAt: n.clearedAt?.toISOString() ?? null,
      status: n.clearedAt ? 'cleared' : n.respondedAt ? 'responded' : 'open',
      version: n.version,
    })),
    documents: bundle.documents.map((d) => ({ id: d.id, filename: d.filename, contentType: d.contentType, sizeBytes: d.sizeBytes, uploadedAt: d.uploadedAt.toISOString(), uploadedBy: person(d.uploadedBy, names) ?? { id: d.uploadedBy, name: 'Former member' } })),
    startedAt: task.startedAt?.toISOString() ?? null,
    submittedAt: task.submittedAt?.toISOString() ?? null,
    approvedAt: task.approvedAt?.toISOString() ?? null,
    approvedBy: person(task.approvedBy, names),
    actions,
    nextAction: nextActionOf(task.status, actions, names.get(task.preparerId) ?? 'the preparer', names.get(task.reviewerId) ?? 'the reviewer'),
    abilities: taskAbilities(actor, task),
  };
}

function nextActionOf(status: TaskDetailDto['status'], actions: Array<{ action: TaskAction; allowed: boolean }>, preparer: string, reviewer: string): TaskDetailDto['nextAction'] {
  const mine = actions.find((a) => a.allowed && a.action !== 'block' && a.action !== 'reopen');
  const label: Record<TaskDetailDto['status'], [string, string]> = {
    not_started: ['Start the work', preparer],
    in_progress: ['Complete the checklist and submit for review', preparer],
    ready_for_review: ['Review, then approve or return with notes', reviewer],
    returned: ['Answer the review notes and resubmit', preparer],
    approved: ['Close the task', reviewer],
    closed: ['Nothing left to do', '—'],
    blocked: ['Unblock when the missing input arrives', `${preparer} or ${reviewer}`],
  };
  const [text, who] = label[status];
  return { action: mine?.action ?? null, label: text, who };
}
