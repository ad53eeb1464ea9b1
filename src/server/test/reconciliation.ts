import type { LightMyRequestResponse } from 'fastify';
import type { BankAccountRow, ClientRow, FirmRow, TaskRow, UserRow, WorkflowRow } from '../db/schema';
import type { LibraryKey } from './factories';
import { buildBankAccount, buildClient, buildFirm, buildStatementLines, buildTask, buildUser, buildWorkflows, type LineSpec } from './factories';
import type { HttpClient, TestApp } from './test-app';
import { completeChecklist, mustTransition } from './tracker';
import { newId } from '../ids';
import type { MatchChangedDto, ReconciliationDto, ReconciliationLinesDto } from '../../shared/reconciliation';

/**
 * A firm with one client, its bank account, the people around a monthly bank reconciliation
 * (preparer, reviewer, partner, admin, an auditor and a client user on the client, an admin of
 * another firm), and helpers that drive reconciliations through the HTTP API.
 */
export interface RecWorld {
  firm: FirmRow;
  client: ClientRow;
  account: BankAccountRow;
  workflows: Record<LibraryKey, WorkflowRow>;
  users: { preparer: UserRow; reviewer: UserRow; partner: UserRow; admin: UserRow; auditor: UserRow; clientUser: UserRow; outsider: UserRow };
  http: { preparer: HttpClient; reviewer: HttpClient; partner: HttpClient; admin: HttpClient; auditor: HttpClient; clientUser: HttpClient; outsider: HttpClient };
}

export async function buildRecWorld(t: TestApp): Promise<RecWorld> {
  const firm = await buildFirm(t.db);
  const client = await buildClient(t.db, firm, { name: 'Acme Holdings' });
  const workflows = await buildWorkflows(t.db, firm);
  const grant = { accessExpiresAt: new Date(Date.now() + 30 * 86_400_000) };
  const users = {
    preparer: (await buildUser(t.db, firm, { role: 'preparer', name: 'Priya Preparer', clients: [client] })).user,
    reviewer: (await buildUser(t.db, firm, { role: 'reviewer', name: 'Rita Reviewer', clients: [client] })).user,
    partner: (await buildUser(t.db, firm, { role: 'partner', name: 'Pat Partner', clients: [client] })).user,
    admin: (await buildUser(t.db, firm, { role: 'admin', name: 'Ada Admin' })).user,
    auditor: (await buildUser(t.db, firm, { role: 'auditor', name: 'Avery Auditor', clients: [client], ...grant })).user,
    clientUser: (await buildUser(t.db, firm, { role: 'client', name: 'Cody Client', clients: [client] })).user,
    outsider: (await buildUser(t.db, await buildFirm(t.db), { role: 'admin', name: 'Olga Outsider' })).user,
  };
  const http = {
    preparer: await t.as(users.preparer),
    reviewer: await t.as(users.reviewer),
    partner: await t.as(users.partner),
    admin: await t.as(users.admin),
    auditor: await t.as(users.auditor),
    clientUser: await t.as(users.clientUser),
    outsider: await t.as(users.outsider),
  };
  const account = await buildBankAccount(t.db, client, { name: 'Operating', accountIdentifier: '000123454821' });
  return { firm, client, account, workflows, users, http };
}

/** A bank reconciliation task of `period` (YYYY-MM), started by its preparer through the API. */
export async function startedRecTask(t: TestApp, w: RecWorld, period: string): Promise<TaskRow> {
  const task = await buildTask(t.db, { firm: w.firm, client: w.client, workflow: w.workflows['bank-reconciliation'], preparer: w.users.preparer, reviewer: w.users.reviewer, period });
  await mustTransition(w.http.preparer, t.db, task.id, 'start');
  return task;
}

/** Starts the task's reconciliation as its preparer; fails the test with the server's answer if refused. */
export async function startReconciliation(w: RecWorld, task: TaskRow, body: Record<string, unknown> = {}): Promise<ReconciliationDto> {
  return ok(await w.http.preparer.post(`/tasks/${task.id}/reconciliation`, { bankAccountId: w.account.id, ...body }), 'start reconciliation');
}

export async function readReconciliation(http: HttpClient, id: string): Promise<ReconciliationDto> {
  return ok(await http.get(`/reconciliations/${id}`), `read reconciliation ${id}`);
}

export async function readLines(http: HttpClient, id: string, query: string): Promise<ReconciliationLinesDto> {
  return ok(await http.get(`/reconciliations/${id}/lines?${query}`), `lines ${query}`);
}

