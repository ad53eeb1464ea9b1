import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trx } from '../../db/database';
import { auditEventsOf, buildStatementLines } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { completeChecklist, mustTransition, transition } from '../../test/tracker';
import { buildRecWorld, insertMarch, MARCH, ok, readLines, readReconciliation, runMatching, startedRecTask, startReconciliation, type RecWorld } from '../../test/reconciliation';
import { extractPdfText } from '../../exports/pdf-text';
import { formatAmountForDisplay } from '../../exports/format';
import { systemContext } from '../../context';
import type { MatchChangedDto, ReconciliationDto } from '../../../shared/reconciliation';
import type { TaskDetailDto } from '../../../shared/tasks';
import { bankCsv, importForm } from '../imports/imports.test-helpers';
import { suspendSignOffsAfterImport } from './reconciliations.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface March {
  w: RecWorld;
  rec: ReconciliationDto;
  lines: Awaited<ReturnType<typeof insertMarch>>;
  taskId: string;
}

/** March worked up to submission: lines in, book balance entered, matched, checklist complete; the fee left open. */
async function preparedMarch(): Promise<March> {
  const w = await buildRecWorld(t);
  const task = await startedRecTask(t, w, '2026-03');
  const lines = await insertMarch(t, w);
  const started = await startReconciliation(w, task);
  ok(await w.http.preparer.patch(`/reconciliations/${started.id}`, { bookBalanceMinor: MARCH.bookBalanceMinor, version: started.version }), 'enter book balance');
  await runMatching(t, w.http.preparer, started.id);
  await completeChecklist(w.http.preparer, task.id);
  return { w, rec: await readReconciliation(w.http.preparer, started.id), lines, taskId: task.id };
}

async function bookTheFee(m: March): Promise<string> {
  return ok<MatchChangedDto>(await m.w.http.preparer.post(`/reconciliations/${m.rec.id}/matches`, { bankLineIds: [m.lines.bank[2]], ledgerLineIds: [], adjustment: { reasonCode: 'bank_fee' } }), 'book the fee').match.id;
}

/** March approved: the fee booked, submitted by the preparer, approved by the reviewer. */
async function approvedMarch(): Promise<March> {
  const m = await preparedMarch();
  await bookTheFee(m);
  await mustTransition(m.w.http.preparer, t.db, m.taskId, 'submit');
  await mustTransition(m.w.http.reviewer, t.db, m.taskId, 'approve');
  return { ...m, rec: await readReconciliation(m.w.http.preparer, m.rec.id) };
}

describe('submission', () => {
  it('refuses submission while the proof shows an unexplained difference, and accepts it at zero', async () => {
    const m = await preparedMarch();
    expect(m.rec.counts.bankLinesNeedingAction).toBe(1); // the service charge

    const refused = await transition(m.w.http.preparer, t.db, m.taskId, 'submit');

    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'reconciliation_not_ready', problems: [{ code: 'bank_lines_unresolved', count: 1 }, { code: 'unexplained_difference' }] });
    expect(refused.json().detail).toContain('-25.00 USD');
    expect((await t.db.selectFrom('tasks').select('status').where('id', '=', m.taskId).executeTakeFirstOrThrow()).status).toBe('in_progress');

    await bookTheFee(m);
    const proof = (await readReconciliation(m.w.http.preparer, m.rec.id)).proof;
    expect(proof).toMatchObject({ statementBalanceMinor: 347_500, depositsInTransitMinor: 80_000, outstandingChecksMinor: 45_000, adjustedBankBalanceMinor: 382_500, bookBalanceMinor: 385_000, adjustmentsMinor: -2_500, adjustedBookBalanceMinor: 382_500, differenceMinor: 0, isBalanced: true });
    const task = await mustTransition(m.w.http.preparer, t.db, m.taskId, 'submit');

    expect(task.status).toBe('ready_for_review');
    const rec = await readReconciliation(m.w.http.reviewer, m.rec.id);
    expect(rec).toMatchObject({ status: 'in_review', submittedBy: { id: m.w.users.preparer.id } });
    const [submitted] = await auditEventsOf(t.db, m.w.firm.id, 'reconciliation.submitted');
    expect(submitted).toMatchObject({ actorId: m.w.users.preparer.id, subjectId: m.rec.id, data: { differenceMinor: 0, taskId: m.taskId } });
  });

  it('refuses submission while an old carried-forward item has no note', async () => {
    const m = await preparedMarch();
    await bookTheFee(m);
    const [stale] = (await buildStatementLines(t.db, m.w.account, 'ledger', [{ date: '2025-11-15', amountMinor: -1_000, description: 'Check 0977 Old vendor', reference: '0977' }])).lineIds;
    ok(await m.w.http.preparer.patch(`/reconciliations/${m.rec.id}`, { bookBalanceMinor: MARCH.bookBalanceMinor - 1_000, version: (await readReconciliation(m.w.http.preparer, m.rec.id)).version }), 'book balance');

    const refused = await transition(m.w.http.preparer, t.db, m.taskId, 'submit');
    expect(refused.json().problems).toEqual([expect.objectContaining({ code: 'stale_items_undocumented', count: 1 })]);

    ok(await m.w.http.preparer.put(`/reconciliations/${m.rec.id}/items/${stale}/note`, { note: 'Vendor never cashed it; voiding in April' }), 'document');
    expect((await transition(m.w.http.preparer, t.db, m.taskId, 'submit')).statusCode).toBe(200);
  });
});

