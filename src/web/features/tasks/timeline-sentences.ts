import type { MantineColor } from '@mantine/core';
import type { TaskDetailDto, TimelineEntryDto } from '../../../shared/tasks';
import { TASK_STATE_COLORS } from '../../components/status-colors';
import { BLOCKED_ON_LABELS, NOTE_CATEGORY_LABELS, formatFigure, plural } from '../../lib/tracker-copy';
import { BlockedOnSchema, NoteCategorySchema } from '../../../shared/tasks';

export interface TimelineLine {
  id: string;
  occurredAt: string;
  /** "Offshore Preparer One submitted for review" */
  sentence: string;
  /** A reason, a note's text or a response, shown under the sentence. */
  detail: string | null;
  color: MantineColor;
}

/**
 * Turns a task's recorded events (oldest first) into readable lines, newest first. Open review
 * notes are counted along the way, so a return reads "returned it: 2 open notes" as it was then.
 */
export function toTimelineLines(entries: readonly TimelineEntryDto[], task: Pick<TaskDetailDto, 'checklistItems'>): TimelineLine[] {
  const itemText = new Map(task.checklistItems.map((item) => [item.id, item.text]));
  const openNotes = new Set<string>();
  const lines: TimelineLine[] = [];
  for (const entry of entries) {
    const who = entry.actor?.name ?? 'Tickmark';
    const data = entry.data;
    const reason = text(data.reason);
    const noteId = text(data.noteId);
    let sentence: string;
    let detail: string | null = reason;
    let color: MantineColor = 'gray';
    switch (entry.type) {
      case 'task.created':
        sentence = 'Task created for the period';
        break;
      case 'task.started':
        sentence = `${who} started the work`;
        color = TASK_STATE_COLORS.in_progress;
        break;
      case 'task.submitted':
        sentence = `${who} submitted for review`;
        color = TASK_STATE_COLORS.ready_for_review;
        break;
      case 'task.returned':
        sentence = `${who} returned it: ${plural(openNotes.size, 'open note')}`;
        color = TASK_STATE_COLORS.returned;
        break;
      case 'task.resumed':
        sentence = `${who} resumed work`;
        color = TASK_STATE_COLORS.in_progress;
        break;
      case 'task.approved': {
        const override = text(data.overrideReason);
        sentence = override ? `${who} approved it, overriding the open items` : `${who} approved it`;
        detail = override;
        color = TASK_STATE_COLORS.approved;
        break;
      }
      case 'task.closed':
        sentence = `${who} closed it`;
        color = TASK_STATE_COLORS.closed;
        break;
      case 'task.blocked': {
        const waitingOn = BlockedOnSchema.safeParse(data.waitingOn);
        sentence = `${who} marked it blocked${waitingOn.success ? `, waiting on ${BLOCKED_ON_LABELS[waitingOn.data].toLowerCase()}` : ''}`;
        color = TASK_STATE_COLORS.blocked;
        break;
      }
      case 'task.unblocked':
        sentence = `${who} unblocked it`;
        color = TASK_STATE_COLORS.in_progress;
        break;
      case 'task.reopened':
        sentence = `${who} reopened approved work`;
        color = TASK_STATE_COLORS.returned;
        break;
      case 'task.note_added': {
        const category = NoteCategorySchema.safeParse(data.category);
        const item = itemText.get(text(data.checklistItemId) ?? '');
        const kind = category.success ? NOTE_CATEGORY_LABELS[category.data].toLowerCase() : 'review';
        sentence = `${who} added a ${kind} note${item ? ` on “${item}”` : ''}${text(data.source) === 'spot_check' ? ' (partner spot-check)' : ''}`;
        detail = text(data.body);
        color = 'orange';
        if (noteId) {
          openNotes.add(noteId);
        }
        break;
      }
      case 'task.note_responded':
        sentence = `${who} responded to a review note`;
        detail = text(data.response);
        color = 'violet';
        break;
      case 'task.note_cleared':
        sentence = `${who} cleared a review note`;
        color = 'green';
        if (noteId) {
          openNotes.delete(noteId);
        }
        break;
      case 'task.checklist_item_completed': {
        const item = itemText.get(text(data.itemId) ?? '') ?? text(data.itemKey) ?? 'a checklist item';
        sentence = `${who} completed “${item}”`;
        const figure = text(data.figure);
        detail = figure ? `Figure: ${formatFigure(figure)}` : text(data.note) ?? (text(data.documentId) ? 'With an attached file' : null);
        color = 'blue';
        break;
      }
      case 'task.checklist_item_reopened': {
        const item = itemText.get(text(data.itemId) ?? '') ?? text(data.itemKey) ?? 'a checklist item';
        sentence = `${who} unticked “${item}”`;
        color = 'gray';
        break;
      }
      case 'task.reassigned':
        sentence = `${who} reassigned the task`;
        color = 'indigo';
        break;
      case 'task.updated': {
        const after = data.after && typeof data.after === 'object' ? Object.keys(data.after) : [];
        const fields = after.map((key) => FIELD_NAMES[key] ?? key).join(', ');
        sentence = fields ? `${who} changed the ${fields}` : `${who} changed the task`;
        color = 'gray';
        break;
      }
      case 'task.document_uploaded':
      case 'document.uploaded':
        sentence = `${who} uploaded ${text(data.filename) ?? 'a file'}`;
        color = 'cyan';
        break;
      default:
        sentence = `${who}: ${entry.type.replace(/^task\./, '').replaceAll('_', ' ')}`;
    }
    lines.push({ id: entry.id, occurredAt: entry.occurredAt, sentence, detail, color });
  }
  return lines.reverse();
}

const FIELD_NAMES: Record<string, string> = {
  priority: 'priority',
  dueOn: 'due date',
  estimatedMinutes: 'estimate',
  actualMinutes: 'time spent',
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
