import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsOf, buildBankAccount, buildClient, buildStatementLines, buildTask } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { signalJobCancel } from '../../jobs/job-queue';
import { buildRecWorld, insertMarch, MARCH, readLines, readReconciliation, runMatching, startedRecTask, startReconciliation, type RecWorld } from '../../test/reconciliation';
import type { MatchChangedDto, MatchRunAcceptedDto, ReconciliationDto, RuleProposalListDto } from '../../../shared/reconciliation';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The PostgreSQL transaction that last wrote a row: equal ids mean the rows committed together. */
async function writtenBy(table: 'reconciliations' | 'auditEvents' | 'reconciliationMatches', id: string): Promise<string> {
  const row = await t.db.selectFrom(table).select(sql<string>`xmin::text`.as('xmin')).where('id', '=', id).executeTakeFirstOrThrow();
  return row.xmin;
}

/** A world with March's task started and its reconciliation begun (lines inserted, book balance entered). */
async function march(): Promise<{ w: RecWorld; rec: ReconciliationDto; lines: Awaited<ReturnType<typeof insertMarch>>; taskId: string }> {
  const w = await buildRecWorld(t);
  const task = await startedRecTask(t, w, '2026-03');
  const lines = await insertMarch(t, w);
  const started = await startReconciliation(w, task);
  const res = await w.http.preparer.patch(`/reconciliations/${started.id}`, { bookBalanceMinor: MARCH.bookBalanceMinor, version: started.version });
  expect(res.statusCode).toBe(200);
  return { w, rec: res.json<ReconciliationDto>(), lines, taskId: task.id };
}