/** Runs matching through the API and drains the job queue. */
export async function runMatching(t: TestApp, http: HttpClient, id: string): Promise<void> {
  ok(await http.post(`/reconciliations/${id}/match-runs`), 'start matching');
  await t.drainJobs();
}

/**
 * March 2026 of the world's account. Bank: a deposit, check 1001, a service charge the books do
 * not have, check 1003; closing balance 3,475.00 on 03-31. Ledger: the deposit, check 1001,
 * check 1002 (still outstanding), a deposit in transit, check 1003; book balance 3,850.00.
 */
export const MARCH = {
  bank: [
    { date: '2026-03-02', amountMinor: 500_000, description: 'DEPOSIT ACME CUSTOMER PAYMENT' },
    { date: '2026-03-05', amountMinor: -120_000, description: 'CHECK 1001', reference: '1001' },
    { date: '2026-03-20', amountMinor: -2_500, description: 'MONTHLY SERVICE CHARGE' },
    { date: '2026-03-25', amountMinor: -30_000, description: 'CHECK 1003', reference: '1003' },
  ] satisfies LineSpec[],
  ledger: [
    { date: '2026-03-01', amountMinor: 500_000, description: 'Deposit Acme customer payment' },
    { date: '2026-03-03', amountMinor: -120_000, description: 'Check 1001 Harbor Supplies', reference: '1001' },
    { date: '2026-03-28', amountMinor: -45_000, description: 'Check 1002 Northwind Traders', reference: '1002' },
    { date: '2026-03-30', amountMinor: 80_000, description: 'Deposit customer Brightline' },
    { date: '2026-03-24', amountMinor: -30_000, description: 'Check 1003 City Utilities', reference: '1003' },
  ] satisfies LineSpec[],
  statementBalanceMinor: 347_500,
  bookBalanceMinor: 385_000,
};

export interface MarchLines {
  bank: string[];
  ledger: string[];
  bankImportId: string;
}

/** Inserts March's lines (the bank file with its closing balance) and answers their ids in MARCH's order. */
export async function insertMarch(t: TestApp, w: RecWorld): Promise<MarchLines> {
  const bank = await buildStatementLines(t.db, w.account, 'bank', MARCH.bank, { closingBalanceMinor: MARCH.statementBalanceMinor, endOn: '2026-03-31' });
  const ledger = await buildStatementLines(t.db, w.account, 'ledger', MARCH.ledger);
  return { bank: bank.lineIds, ledger: ledger.lineIds, bankImportId: bank.importId };
}

export function ok<T>(res: LightMyRequestResponse, what: string): T {
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  }
  return res.json<T>();
}

// ---------------------------------------------------------------------------------------------
// For the authorization matrix: one approved and one draft reconciliation per place, and fresh
// objects (lines, suggestions, matches, adjustments) that a request may consume.
// ---------------------------------------------------------------------------------------------

export interface MatrixRecs {
  accountId: string;
  approvedId: string;
  approvedTaskId: string;
  draftId: string;
  /** A ledger line in scope of the draft. */
  lineId: string;
  /** The draft's preparer, who makes the fresh matches. */
  preparer: HttpClient;
}

/** Builds a place's reconciliations through the API, as its own preparer and reviewer. */
export async function buildMatrixRecs(
  t: TestApp,
  place: { firm: FirmRow; client: ClientRow; workflow: WorkflowRow; preparer: UserRow; reviewer: UserRow; preparerHttp: HttpClient; reviewerHttp: HttpClient },
): Promise<MatrixRecs> {
  const account = await buildBankAccount(t.db, { id: place.client.id, firmId: place.firm.id }, { name: 'Reconciled account' });
  const start = async (period: string) => {
    const task = await buildTask(t.db, { firm: place.firm, client: place.client, workflow: place.workflow, preparer: place.preparer, reviewer: place.reviewer, period });
    await mustTransition(place.preparerHttp, t.db, task.id, 'start');
    return task;
  };
  const approvedTask = await start('2026-03');
  const march = {
    bank: await buildStatementLines(t.db, account, 'bank', [{ date: '2026-03-05', amountMinor: 1_000, description: 'DEPOSIT' }], { closingBalanceMinor: 1_000, endOn: '2026-03-31' }),
    ledger: await buildStatementLines(t.db, account, 'ledger', [{ date: '2026-03-04', amountMinor: 1_000, description: 'Deposit' }]),
  };
  const approved = ok<ReconciliationDto>(await place.preparerHttp.post(`/tasks/${approvedTask.id}/reconciliation`, { bankAccountId: account.id }), 'matrix reconciliation');
  ok(await place.preparerHttp.patch(`/reconciliations/${approved.id}`, { bookBalanceMinor: 1_000, version: approved.version }), 'matrix book balance');
  ok(await place.preparerHttp.post(`/reconciliations/${approved.id}/matches`, { bankLineIds: march.bank.lineIds, ledgerLineIds: march.ledger.lineIds }), 'matrix match');
  await completeChecklist(place.preparerHttp, approvedTask.id);
  await mustTransition(place.preparerHttp, t.db, approvedTask.id, 'submit');
  await mustTransition(place.reviewerHttp, t.db, approvedTask.id, 'approve');

  const draftTask = await start('2026-04');
  const [lineId = ''] = (await buildStatementLines(t.db, account, 'ledger', [{ date: '2026-04-09', amountMinor: -500, description: 'Check 2001' }])).lineIds;
  const draft = ok<ReconciliationDto>(await place.preparerHttp.post(`/tasks/${draftTask.id}/reconciliation`, { bankAccountId: account.id }), 'matrix draft');
  return { accountId: account.id, approvedId: approved.id, approvedTaskId: approvedTask.id, draftId: draft.id, lineId, preparer: place.preparerHttp };
}

