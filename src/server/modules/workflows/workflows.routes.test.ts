import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsOf, buildFirm, buildUser, buildWorkflows } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { WorkflowDto } from '../../../shared/workflows';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function setup() {
  const firm = await buildFirm(t.db);
  const workflows = await buildWorkflows(t.db, firm);
  const { user: partner } = await buildUser(t.db, firm, { role: 'partner' });
  const { user: reviewer } = await buildUser(t.db, firm, { role: 'reviewer' });
  return { firm, workflows, partner, http: { partner: await t.as(partner), reviewer: await t.as(reviewer) } };
}

const NEW_ITEMS = [
  { key: 'statement', text: 'Statement saved', evidence: 'attachment' },
  { key: 'tie-out', text: 'Closing balance ties', help: 'Enter the reconciled balance.', evidence: 'figure', required: false },
];

describe('workflow templates', () => {
  it('lists the firm’s workflows with their current checklist', async () => {
    const { http } = await setup();

    const res = await http.reviewer.get('/workflows');

    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: WorkflowDto[] }>().items;
    expect(items.map((w) => w.key).sort()).toEqual(['ap-processing', 'audit-pbc', 'bank-reconciliation', 'journal-entries', 'month-end-close', 'payroll-support']);
    const bank = items.find((w) => w.key === 'bank-reconciliation');
    expect(bank).toMatchObject({ checklistVersion: 1, abilities: { manage: false } });
    expect(bank?.checklist.map((i) => i.evidence)).toEqual(['attachment', 'figure', 'none', 'note', 'figure']);
  });

  it('publishes a new checklist version, recorded with the change note', async () => {
    const { firm, workflows, partner, http } = await setup();
    const id = workflows['bank-reconciliation'].id;

    const res = await http.partner.post(`/workflows/${id}/checklist-versions`, { items: NEW_ITEMS, changeNote: 'Fewer, sharper items', version: 1 });

    expect(res.statusCode).toBe(200);
    expect(res.json<WorkflowDto>()).toMatchObject({ checklistVersion: 2, version: 2, checklist: [{ key: 'statement', required: true, help: '' }, { key: 'tie-out', required: false }] });
    expect((await http.reviewer.get(`/workflows/${id}`)).json<WorkflowDto>()).toMatchObject({ checklistVersion: 2, checklist: [{ key: 'statement' }, { key: 'tie-out' }] });
    expect(await auditEventsOf(t.db, firm.id, 'workflow.checklist_versioned')).toMatchObject([{ actorId: partner.id, subjectType: 'workflow', subjectId: id, data: { version: 2, items: 2, changeNote: 'Fewer, sharper items' } }]);
  });

  it('refuses a reviewer’s change, a stale version and duplicate item keys, and keeps the checklist', async () => {
    const { firm, workflows, http } = await setup();
    const id = workflows['bank-reconciliation'].id;
    expect((await http.partner.post(`/workflows/${id}/checklist-versions`, { items: NEW_ITEMS, changeNote: 'First change', version: 1 })).statusCode).toBe(200);

    const byReviewer = await http.reviewer.post(`/workflows/${id}/checklist-versions`, { items: NEW_ITEMS, changeNote: 'Mine', version: 2 });
    const stale = await http.partner.post(`/workflows/${id}/checklist-versions`, { items: NEW_ITEMS, changeNote: 'Late', version: 1 });
    const duplicate = await http.partner.post(`/workflows/${id}/checklist-versions`, { items: [NEW_ITEMS[0], NEW_ITEMS[0]], changeNote: 'Twice', version: 2 });

    expect(byReviewer.statusCode).toBe(403);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect(duplicate.statusCode).toBe(400);
    expect((await http.reviewer.get(`/workflows/${id}`)).json<WorkflowDto>().checklistVersion).toBe(2);
    expect(await auditEventsOf(t.db, firm.id, 'workflow.checklist_versioned')).toHaveLength(1);
  });

  it('hides another firm’s workflow', async () => {
    const { workflows } = await setup();
    const other = await setup();
    const id = workflows['bank-reconciliation'].id;

    expect((await other.http.reviewer.get(`/workflows/${id}`)).statusCode).toBe(404);
    expect((await other.http.partner.post(`/workflows/${id}/checklist-versions`, { items: NEW_ITEMS, changeNote: 'Not mine', version: 1 })).statusCode).toBe(404);
  });
});