describe('starting a reconciliation', () => {
  it('starts it for the task as of the period end, and records reconciliation.created in the same transaction', async () => {
    const w = await buildRecWorld(t);
    const task = await startedRecTask(t, w, '2026-03');

    const res = await w.http.preparer.post(`/tasks/${task.id}/reconciliation`, { bankAccountId: w.account.id });

    expect(res.statusCode).toBe(201);
    const rec = res.json<ReconciliationDto>();
    expect(rec).toMatchObject({ status: 'draft', periodStart: '2026-03-01', statementDate: '2026-03-31', task: { id: task.id }, client: { name: 'Acme Holdings' }, bankAccount: { id: w.account.id, accountNumberLast4: '4821', currency: 'USD' } });
    expect(rec.abilities).toEqual({ read: true, edit: true, match: true, approveAdjustment: false, addReviewNote: false, downloadWorkpaper: true });
    const [created, ...more] = await auditEventsOf(t.db, w.firm.id, 'reconciliation.created');
    expect(more).toEqual([]);
    expect(created).toMatchObject({ actorId: w.users.preparer.id, subjectType: 'reconciliation', subjectId: rec.id, data: { taskId: task.id, statementDate: '2026-03-31' } });
    expect(await writtenBy('auditEvents', created?.id ?? '')).toBe(await writtenBy('reconciliations', rec.id));
  });

  it('reconciles as of a chosen statement date', async () => {
    const w = await buildRecWorld(t);
    const task = await startedRecTask(t, w, '2026-03');

    const rec = await startReconciliation(w, task, { statementDate: '2026-03-27' });

    expect(rec.statementDate).toBe('2026-03-27');
  });

  it('answers the same reconciliation when the start is sent twice', async () => {
    const w = await buildRecWorld(t);
    const task = await startedRecTask(t, w, '2026-03');

    const first = await w.http.preparer.post(`/tasks/${task.id}/reconciliation`, { bankAccountId: w.account.id });
    const second = await w.http.preparer.post(`/tasks/${task.id}/reconciliation`, { bankAccountId: w.account.id });

    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect(second.json<ReconciliationDto>().id).toBe(first.json<ReconciliationDto>().id);
    expect(await auditEventsOf(t.db, w.firm.id, 'reconciliation.created')).toHaveLength(1);
  });

  it('answers 404 for a task without one, so the page can offer to start it', async () => {
    const w = await buildRecWorld(t);
    const task = await startedRecTask(t, w, '2026-03');

    const res = await w.http.reviewer.get(`/tasks/${task.id}/reconciliation`);

    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('lets only the task’s preparer start it, hides it from client users and other firms', async () => {
    const w = await buildRecWorld(t);
    const task = await startedRecTask(t, w, '2026-03');
    const body = { bankAccountId: w.account.id };

    expect((await w.http.reviewer.post(`/tasks/${task.id}/reconciliation`, body)).statusCode).toBe(403);
    expect((await w.http.admin.post(`/tasks/${task.id}/reconciliation`, body)).statusCode).toBe(403);
    expect((await w.http.clientUser.post(`/tasks/${task.id}/reconciliation`, body)).statusCode).toBe(404);
    expect((await w.http.outsider.post(`/tasks/${task.id}/reconciliation`, body)).statusCode).toBe(404);
    expect(await auditEventsOf(t.db, w.firm.id, 'reconciliation.created')).toEqual([]);
  });

  it('refuses another client’s bank account and a task of another workflow', async () => {
    const w = await buildRecWorld(t);
    const task = await startedRecTask(t, w, '2026-03');
    const elsewhere = await buildBankAccount(t.db, await buildClient(t.db, w.firm));

    const res = await w.http.preparer.post(`/tasks/${task.id}/reconciliation`, { bankAccountId: elsewhere.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'bankAccountId', message: 'is not an active bank account of this client' }]);

    const payroll = await buildTask(t.db, { firm: w.firm, client: w.client, workflow: w.workflows['payroll-support'], preparer: w.users.preparer, reviewer: w.users.reviewer });
    const other = await w.http.preparer.post(`/tasks/${payroll.id}/reconciliation`, { bankAccountId: w.account.id });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('not_a_bank_reconciliation');
  });
});

describe('the header', () => {
  it('takes the statement balance from the bank file for the statement date and the entered book balance, and proves the difference', async () => {
    const { w, rec } = await march();

    expect(rec.statementBalance).toEqual({ amountMinor: 347_500, source: 'import', enteredMinor: null, importedMinor: 347_500 });
    expect(rec.bookBalance).toEqual({ amountMinor: 385_000, source: 'entered', enteredMinor: 385_000, importedMinor: null });
    // Nothing matched yet: every ledger line is uncleared, every bank line unresolved.
    expect(rec.proof).toMatchObject({ depositsInTransitMinor: 580_000, outstandingChecksMinor: 195_000, adjustmentsMinor: 0 });
    expect(rec.proof.differenceMinor).toBe(347_500 + 580_000 - 195_000 - 385_000);
    expect(rec.counts).toMatchObject({ matches: 0, unmatchedBank: 4, unmatchedLedger: 5, bankLinesNeedingAction: 4 });
    expect(rec.readiness.isReady).toBe(false);
    expect(rec.readiness.problems.map((p) => p.code)).toEqual(['bank_lines_unresolved', 'unexplained_difference']);
    const reviewerView = await readReconciliation(w.http.reviewer, rec.id);
    expect(reviewerView.abilities).toMatchObject({ read: true, edit: false, match: false, approveAdjustment: true, addReviewNote: true });
  });

  it('changes entered balances with the version read, refuses a stale version, and records the change', async () => {
    const { w, rec } = await march();

    const stale = await w.http.preparer.patch(`/reconciliations/${rec.id}`, { statementBalanceMinor: 1, version: rec.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');

    const res = await w.http.preparer.patch(`/reconciliations/${rec.id}`, { statementBalanceMinor: 1, version: rec.version });
    expect(res.statusCode).toBe(200);
    // The bank file's figure for the statement date still wins over an entered one.
    expect(res.json<ReconciliationDto>().statementBalance).toMatchObject({ amountMinor: 347_500, source: 'import', enteredMinor: 1 });
    const updates = await auditEventsOf(t.db, w.firm.id, 'reconciliation.updated');
    expect(updates.at(-1)?.data).toEqual({ before: { statementBalanceMinor: null }, after: { statementBalanceMinor: 1 } });
    expect((await w.http.reviewer.patch(`/reconciliations/${rec.id}`, { bookBalanceMinor: 1, version: rec.version + 1 })).statusCode).toBe(403);
  });
});

describe('matching', () => {
  it('runs as a background job that pairs the lines and records reconciliation.matched as the person who asked', async () => {
    const { w, rec, lines } = await march();
    const phases: string[] = [];

    const accepted = await w.http.preparer.post(`/reconciliations/${rec.id}/match-runs`);
    const again = await w.http.preparer.post(`/reconciliations/${rec.id}/match-runs`);
    expect(accepted.statusCode).toBe(202);
    const job = accepted.json<MatchRunAcceptedDto>().job;
    expect(job).toMatchObject({ kind: 'reconciliation.match', status: 'queued' });
    expect(again.json<MatchRunAcceptedDto>().job.id).toBe(job.id); // a double click queues one run
    const ran = await t.drainJobs({ onProgress: (p) => phases.push(p.phase) });

    expect(ran.map((j) => [j.id, j.status])).toEqual([[job.id, 'succeeded']]);
    expect([...new Set(phases)]).toEqual(['loading', 'matching', 'saving']);
    const after = await readReconciliation(w.http.preparer, rec.id);
    expect(after.counts.matchedBank).toBeGreaterThanOrEqual(3);
    expect(after.lastMatchRun).toMatchObject({ jobId: job.id, status: 'succeeded' });
    const check1001 = (await readLines(w.http.preparer, rec.id, 'side=bank&q=1001')).items[0];
    expect(check1001?.match?.otherSideLineIds).toEqual([lines.ledger[1]]);
    expect(check1001).toMatchObject({ cleared: true, reconciled: false });
    const [matched] = await auditEventsOf(t.db, w.firm.id, 'reconciliation.matched');
    expect(matched).toMatchObject({ actorId: w.users.preparer.id, subjectId: rec.id, data: { jobId: job.id } });
  });

  it('leaves no trace when the run is cancelled while it matches', async () => {
    const { w, rec } = await march();
    const { job } = (await w.http.preparer.post(`/reconciliations/${rec.id}/match-runs`)).json<MatchRunAcceptedDto>();

    const ran = await t.drainJobs({ onProgress: (p) => (p.phase === 'matching' ? signalJobCancel(p.jobId) : undefined) });

    expect(ran.map((j) => [j.id, j.status])).toEqual([[job.id, 'cancelled']]);
    const after = await readReconciliation(w.http.preparer, rec.id);
    expect(after.counts.matches).toBe(0);
    expect(after.matchedAt).toBeNull();
    expect(await auditEventsOf(t.db, w.firm.id, 'reconciliation.matched')).toEqual([]);
  });

  it('replaces only the automatic matches nobody touched when it runs again', async () => {
    const { w, rec, lines } = await march();
    await runMatching(t, w.http.preparer, rec.id);
    const fee = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[2]], ledgerLineIds: [], adjustment: { reasonCode: 'bank_fee' } });
    expect(fee.statusCode).toBe(201);

    await runMatching(t, w.http.preparer, rec.id);

    const bankLines = await readLines(w.http.preparer, rec.id, 'side=bank');
    expect(bankLines.items.find((l) => l.id === lines.bank[2])?.match).toMatchObject({ id: fee.json<MatchChangedDto>().match.id, origin: 'manual' });
    const runs = await auditEventsOf(t.db, w.firm.id, 'reconciliation.matched');
    expect(runs.at(-1)?.data).toMatchObject({ replacedAutomatic: (runs[0]?.data as { matches: number }).matches });
  });
});

