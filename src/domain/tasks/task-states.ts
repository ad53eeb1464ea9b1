/**
 * The tracker's states and actions, and the one table that says which action moves a task from
 * which state to which. Nothing else in the code base defines a transition.
 */
export const TASK_STATUSES = ['not_started', 'in_progress', 'ready_for_review', 'returned', 'approved', 'closed', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = ['start', 'submit', 'return', 'resume', 'approve', 'close', 'block', 'unblock', 'reopen'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * Actions only Tickmark itself takes, never a person: `suspend_signoff` withdraws an approval
 * when a later bank or ledger import changes the approved reconciliation's period.
 */
export const SYSTEM_TASK_ACTIONS = ['suspend_signoff'] as const;
export type SystemTaskAction = (typeof SYSTEM_TASK_ACTIONS)[number];

/** Who may take an action, before segregation of duties narrows it further. */
export type ActionParty = 'preparer' | 'reviewer' | 'preparerOrReviewer' | 'partner' | 'system';

export interface TransitionRule {
  from: readonly TaskStatus[];
  /** The state after the action; `previous` means the state the task was blocked from. */
  to: TaskStatus | 'previous';
  by: ActionParty;
  label: string;
}

export const TRANSITIONS: Record<TaskAction | SystemTaskAction, TransitionRule> = {
  start: { from: ['not_started'], to: 'in_progress', by: 'preparer', label: 'Start' },
  submit: { from: ['in_progress'], to: 'ready_for_review', by: 'preparer', label: 'Submit for review' },
  return: { from: ['ready_for_review'], to: 'returned', by: 'reviewer', label: 'Return to preparer' },
  resume: { from: ['returned'], to: 'in_progress', by: 'preparer', label: 'Resume work' },
  approve: { from: ['ready_for_review'], to: 'approved', by: 'reviewer', label: 'Approve' },
  close: { from: ['approved'], to: 'closed', by: 'reviewer', label: 'Close' },
  block: { from: ['not_started', 'in_progress', 'returned'], to: 'blocked', by: 'preparerOrReviewer', label: 'Mark blocked' },
  unblock: { from: ['blocked'], to: 'previous', by: 'preparerOrReviewer', label: 'Unblock' },
  reopen: { from: ['approved', 'closed'], to: 'returned', by: 'partner', label: 'Reopen' },
  suspend_signoff: { from: ['approved', 'closed'], to: 'ready_for_review', by: 'system', label: 'Suspend sign-off' },
};

export const STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  ready_for_review: 'Ready for review',
  returned: 'Returned',
  approved: 'Approved',
  closed: 'Closed',
  blocked: 'Blocked',
};

export const BLOCKED_ON = ['client_documents', 'clarification', 'other'] as const;
export type BlockedOn = (typeof BLOCKED_ON)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const NOTE_CATEGORIES = ['missing_documentation', 'calculation_error', 'misclassification', 'policy', 'formatting', 'other'] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

export const EVIDENCE_KINDS = ['none', 'note', 'attachment', 'figure'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
