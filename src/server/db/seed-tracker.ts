import type { Actor, RequestContext } from '../context';
import type { Db } from './database';
import type { Role, TaskRow } from './schema';
import { installWorkflowLibrary } from '../modules/workflows/workflows.service';
import { generateTasks } from '../modules/services/task-generation';
import { transitionTask } from '../modules/tasks/tasks.service';
import { addNote, clearNote, respondToNote, updateChecklistItem } from '../modules/tasks/task-review.service';
import { newId } from '../ids';
import { concludeSpotCheckItem, drawSpotCheck } from '../modules/spot-checks/spot-checks.service';
import { sha256, type FileStorage } from '../storage/file-storage';
import { prepareDemoBanking, type DemoBanking } from './seed-reconciliation';
import type { DueRule, Frequency } from '../../domain/tasks/schedule';
import type { NoteCategory } from '../../domain/tasks/task-states';

interface Person {
  id: string;
  role: Role;
  email: string;
  name: string;
}

const SERVICES: Array<{ client: string; workflow: string; frequency: Frequency; due: DueRule; preparer: string; reviewer: string }> = [
  { client: 'Copperline Bakery Co.', workflow: 'bank-reconciliation', frequency: 'monthly', due: { kind: 'business_days', days: 5 }, preparer: 'preparer1', reviewer: 'reviewer1' },
  { client: 'Copperline Bakery Co.', workflow: 'month-end-close', frequency: 'monthly', due: { kind: 'business_days', days: 8 }, preparer: 'preparer3', reviewer: 'reviewer1' },
  { client: 'Copperline Bakery Co.', workflow: 'ap-processing', frequency: 'monthly', due: { kind: 'calendar_day', day: 10 }, preparer: 'preparer1', reviewer: 'reviewer1' },
  { client: 'Meridian Dental Partners', workflow: 'bank-reconciliation', frequency: 'monthly', due: { kind: 'business_days', days: 5 }, preparer: 'preparer2', reviewer: 'reviewer2' },
  { client: 'Meridian Dental Partners', workflow: 'payroll-support', frequency: 'monthly', due: { kind: 'business_days', days: 3 }, preparer: 'preparer2', reviewer: 'reviewer1' },
  { client: 'Meridian Dental Partners', workflow: 'journal-entries', frequency: 'monthly', due: { kind: 'business_days', days: 6 }, preparer: 'preparer2', reviewer: 'reviewer2' },
  { client: 'Tidewater Marine Supply', workflow: 'bank-reconciliation', frequency: 'monthly', due: { kind: 'business_days', days: 5 }, preparer: 'preparer3', reviewer: 'reviewer2' },
  { client: 'Tidewater Marine Supply', workflow: 'month-end-close', frequency: 'monthly', due: { kind: 'business_days', days: 8 }, preparer: 'preparer3', reviewer: 'reviewer2' },
  { client: 'Tidewater Marine Supply', workflow: 'audit-pbc', frequency: 'quarterly', due: { kind: 'business_days', days: 20 }, preparer: 'preparer3', reviewer: 'reviewer2' },
];

const NOTES: Array<{ category: NoteCategory; body: string; response: string }> = [
  { category: 'missing_documentation', body: 'The statement attached is for the wrong account (ending 4471). Attach the operating account statement.', response: 'Replaced with the operating account statement ending 2210.' },
  { category: 'calculation_error', body: 'Outstanding checks total does not foot: 12,480.00 listed vs 12,840.00 in the schedule.', response: 'Transposition fixed; schedule now foots to 12,480.00.' },
  { category: 'misclassification', body: 'Merchant fees were coded to office supplies. Reclassify to bank charges.', response: 'Reclassified to 6120 Bank charges.' },
  { category: 'policy', body: 'Checks older than 180 days must be listed for escheatment review per the client policy.', response: 'Added the two stale checks with a follow-up note to the client.' },
  { category: 'formatting', body: 'Please label the reconciling items with the check numbers as on the statement.', response: 'Labels updated.' },
];

/**
 * The demo firm's tracker: the six standard workflows, nine services across the three clients,
 * twelve months of completed history (with returns and review notes), and this period's tasks
 * spread across every state. Everything goes through the real services, so the audit log and
 * the timelines are genuine evidence of what happened.
 */