describe('manual matches and adjustments', () => {
  it('refuses a difference without a reason code, proposes an adjustment with one, and answers a double submit with the same match', async () => {
    const { w, rec, lines } = await march();
    const body = { bankLineIds: [lines.bank[2]], ledgerLineIds: [] as string[] };

    const refused = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('sums_differ');

    const res = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { ...body, adjustment: { reasonCode: 'bank_fee', account: '6100 Bank charges' }, note: 'Monthly fee' });
    expect(res.statusCode).toBe(201);
    const { match, reconciliation } = res.json<MatchChangedDto>();
    expect(match).toMatchObject({ origin: 'manual', reason: 'manual', bankLineIds: [lines.bank[2]], ledgerLineIds: [], bankTotalMinor: -2_500, adjustment: { amountMinor: -2_500, reasonCode: 'bank_fee', account: '6100 Bank charges', status: 'proposed' } });
    expect(reconciliation.proof.adjustmentsMinor).toBe(-2_500);
    expect(reconciliation.adjustments).toEqual([expect.objectContaining({ matchId: match.id, status: 'proposed', description: 'MONTHLY SERVICE CHARGE', proposedBy: { id: w.users.preparer.id, name: 'Priya Preparer' } })]);
    const [confirmed] = await auditEventsOf(t.db, w.firm.id, 'match.confirmed');
    expect(confirmed?.data).toMatchObject({ matchId: match.id, adjustmentMinor: -2_500, adjustmentReason: 'bank_fee', note: 'Monthly fee' });
    expect(await writtenBy('auditEvents', confirmed?.id ?? '')).toBe(await writtenBy('reconciliationMatches', match.id));

    const twice = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { ...body, adjustment: { reasonCode: 'bank_fee' } });
    expect(twice.statusCode).toBe(200);
    expect(twice.json<MatchChangedDto>().match.id).toBe(match.id);
    expect(await auditEventsOf(t.db, w.firm.id, 'match.confirmed')).toHaveLength(1);
  });

  it('matches a split payment, refuses a line matched already, and refuses ledger-only groups that do not net to zero', async () => {
    const { w, rec, lines } = await march();
    const [a, b] = (await buildStatementLines(t.db, w.account, 'ledger', [{ date: '2026-03-10', amountMinor: 2_000 }, { date: '2026-03-11', amountMinor: -2_000 }])).lineIds;

    const ok = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[1]], ledgerLineIds: [lines.ledger[1]] });
    expect(ok.statusCode).toBe(201);
    const taken = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[1]], ledgerLineIds: [lines.ledger[4]] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('line_already_matched');
    const lonely = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [], ledgerLineIds: [a], adjustment: { reasonCode: 'error' } });
    expect(lonely.json().code).toBe('ledger_only_not_zero');
    expect((await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [], ledgerLineIds: [a, b] })).statusCode).toBe(201);
    const wrongSide = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.ledger[3]], ledgerLineIds: [] });
    expect(wrongSide.statusCode).toBe(400);
  });

  it('unmatches with a required note and frees the lines', async () => {
    const { w, rec, lines } = await march();
    const created = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[1]], ledgerLineIds: [lines.ledger[1]] });
    const matchId = created.json<MatchChangedDto>().match.id;

    expect((await w.http.preparer.post(`/reconciliations/${rec.id}/matches/${matchId}/remove`, { note: '' })).statusCode).toBe(400);
    const res = await w.http.preparer.post(`/reconciliations/${rec.id}/matches/${matchId}/remove`, { note: 'Wrong check, 1001 was voided' });

    expect(res.statusCode).toBe(200);
    expect(res.json<ReconciliationDto>().counts.matches).toBe(0);
    const [removed] = await auditEventsOf(t.db, w.firm.id, 'match.removed');
    expect(removed?.data).toEqual({ matchId, reason: 'manual', bankLineIds: [lines.bank[1]], ledgerLineIds: [lines.ledger[1]], note: 'Wrong check, 1001 was voided' });
    expect((await w.http.preparer.post(`/reconciliations/${rec.id}/matches/${matchId}/remove`, { note: 'again' })).statusCode).toBe(404);
  });

  it('lets the reviewer approve a proposed adjustment, never the preparer (segregation of duties)', async () => {
    const { w, rec, lines } = await march();
    const created = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[2]], ledgerLineIds: [], adjustment: { reasonCode: 'bank_fee' } });
    const matchId = created.json<MatchChangedDto>().match.id;
    const url = `/reconciliations/${rec.id}/matches/${matchId}/approve-adjustment`;

    const byPreparer = await w.http.preparer.post(url);
    expect(byPreparer.statusCode).toBe(403);
    expect(byPreparer.json().code).toBe('segregation_of_duties');
    expect((await w.http.auditor.post(url)).statusCode).toBe(404); // a draft is not evidence yet

    const res = await w.http.reviewer.post(url);
    expect(res.statusCode).toBe(200);
    expect(res.json<ReconciliationDto>().adjustments[0]).toMatchObject({ status: 'approved', approvedBy: { id: w.users.reviewer.id } });
    expect((await w.http.reviewer.post(url)).statusCode).toBe(200);
    const approvals = await auditEventsOf(t.db, w.firm.id, 'adjustment.approved');
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({ actorId: w.users.reviewer.id, data: { matchId, amountMinor: -2_500, reasonCode: 'bank_fee', account: '1010 Operating' } });
  });
});

