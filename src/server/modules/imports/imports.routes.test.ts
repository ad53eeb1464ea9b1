import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BankAccountRow, ClientRow, FirmRow, Role } from '../../db/schema';
import { signalJobCancel } from '../../jobs/job-queue';
import type { ProgressReport } from '../../jobs/job-runner';
import { auditEventsOf, buildBankAccount, buildClient, buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type HttpClient, type TestApp } from '../../test/test-app';
import type { ImportAcceptedDto, LineListDto, StatementImportDto } from '../../../shared/bank-accounts';
import type { JobDto } from '../../../shared/jobs';
import { bankCsv, fixture, importForm } from './imports.test-helpers';

/** The cash account's transactions as Xero exports them: a debit is money into the bank. */
const XERO_EXPORT = [
  'Account Transactions',
  'Harbor Test Co',
  'For the period 1 March 2026 to 31 March 2026',
  '',
  'Date,Source,Contact,Description,Reference,Debit,Credit,Running Balance,Gross,GST',
  '02 Mar 2026,Receivable Payment,Northwind,Payment received,INV-1001,2500.00,,12500.00,2500.00,0.00',
  '05 Mar 2026,Payable Payment,Office Supplies Co,Paper and toner,BILL-77,,124.50,12375.50,-124.50,0.00',
  '09 Mar 2026,Spend Money,Landlord,March rent,,,1000.00,11375.50,-1000.00,0.00',
  '',
].join('\n');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.drainJobs(); // nothing a test queued runs into the next one
});
afterAll(async () => {
  await t.close();
});

interface World {
  firm: FirmRow;
  client: ClientRow;
  account: BankAccountRow;
  http: HttpClient;
  userId: string;
}

/** A firm, a client, one of its bank accounts, and a person of `role` on that client. */
async function setup(options: { role?: Role; currency?: string; accountIdentifier?: string | null } = {}): Promise<World> {
  const firm = await buildFirm(t.db);
  const client = await buildClient(t.db, firm, { name: 'Acme Holdings' });
  const account = await buildBankAccount(t.db, client, { name: 'Operating', currency: options.currency ?? 'USD', accountIdentifier: options.accountIdentifier ?? null });
  const role = options.role ?? 'preparer';
  const { user } = await buildUser(t.db, firm, { role, clients: [client], ...(role === 'auditor' ? { accessExpiresAt: new Date(Date.now() + 86_400_000) } : {}) });
  return { firm, client, account, http: await t.as(user), userId: user.id };
}

async function upload(w: Pick<World, 'http' | 'account'>, file: { name: string; content: Buffer | string }, fields: Record<string, string> = {}) {
  const form = importForm({ side: 'bank', ...fields }, file);
  return w.http.post(`/bank-accounts/${w.account.id}/imports`, form.payload, form.headers);
}

/** Uploads, checks the 202, runs the queued job, and answers the job as the API shows it then. */
async function importFile(w: Pick<World, 'http' | 'account'>, file: { name: string; content: Buffer | string }, fields: Record<string, string> = {}, onProgress?: (report: ProgressReport) => void): Promise<JobDto> {
  const res = await upload(w, file, fields);
  expect(res.statusCode, res.body).toBe(202);
  await t.drainJobs(onProgress ? { onProgress } : {});
  return (await w.http.get(`/jobs/${res.json<ImportAcceptedDto>().job.id}`)).json<JobDto>();
}

const linesOf = (account: BankAccountRow, side: 'bank' | 'ledger' = 'bank') =>
  t.db.selectFrom('statementLines').selectAll().where('bankAccountId', '=', account.id).where('side', '=', side).orderBy('position').execute();
const importsOf = (account: BankAccountRow) => t.db.selectFrom('statementImports').selectAll().where('bankAccountId', '=', account.id).execute();

/** The PostgreSQL transaction that last wrote a row: equal ids mean the rows committed together. */
async function writtenBy(table: 'documents' | 'backgroundJobs' | 'auditEvents' | 'statementImports' | 'statementLines', id: string): Promise<string> {
  const row = await t.db.selectFrom(table).select(sql<string>`xmin::text`.as('xmin')).where('id', '=', id).executeTakeFirstOrThrow();
  return row.xmin;
}