export async function seedTracker(db: Db, firmId: string, people: Map<string, Person>, clients: Map<string, string>, today: Date, files: FileStorage | null): Promise<void> {
  const banking = await prepareDemoBanking(adminContext(db, firmId, people, clients, today, files), clients, today);
  let clock = new Date(today.getTime() - 400 * 86_400_000);
  const ctxFor = (person: Person | null): RequestContext => ({
    db,
    actor: person ? actorOf(firmId, person, [...clients.values()]) : null,
    requestId: `seed-${newId()}`,
    ip: null,
    userAgent: 'tickmark-seed',
    now: () => clock,
    files,
  });
  const system = ctxFor(null);
  const workflows = await db.transaction().execute((trx) => installWorkflowLibrary(trx, firmId));
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 12, 1)).toISOString().slice(0, 10);
  await db.transaction().execute(async (trx) => {
    for (const s of SERVICES) {
      await trx
        .insertInto('services')
        .values({
          id: newId(),
          firmId,
          clientId: clients.get(s.client) ?? '',
          workflowId: workflows.get(s.workflow)?.id ?? '',
          frequency: s.frequency,
          dueRule: JSON.stringify(s.due),
          preparerId: people.get(s.preparer)?.id ?? '',
          reviewerId: people.get(s.reviewer)?.id ?? '',
          startsOn: start,
          priority: s.workflow === 'bank-reconciliation' ? 'high' : 'normal',
          estimatedMinutes: s.workflow === 'bank-reconciliation' ? 120 : 240,
        })
        .execute();
    }
    await generateTasks(trx, system, firmId, today.toISOString().slice(0, 10));
  });

  const tasks = await db.selectFrom('tasks').selectAll().where('firmId', '=', firmId).orderBy('periodEnd').orderBy('title').execute();
  const latestEnd = tasks.at(-1)?.periodEnd ?? '';
  const byId = new Map([...people.values()].map((p) => [p.id, p]));
  let n = 0;
  for (const task of tasks) {
    const isCurrent = task.periodEnd === latestEnd;
    clock = new Date(`${task.dueOn}T09:00:00Z`);
    clock = new Date(clock.getTime() - 3 * 86_400_000);
    const preparer = byId.get(task.preparerId);
    const reviewer = byId.get(task.reviewerId);
    if (!preparer || !reviewer) {
      continue;
    }
    const isBankRec = task.workflowId === workflows.get('bank-reconciliation')?.id;
    // This month's bank reconciliations are started, with the client's files attached, ready to reconcile.
    const plan = isBankRec && banking.isCurrent(task) ? ['start' as const] : isCurrent ? currentPlan(n++) : historyPlan(n++);
    await playPlan(task, plan, { preparer: ctxFor(preparer), reviewer: ctxFor(reviewer), advance: (hours) => (clock = new Date(clock.getTime() + hours * 3_600_000)), banking: isBankRec ? banking : null });
  }

  // Last month's partner spot-check: drawn, with the first sampled task concluded as a pass.
  clock = today;
  const partner = people.get('partner');
  if (partner) {
    const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const drawn = await drawSpotCheck(ctxFor(partner), month);
    const first = drawn.items[0];
    if (drawn.spotCheck && first) {
      await concludeSpotCheckItem(ctxFor(partner), drawn.spotCheck.id, first.id, { result: 'pass', version: first.version });
    }
  }
}

type Step = 'start' | 'checklist' | 'submit' | 'note' | 'return' | 'respond' | 'resume' | 'resubmit' | 'clear' | 'approve' | 'close' | 'block' | 'partial';

/** Most history closes first time; about one in four went back once for rework. */
function historyPlan(n: number): Step[] {
  return n % 4 === 1
    ? ['start', 'checklist', 'submit', 'note', 'return', 'resume', 'respond', 'resubmit', 'clear', 'approve', 'close']
    : ['start', 'checklist', 'submit', 'approve', 'close'];
}

/** This period: one of every state, so the board and the queues have something in each column. */
function currentPlan(n: number): Step[] {
  const plans: Step[][] = [
    [],
    ['start', 'partial'],
    ['start', 'checklist', 'submit'],
    ['start', 'checklist', 'submit', 'note', 'return'],
    ['start', 'checklist', 'submit', 'approve'],
    ['start', 'checklist', 'submit', 'approve', 'close'],
    ['start', 'block'],
    ['start', 'checklist', 'submit', 'note', 'return', 'resume', 'respond', 'resubmit'],
    [],
  ];
  return plans[n % plans.length] ?? [];
}