describe('review', () => {
  it('keeps the reconciliation read-only for the preparer in review, while the reviewer writes notes on its lines', async () => {
    const m = await preparedMarch();
    await bookTheFee(m);
    await mustTransition(m.w.http.preparer, t.db, m.taskId, 'submit');

    const edit = await m.w.http.preparer.post(`/reconciliations/${m.rec.id}/matches`, { bankLineIds: [], ledgerLineIds: [m.lines.ledger[2]] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('reconciliation_in_review');
    expect((await m.w.http.preparer.post(`/reconciliations/${m.rec.id}/match-runs`)).json().code).toBe('reconciliation_in_review');
    const seen = await readReconciliation(m.w.http.reviewer, m.rec.id);
    expect(seen.abilities).toEqual({ read: true, edit: false, match: false, approveAdjustment: true, addReviewNote: true, downloadWorkpaper: true });
    expect((await m.w.http.reviewer.post(`/reconciliations/${m.rec.id}/matches`, { bankLineIds: [], ledgerLineIds: [m.lines.ledger[2]] })).statusCode).toBe(403);

    const note = await m.w.http.reviewer.post(`/tasks/${m.taskId}/notes`, { category: 'missing_documentation', body: 'Attach the vendor confirmation for check 1002.', statementLineId: m.lines.ledger[2] });
    expect(note.statusCode).toBe(200);
    expect(note.json<TaskDetailDto>().notes.at(-1)?.statementLineId).toBe(m.lines.ledger[2]);
    const line = (await readLines(m.w.http.preparer, m.rec.id, 'side=ledger&q=1002')).items[0];
    expect(line?.reviewNotes).toEqual([expect.objectContaining({ body: 'Attach the vendor confirmation for check 1002.', status: 'open', author: { id: m.w.users.reviewer.id, name: 'Rita Reviewer' } })]);
    const foreign = await m.w.http.reviewer.post(`/tasks/${m.taskId}/notes`, { category: 'other', body: 'Which line?', statementLineId: m.w.account.id });
    expect(foreign.statusCode).toBe(400);
  });

  it('puts the reconciliation back to draft when the task is returned, and the preparer works it again', async () => {
    const m = await preparedMarch();
    await bookTheFee(m);
    await mustTransition(m.w.http.preparer, t.db, m.taskId, 'submit');
    ok(await m.w.http.reviewer.post(`/tasks/${m.taskId}/notes`, { category: 'other', body: 'Document check 1002.', statementLineId: m.lines.ledger[2] }), 'note');

    await mustTransition(m.w.http.reviewer, t.db, m.taskId, 'return');

    expect((await readReconciliation(m.w.http.preparer, m.rec.id)).status).toBe('draft');
    await mustTransition(m.w.http.preparer, t.db, m.taskId, 'resume');
    expect((await m.w.http.preparer.put(`/reconciliations/${m.rec.id}/items/${m.lines.ledger[2]}/note`, { note: 'Confirmation attached' })).statusCode).toBe(200);
    expect((await auditEventsOf(t.db, m.w.firm.id, 'reconciliation.returned')).map((e) => e.subjectId)).toEqual([m.rec.id]);
  });
});

describe('approval', () => {
  it('reconciles the matched lines, hashes a snapshot and locks the reconciliation; review notes are still allowed', async () => {
    const m = await approvedMarch();

    expect(m.rec).toMatchObject({ status: 'approved', approvedBy: { id: m.w.users.reviewer.id } });
    expect(m.rec.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    const reconciled = await t.db.selectFrom('statementLines').select('id').where('reconciledIn', '=', m.rec.id).execute();
    expect(reconciled).toHaveLength(m.rec.counts.matchedBank + m.rec.counts.matchedLedger);
    const bank = await readLines(m.w.http.preparer, m.rec.id, 'side=bank');
    expect(bank.items.every((l) => l.cleared && l.reconciled)).toBe(true);
    const [approved] = await auditEventsOf(t.db, m.w.firm.id, 'reconciliation.approved');
    expect(approved).toMatchObject({ actorId: m.w.users.reviewer.id, data: { snapshotHash: m.rec.snapshotHash, lines: reconciled.length, taskId: m.taskId } });

    const matchId = bank.items[0]?.match?.id ?? '';
    const refusals = [
      await m.w.http.preparer.patch(`/reconciliations/${m.rec.id}`, { bookBalanceMinor: 1, version: m.rec.version }),
      await m.w.http.preparer.post(`/reconciliations/${m.rec.id}/match-runs`),
      await m.w.http.preparer.post(`/reconciliations/${m.rec.id}/matches`, { bankLineIds: [], ledgerLineIds: [m.lines.ledger[2]] }),
      await m.w.http.preparer.post(`/reconciliations/${m.rec.id}/matches/${matchId}/remove`, { note: 'Oops' }),
      await m.w.http.preparer.put(`/reconciliations/${m.rec.id}/items/${m.lines.ledger[2]}/note`, { note: 'Late note' }),
      await m.w.http.reviewer.post(`/reconciliations/${m.rec.id}/matches/${matchId}/approve-adjustment`),
    ];
    expect(refusals.map((r): [number, string] => [r.statusCode, r.json<{ code: string }>().code])).toEqual(Array.from({ length: refusals.length }, () => [409, 'reconciliation_locked']));
    expect((await m.w.http.reviewer.post(`/tasks/${m.taskId}/notes`, { category: 'other', body: 'For next month: chase check 1002.', statementLineId: m.lines.ledger[2] })).statusCode).toBe(200);
  });

  it('lets an auditor of the client read and download an approved reconciliation, and nothing else', async () => {
    const m = await approvedMarch();

    expect((await m.w.http.auditor.get(`/reconciliations/${m.rec.id}`)).json<ReconciliationDto>().abilities).toEqual({ read: true, edit: false, match: false, approveAdjustment: false, addReviewNote: false, downloadWorkpaper: true });
    expect((await m.w.http.auditor.get(`/reconciliations/${m.rec.id}/workpaper.xlsx`)).statusCode).toBe(200);
    expect((await m.w.http.auditor.put(`/reconciliations/${m.rec.id}/items/${m.lines.ledger[2]}/note`, { note: 'x' })).statusCode).toBe(403);
  });

  it('releases the lines and returns to draft when a partner reopens the task', async () => {
    const m = await approvedMarch();

    await mustTransition(m.w.http.partner, t.db, m.taskId, 'reopen', { reason: 'Wrong statement date' });

    const rec = await readReconciliation(m.w.http.preparer, m.rec.id);
    expect(rec).toMatchObject({ status: 'draft', snapshotHash: null, approvedAt: null });
    expect(await t.db.selectFrom('statementLines').select('id').where('reconciledIn', '=', m.rec.id).execute()).toEqual([]);
  });
});

describe('carry-forward', () => {
  it('brings March’s outstanding check into April, where it is matched', async () => {
    const m = await approvedMarch();
    const aprilTask = await startedRecTask(t, m.w, '2026-04');
    const [clearing] = (await buildStatementLines(t.db, m.w.account, 'bank', [{ date: '2026-04-03', amountMinor: -45_000, description: 'CHECK 1002', reference: '1002' }])).lineIds;
    const april = await startReconciliation(m.w, aprilTask);

    const ledger = await readLines(m.w.http.preparer, april.id, 'side=ledger&status=unmatched');
    const check1002 = ledger.items.find((l) => l.id === m.lines.ledger[2]);
    expect(check1002).toMatchObject({ carriedForward: true, cleared: false, reconciled: false, ageDays: 33 });
    expect(ledger.items.map((l) => l.id).sort()).toEqual([m.lines.ledger[2], m.lines.ledger[3]].sort()); // the March deposit in transit too
    expect((await readLines(m.w.http.preparer, april.id, 'side=bank')).items.map((l) => l.id)).toEqual([clearing]); // March's reconciled lines stay in March

    await runMatching(t, m.w.http.preparer, april.id);

    const matched = (await readLines(m.w.http.preparer, april.id, 'side=ledger&q=1002')).items[0];
    expect(matched).toMatchObject({ id: m.lines.ledger[2], cleared: true, carriedForward: true, match: { otherSideLineIds: [clearing] } });
    // March, approved, still shows the check as outstanding at 03-31: its proof does not move.
    expect((await readLines(m.w.http.preparer, m.rec.id, 'side=ledger&q=1002')).items[0]).toMatchObject({ cleared: false, reconciled: false, matchedLater: true });
    expect((await readReconciliation(m.w.http.preparer, m.rec.id)).proof).toEqual(m.rec.proof);
  });
});

describe('suspension after a later import', () => {
  /** A later import, as the import job does it: its lines and the hook in one transaction. */
  async function importLater(m: March, side: 'bank' | 'ledger', lines: Array<{ date: string; amountMinor: number; description: string }>, closing: { date: string; amountMinor: number } | null): Promise<string> {
    const { importId } = await buildStatementLines(t.db, m.w.account, side, lines, { closingBalanceMinor: closing?.amountMinor ?? null, endOn: closing?.date ?? null });
    await t.db.transaction().execute((trx: Trx) => suspendSignOffsAfterImport(trx, systemContext(t.db, () => t.clock.now()), { bankAccountId: m.w.account.id, importId, side, addedLineDates: lines.map((l) => l.date), closingBalance: closing }));
    return importId;
  }

  it('suspends the sign-off when a back-dated line arrives, sends the task back to review, and keeps the original approval in the audit log', async () => {
    const m = await approvedMarch();
    const hashBefore = m.rec.snapshotHash;

    const importId = await importLater(m, 'bank', [{ date: '2026-03-29', amountMinor: -1_000, description: 'WIRE FEE' }], null);

    const rec = await readReconciliation(m.w.http.preparer, m.rec.id);
    expect(rec).toMatchObject({ status: 'suspended', snapshotHash: null, abilities: { match: true, edit: true } });
    expect(rec.suspendedReason).toContain('2026-03-29');
    expect(rec.counts.bankLinesNeedingAction).toBe(1);
    expect(await t.db.selectFrom('statementLines').select('id').where('reconciledIn', '=', m.rec.id).execute()).toEqual([]);
    const task = ok<TaskDetailDto>(await m.w.http.reviewer.get(`/tasks/${m.taskId}`), 'task');
    expect(task).toMatchObject({ status: 'ready_for_review', approvedAt: null });
    const [suspended] = await auditEventsOf(t.db, m.w.firm.id, 'reconciliation.suspended');
    expect(suspended).toMatchObject({ actorKind: 'system', subjectId: m.rec.id, data: { previousSnapshotHash: hashBefore, importId } });
    const taskEvents = (await auditEventsOf(t.db, m.w.firm.id)).filter((e) => e.subjectId === m.taskId).map((e) => [e.type, e.actorKind]);
    expect(taskEvents.slice(-2)).toEqual([
      ['task.approved', 'user'],
      ['task.reopened', 'system'],
    ]);
    expect(await auditEventsOf(t.db, m.w.firm.id, 'reconciliation.approved')).toHaveLength(1);

    // The preparer works the new line; the reviewer approves again, with a new snapshot.
    const [wire] = (await readLines(m.w.http.preparer, m.rec.id, 'side=bank&status=unmatched')).items;
    ok(await m.w.http.preparer.post(`/reconciliations/${m.rec.id}/matches`, { bankLineIds: [wire?.id], ledgerLineIds: [], adjustment: { reasonCode: 'bank_fee' } }), 'book the wire fee');
    const statement = await m.w.http.preparer.patch(`/reconciliations/${m.rec.id}`, { statementBalanceMinor: MARCH.statementBalanceMinor - 1_000, version: (await readReconciliation(m.w.http.preparer, m.rec.id)).version });
    expect(statement.json<ReconciliationDto>().statementBalance.source).toBe('import'); // the March file still says 3,475.00 for 03-31
    const refused = await transition(m.w.http.reviewer, t.db, m.taskId, 'approve');
    expect(refused.json().code).toBe('reconciliation_not_ready');
  });

  it('suspends through the HTTP import of a bank file with a back-dated line', async () => {
    const m = await approvedMarch();
    const { payload, headers } = importForm({ side: 'bank' }, { name: 'late-march.csv', content: bankCsv([['2026-03-30', 'WIRE FEE LATE', -1_500]]) });

    const res = await m.w.http.preparer.post(`/bank-accounts/${m.w.account.id}/imports`, payload, headers);
    expect(res.statusCode).toBe(202);
    const jobs = await t.drainJobs();

    expect(jobs.map((j) => [j.kind, j.status])).toEqual([['statement.import', 'succeeded']]);
    const rec = await readReconciliation(m.w.http.preparer, m.rec.id);
    expect(rec.status).toBe('suspended');
    expect(rec.suspendedReason).toBe('A later bank statement import added lines dated on or before the statement date 2026-03-31 (2026-03-30).');
    expect((await t.db.selectFrom('tasks').select('status').where('id', '=', m.taskId).executeTakeFirstOrThrow()).status).toBe('ready_for_review');
    const suspended = await auditEventsOf(t.db, m.w.firm.id, 'reconciliation.suspended');
    const imported = await auditEventsOf(t.db, m.w.firm.id, 'statement.imported');
    expect(suspended).toHaveLength(1);
    expect(suspended[0]?.requestId).toBe(imported.at(-1)?.requestId); // in the import job's transaction
  });

  it('re-approves a suspended reconciliation once the new line is worked and the figures agree', async () => {
    const m = await approvedMarch();
    await importLater(m, 'ledger', [{ date: '2026-03-31', amountMinor: 2_000, description: 'Deposit late posting' }], null);
    ok(await m.w.http.preparer.patch(`/reconciliations/${m.rec.id}`, { bookBalanceMinor: MARCH.bookBalanceMinor + 2_000, version: (await readReconciliation(m.w.http.preparer, m.rec.id)).version }), 'book balance');

    const task = await mustTransition(m.w.http.reviewer, t.db, m.taskId, 'approve');

    expect(task.status).toBe('approved');
    const rec = await readReconciliation(m.w.http.reviewer, m.rec.id);
    expect(rec.status).toBe('approved');
    expect(rec.snapshotHash).not.toBe(m.rec.snapshotHash);
    expect(rec.proof.depositsInTransitMinor).toBe(82_000);
  });

  it('returns a suspended reconciliation to draft when the reviewer returns the task', async () => {
    const m = await approvedMarch();
    await importLater(m, 'bank', [{ date: '2026-03-15', amountMinor: 5_000, description: 'INTEREST' }], null);
    ok(await m.w.http.reviewer.post(`/tasks/${m.taskId}/notes`, { category: 'other', body: 'New interest line: book it.' }), 'note');

    await mustTransition(m.w.http.reviewer, t.db, m.taskId, 'return');

    expect((await readReconciliation(m.w.http.preparer, m.rec.id)).status).toBe('draft');
  });

  it('suspends when a later file gives another closing balance for the statement date, and not when it agrees', async () => {
    const m = await approvedMarch();

    await importLater(m, 'bank', [], { date: '2026-03-31', amountMinor: MARCH.statementBalanceMinor });
    expect((await readReconciliation(m.w.http.preparer, m.rec.id)).status).toBe('approved');
    await importLater(m, 'bank', [{ date: '2026-04-02', amountMinor: 100, description: 'April line' }], null);
    expect((await readReconciliation(m.w.http.preparer, m.rec.id)).status).toBe('approved');

    await importLater(m, 'bank', [], { date: '2026-03-31', amountMinor: MARCH.statementBalanceMinor + 10 });

    const rec = await readReconciliation(m.w.http.preparer, m.rec.id);
    expect(rec.status).toBe('suspended');
    expect(rec.suspendedReason).toBe('A later bank statement import gives a closing balance of 3475.10 USD for 2026-03-31 (approved with 3475.00 USD).');
  });
});

describe('workpapers', () => {
  it('renders the PDF with the proof figures and records export.generated', async () => {
    const m = await approvedMarch();

    const res = await m.w.http.reviewer.get(`/reconciliations/${m.rec.id}/workpaper.pdf`);

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="bank-reconciliation_acme-holdings_operating_2026-03-31.pdf"');
    const text = await extractPdfText(res.rawPayload);
    for (const figure of [347_500, 80_000, 45_000, 382_500, 385_000, -2_500]) {
      expect(text).toContain(formatAmountForDisplay(figure, 'USD'));
    }
    expect(text).toContain('Check 1002 Northwind Traders');
    expect(text).toContain('Priya Preparer');
    expect(text).toContain('Rita Reviewer');
    const [generated] = await auditEventsOf(t.db, m.w.firm.id, 'export.generated');
    expect(generated).toMatchObject({ actorId: m.w.users.reviewer.id, subjectType: 'firm', data: { kind: 'reconciliation_workpaper', file: 'bank-reconciliation_acme-holdings_operating_2026-03-31.pdf' } });
  });

  it('renders the XLSX workbook', async () => {
    const m = await approvedMarch();

    const res = await m.w.http.preparer.get(`/reconciliations/${m.rec.id}/workpaper.xlsx`);

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