describe('POST /api/bank-accounts/:id/imports', () => {
  it('answers 202 with a queued job before any line exists, and stores the original with its audit entry in the same transaction', async () => {
    const w = await setup({ currency: 'CAD' });
    const file = fixture('ofx/jseutter-ofxparse__bank_medium.ofx');

    const res = await upload(w, file);

    expect(res.statusCode).toBe(202);
    const accepted = res.json<ImportAcceptedDto>();
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    expect(accepted.job).toMatchObject({ kind: 'statement.import', clientId: w.client.id, status: 'queued', result: null, createdBy: { id: w.userId }, abilities: { read: true, cancel: true } });
    expect(accepted.document).toEqual({ id: expect.any(String), filename: 'jseutter-ofxparse__bank_medium.ofx', sha256, sizeBytes: file.content.length });
    expect(await linesOf(w.account)).toEqual([]);
    expect(await importsOf(w.account)).toEqual([]);
    const [uploaded] = await auditEventsOf(t.db, w.firm.id, 'document.uploaded');
    expect(uploaded).toMatchObject({ actorId: w.userId, subjectId: accepted.document.id, clientId: w.client.id, data: { taskId: null, filename: file.name, sha256, sizeBytes: file.content.length } });
    const tx = await writtenBy('documents', accepted.document.id);
    expect(await writtenBy('backgroundJobs', accepted.job.id)).toBe(tx);
    expect(await writtenBy('auditEvents', uploaded?.id ?? '')).toBe(tx);
    const stored = await t.db.selectFrom('documents').selectAll().where('id', '=', accepted.document.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ clientId: w.client.id, taskId: null, sha256 });
    const download = await w.http.get(`/documents/${accepted.document.id}/content`);
    expect(download.rawPayload.equals(file.content)).toBe(true);
  });

  it('imports the lines in the job, with progress, the import record and statement.imported in one transaction', async () => {
    const w = await setup({ currency: 'CAD', accountIdentifier: '12300000012345678' });
    const reports: ProgressReport[] = [];

    const job = await importFile(w, fixture('ofx/jseutter-ofxparse__bank_medium.ofx'), {}, (r) => reports.push(r));

    expect(job).toMatchObject({ status: 'succeeded', error: null, phase: 'saving', progress: { done: 3, total: 3 } });
    expect(job.result).toMatchObject({ format: expect.stringMatching(/^(ofx|qfx)$/), statementsInFile: 1, sourceAccountId: '12300 000012345678', startOn: '2009-04-01', endOn: '2009-05-23', closingBalanceMinor: 38_234, linesTotal: 3, linesAdded: 3, linesDuplicate: 0 });
    expect(reports.filter((r) => r.phase === 'reading').at(-1)).toMatchObject({ done: fixture('ofx/jseutter-ofxparse__bank_medium.ofx').content.length });
    expect(reports.at(-1)).toMatchObject({ phase: 'saving', done: 3, total: 3 });
    const lines = await linesOf(w.account);
    expect(lines.map((l) => [l.position, l.amountMinor])).toEqual([
      [1, -660],
      [2, expect.any(Number)],
      [3, expect.any(Number)],
    ]);
    expect(lines.every((l) => l.dedupeKey.startsWith('id:'))).toBe(true);
    const [imported] = await importsOf(w.account);
    expect(imported).toMatchObject({ id: job.result?.importId, side: 'bank', fileName: 'jseutter-ofxparse__bank_medium.ofx', linesAdded: 3, importedBy: w.userId, closingBalanceMinor: 38_234 });
    const [audit, ...more] = await auditEventsOf(t.db, w.firm.id, 'statement.imported');
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actorId: w.userId, subjectType: 'statement_import', subjectId: imported?.id, clientId: w.client.id, data: { bankAccountId: w.account.id, side: 'bank', linesAdded: 3, linesDuplicate: 0, statements: 1, jobId: job.id } });
    const tx = await writtenBy('statementImports', imported?.id ?? '');
    expect(await writtenBy('auditEvents', audit?.id ?? '')).toBe(tx);
    expect(await writtenBy('statementLines', lines[0]?.id ?? '')).toBe(tx);
  });

  it.each([
    ['ofx', 'ofx/jseutter-ofxparse__suncorp.ofx', 'AUD', 1],
    ['qfx', 'qfx/actualbudget-actual__html-vals.qfx', 'CAD', 2],
    ['camt', 'camt/genkgo-camt__camt053.v2.minimal.xml', 'EUR', 1],
    ['bai2', 'bai2/ministryofjustice-bai2__nwb_example.bai2', 'GBP', 5],
    ['mt940', 'mt940/WoLpH-mt940__ing.sta', 'EUR', 7],
    ['qif', 'qif/actualbudget-actual__qif-category.qif', 'USD', 2],
    ['csv', 'csv/bank2ynab-bank2ynab__CSV_A_20180414_112204.csv', 'EUR', 3],
  ])('imports a real %s file through HTTP', async (format, file, currency, transactions) => {
    const w = await setup({ currency });

    const job = await importFile(w, fixture(file));

    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.result).toMatchObject({ format, linesTotal: transactions, linesAdded: transactions });
    expect(await linesOf(w.account)).toHaveLength(transactions);
  });

  it('imports an XLSX workbook', async () => {
    const w = await setup();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Transactions');
    sheet.addRow(['Date', 'Description', 'Amount']);
    sheet.addRow(['2026-03-02', 'Coffee', '-4.50']);
    sheet.addRow(['2026-03-03', 'Deposit', '1250.00']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());

    const job = await importFile(w, { name: 'march.xlsx', content });

    expect(job.status, job.error ?? '').toBe('succeeded');
    expect((await linesOf(w.account)).map((l) => [l.bookedOn, l.amountMinor, l.description])).toEqual([
      ['2026-03-02', -450, 'Coffee'],
      ['2026-03-03', 125_000, 'Deposit'],
    ]);
  });

  it('adds nothing when the same file is imported twice', async () => {
    const w = await setup({ currency: 'EUR' });
    const file = fixture('mt940/WoLpH-mt940__ing.sta');
    await importFile(w, file);

    const again = await importFile(w, file);

    expect(again.result).toMatchObject({ linesTotal: 7, linesAdded: 0, linesDuplicate: 7 });
    expect(await linesOf(w.account)).toHaveLength(7);
    expect(await importsOf(w.account)).toHaveLength(2);
  });

  it('adds only the new lines of a statement that overlaps an earlier one, keeping identical lines of one day', async () => {
    const w = await setup();
    const first = bankCsv([
      ['2026-03-01', 'Opening deposit', 100_000],
      ['2026-03-05', 'Card Coffee', -450],
      ['2026-03-05', 'Card Coffee', -450],
      ['2026-03-10', 'Rent', -80_000],
    ]);
    const overlapping = bankCsv([
      ['2026-03-05', 'CARD  COFFEE', -450],
      ['2026-03-05', 'card coffee', -450],
      ['2026-03-10', 'Rent', -80_000],
      ['2026-03-12', 'Fee', -1_500],
      ['2026-03-15', 'Interest', 12],
    ]);

    const a = await importFile(w, { name: 'march-1.csv', content: first });
    const b = await importFile(w, { name: 'march-2.csv', content: overlapping });

    expect(a.result).toMatchObject({ linesAdded: 4, linesDuplicate: 0 });
    expect(b.result).toMatchObject({ linesAdded: 2, linesDuplicate: 3 });
    expect((await linesOf(w.account)).map((l) => l.bookedOn).sort()).toEqual(['2026-03-01', '2026-03-05', '2026-03-05', '2026-03-10', '2026-03-12', '2026-03-15']);
  });

  it('imports a general-ledger export on the ledger side, with the ledger’s debit as money in', async () => {
    const w = await setup();

    const job = await importFile(w, { name: 'xero-cash.csv', content: XERO_EXPORT }, { side: 'ledger' });

    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.result).toMatchObject({ format: 'csv', linesAdded: 3, closingBalanceMinor: 1_137_550 });
    expect((await linesOf(w.account, 'ledger')).map((l) => [l.bookedOn, l.amountMinor, l.reference])).toEqual([
      ['2026-03-02', 250_000, 'INV-1001'],
      ['2026-03-05', -12_450, 'BILL-77'],
      ['2026-03-09', -100_000, null],
    ]);
    expect(await linesOf(w.account, 'bank')).toEqual([]);
  });

  it('refuses a ledger export that is not of the layout the user chose', async () => {
    const w = await setup();

    const job = await importFile(w, { name: 'xero-cash.csv', content: XERO_EXPORT }, { side: 'ledger', ledgerPreset: 'netsuite' });
    const unknown = await upload(w, { name: 'xero-cash.csv', content: XERO_EXPORT }, { side: 'ledger', ledgerPreset: 'lotus-123' });

    expect(job).toMatchObject({ status: 'failed', error: 'xero-cash.csv, line 1: the file is not a NetSuite export: its header row was not found' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'ledgerPreset', message: 'is not a ledger export layout' }]);
  });

  it('imports the statements of one account that a file holds one after another as one import', async () => {
    const w = await setup({ currency: 'EUR', accountIdentifier: 'NL26 VAYB 8060 4768 90' });

    const job = await importFile(w, fixture('camt/genkgo-camt__camt053.v2.multi.statement.xml'));

    expect(job.result).toMatchObject({ statementsInFile: 2, linesAdded: 2, closingBalanceMinor: 2_000 });
  });

  it('fails a refused file with one line naming the file, the place and the problem, and stores no line', async () => {
    const w = await setup({ currency: 'EUR' });

    const job = await importFile(w, fixture('camt/genkgo-camt__camt053.v2.wrong.xml'));
    const badCsv = await importFile(w, { name: 'bad.csv', content: 'Date,Description,Amount\n2026-03-01,Coffee,-4.50\n2026-13-45,Tea,-2.00\n' });

    expect(job).toMatchObject({ status: 'failed', result: null });
    expect(job.error).toMatch(/^genkgo-camt__camt053\.v2\.wrong\.xml, \S.*: \S/);
    expect(job.error?.split('\n')).toHaveLength(1);
    expect(badCsv.status).toBe('failed');
    expect(badCsv.error).toMatch(/^bad\.csv, line 3: /);
    expect(await linesOf(w.account)).toEqual([]);
    expect(await importsOf(w.account)).toEqual([]);
    expect(await auditEventsOf(t.db, w.firm.id, 'statement.imported')).toEqual([]);
    // The original stays with the client's documents: evidence of what was sent.
    expect(await t.db.selectFrom('documents').select('filename').where('clientId', '=', w.client.id).orderBy('filename').execute()).toEqual([{ filename: 'bad.csv' }, { filename: 'genkgo-camt__camt053.v2.wrong.xml' }]);
  });

  it('refuses a file of another account, and a file in another currency', async () => {
    const wrongAccount = await setup({ currency: 'CAD', accountIdentifier: '999 000 111' });
    const wrongCurrency = await setup({ currency: 'USD' });

    const a = await importFile(wrongAccount, fixture('ofx/jseutter-ofxparse__bank_medium.ofx'));
    const b = await importFile(wrongCurrency, fixture('ofx/jseutter-ofxparse__bank_medium.ofx'));

    expect(a).toMatchObject({ status: 'failed', error: 'jseutter-ofxparse__bank_medium.ofx: the file is for account 12300 000012345678, not for Operating (999 000 111).' });
    expect(b).toMatchObject({ status: 'failed', error: 'jseutter-ofxparse__bank_medium.ofx: the statement is in CAD, but Operating is a USD account.' });
    expect(await linesOf(wrongAccount.account)).toEqual([]);
    expect(await linesOf(wrongCurrency.account)).toEqual([]);
  });

  it('imports the statement of this account from a file of several accounts, and refuses the file when it cannot tell which', async () => {
    const known = await setup({ accountIdentifier: '9200' });
    const unknown = await setup();

    const picked = await importFile(known, fixture('ofx/jseutter-ofxparse__multiple_accounts2.ofx'));
    const ambiguous = await importFile(unknown, fixture('ofx/jseutter-ofxparse__multiple_accounts2.ofx'));

    expect(picked).toMatchObject({ status: 'succeeded', result: { sourceAccountId: '9200', closingBalanceMinor: 22_200, linesTotal: 0 } });
    expect(ambiguous.status).toBe('failed');
    expect(ambiguous.error).toBe('jseutter-ofxparse__multiple_accounts2.ofx: the file holds statements of 2 accounts (9100, 9200); set the account identifier of Operating to the one to import.');
  });

  it('reads a CSV with the mapping sent with it, and refuses a mapping that is not one', async () => {
    const w = await setup();
    const mapping = { delimiter: ';', headerRowIndex: 0, headers: ['When', 'What', 'Out', 'In'], dateColumn: 0, dateFormat: 'DD.MM.YYYY', decimalMark: ',', amount: { kind: 'debitCredit', debitColumn: 2, creditColumn: 3 }, descriptionColumns: [1], referenceColumn: null, bankIdColumn: null, balanceColumn: null, currencyColumn: null, accountColumn: null };
    const csv = 'When;What;Out;In\n02.03.2026;Coffee;4,50;\n03.03.2026;Salary;;1.250,00\n';

    const job = await importFile(w, { name: 'export.csv', content: csv }, { mapping: JSON.stringify(mapping) });
    const bad = await upload(w, { name: 'export.csv', content: csv }, { mapping: '{"delimiter":"x"}' });
    const notJson = await upload(w, { name: 'export.csv', content: csv }, { mapping: 'delimiter=;' });

    expect(job.status, job.error ?? '').toBe('succeeded');
    expect((await linesOf(w.account)).map((l) => l.amountMinor)).toEqual([-450, 125_000]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/^mapping/);
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().errors).toEqual([{ path: 'mapping', message: 'must be JSON' }]);
  });

  it('refuses an empty file, a missing side and a request without a file, and queues nothing', async () => {
    const w = await setup();

    const empty = await upload(w, { name: 'empty.csv', content: '' });
    const sideless = importForm({}, { name: 'a.csv', content: 'x' });
    const noSide = await w.http.post(`/bank-accounts/${w.account.id}/imports`, sideless.payload, sideless.headers);
    const form = importForm({ side: 'bank' }, { name: 'a.csv', content: 'x' });
    const noFile = await w.http.post(`/bank-accounts/${w.account.id}/imports`, Buffer.from(form.payload.toString('latin1').replace('name="file"', 'name="attachment"'), 'latin1'), form.headers);

    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ path: 'file', message: 'is empty' }]);
    expect(noSide.statusCode).toBe(400);
    expect(noSide.json().errors[0].path).toBe('side');
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors).toEqual([{ path: 'file', message: 'is required' }]);
    expect(await t.db.selectFrom('backgroundJobs').select('id').where('firmId', '=', w.firm.id).execute()).toEqual([]);
  });

  it('answers 400, not 500, to a body that is not well-formed multipart', async () => {
    const w = await setup();
    const form = importForm({ side: 'bank' }, { name: 'a.csv', content: bankCsv([['2026-03-01', 'x', 1]]) });

    const res = await w.http.post(`/bank-accounts/${w.account.id}/imports`, form.payload.subarray(0, form.payload.length - 20), form.headers);

    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
  });

  it('cancels a queued import at once: the job never runs and nothing is stored', async () => {
    const w = await setup({ currency: 'EUR' });
    const res = await upload(w, fixture('mt940/WoLpH-mt940__ing.sta'));
    const jobId = res.json<ImportAcceptedDto>().job.id;

    const cancelled = await w.http.post(`/jobs/${jobId}/cancel`);
    await t.drainJobs();

    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<JobDto>()).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect((await w.http.get(`/jobs/${jobId}`)).json<JobDto>().status).toBe('cancelled');
    expect(await linesOf(w.account)).toEqual([]);
    expect(await auditEventsOf(t.db, w.firm.id, 'job.cancel_requested')).toMatchObject([{ actorId: w.userId, subjectId: jobId, data: { kind: 'statement.import' } }]);
  });

  it('rolls back an import cancelled while its lines are being saved, leaving no trace of it', async () => {
    const w = await setup();
    const rows: Array<[string, string, number]> = Array.from({ length: 2_500 }, (_, i) => [`2026-03-${String((i % 28) + 1).padStart(2, '0')}`, `Payment ${i}`, -(i + 1)]);

    const job = await importFile(w, { name: 'big.csv', content: bankCsv(rows) }, {}, (r) => r.phase === 'saving' && r.done >= 1_000 && signalJobCancel(r.jobId));

    expect(job).toMatchObject({ status: 'cancelled', result: null });
    expect(await linesOf(w.account)).toEqual([]);
    expect(await importsOf(w.account)).toEqual([]);
    expect(await auditEventsOf(t.db, w.firm.id, 'statement.imported')).toEqual([]);
  });

  it('lets only the firm’s staff on the client import: auditors and client users are refused, others do not see the account', async () => {
    const auditor = await setup({ role: 'auditor' });
    const clientUser = await setup({ role: 'client' });
    const foreign = await setup({ role: 'admin' });
    const file = { name: 'a.csv', content: bankCsv([['2026-03-01', 'x', 1]]) };

    expect((await upload(auditor, file)).statusCode).toBe(403);
    expect((await upload(clientUser, file)).statusCode).toBe(403);
    const otherFirm = await upload({ http: foreign.http, account: auditor.account }, file);
    expect(otherFirm.statusCode).toBe(404);
    expect(otherFirm.body).not.toContain('Operating');
    const unassigned = await buildUser(t.db, auditor.firm, { role: 'preparer', clients: [await buildClient(t.db, auditor.firm)] });
    expect((await upload({ http: await t.as(unassigned.user), account: auditor.account }, file)).statusCode).toBe(404);
    expect(await t.db.selectFrom('documents').select('id').where('clientId', 'in', [auditor.client.id, clientUser.client.id]).execute()).toEqual([]);
  });
});