describe('rule proposals', () => {
  it('proposes a rule for a fee adjusted by hand again and again, until a rule covers it', async () => {
    const { w, rec } = await march();
    const fees = (await buildStatementLines(t.db, w.account, 'bank', ['2026-03-06', '2026-03-13', '2026-03-27'].map((date, i) => ({ date, amountMinor: -1_500, description: `OUTGOING WIRE FEE REF ${4410 + i}` })))).lineIds;
    for (const id of fees) {
      expect((await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [id], ledgerLineIds: [], adjustment: { reasonCode: 'bank_fee', account: '6100 Bank charges' } })).statusCode).toBe(201);
    }

    const res = await w.http.reviewer.get(`/reconciliations/${rec.id}/rule-proposals`);

    expect(res.statusCode).toBe(200);
    expect(res.json<RuleProposalListDto>().items).toEqual([
      expect.objectContaining({ descriptionContains: 'OUTGOING WIRE FEE REF', kind: 'adjustment', direction: 'out', reasonCode: 'bank_fee', account: '6100 Bank charges', occurrences: 3 }),
    ]);
    await w.http.partner.post('/reconciliation-rules', { name: 'Wire fees', descriptionContains: 'wire fee', kind: 'adjustment', reasonCode: 'bank_fee' });
    expect((await w.http.reviewer.get(`/reconciliations/${rec.id}/rule-proposals`)).json<RuleProposalListDto>().items).toEqual([]);
  });
});

