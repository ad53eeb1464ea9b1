import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsOf, buildClient, buildStatementLines, buildUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { buildRecWorld, readLines, runMatching, startedRecTask, startReconciliation } from '../../test/reconciliation';
import type { ReconciliationRuleDto, ReconciliationRuleListDto } from '../../../shared/reconciliation';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const feeRule = { name: 'Monthly service charge', descriptionContains: 'SERVICE CHARGE', kind: 'adjustment', direction: 'out', reasonCode: 'bank_fee', account: '6100 Bank charges' };

describe('matching rules', () => {
  it('lets a partner add a firm-wide rule, records it, and shows it to staff', async () => {
    const w = await buildRecWorld(t);

    const res = await w.http.partner.post('/reconciliation-rules', feeRule);

    expect(res.statusCode).toBe(201);
    const rule = res.json<ReconciliationRuleDto>();
    expect(rule).toMatchObject({ client: null, name: 'Monthly service charge', kind: 'adjustment', direction: 'out', active: true, version: 1, abilities: { update: true, delete: true } });
    const [changed] = await auditEventsOf(t.db, w.firm.id, 'reconciliation_rule.changed');
    expect(changed).toMatchObject({ actorId: w.users.partner.id, subjectId: rule.id, data: { before: null, after: { descriptionContains: 'SERVICE CHARGE', reasonCode: 'bank_fee' } } });
    const list = (await w.http.preparer.get('/reconciliation-rules')).json<ReconciliationRuleListDto>();
    expect(list.items.map((r) => [r.id, r.abilities.update])).toEqual([[rule.id, false]]);
    expect(list.abilities.create).toBe(false);
  });

  it('refuses preparers, reviewers, auditors and client users a change, and hides the rules from client users and auditors', async () => {
    const w = await buildRecWorld(t);
    for (const http of [w.http.preparer, w.http.reviewer, w.http.auditor, w.http.clientUser]) {
      expect((await http.post('/reconciliation-rules', feeRule)).statusCode).toBe(403);
    }
    expect((await w.http.auditor.get('/reconciliation-rules')).statusCode).toBe(403);
    expect((await w.http.clientUser.get('/reconciliation-rules')).statusCode).toBe(403);
  });

  it('changes a rule with the version read and deletes it, each change audited; another firm gets 404', async () => {
    const w = await buildRecWorld(t);
    const rule = (await w.http.admin.post('/reconciliation-rules', { ...feeRule, clientId: w.client.id })).json<ReconciliationRuleDto>();
    expect(rule.client).toEqual({ id: w.client.id, name: 'Acme Holdings' });

    expect((await w.http.admin.patch(`/reconciliation-rules/${rule.id}`, { active: false, version: 2 })).json().code).toBe('stale_version');
    const updated = await w.http.admin.patch(`/reconciliation-rules/${rule.id}`, { active: false, version: 1 });
    expect(updated.json<ReconciliationRuleDto>()).toMatchObject({ active: false, version: 2 });
    expect((await w.http.outsider.patch(`/reconciliation-rules/${rule.id}`, { active: true, version: 2 })).statusCode).toBe(404);
    expect((await w.http.outsider.delete(`/reconciliation-rules/${rule.id}?version=2`)).statusCode).toBe(404);
    expect((await w.http.preparer.delete(`/reconciliation-rules/${rule.id}?version=2`)).statusCode).toBe(403);

    expect((await w.http.admin.delete(`/reconciliation-rules/${rule.id}?version=2`)).statusCode).toBe(204);
    const changes = await auditEventsOf(t.db, w.firm.id, 'reconciliation_rule.changed');
    expect(changes.map((c) => [(c.data as { before: unknown }).before === null, (c.data as { after: unknown }).after === null])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
  });

  it('hides a client’s rule from staff who do not see that client', async () => {
    const w = await buildRecWorld(t);
    const other = await buildClient(t.db, w.firm, { name: 'Other Client' });
    const rule = (await w.http.admin.post('/reconciliation-rules', { ...feeRule, clientId: other.id })).json<ReconciliationRuleDto>();

    const list = (await w.http.preparer.get('/reconciliation-rules')).json<ReconciliationRuleListDto>();
    expect(list.items).toEqual([]);
    expect((await w.http.partner.patch(`/reconciliation-rules/${rule.id}`, { active: false, version: 1 })).statusCode).toBe(404);
    const stranger = (await buildUser(t.db, w.firm, { role: 'partner', clients: [other] })).user;
    expect((await (await t.as(stranger)).patch(`/reconciliation-rules/${rule.id}`, { active: false, version: 1 })).statusCode).toBe(200);
  });

  it('is applied by matching: a bank-only fee becomes a rule match with a proposed adjustment', async () => {
    const w = await buildRecWorld(t);
    await w.http.partner.post('/reconciliation-rules', feeRule);
    const task = await startedRecTask(t, w, '2026-03');
    const [fee] = (await buildStatementLines(t.db, w.account, 'bank', [{ date: '2026-03-20', amountMinor: -2_500, description: 'MONTHLY SERVICE CHARGE' }])).lineIds;
    const rec = await startReconciliation(w, task);

    await runMatching(t, w.http.preparer, rec.id);

    const line = (await readLines(w.http.preparer, rec.id, 'side=bank')).items.find((l) => l.id === fee);
    expect(line?.match).toMatchObject({ origin: 'rule', adjustment: { amountMinor: -2_500, reasonCode: 'bank_fee', account: '6100 Bank charges', status: 'proposed' } });
  });
});
