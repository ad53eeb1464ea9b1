import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FirmRow, TaskRow, UserRow } from '../../db/schema';
import { auditEventsOf, buildClient, buildFirm, buildTask, buildUser, buildWorkflows } from '../../test/factories';
import { createTestApp, type HttpClient, type TestApp } from '../../test/test-app';
import { openEventStream, type EventStream } from '../../test/event-stream';
import { completeChecklist, driveTask, mustTransition, taskVersion, transition, uploadPdf } from '../../test/tracker';
import type { TaskDetailDto, TaskListDto, TimelineEntryDto } from '../../../shared/tasks';
import type { WorkflowDto } from '../../../shared/workflows';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(() => {
  t.clock.set(new Date()); // a test that moved time does not move it for the next one
});
afterAll(async () => {
  await t.close();
});

/** A firm with one client worked by a preparer and a reviewer (a partner on it too), and a not-started bank reconciliation. */
async function setup() {
  const firm = await buildFirm(t.db);
  const client = await buildClient(t.db, firm, { name: 'Acme Holdings' });
  const workflows = await buildWorkflows(t.db, firm);
  const admin = (await buildUser(t.db, firm, { role: 'admin', name: 'Ada Admin' })).user;
  const partner = (await buildUser(t.db, firm, { role: 'partner', name: 'Pat Partner', clients: [client] })).user;
  const reviewer = (await buildUser(t.db, firm, { role: 'reviewer', name: 'Rita Reviewer', clients: [client] })).user;
  const preparer = (await buildUser(t.db, firm, { role: 'preparer', name: 'Priya Preparer', clients: [client] })).user;
  const http = { admin: await t.as(admin), partner: await t.as(partner), reviewer: await t.as(reviewer), preparer: await t.as(preparer) };
  const task = await buildTask(t.db, { firm, client, workflow: workflows['bank-reconciliation'], preparer, reviewer, title: 'Bank rec Acme Jan' });
  return { firm, client, workflows, admin, partner, reviewer, preparer, http, task };
}

const taskRow = (id: string) => t.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The audit entries about one task, oldest first. */
async function taskAudit(firm: FirmRow, taskId: string) {
  return (await auditEventsOf(t.db, firm.id)).filter((e) => e.subjectType === 'task' && e.subjectId === taskId);
}

const itemOf = (task: TaskDetailDto, key: string) => {
  const item = task.checklistItems.find((i) => i.key === key);
  if (!item) {
    throw new Error(`no checklist item ${key}`);
  }
  return item;
};

async function publishChecklist(http: HttpClient, workflowId: string, items: Array<{ key: string; text: string; evidence: 'none' | 'note' | 'figure' | 'attachment' }>, changeNote: string): Promise<WorkflowDto> {
  const current = (await http.get(`/workflows/${workflowId}`)).json<WorkflowDto>();
  const res = await http.post(`/workflows/${workflowId}/checklist-versions`, { items, changeNote, version: current.version });
  expect(res.statusCode).toBe(200);
  return res.json<WorkflowDto>();
}

describe('starting a task', () => {
  it('copies the current checklist version into the task, and a later version leaves the started task alone', async () => {
    const { firm, client, workflows, preparer, reviewer, partner, http, task } = await setup();
    const workflowId = workflows['bank-reconciliation'].id;
    await publishChecklist(http.partner, workflowId, [{ key: 'statement', text: 'Statement saved', evidence: 'attachment' }, { key: 'tie-out', text: 'Balance ties', evidence: 'figure' }], 'Two items are enough');

    const res = await http.preparer.post(`/tasks/${task.id}/transitions`, { action: 'start', version: task.version });

    expect(res.statusCode).toBe(200);
    const started = res.json<TaskDetailDto>();
    expect(started).toMatchObject({ status: 'in_progress', checklistVersion: 2, currentChecklistVersion: 2, version: task.version + 1 });
    expect(started.checklistItems.map((i) => [i.key, i.evidence, i.completedAt])).toEqual([
      ['statement', 'attachment', null],
      ['tie-out', 'figure', null],
    ]);
    const [startedEvent] = (await taskAudit(firm, task.id)).filter((e) => e.type === 'task.started');
    expect(startedEvent).toMatchObject({ actorId: preparer.id, clientId: client.id, data: { from: 'not_started', to: 'in_progress' } });

    await publishChecklist(http.partner, workflowId, [{ key: 'only', text: 'One new item', evidence: 'none' }], 'Simplified again');

    const after = (await http.preparer.get(`/tasks/${task.id}`)).json<TaskDetailDto>();
    expect(after).toMatchObject({ checklistVersion: 2, currentChecklistVersion: 3 });
    expect(after.checklistItems.map((i) => i.key)).toEqual(['statement', 'tie-out']);
    const later = await buildTask(t.db, { firm, client, workflow: workflows['bank-reconciliation'], preparer, reviewer, period: '2026-02' });
    const laterStarted = await mustTransition(http.preparer, t.db, later.id, 'start');
    expect(laterStarted.checklistVersion).toBe(3);
    expect(laterStarted.checklistItems.map((i) => i.key)).toEqual(['only']);
    expect((await auditEventsOf(t.db, firm.id, 'workflow.checklist_versioned')).map((e) => [e.actorId, e.data])).toEqual([
      [partner.id, { version: 2, items: 2, changeNote: 'Two items are enough' }],
      [partner.id, { version: 3, items: 1, changeNote: 'Simplified again' }],
    ]);
  });

  it('lets only the task’s preparer start it', async () => {
    const { http, task } = await setup();

    for (const other of [http.reviewer, http.partner, http.admin]) {
      const res = await other.post(`/tasks/${task.id}/transitions`, { action: 'start', version: task.version });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('not_your_task');
    }
    expect(await taskRow(task.id)).toMatchObject({ status: 'not_started', version: task.version, checklistVersion: null });
  });
});