describe('lines', () => {
  it('lists one side filtered with sums of the whole filtered set, and documents an item', async () => {
    const { w, rec, lines } = await march();
    await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[1]], ledgerLineIds: [lines.ledger[1]] });

    const unmatched = await readLines(w.http.preparer, rec.id, 'side=ledger&status=unmatched&pageSize=2');
    expect(unmatched.total).toBe(4);
    expect(unmatched.items).toHaveLength(2);
    expect(unmatched.sums).toEqual({ count: 4, amountMinor: 500_000 - 45_000 + 80_000 - 30_000, inflowMinor: 580_000, outflowMinor: -75_000 });
    const byAmount = await readLines(w.http.preparer, rec.id, 'side=ledger&q=450.00');
    expect(byAmount.items.map((l) => l.id)).toEqual([lines.ledger[2]]);

    const documented = await w.http.preparer.put(`/reconciliations/${rec.id}/items/${lines.ledger[2]}/note`, { note: 'Mailed 03-28, vendor confirms receipt' });
    expect(documented.statusCode).toBe(200);
    const item = (await readLines(w.http.reviewer, rec.id, 'side=ledger&q=1002')).items[0];
    expect(item).toMatchObject({ cleared: false, carriedForward: false, ageDays: 3, itemNote: { note: 'Mailed 03-28, vendor confirms receipt', by: { name: 'Priya Preparer' } } });
    expect((await auditEventsOf(t.db, w.firm.id, 'reconciliation.item_documented'))[0]?.data).toEqual({ lineId: lines.ledger[2], note: 'Mailed 03-28, vendor confirms receipt' });
  });
});

