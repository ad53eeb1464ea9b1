import { TASK_ACTIONS, TRANSITIONS, type BlockedOn, type SystemTaskAction, type TaskAction, type TaskStatus } from './task-states';

/** The actor of system actions (no person; a user role is never `system`). */
export const SYSTEM_ACTOR = { userId: 'system', role: 'system' } as const;

/** The facts about a task that its transitions depend on. */
export interface TaskFacts {
  status: TaskStatus;
  preparerId: string;
  reviewerId: string;
  /** Everyone who did preparer work on this task (started, completed items, submitted). */
  preparedBy: readonly string[];
  blockedFromStatus: TaskStatus | null;
  /** Required checklist items not completed with their evidence. */
  openRequiredItems: number;
  /** Review notes the preparer has not responded to yet. */
  unansweredNotes: number;
  /** Review notes the reviewer has not cleared yet. */
  unclearedNotes: number;
}

export interface Attempt {
  action: TaskAction | SystemTaskAction;
  actor: { userId: string; role: string };
  /** Why (required to block, to reopen, and for any partner override). */
  reason?: string | undefined;
  waitingOn?: BlockedOn | undefined;
  /** A partner's explicit override of an overridable rule, with `reason`. */
  override?: boolean | undefined;
}

export type Refusal = {
  ok: false;
  code: 'invalid_transition' | 'not_your_task' | 'segregation_of_duties' | 'checklist_incomplete' | 'open_review_notes' | 'reason_required';
  message: string;
};

export type Decision = {
  ok: true;
  to: TaskStatus;
  /** Returning with open notes is one rework cycle. */
  countsAsRework: boolean;
  /** The actor did preparer work by this action. */
  isPreparerWork: boolean;
  /** A partner set aside an overridable rule; the reason goes to the audit log. */
  overridden: string | null;
};

/**
 * Decides one attempted action on a task: allowed (and the next state) or refused with a code and
 * a sentence. Segregation of duties lives here: whoever prepared a task never reviews, returns or
 * approves it, and no override changes that.
 */
export function decideTransition(task: TaskFacts, attempt: Attempt): Decision | Refusal {
  const rule = TRANSITIONS[attempt.action];
  const { userId, role } = attempt.actor;
  if (!rule.from.includes(task.status)) {
    return refuse('invalid_transition', `A task that is ${task.status.replace(/_/g, ' ')} cannot be ${pastTense(attempt.action)}.`);
  }
  const isPreparer = userId === task.preparerId;
  const isReviewer = userId === task.reviewerId;
  const hasPrepared = task.preparedBy.includes(userId) || isPreparer;
  const isPartner = role === 'partner';

  switch (rule.by) {
    case 'preparer':
      if (!isPreparer) {
        return refuse('not_your_task', 'Only the task’s preparer can do this.');
      }
      break;
    case 'reviewer':
      if (hasPrepared) {
        return refuse('segregation_of_duties', 'You prepared this task, so you cannot review, return or approve it.');
      }
      if (!isReviewer && !isPartner) {
        return refuse('not_your_task', 'Only the task’s reviewer or a partner can do this.');
      }
      break;
    case 'preparerOrReviewer':
      if (!isPreparer && !isReviewer && !isPartner) {
        return refuse('not_your_task', 'Only the task’s preparer, its reviewer or a partner can do this.');
      }
      break;
    case 'partner':
      if (!isPartner) {
        return refuse('not_your_task', 'Only a partner can reopen approved work.');
      }
      if (hasPrepared) {
        return refuse('segregation_of_duties', 'You prepared this task, so you cannot reopen it for review.');
      }
      break;
    case 'system':
      if (role !== SYSTEM_ACTOR.role) {
        return refuse('not_your_task', 'Only Tickmark suspends a sign-off, when a later import changes the approved period.');
      }
      break;
  }

  const reason = attempt.reason?.trim() ?? '';
  let overridden: string | null = null;
  switch (attempt.action) {
    case 'submit':
      if (task.openRequiredItems > 0) {
        return refuse('checklist_incomplete', `${task.openRequiredItems} required checklist ${task.openRequiredItems === 1 ? 'item is' : 'items are'} still open.`);
      }
      if (task.unansweredNotes > 0) {
        return refuse('open_review_notes', `Respond to the ${task.unansweredNotes} open review ${task.unansweredNotes === 1 ? 'note' : 'notes'} before resubmitting.`);
      }
      break;
    case 'return':
      if (task.unclearedNotes === 0) {
        return refuse('open_review_notes', 'Add a review note that says what to fix before returning the task.');
      }
      break;
    case 'approve':
      if (task.unclearedNotes > 0 || task.openRequiredItems > 0) {
        if (!(isPartner && attempt.override && reason !== '')) {
          return refuse(
            task.unclearedNotes > 0 ? 'open_review_notes' : 'checklist_incomplete',
            task.unclearedNotes > 0 ? 'Clear every review note before approving (a partner may override with a reason).' : 'Required checklist items are open (a partner may override with a reason).',
          );
        }
        overridden = reason;
      }
      break;
    case 'block':
      if (reason === '' || !attempt.waitingOn) {
        return refuse('reason_required', 'Say what the task is waiting on and why.');
      }
      break;
    case 'reopen':
      if (reason === '') {
        return refuse('reason_required', 'Give the reason for reopening approved work.');
      }
      break;
    case 'start':
    case 'resume':
    case 'close':
    case 'unblock':
    case 'suspend_signoff':
      break;
  }

  const to = rule.to === 'previous' ? (task.blockedFromStatus ?? 'in_progress') : rule.to;
  return {
    ok: true,
    to,
    countsAsRework: attempt.action === 'return' || attempt.action === 'reopen',
    isPreparerWork: attempt.action === 'start' || attempt.action === 'submit' || attempt.action === 'resume',
    overridden,
  };
}

/** The actions `userId` could take now, for the UI's "next action" (refusals kept with their reasons). */
export function availableActions(task: TaskFacts, actor: Attempt['actor']): Array<{ action: TaskAction; allowed: boolean; reason: string | null }> {
  return TASK_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(task.status))
    .map((action) => {
      const decision = decideTransition(task, { action, actor, reason: 'x', waitingOn: 'other' });
      return { action, allowed: decision.ok, reason: decision.ok ? null : decision.message };
    });
}

function refuse(code: Refusal['code'], message: string): Refusal {
  return { ok: false, code, message };
}

function pastTense(action: TaskAction | SystemTaskAction): string {
  const words: Record<TaskAction | SystemTaskAction, string> = {
    start: 'started',
    submit: 'submitted for review',
    return: 'returned',
    resume: 'resumed',
    approve: 'approved',
    close: 'closed',
    block: 'blocked',
    unblock: 'unblocked',
    reopen: 'reopened',
    suspend_signoff: 'suspended',
  };
  return words[action];
}