describe('the checklist', () => {
  it('refuses to complete an item without the evidence it asks for, naming the missing field', async () => {
    const { http, task } = await setup();
    const started = await mustTransition(http.preparer, t.db, task.id, 'start');

    for (const [key, field] of [
      ['statement-received', 'documentId'],
      ['opening-balance', 'figure'],
      ['outstanding-reviewed', 'note'],
    ] as const) {
      const item = itemOf(started, key);
      const res = await http.preparer.put(`/tasks/${task.id}/checklist/${item.id}`, { completed: true, version: item.version });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: field, message: 'is required to complete this item' }]);
    }
    const bad = await http.preparer.put(`/tasks/${task.id}/checklist/${itemOf(started, 'opening-balance').id}`, { completed: true, figure: 'twelve', version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.figure');
    const items = await t.db.selectFrom('taskChecklistItems').select(['completedAt', 'version']).where('taskId', '=', task.id).execute();
    expect(items.every((i) => i.completedAt === null && i.version === 1)).toBe(true);
  });

  it('completes items with their evidence, records each one, and counts the preparer as having prepared the task', async () => {
    const { firm, preparer, http, task } = await setup();
    const started = await mustTransition(http.preparer, t.db, task.id, 'start');
    const documentId = await uploadPdf(http.preparer, task.id, 'statement.pdf');

    const done = [];
    for (const [key, evidence] of [
      ['statement-received', { documentId }],
      ['opening-balance', { figure: '10250.75' }],
      ['all-matched', {}],
      ['outstanding-reviewed', { note: 'Checks 1042 and 1057 followed up with the client.' }],
    ] as const) {
      const item = itemOf(started, key);
      const res = await http.preparer.put(`/tasks/${task.id}/checklist/${item.id}`, { completed: true, version: item.version, ...evidence });
      expect(res.statusCode).toBe(200);
      done.push(itemOf(res.json<TaskDetailDto>(), key));
    }

    expect(done.map((i) => [i.key, i.completedBy?.name, i.figure, i.note, i.document?.filename ?? null])).toEqual([
      ['statement-received', 'Priya Preparer', null, null, 'statement.pdf'],
      ['opening-balance', 'Priya Preparer', '10250.75', null, null],
      ['all-matched', 'Priya Preparer', null, null, null],
      ['outstanding-reviewed', 'Priya Preparer', null, 'Checks 1042 and 1057 followed up with the client.', null],
    ]);
    const completions = (await taskAudit(firm, task.id)).filter((e) => e.type === 'task.checklist_item_completed');
    expect(completions.map((e) => [e.actorId, (e.data as { itemKey: string }).itemKey])).toEqual([
      [preparer.id, 'statement-received'],
      [preparer.id, 'opening-balance'],
      [preparer.id, 'all-matched'],
      [preparer.id, 'outstanding-reviewed'],
    ]);
    expect(completions[0]?.data).toMatchObject({ documentId, figure: null, note: null });
    expect((await taskRow(task.id)).preparedBy).toEqual([preparer.id]);
  });

  it('reopens a completed item, with an audit entry', async () => {
    const { firm, http, task } = await setup();
    const started = await mustTransition(http.preparer, t.db, task.id, 'start');
    const item = itemOf(started, 'all-matched');
    const completed = itemOf((await http.preparer.put(`/tasks/${task.id}/checklist/${item.id}`, { completed: true, version: item.version })).json<TaskDetailDto>(), 'all-matched');

    const res = await http.preparer.put(`/tasks/${task.id}/checklist/${item.id}`, { completed: false, version: completed.version });

    expect(res.statusCode).toBe(200);
    expect(itemOf(res.json<TaskDetailDto>(), 'all-matched')).toMatchObject({ completedAt: null, completedBy: null });
    expect((await auditEventsOf(t.db, firm.id, 'task.checklist_item_reopened'))[0]?.data).toEqual({ itemId: item.id, itemKey: 'all-matched' });
  });

  it('refuses checklist work by the reviewer, the partner and the admin', async () => {
    const { firm, http, task } = await setup();
    const started = await mustTransition(http.preparer, t.db, task.id, 'start');
    const item = itemOf(started, 'all-matched');
    const auditBefore = (await auditEventsOf(t.db, firm.id)).length;

    for (const other of [http.reviewer, http.partner, http.admin]) {
      const res = await other.put(`/tasks/${task.id}/checklist/${item.id}`, { completed: true, version: item.version });
      expect(res.statusCode).toBe(403);
    }

    const stored = await t.db.selectFrom('taskChecklistItems').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ completedAt: null, version: item.version });
    expect(await auditEventsOf(t.db, firm.id)).toHaveLength(auditBefore);
  });
});

