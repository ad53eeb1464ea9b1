import type { LightMyRequestResponse } from 'fastify';
import type { BankAccountRow, ClientRow, FirmRow, TaskRow, UserRow, WorkflowRow } from '../db/schema';
import type { LibraryKey } from './factories';
import { buildBankAccount, buildClient, buildFirm, buildStatementLines, buildTask, buildUser, buildWorkflows, type LineSpec } from './factories';
import type { HttpClient, TestApp } from './test-app';
import { mustTransition } from './tracker';
import type { ReconciliationDto, ReconciliationLinesDto } from '../../shared/reconciliation';

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