async function playPlan(task: TaskRow, plan: Step[], who: { preparer: RequestContext; reviewer: RequestContext; advance: (hours: number) => void; banking: DemoBanking | null }): Promise<void> {
  let version = task.version;
  let noteIndex = 0;
  const note = NOTES[(task.id.charCodeAt(task.id.length - 1) + task.period.length) % NOTES.length] ?? NOTES[0]!; // NOTES is not empty
  const move = async (ctx: RequestContext, action: Parameters<typeof transitionTask>[2]['action'], extra: { reason?: string; waitingOn?: 'client_documents' } = {}) => {
    who.advance(5);
    version = (await transitionTask(ctx, task.id, { action, version, ...extra })).task.version;
  };
  for (const step of plan) {
    switch (step) {
      case 'start':
        await move(who.preparer, 'start');
        await who.banking?.onStarted(task, who.preparer);
        break;
      case 'checklist':
      case 'partial': {
        const items = await who.preparer.db.selectFrom('taskChecklistItems').selectAll().where('taskId', '=', task.id).orderBy('position').execute();
        for (const item of step === 'partial' ? items.slice(0, 2) : items) {
          who.advance(1);
          const evidence = item.evidence === 'figure' ? { figure: '48210.55' } : item.evidence === 'note' ? { note: 'Checked against the client’s schedule; no exceptions.' } : {};
          if (item.evidence === 'attachment') {
            const doc = await attachSeedDocument(who.preparer, task, item.itemKey);
            version = (await updateChecklistItem(who.preparer, task.id, item.id, { completed: true, documentId: doc, version: item.version })).task.version;
          } else {
            version = (await updateChecklistItem(who.preparer, task.id, item.id, { completed: true, ...evidence, version: item.version })).task.version;
          }
        }
        break;
      }
      case 'submit':
      case 'resubmit':
        await move(who.preparer, 'submit');
        break;
      case 'note': {
        who.advance(20);
        const bundle = await addNote(who.reviewer, task.id, { category: note.category, body: note.body });
        version = bundle.task.version;
        noteIndex = bundle.notes.length - 1;
        break;
      }
      case 'return':
        await move(who.reviewer, 'return');
        break;
      case 'resume':
        await move(who.preparer, 'resume');
        break;
      case 'respond': {
        const notes = await who.preparer.db.selectFrom('reviewNotes').selectAll().where('taskId', '=', task.id).orderBy('createdAt').execute();
        const open = notes[noteIndex];
        if (open) {
          who.advance(10);
          version = (await respondToNote(who.preparer, task.id, open.id, { response: note.response, version: open.version })).task.version;
        }
        break;
      }
      case 'clear': {
        const notes = await who.reviewer.db.selectFrom('reviewNotes').selectAll().where('taskId', '=', task.id).where('clearedAt', 'is', null).execute();
        for (const open of notes) {
          who.advance(2);
          version = (await clearNote(who.reviewer, task.id, open.id, { version: open.version })).task.version;
        }
        break;
      }
      case 'approve':
        who.advance(20);
        await who.banking?.beforeApprove(task, who.reviewer);
        await move(who.reviewer, 'approve');
        break;
      case 'close':
        await move(who.reviewer, 'close');
        break;
      case 'block':
        await move(who.preparer, 'block', { reason: 'Waiting for the client to upload the month’s bank statement.', waitingOn: 'client_documents' });
        break;
    }
  }
}

/** A small text file standing in for the client's document, stored like any upload. */
async function attachSeedDocument(ctx: RequestContext, task: TaskRow, key: string): Promise<string> {
  const id = newId();
  const content = demoPdf(`${key.replace(/-/g, ' ')} for ${task.period} (demo document)`);
  const storageKey = `${task.firmId}/seed/${id}`;
  await ctx.files?.put(storageKey, content);
  await ctx.db
    .insertInto('documents')
    .values({ id, firmId: task.firmId, clientId: task.clientId, taskId: task.id, filename: `${key}-${task.period}.pdf`, contentType: 'application/pdf', sizeBytes: content.length, sha256: sha256(content), storageKey, uploadedBy: ctx.actor?.userId ?? task.preparerId, uploadedAt: ctx.now() })
    .execute();
  return id;
}

/** A one-page PDF with a line of text: enough for a viewer to open. */
function demoPdf(text: string): Buffer {
  const safe = text.replace(/[()\\]/g, ' ');
  const stream = `BT /F1 14 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function actorOf(firmId: string, person: Person, clientIds: string[]): Actor {
  return { userId: person.id, firmId, role: person.role, email: person.email, name: person.name, sessionId: 'seed', clientIds: new Set(clientIds), mustEnrolMfa: false };
}

/** The demo admin, acting at `today`, to set up bank accounts and firm rules. */
function adminContext(db: Db, firmId: string, people: Map<string, Person>, clients: Map<string, string>, today: Date, files: FileStorage | null): RequestContext {
  const admin = people.get('admin');
  return { db, actor: admin ? actorOf(firmId, admin, [...clients.values()]) : null, requestId: `seed-${newId()}`, ip: null, userAgent: 'tickmark-seed', now: () => today, files };
}