describe('the review loop', () => {
  it('runs submit, return, resume, answer, resubmit, clear, approve and close, each step in the audit log', async () => {
    const { firm, preparer, reviewer, http, task } = await setup();
    const started = await mustTransition(http.preparer, t.db, task.id, 'start');

    const early = await transition(http.preparer, t.db, task.id, 'submit');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('checklist_incomplete');
    expect(early.json().detail).toBe('5 required checklist items are still open.');

    await completeChecklist(http.preparer, task.id);
    const firstSubmission = t.clock.now();
    const submitted = await mustTransition(http.preparer, t.db, task.id, 'submit');
    expect(submitted).toMatchObject({ status: 'ready_for_review', nextAction: { action: null, who: 'Rita Reviewer' } });

    const bare = await transition(http.reviewer, t.db, task.id, 'return');
    expect(bare.statusCode).toBe(409);
    expect(bare.json().code).toBe('open_review_notes');

    const itemId = itemOf(started, 'difference-zero').id;
    const noted = await http.reviewer.post(`/tasks/${task.id}/notes`, { category: 'calculation_error', body: 'The closing balance is off by 10.00.', checklistItemId: itemId });
    expect(noted.statusCode).toBe(200);
    const note = noted.json<TaskDetailDto>().notes[0];
    expect(note).toMatchObject({ checklistItemId: itemId, category: 'calculation_error', source: 'review', status: 'open', author: { id: reviewer.id, name: 'Rita Reviewer' } });

    const returned = await mustTransition(http.reviewer, t.db, task.id, 'return');
    expect(returned).toMatchObject({ status: 'returned', reworkCount: 1, openNotes: 1 });
    expect((await taskAudit(firm, task.id)).find((e) => e.type === 'task.returned')).toMatchObject({ actorId: reviewer.id, data: { from: 'ready_for_review', to: 'returned', reworkCount: 1 } });

    await mustTransition(http.preparer, t.db, task.id, 'resume');
    const unanswered = await transition(http.preparer, t.db, task.id, 'submit');
    expect(unanswered.statusCode).toBe(409);
    expect(unanswered.json().code).toBe('open_review_notes');

    const answered = await http.preparer.post(`/tasks/${task.id}/notes/${note?.id}/response`, { response: 'Corrected the deposit in transit.', version: note?.version });
    expect(answered.statusCode).toBe(200);
    expect(answered.json<TaskDetailDto>().notes[0]).toMatchObject({ status: 'responded', response: 'Corrected the deposit in transit.', respondedBy: { id: preparer.id } });
    t.clock.advance(20 * 60_000);
    const resubmission = t.clock.now();
    await mustTransition(http.preparer, t.db, task.id, 'submit');

    const withOpenNote = await transition(http.reviewer, t.db, task.id, 'approve');
    expect(withOpenNote.statusCode).toBe(409);
    expect(withOpenNote.json().code).toBe('open_review_notes');

    const noteNow = (await http.reviewer.get(`/tasks/${task.id}`)).json<TaskDetailDto>().notes[0];
    const cleared = await http.reviewer.post(`/tasks/${task.id}/notes/${noteNow?.id}/clearance`, { version: noteNow?.version });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<TaskDetailDto>().notes[0]).toMatchObject({ status: 'cleared', clearedBy: { id: reviewer.id } });

    const approved = await mustTransition(http.reviewer, t.db, task.id, 'approve');
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { id: reviewer.id, name: 'Rita Reviewer' }, reworkCount: 1, openNotes: 0 });
    expect(approved.approvedAt).not.toBeNull();
    const closed = await mustTransition(http.reviewer, t.db, task.id, 'close');
    expect(closed.status).toBe('closed');

    const stored = await taskRow(task.id);
    expect(stored).toMatchObject({ status: 'closed', approvedBy: reviewer.id, reworkCount: 1, preparedBy: [preparer.id] });
    expect(stored.firstSubmittedAt?.getTime()).toBe(firstSubmission.getTime());
    expect(stored.submittedAt?.getTime()).toBe(resubmission.getTime());
    const steps = (await taskAudit(firm, task.id)).map((e) => e.type).filter((type) => type !== 'task.checklist_item_completed');
    expect(steps).toEqual(['task.started', 'task.submitted', 'task.note_added', 'task.returned', 'task.resumed', 'task.note_responded', 'task.submitted', 'task.note_cleared', 'task.approved', 'task.closed']);
  });

  it('refuses approval by the preparer as segregation of duties, and changes nothing', async () => {
    const { firm, http, task } = await setup();
    await driveTask(t.db, task.id, 'ready_for_review', http);
    const before = await taskRow(task.id);
    const auditBefore = (await auditEventsOf(t.db, firm.id)).length;

    const res = await http.preparer.post(`/tasks/${task.id}/transitions`, { action: 'approve', version: before.version });

    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('segregation_of_duties');
    expect(await taskRow(task.id)).toMatchObject({ status: 'ready_for_review', version: before.version, approvedBy: null, approvedAt: null });
    expect(await auditEventsOf(t.db, firm.id)).toHaveLength(auditBefore);
  });

  it('refuses approval by a partner who did preparer work on the task', async () => {
    const { firm, client, workflows, partner, reviewer, http } = await setup();
    const task = await buildTask(t.db, { firm, client, workflow: workflows['journal-entries'], preparer: partner, reviewer });
    await driveTask(t.db, task.id, 'ready_for_review', { preparer: http.partner, reviewer: http.reviewer });

    const res = await transition(http.partner, t.db, task.id, 'approve');

    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('segregation_of_duties');
    expect((await taskRow(task.id)).status).toBe('ready_for_review');
  });

  it('lets a partner approve over an open note only with override and a reason, and logs the reason', async () => {
    const { firm, partner, http, task } = await setup();
    await driveTask(t.db, task.id, 'ready_for_review', http);
    expect((await http.reviewer.post(`/tasks/${task.id}/notes`, { category: 'formatting', body: 'Use the firm’s template next month.' })).statusCode).toBe(200);

    const plain = await transition(http.partner, t.db, task.id, 'approve');
    expect(plain.statusCode).toBe(409);
    expect(plain.json().code).toBe('open_review_notes');
    const reasonless = await transition(http.partner, t.db, task.id, 'approve', { override: true });
    expect(reasonless.statusCode).toBe(409);
    expect((await taskRow(task.id)).status).toBe('ready_for_review');

    const res = await transition(http.partner, t.db, task.id, 'approve', { override: true, reason: 'Formatting only; the figures are right.' });

    expect(res.statusCode).toBe(200);
    expect(res.json<TaskDetailDto>()).toMatchObject({ status: 'approved', approvedBy: { id: partner.id }, openNotes: 1 });
    const [approved, ...more] = await auditEventsOf(t.db, firm.id, 'task.approved');
    expect(more).toHaveLength(0);
    expect(approved).toMatchObject({ actorId: partner.id, subjectId: task.id, data: { from: 'ready_for_review', to: 'approved', overrideReason: 'Formatting only; the figures are right.' } });
  });

  it('refuses a reviewer’s override of an open note', async () => {
    const { firm, http, task } = await setup();
    await driveTask(t.db, task.id, 'ready_for_review', http);
    await http.reviewer.post(`/tasks/${task.id}/notes`, { category: 'policy', body: 'Capitalisation threshold not applied.' });

    const res = await transition(http.reviewer, t.db, task.id, 'approve', { override: true, reason: 'I am sure' });

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('open_review_notes');
    expect((await taskRow(task.id)).status).toBe('ready_for_review');
    expect(await auditEventsOf(t.db, firm.id, 'task.approved')).toHaveLength(0);
  });

  it('blocks only with a reason and what the task waits on, and unblocks to the state it left', async () => {
    const { firm, client, workflows, preparer, reviewer, http, task } = await setup();
    await mustTransition(http.preparer, t.db, task.id, 'start');

    const noWait = await transition(http.preparer, t.db, task.id, 'block', { reason: 'Waiting' });
    expect(noWait.statusCode).toBe(400);
    expect(noWait.json().errors).toEqual([{ path: 'reason', message: 'is required' }]);
    const noReason = await transition(http.preparer, t.db, task.id, 'block', { waitingOn: 'client_documents' });
    expect(noReason.statusCode).toBe(400);

    const blocked = await mustTransition(http.reviewer, t.db, task.id, 'block', { reason: 'March statement missing', waitingOn: 'client_documents' });
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: 'March statement missing', blockedOn: 'client_documents' });
    expect((await auditEventsOf(t.db, firm.id, 'task.blocked'))[0]).toMatchObject({ actorId: reviewer.id, data: { from: 'in_progress', to: 'blocked', reason: 'March statement missing', waitingOn: 'client_documents' } });

    const unblocked = await mustTransition(http.preparer, t.db, task.id, 'unblock');
    expect(unblocked).toMatchObject({ status: 'in_progress', blockedReason: null, blockedOn: null });
    expect((await taskRow(task.id)).blockedFromStatus).toBeNull();
    expect((await auditEventsOf(t.db, firm.id, 'task.unblocked'))[0]?.data).toMatchObject({ from: 'blocked', to: 'in_progress' });

    const fresh = await buildTask(t.db, { firm, client, workflow: workflows['bank-reconciliation'], preparer, reviewer, period: '2026-02' });
    await mustTransition(http.preparer, t.db, fresh.id, 'block', { reason: 'Access to the bank portal', waitingOn: 'clarification' });
    expect((await mustTransition(http.preparer, t.db, fresh.id, 'unblock')).status).toBe('not_started');
  });

  it('lets exactly one of two simultaneous approvals win', async () => {
    const { firm, http, task } = await setup();
    await driveTask(t.db, task.id, 'ready_for_review', http);
    const version = await taskVersion(t.db, task.id);

    const answers = await Promise.all([http.reviewer.post(`/tasks/${task.id}/transitions`, { action: 'approve', version }), http.partner.post(`/tasks/${task.id}/transitions`, { action: 'approve', version })]);

    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.statusCode === 409)?.json().code).toBe('stale_version');
    expect(await taskRow(task.id)).toMatchObject({ status: 'approved', version: version + 1 });
    expect(await auditEventsOf(t.db, firm.id, 'task.approved')).toHaveLength(1);
  });

  it('refuses a transition sent with a stale version', async () => {
    const { http, task } = await setup();
    await mustTransition(http.preparer, t.db, task.id, 'start');

    const res = await http.preparer.post(`/tasks/${task.id}/transitions`, { action: 'block', reason: 'Waiting', waitingOn: 'other', version: task.version });

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('stale_version');
    expect((await taskRow(task.id)).status).toBe('in_progress');
  });
});