describe('GET /api/bank-accounts/:id/imports and /lines', () => {
  it('lists imports newest first and lines newest first, paged and filtered, with their reconciled state', async () => {
    const w = await setup();
    await importFile(w, { name: 'march.csv', content: bankCsv([['2026-03-01', 'Deposit ACME', 100_000], ['2026-03-02', 'Coffee', -450], ['2026-03-03', 'Rent', -80_000]]) });
    t.clock.advance(60_000);
    await importFile(w, { name: 'april.csv', content: bankCsv([['2026-04-01', 'Coffee', -500]]) });

    const imports = await w.http.get(`/bank-accounts/${w.account.id}/imports`);
    const page = await w.http.get(`/bank-accounts/${w.account.id}/lines?side=bank&pageSize=2`);
    const march = await w.http.get(`/bank-accounts/${w.account.id}/lines?from=2026-03-01&to=2026-03-31&q=coffee`);
    const ledger = await w.http.get(`/bank-accounts/${w.account.id}/lines?side=ledger`);

    expect(imports.json<{ items: StatementImportDto[] }>().items.map((i) => [i.fileName, i.linesAdded, i.importedBy?.id])).toEqual([
      ['april.csv', 1, w.userId],
      ['march.csv', 3, w.userId],
    ]);
    expect(page.json<LineListDto>()).toMatchObject({ total: 4, page: 1, pageSize: 2, items: [{ bookedOn: '2026-04-01', amountMinor: -500, isReconciled: false, reconciledIn: null, matchId: null }, { bookedOn: '2026-03-03' }] });
    expect(march.json<LineListDto>().items.map((l) => [l.bookedOn, l.description])).toEqual([['2026-03-02', 'Coffee']]);
    expect(ledger.json<LineListDto>()).toMatchObject({ total: 0, items: [] });
  });

  it('hides another firm’s account', async () => {
    const w = await setup();
    const foreign = await setup({ role: 'admin' });

    for (const url of [`/bank-accounts/${w.account.id}/imports`, `/bank-accounts/${w.account.id}/lines`]) {
      expect((await foreign.http.get(url)).statusCode).toBe(404);
    }
  });
});