describe('another firm and client users', () => {
  it('answers 404 on every reconciliation route to another firm and to client users, and leaks nothing', async () => {
    const { w, rec, lines, taskId } = await march();
    const created = await w.http.preparer.post(`/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[2]], ledgerLineIds: [], adjustment: { reasonCode: 'bank_fee' } });
    const matchId = created.json<MatchChangedDto>().match.id;
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/tasks/${taskId}/reconciliation`],
      ['POST', `/tasks/${taskId}/reconciliation`, { bankAccountId: w.account.id }],
      ['GET', `/reconciliations/${rec.id}`],
      ['PATCH', `/reconciliations/${rec.id}`, { bookBalanceMinor: 1, version: rec.version }],
      ['GET', `/reconciliations/${rec.id}/lines?side=bank`],
      ['POST', `/reconciliations/${rec.id}/match-runs`, {}],
      ['POST', `/reconciliations/${rec.id}/matches`, { bankLineIds: [lines.bank[1]], ledgerLineIds: [lines.ledger[1]] }],
      ['POST', `/reconciliations/${rec.id}/suggestions/accept`, { key: 'x' }],
      ['POST', `/reconciliations/${rec.id}/matches/${matchId}/remove`, { note: 'x' }],
      ['POST', `/reconciliations/${rec.id}/matches/${matchId}/approve-adjustment`, {}],
      ['PUT', `/reconciliations/${rec.id}/items/${lines.ledger[2]}/note`, { note: 'x' }],
      ['GET', `/reconciliations/${rec.id}/rule-proposals`],
      ['GET', `/reconciliations/${rec.id}/workpaper.pdf`],
      ['GET', `/reconciliations/${rec.id}/workpaper.xlsx`],
    ];
    for (const who of [w.http.outsider, w.http.clientUser]) {
      for (const [method, url, body] of attempts) {
        const sent = method === 'GET' ? await who.get(url) : method === 'PATCH' ? await who.patch(url, body) : method === 'PUT' ? await who.put(url, body) : await who.post(url, body);
        expect({ url, method, status: sent.statusCode }).toEqual({ url, method, status: 404 });
        expect(sent.body).not.toContain('Acme');
      }
    }
  });

  it('answers 404 for a reconciliation of a client the person is not assigned to', async () => {
    const w = await buildRecWorld(t);
    const other = await buildClient(t.db, w.firm, { name: 'Other Client' });
    const task = await buildTask(t.db, { firm: w.firm, client: other, workflow: w.workflows['bank-reconciliation'], preparer: w.users.admin, reviewer: w.users.partner });
    await t.db.insertInto('clientAccess').values({ firmId: w.firm.id, userId: w.users.partner.id, clientId: other.id, expiresAt: null, grantedBy: null }).execute();
    const account = await buildBankAccount(t.db, other);
    const rec = await w.http.admin.post(`/tasks/${task.id}/reconciliation`, { bankAccountId: account.id });
    expect(rec.statusCode).toBe(201);

    const res = await w.http.preparer.get(`/reconciliations/${rec.json<ReconciliationDto>().id}`);

    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Other Client');
  });
});