describe('PATCH /api/tasks/:id', () => {
  it('changes priority and due date and records both values before and after', async () => {
    const { firm, admin, http, task } = await setup();

    const res = await http.admin.patch(`/tasks/${task.id}`, { priority: 'urgent', dueOn: '2026-02-20', version: task.version });

    expect(res.statusCode).toBe(200);
    expect(res.json<TaskDetailDto>()).toMatchObject({ priority: 'urgent', dueOn: '2026-02-20', version: task.version + 1 });
    expect((await auditEventsOf(t.db, firm.id, 'task.updated'))[0]).toMatchObject({ actorId: admin.id, subjectId: task.id, data: { before: { priority: 'normal', dueOn: task.dueOn }, after: { priority: 'urgent', dueOn: '2026-02-20' } } });
  });
});

describe('PUT /api/tasks/:id/assignment', () => {
  it('reassigns the reviewer and records the reason with before and after', async () => {
    const { firm, client, admin, reviewer, preparer, http, task } = await setup();
    const { user: second } = await buildUser(t.db, firm, { role: 'reviewer', name: 'Sam Second', clients: [client] });

    const res = await http.admin.put(`/tasks/${task.id}/assignment`, { reviewerId: second.id, reason: 'Rita is on leave', version: task.version });

    expect(res.statusCode).toBe(200);
    expect(res.json<TaskDetailDto>()).toMatchObject({ reviewer: { id: second.id, name: 'Sam Second' }, preparer: { id: preparer.id } });
    const [event] = await auditEventsOf(t.db, firm.id, 'task.reassigned');
    expect(event).toMatchObject({
      actorId: admin.id,
      subjectId: task.id,
      data: { before: { preparerId: preparer.id, reviewerId: reviewer.id }, after: { preparerId: preparer.id, reviewerId: second.id }, reason: 'Rita is on leave' },
    });
  });

  it('refuses the preparer as the reviewer', async () => {
    const { preparer, http, task } = await setup();

    const res = await http.admin.put(`/tasks/${task.id}/assignment`, { reviewerId: preparer.id, reason: 'Short staffed', version: task.version });

    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'reviewerId', message: 'must differ from the preparer' }]);
    expect((await taskRow(task.id)).reviewerId).not.toBe(preparer.id);
  });

  it('refuses as reviewer someone who already did preparer work on the task', async () => {
    const { firm, client, workflows, preparer, reviewer, http } = await setup();
    const { user: formerPreparer } = await buildUser(t.db, firm, { role: 'reviewer', clients: [client] });
    const task = await buildTask(t.db, { firm, client, workflow: workflows['bank-reconciliation'], preparer: formerPreparer, reviewer });
    const formerHttp = await t.as(formerPreparer);
    const started = await mustTransition(formerHttp, t.db, task.id, 'start');
    const item = itemOf(started, 'all-matched');
    expect((await formerHttp.put(`/tasks/${task.id}/checklist/${item.id}`, { completed: true, version: item.version })).statusCode).toBe(200);
    expect((await http.admin.put(`/tasks/${task.id}/assignment`, { preparerId: preparer.id, reason: 'Moved to another team', version: await taskVersion(t.db, task.id) })).statusCode).toBe(200);

    const res = await http.admin.put(`/tasks/${task.id}/assignment`, { reviewerId: formerPreparer.id, reason: 'Knows the client', version: await taskVersion(t.db, task.id) });

    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('segregation_of_duties');
    expect((await taskRow(task.id)).reviewerId).toBe(reviewer.id);
    expect(await auditEventsOf(t.db, firm.id, 'task.reassigned')).toHaveLength(1);
  });

  it('refuses a reviewer who is not assigned to the client', async () => {
    const { firm, http, task } = await setup();
    const { user: outsider } = await buildUser(t.db, firm, { role: 'reviewer' });

    const res = await http.partner.put(`/tasks/${task.id}/assignment`, { reviewerId: outsider.id, reason: 'Capacity', version: task.version });

    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'reviewerId', message: 'cannot be assigned to this task' }]);
    expect(await auditEventsOf(t.db, firm.id, 'task.reassigned')).toHaveLength(0);
  });
});

