import type { z } from 'zod';
import { STATUS_LABELS, TASK_STATUSES, type BlockedOn, type EvidenceKind, type NoteCategory, type Priority, type TaskStatus } from '../../domain/tasks/task-states';
import type { DueRuleSchema } from '../../shared/workflows';

/** The words the tracker uses for its states, categories and rules, in one place. */

export { STATUS_LABELS, TASK_STATUSES };
export type { TaskStatus };

/** Board columns and status chips, in the order work flows. */
export const BOARD_ORDER: readonly TaskStatus[] = ['not_started', 'in_progress', 'ready_for_review', 'returned', 'blocked', 'approved', 'closed'];

export const NOTE_CATEGORY_LABELS: Record<NoteCategory, string> = {
  missing_documentation: 'Missing documentation',
  calculation_error: 'Calculation error',
  misclassification: 'Misclassification',
  policy: 'Policy',
  formatting: 'Formatting',
  other: 'Other',
};

export const BLOCKED_ON_LABELS: Record<BlockedOn, string> = {
  client_documents: 'Client documents',
  clarification: 'A clarification',
  other: 'Something else',
};

export const EVIDENCE_LABELS: Record<EvidenceKind, string> = {
  none: 'Tick only',
  note: 'Note',
  attachment: 'Attachment',
  figure: 'Figure',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-10" → "Oct 2026"; "2026-Q3" and other shapes are shown as they are. */
export function formatPeriod(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) {
    return period;
  }
  return `${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

/** The months before `today`'s, newest first, as 'YYYY-MM' (period pickers). */
export function recentMonths(today: string, count: number, includeCurrent = true): string[] {
  const [y = 1970, m = 1] = today.split('-').map(Number);
  const months: string[] = [];
  for (let i = includeCurrent ? 0 : 1; months.length < count; i += 1) {
    const index = y * 12 + (m - 1) - i;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

/** "BD+5" for five business days after period end; "10th of next month" for a calendar day. */
export function formatDueRule(rule: z.infer<typeof DueRuleSchema>, frequency: 'monthly' | 'quarterly' | 'annual'): string {
  switch (rule.kind) {
    case 'business_days':
      return `BD+${rule.days}`;
    case 'calendar_day':
      return frequency === 'monthly' ? `${ordinal(rule.day)} of next month` : `${ordinal(rule.day)} of the month after period end`;
  }
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) {
    return `${n}th`;
  }
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/**
 * A figure as entered ("-48210.5") with thousands separators ("-48,210.5"). Works on the text, so
 * no float ever rounds an amount.
 */
export function formatFigure(figure: string): string {
  const isNegative = figure.startsWith('-');
  const [whole = '', fraction] = figure.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${isNegative ? '−' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** What a person typed as a figure ("48,210.55 ") in the API's form ("48210.55"), or null if it is not a number. */
export function parseFigure(text: string): string | null {
  const cleaned = text.trim().replace(/[,\s]/g, '').replace(/^−/, '-');
  return /^-?\d{1,15}(\.\d{1,6})?$/.test(cleaned) ? cleaned : null;
}

/** "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 102.4) / 10} KB`;
  }
  return `${Math.round(bytes / (1024 * 102.4)) / 10} MB`;
}

/** "1 note", "3 notes". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