/** A fresh pair of equal bank and ledger lines in the draft's scope. */
export async function freshPair(t: TestApp, recs: MatrixRecs, account: { firmId: string; clientId: string }): Promise<{ bank: string; ledger: string }> {
  const owner = { id: recs.accountId, ...account };
  const [bank = ''] = (await buildStatementLines(t.db, owner, 'bank', [{ date: '2026-04-11', amountMinor: 777, description: 'DEPOSIT' }])).lineIds;
  const [ledger = ''] = (await buildStatementLines(t.db, owner, 'ledger', [{ date: '2026-04-10', amountMinor: 777, description: 'Deposit' }])).lineIds;
  return { bank, ledger };
}

/** A suggestion planted on the draft for a fresh pair; answers its key. */
export async function freshSuggestion(t: TestApp, recs: MatrixRecs, account: { firmId: string; clientId: string }): Promise<string> {
  const pair = await freshPair(t, recs, account);
  const row = await t.db.selectFrom('reconciliations').select('suggestions').where('id', '=', recs.draftId).executeTakeFirstOrThrow();
  const key = `matrix-${pair.bank}`;
  const suggestion = { key, reason: 'amount+date', confidence: 0.7, explanation: 'Same amount, a day apart.', distinguishing: ['date'], bankLineIds: [pair.bank], ledgerLineIds: [pair.ledger], adjustment: null, acceptedMatchId: null };
  await t.db
    .updateTable('reconciliations')
    .set({ suggestions: JSON.stringify([...row.suggestions, suggestion]) })
    .where('id', '=', recs.draftId)
    .execute();
  return key;
}

/** A fresh match on the draft (with a proposed adjustment when `adjustment`), made by its preparer. */
export async function freshMatch(t: TestApp, recs: MatrixRecs, account: { firmId: string; clientId: string }, adjustment = false): Promise<string> {
  const pair = await freshPair(t, recs, account);
  const body = adjustment ? { bankLineIds: [pair.bank], ledgerLineIds: [], adjustment: { reasonCode: 'bank_fee' } } : { bankLineIds: [pair.bank], ledgerLineIds: [pair.ledger] };
  return ok<MatchChangedDto>(await recs.preparer.post(`/reconciliations/${recs.draftId}/matches`, body), 'matrix fresh match').match.id;
}

/** A fresh started bank reconciliation task of a place, with a bank account of its own. */
export async function freshRecTask(t: TestApp, place: { firm: FirmRow; client: ClientRow; workflow: WorkflowRow; preparer: UserRow; reviewer: UserRow; preparerHttp: HttpClient }): Promise<{ taskId: string; accountId: string }> {
  const task = await buildTask(t.db, { firm: place.firm, client: place.client, workflow: place.workflow, preparer: place.preparer, reviewer: place.reviewer, period: '2026-06' });
  await mustTransition(place.preparerHttp, t.db, task.id, 'start');
  const account = await buildBankAccount(t.db, { id: place.client.id, firmId: place.firm.id });
  return { taskId: task.id, accountId: account.id };
}

/** A firm-wide matching rule of a firm, inserted directly; version 1. */
export async function freshRule(t: TestApp, firmId: string): Promise<string> {
  const id = newId();
  await t.db.insertInto('reconciliationRules').values({ id, firmId, clientId: null, name: `Rule ${id.slice(-6)}`, descriptionContains: 'SERVICE CHARGE', kind: 'adjustment', reasonCode: 'bank_fee', account: null, amountToleranceMinor: null, dateToleranceDays: null, createdBy: null }).execute();
  return id;
}