describe('GET /api/tasks', () => {
  /** Two clients; the preparer works only on the first; tasks in several states and due dates. */
  async function trackerWorld() {
    const world = await setup();
    const { firm, client, workflows, preparer, reviewer } = world;
    const beta = await buildClient(t.db, firm, { name: 'Beta Traders' });
    const { user: betaPreparer } = await buildUser(t.db, firm, { role: 'preparer', clients: [beta] });
    await t.db.insertInto('clientAccess').values({ firmId: firm.id, userId: reviewer.id, clientId: beta.id, expiresAt: null, grantedBy: null }).execute();
    const make = (status: TaskRow['status'], title: string, dueOn: string, options: { onBeta?: boolean; preparer?: UserRow } = {}) =>
      buildTask(t.db, { firm, client: options.onBeta ? beta : client, workflow: workflows['ap-processing'], preparer: options.preparer ?? (options.onBeta ? betaPreparer : preparer), reviewer, status, title, dueOn });
    const tasks = {
      notStarted: await make('not_started', 'AP Acme Feb', '2026-02-09'),
      inProgress: await make('in_progress', 'AP Acme Mar', '2026-03-10'),
      returned: await make('returned', 'Payroll Acme Jan', '2026-02-05'),
      inReview: await make('ready_for_review', 'AP Acme Jan', '2026-02-01'),
      approved: await make('approved', 'Payroll Acme Feb', '2026-01-20'),
      beta: await make('in_progress', 'AP Beta Feb', '2026-02-12', { onBeta: true }),
    };
    return { ...world, beta, tasks, betaPreparer };
  }
  const titles = (res: { json(): TaskListDto }) => res.json().items.map((i) => i.title);

  it('filters by a list of statuses while the per-status counts ignore that filter', async () => {
    const { http } = await trackerWorld();

    const res = await http.reviewer.get('/tasks?status=in_progress,returned&sort=due');

    expect(res.statusCode).toBe(200);
    expect(titles(res)).toEqual(['Payroll Acme Jan', 'AP Beta Feb', 'AP Acme Mar']);
    expect(res.json<TaskListDto>()).toMatchObject({ total: 3, countsByStatus: { not_started: 2, in_progress: 2, returned: 1, ready_for_review: 1, approved: 1 } });
  });

  it('answers the actor’s own queues: to prepare and to review', async () => {
    const { http, preparer, reviewer } = await trackerWorld();

    const toPrepare = (await http.preparer.get('/tasks?queue=prepare&sort=due')).json<TaskListDto>();
    const toReview = (await http.reviewer.get('/tasks?queue=review&sort=due')).json<TaskListDto>();

    expect(toPrepare.items.map((i) => i.title)).toEqual(['Payroll Acme Jan', 'AP Acme Feb', 'Bank rec Acme Jan', 'AP Acme Mar']);
    expect(toPrepare.items.every((i) => i.preparer.id === preparer.id)).toBe(true);
    expect(toReview.items.map((i) => i.title)).toEqual(['Payroll Acme Feb', 'AP Acme Jan']);
    expect(toReview.items.every((i) => i.reviewer.id === reviewer.id)).toBe(true);
    expect((await http.reviewer.get('/tasks?queue=prepare')).json<TaskListDto>().total).toBe(0);
  });

  it('lists overdue work as of today: due before today and not yet approved', async () => {
    t.clock.set('2026-02-11T09:00:00Z');
    const { http } = await trackerWorld();

    const res = await http.reviewer.get('/tasks?overdue=true&sort=due');

    expect(titles(res)).toEqual(['AP Acme Jan', 'Payroll Acme Jan', 'AP Acme Feb', 'Bank rec Acme Jan']);
    expect(res.json<TaskListDto>().items.every((i) => i.isOverdue)).toBe(true);
    t.clock.set('2026-02-01T09:00:00Z');
    expect(titles(await http.reviewer.get('/tasks?overdue=true'))).toEqual([]);
  });

  it('filters by client and by words of the title', async () => {
    const { http, beta } = await trackerWorld();

    expect(titles(await http.reviewer.get(`/tasks?clientId=${beta.id}`))).toEqual(['AP Beta Feb']);
    expect(titles(await http.reviewer.get('/tasks?q=acme%20j&sort=due'))).toEqual(['AP Acme Jan', 'Payroll Acme Jan', 'Bank rec Acme Jan']);
    expect(titles(await http.reviewer.get('/tasks?q=%25'))).toEqual([]); // a literal %, not a wildcard
  });

  it('sorts in both directions and pages through the list', async () => {
    const { http } = await trackerWorld();

    const all = titles(await http.reviewer.get('/tasks?sort=due&dir=asc'));
    expect(all).toEqual(['Payroll Acme Feb', 'AP Acme Jan', 'Payroll Acme Jan', 'AP Acme Feb', 'Bank rec Acme Jan', 'AP Beta Feb', 'AP Acme Mar']);
    expect(titles(await http.reviewer.get('/tasks?sort=due&dir=desc'))).toEqual([...all].reverse());
    const page2 = await http.reviewer.get('/tasks?sort=due&pageSize=3&page=2');
    expect(page2.json<TaskListDto>()).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(titles(page2)).toEqual(all.slice(3, 6));
    expect(titles(await http.reviewer.get('/tasks?sort=client&dir=desc&pageSize=1'))).toEqual(['AP Beta Feb']);
  });

  it('leaves closed tasks out unless closed is asked for or a period is picked', async () => {
    const { firm, client, workflows, preparer, reviewer, http } = await trackerWorld();
    await buildTask(t.db, { firm, client, workflow: workflows['ap-processing'], preparer, reviewer, status: 'closed', title: 'AP Acme Dec', period: '2025-12', dueOn: '2026-01-10' });

    expect(titles(await http.reviewer.get('/tasks?pageSize=500'))).not.toContain('AP Acme Dec');
    expect(titles(await http.reviewer.get('/tasks?status=closed'))).toEqual(['AP Acme Dec']);
    expect(titles(await http.reviewer.get('/tasks?period=2025-12'))).toEqual(['AP Acme Dec']);
  });

  it('never shows a preparer the tasks of a client they are not assigned to', async () => {
    const { http, beta, tasks } = await trackerWorld();

    const mine = (await http.preparer.get('/tasks?pageSize=500')).json<TaskListDto>();
    expect(mine.items.some((i) => i.client.id === beta.id)).toBe(false);
    expect(mine.total).toBe(6);
    expect((await http.preparer.get(`/tasks?clientId=${beta.id}`)).json<TaskListDto>()).toMatchObject({ items: [], total: 0, countsByStatus: {} });
    expect((await http.preparer.get(`/tasks/${tasks.beta.id}`)).statusCode).toBe(404);
  });

  it('shows the tracker to the firm’s staff and auditors only: a client user gets 403', async () => {
    const { firm, client } = await trackerWorld();
    const { user: clientUser } = await buildUser(t.db, firm, { role: 'client', clients: [client] });

    const res = await (await t.as(clientUser)).get('/tasks');

    expect(res.statusCode).toBe(403);
  });
});