describe('POST /api/bank-accounts/:id/imports/preview', () => {
  it('shows a CSV’s detected layout and first rows, and stores nothing', async () => {
    const w = await setup();
    const csv = bankCsv(Array.from({ length: 30 }, (_, i) => [`2026-03-${String(i + 1).padStart(2, '0')}`, `Payment ${i}`, -(i + 1) * 100] as [string, string, number]));
    const form = importForm({ side: 'bank' }, { name: 'march.csv', content: csv });

    const res = await w.http.post(`/bank-accounts/${w.account.id}/imports/preview`, form.payload, form.headers);

    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview).toMatchObject({ fileName: 'march.csv', format: 'csv', problem: null, csv: { headers: ['Date', 'Description', 'Amount'], mapping: { delimiter: ',', dateFormat: 'YYYY-MM-DD' }, preset: null }, ledger: null });
    expect(preview.statement.transactions).toHaveLength(20);
    expect(preview.statement.transactions[0]).toEqual({ date: '2026-03-01', amountMinor: -100, description: 'Payment 0', reference: null, bankId: null });
    expect(await t.db.selectFrom('documents').select('id').where('clientId', '=', w.client.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('backgroundJobs').select('id').where('firmId', '=', w.firm.id).execute()).toEqual([]);
  });

  it('names the firm’s saved preset that fits the file’s columns', async () => {
    const w = await setup();
    const csv = bankCsv([['2026-03-01', 'Deposit', 100]]);
    const first = importForm({ side: 'bank' }, { name: 'a.csv', content: csv });
    const detected = (await w.http.post(`/bank-accounts/${w.account.id}/imports/preview`, first.payload, first.headers)).json();
    const saved = await w.http.post('/import-presets', { name: 'First National CSV', side: 'bank', mapping: detected.csv.mapping });
    expect(saved.statusCode).toBe(201);
    const form = importForm({ side: 'bank' }, { name: 'b.csv', content: csv });

    const res = await w.http.post(`/bank-accounts/${w.account.id}/imports/preview`, form.payload, form.headers);

    expect(res.json().csv.preset).toEqual({ id: saved.json().id, name: 'First National CSV' });
  });

  it('shows the header and first transactions of an OFX file read from its first 64 KiB', async () => {
    const w = await setup({ currency: 'CAD' });
    const form = importForm({ side: 'bank' }, fixture('ofx/jseutter-ofxparse__bank_medium.ofx'));

    const res = await w.http.post(`/bank-accounts/${w.account.id}/imports/preview`, form.payload, form.headers);

    expect(res.json()).toMatchObject({ format: expect.stringMatching(/^(ofx|qfx)$/), csv: null, problem: null, statement: { accountId: '12300 000012345678', currency: 'CAD', closingBalanceMinor: 38_234 } });
    expect(res.json().statement.transactions).toHaveLength(3);
  });

  it('recognises the accounting system of a ledger export and reads it the ledger’s way', async () => {
    const w = await setup();
    const form = importForm({ side: 'ledger' }, { name: 'xero-cash.csv', content: XERO_EXPORT });

    const res = await w.http.post(`/bank-accounts/${w.account.id}/imports/preview`, form.payload, form.headers);

    expect(res.json()).toMatchObject({ format: 'csv', problem: null, ledger: { preset: { id: 'xero', label: 'Xero' } }, csv: { confidence: 'high' } });
    expect(res.json().ledger.presets.map((p: { id: string }) => p.id)).toEqual(['quickbooks-online', 'xero', 'sage-intacct', 'netsuite']);
    expect(res.json().statement.transactions.map((t: { amountMinor: number }) => t.amountMinor)).toEqual([250_000, -12_450, -100_000]);
  });

  it('says when a file is no statement format it reads', async () => {
    const w = await setup();
    const form = importForm({ side: 'bank' }, { name: 'notes.bin', content: 'hello world' });

    const res = await w.http.post(`/bank-accounts/${w.account.id}/imports/preview`, form.payload, form.headers);

    expect(res.json()).toMatchObject({ format: null, statement: null });
    expect(res.json().problem).toMatch(/^notes\.bin, line 1: not a statement format/);
  });

  it('hides another firm’s account', async () => {
    const w = await setup();
    const foreign = await setup({ role: 'admin' });
    const form = importForm({ side: 'bank' }, { name: 'a.csv', content: 'x' });

    expect((await foreign.http.post(`/bank-accounts/${w.account.id}/imports/preview`, form.payload, form.headers)).statusCode).toBe(404);
  });
});