describe('GET /api/tasks/:id/timeline', () => {
  it('lists the task’s events in order with the names of the people who acted', async () => {
    const { http, task } = await setup();
    await driveTask(t.db, task.id, 'ready_for_review', http);
    await http.reviewer.post(`/tasks/${task.id}/notes`, { category: 'other', body: 'Tick the bank fees.' });
    await mustTransition(http.reviewer, t.db, task.id, 'return');

    const res = await http.partner.get(`/tasks/${task.id}/timeline`);

    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: TimelineEntryDto[] }>().items;
    expect(items.map((i) => [i.type, i.actor?.name])).toEqual([
      ['task.started', 'Priya Preparer'],
      ...Array.from({ length: 5 }, () => ['task.checklist_item_completed', 'Priya Preparer']),
      ['task.submitted', 'Priya Preparer'],
      ['task.note_added', 'Rita Reviewer'],
      ['task.returned', 'Rita Reviewer'],
    ]);
    expect(items.map((i) => i.seq)).toEqual([...items.map((i) => i.seq)].sort((a, b) => a - b));
    expect(items.at(-1)?.data).toMatchObject({ from: 'ready_for_review', to: 'returned', reworkCount: 1 });
  });

  it('does not show the timeline of another firm’s task', async () => {
    const { task } = await setup();
    const other = await setup();

    expect((await other.http.admin.get(`/tasks/${task.id}/timeline`)).statusCode).toBe(404);
  });
});