describe('import presets', () => {
  const mapping = { delimiter: ',', headerRowIndex: 0, headers: ['Date', 'Description', 'Amount'], dateColumn: 0, dateFormat: 'YYYY-MM-DD', decimalMark: '.', amount: { kind: 'signed', column: 2 }, descriptionColumns: [1], referenceColumn: null, bankIdColumn: null, balanceColumn: null, currencyColumn: null, accountColumn: null };

  it('saves a mapping with its audit entry, lists it, and refuses a second one of the same name', async () => {
    const w = await setup();

    const created = await w.http.post('/import-presets', { name: 'Chase CSV', side: 'bank', mapping });
    const duplicate = await w.http.post('/import-presets', { name: 'Chase CSV', side: 'bank', mapping });
    const list = await w.http.get('/import-presets?side=bank');

    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Chase CSV', side: 'bank', mapping, createdBy: { id: w.userId }, abilities: { delete: true } });
    expect(duplicate.statusCode).toBe(409);
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['Chase CSV']);
    expect(await auditEventsOf(t.db, w.firm.id, 'import_preset.saved')).toMatchObject([{ actorId: w.userId, subjectId: created.json().id, data: { name: 'Chase CSV', side: 'bank' } }]);
  });

  it('imports with a saved preset', async () => {
    const w = await setup();
    const preset = (await w.http.post('/import-presets', { name: 'Plain', side: 'bank', mapping })).json();

    const job = await importFile(w, { name: 'a.csv', content: bankCsv([['2026-03-01', 'Deposit', 100]]) }, { presetId: preset.id });
    const wrongSide = await upload(w, { name: 'a.csv', content: 'x' }, { side: 'ledger', presetId: preset.id });

    expect(job.status).toBe('succeeded');
    expect(wrongSide.statusCode).toBe(400);
    expect(wrongSide.json().errors[0].path).toBe('presetId');
  });

  it('lets whoever saved a preset, or a reviewer, delete it; not another preparer; and hides it from another firm', async () => {
    const w = await setup();
    const preset = (await w.http.post('/import-presets', { name: 'Mine', side: 'bank', mapping })).json();
    const otherPreparer = await t.as((await buildUser(t.db, w.firm, { role: 'preparer' })).user);
    const reviewer = await t.as((await buildUser(t.db, w.firm, { role: 'reviewer' })).user);
    const foreign = await setup({ role: 'admin' });

    expect((await otherPreparer.delete(`/import-presets/${preset.id}`)).statusCode).toBe(403);
    expect((await foreign.http.delete(`/import-presets/${preset.id}`)).statusCode).toBe(404);
    expect((await reviewer.delete(`/import-presets/${preset.id}`)).statusCode).toBe(204);
    expect(await auditEventsOf(t.db, w.firm.id, 'import_preset.deleted')).toMatchObject([{ subjectId: preset.id, data: { name: 'Mine' } }]);
    expect((await w.http.get('/import-presets')).json().items).toEqual([]);
  });

  it('keeps presets from auditors and client users', async () => {
    for (const role of ['auditor', 'client'] as const) {
      const w = await setup({ role });
      expect((await w.http.get('/import-presets')).statusCode).toBe(403);
      expect((await w.http.post('/import-presets', { name: 'x', side: 'bank', mapping })).statusCode).toBe(403);
    }
  });
});