describe('GET /api/tracker/events', () => {
  it('pushes a task change to people who see the client, and not to someone who does not', async () => {
    const { firm, workflows, preparer, http, task } = await setup();
    const beta = await buildClient(t.db, firm, { name: 'Beta Traders' });
    const { user: outsider } = await buildUser(t.db, firm, { role: 'reviewer', clients: [beta] });
    const { user: betaPreparer } = await buildUser(t.db, firm, { role: 'preparer', clients: [beta] });
    const marker = await buildTask(t.db, { firm, client: beta, workflow: workflows['ap-processing'], preparer: betaPreparer, reviewer: outsider });
    const base = `${await t.baseUrl()}/api/tracker/events`;
    const streams: EventStream[] = [];
    try {
      const watcher = await openEventStream(base, http.partner.cookieHeader);
      const outsiderStream = await openEventStream(base, (await t.as(outsider)).cookieHeader);
      streams.push(watcher, outsiderStream);
      expect(watcher.status).toBe(200);
      expect(watcher.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');

      await mustTransition(http.preparer, t.db, task.id, 'start');

      const seen = await watcher.waitFor((e) => e.event === 'task' && e.data.includes(task.id));
      expect(JSON.parse(seen.data)).toEqual({ taskId: task.id, status: 'in_progress', version: task.version + 1, type: 'task.started', actorId: preparer.id });
      // Events on one stream arrive in order: once the outsider has the later change of a Beta task, the Acme one would have come first.
      await mustTransition(await t.as(betaPreparer), t.db, marker.id, 'start');
      await outsiderStream.waitFor((e) => e.data.includes(marker.id));
      expect(outsiderStream.received().filter((e) => e.data.includes(task.id))).toEqual([]);
      expect(outsiderStream.received()).toHaveLength(1);
    } finally {
      streams.forEach((s) => s.close());
    }
  });

  it('refuses client users, who never see the tracker', async () => {
    const { firm, client } = await setup();
    const { user: clientUser } = await buildUser(t.db, firm, { role: 'client', clients: [client] });

    const stream = await openEventStream(`${await t.baseUrl()}/api/tracker/events`, (await t.as(clientUser)).cookieHeader);
    stream.close();

    expect(stream.status).toBe(403);
  });
});