describe('OpenAPI', () => {
  it('describes every bank account, import, preset and job route with a tag and a summary', async () => {
    const res = await t.anon.get('/api/docs/json');
    const paths = res.json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>().paths;
    const ours = [
      ['get', '/api/clients/{id}/bank-accounts'],
      ['post', '/api/clients/{id}/bank-accounts'],
      ['get', '/api/bank-accounts/{id}'],
      ['patch', '/api/bank-accounts/{id}'],
      ['post', '/api/bank-accounts/{id}/imports'],
      ['post', '/api/bank-accounts/{id}/imports/preview'],
      ['get', '/api/bank-accounts/{id}/imports'],
      ['get', '/api/bank-accounts/{id}/lines'],
      ['get', '/api/import-presets'],
      ['post', '/api/import-presets'],
      ['delete', '/api/import-presets/{id}'],
      ['get', '/api/jobs/{id}'],
      ['post', '/api/jobs/{id}/cancel'],
    ] as const;

    for (const [method, url] of ours) {
      const operation = paths[url]?.[method];
      expect(operation, `${method} ${url}`).toBeDefined();
      expect(operation?.tags?.length, `${method} ${url}`).toBeGreaterThan(0);
      expect(operation?.summary, `${method} ${url}`).toMatch(/\w/);
    }
  });
});
