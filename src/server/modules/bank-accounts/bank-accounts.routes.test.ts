import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BankAccountRow, Role } from '../../db/schema';
import { newId } from '../../ids';
import { auditEventsOf, buildBankAccount, buildClient, buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { BankAccountDto, BankAccountListDto } from '../../../shared/bank-accounts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A firm with one client and a person of `role` assigned to it (the admin sees every client anyway). */
async function setup(role: Role = 'preparer') {
  const firm = await buildFirm(t.db);
  const client = await buildClient(t.db, firm, { name: 'Acme Holdings' });
  const { user } = await buildUser(t.db, firm, { role, clients: [client], ...(role === 'auditor' ? { accessExpiresAt: new Date(Date.now() + 86_400_000) } : {}) });
  return { firm, client, user, http: await t.as(user) };
}

/** The PostgreSQL transaction that last wrote a row: equal ids mean the rows committed together. */
async function writtenBy(table: 'bankAccounts' | 'auditEvents', id: string): Promise<string> {
  const row = await t.db.selectFrom(table).select(sql<string>`xmin::text`.as('xmin')).where('id', '=', id).executeTakeFirstOrThrow();
  return row.xmin;
}

/** An import with lines, written directly (imports through HTTP have their own tests). */
async function insertImport(account: BankAccountRow, side: 'bank' | 'ledger', options: { fileName: string; importedAt: Date; endOn: string; closing: number; lines: number; reconciled?: number }) {
  const importId = newId();
  await t.db
    .insertInto('statementImports')
    .values({ id: importId, firmId: account.firmId, clientId: account.clientId, bankAccountId: account.id, side, fileName: options.fileName, format: 'csv', sha256: 'x'.repeat(64), sizeBytes: 100, documentId: null, sourceAccountId: null, openingBalanceMinor: 0, closingBalanceMinor: options.closing, startOn: '2026-03-01', endOn: options.endOn, linesTotal: options.lines, linesAdded: options.lines, linesDuplicate: 0, importedBy: null, importedAt: options.importedAt })
    .execute();
  for (let i = 0; i < options.lines; i += 1) {
    await t.db
      .insertInto('statementLines')
      .values({ id: newId(), firmId: account.firmId, clientId: account.clientId, bankAccountId: account.id, side, importId, position: i + 1, bookedOn: '2026-03-02', amountMinor: 100 + i, description: `Line ${i}`, reference: null, bankId: null, dedupeKey: `fp:${importId}#${i}`, reconciledIn: null })
      .execute();
  }
  return importId;
}

const accountBody = { name: 'Operating', institution: 'First National', accountIdentifier: 'NL26 VAYB 8060 4768 90', currency: 'eur', glAccount: '1010 Operating cash' };

describe('POST /api/clients/:id/bank-accounts', () => {
  it('adds an account, takes the last four from the identifier, and records bank_account.created in the same transaction', async () => {
    const { firm, client, user, http } = await setup('preparer');

    const res = await http.post(`/clients/${client.id}/bank-accounts`, accountBody);

    expect(res.statusCode).toBe(201);
    const dto = res.json<BankAccountDto>();
    expect(dto).toMatchObject({ clientId: client.id, name: 'Operating', institution: 'First National', accountIdentifier: 'NL26 VAYB 8060 4768 90', accountNumberLast4: '6890', currency: 'EUR', glAccount: '1010 Operating cash', active: true, version: 1 });
    expect(dto.summary).toEqual({ bank: { lastImport: null, unreconciledLines: 0 }, ledger: { lastImport: null, unreconciledLines: 0 } });
    expect(dto.abilities).toEqual({ read: true, readActivity: true, update: true, import: true });
    const [created, ...more] = await auditEventsOf(t.db, firm.id, 'bank_account.created');
    expect(more).toEqual([]);
    expect(created).toMatchObject({ actorId: user.id, subjectType: 'bank_account', subjectId: dto.id, clientId: client.id, data: { after: { name: 'Operating', currency: 'EUR', accountNumberLast4: '6890' } } });
    expect(await writtenBy('auditEvents', created?.id ?? '')).toBe(await writtenBy('bankAccounts', dto.id));
  });

  it('refuses a second account of the same name on the client, and writes nothing', async () => {
    const { firm, client, http } = await setup('reviewer');
    await buildBankAccount(t.db, client, { name: 'Operating' });

    const res = await http.post(`/clients/${client.id}/bank-accounts`, accountBody);

    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('duplicate_name');
    expect(await auditEventsOf(t.db, firm.id, 'bank_account.created')).toEqual([]);
  });

  it('refuses a currency that is not an ISO code, naming the field', async () => {
    const { client, http } = await setup('admin');

    const res = await http.post(`/clients/${client.id}/bank-accounts`, { ...accountBody, currency: 'Euro' });

    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.currency', message: 'must be a three-letter ISO 4217 code such as USD' }]);
  });

  it('lets auditors and client users see the client but not set up its accounts', async () => {
    for (const role of ['auditor', 'client'] as const) {
      const { client, http } = await setup(role);
      const res = await http.post(`/clients/${client.id}/bank-accounts`, accountBody);
      expect(res.statusCode).toBe(403);
    }
  });

  it('hides a client the preparer is not assigned to, and another firm’s client', async () => {
    const { firm, http } = await setup('preparer');
    const otherClient = await buildClient(t.db, firm);
    const foreign = await setup('admin');

    expect((await http.post(`/clients/${otherClient.id}/bank-accounts`, accountBody)).statusCode).toBe(404);
    expect((await http.post(`/clients/${foreign.client.id}/bank-accounts`, accountBody)).statusCode).toBe(404);
    expect((await http.get(`/clients/${foreign.client.id}/bank-accounts`)).statusCode).toBe(404);
  });
});

describe('GET /api/clients/:id/bank-accounts and /api/bank-accounts/:id', () => {
  it('summarises each side: the latest import and the lines not reconciled yet', async () => {
    const { client, http } = await setup('reviewer');
    const account = await buildBankAccount(t.db, client, { name: 'Operating' });
    const payroll = await buildBankAccount(t.db, client, { name: 'Payroll' });
    await insertImport(account, 'bank', { fileName: 'february.csv', importedAt: new Date('2026-03-02T10:00:00Z'), endOn: '2026-02-28', closing: 500, lines: 1 });
    const latest = await insertImport(account, 'bank', { fileName: 'march.csv', importedAt: new Date('2026-04-02T10:00:00Z'), endOn: '2026-03-31', closing: 1_234, lines: 2 });
    await insertImport(account, 'ledger', { fileName: 'gl.csv', importedAt: new Date('2026-04-03T10:00:00Z'), endOn: '2026-03-31', closing: 1_000, lines: 4 });

    const list = await http.get(`/clients/${client.id}/bank-accounts`);
    const one = await http.get(`/bank-accounts/${account.id}`);

    expect(list.statusCode).toBe(200);
    const items = list.json<BankAccountListDto>().items;
    expect(items.map((a) => a.name)).toEqual(['Operating', 'Payroll']);
    const operating = one.json<BankAccountDto>();
    expect(items[0]).toEqual(operating);
    expect(operating.summary).toEqual({
      bank: { lastImport: { id: latest, fileName: 'march.csv', format: 'csv', startOn: '2026-03-01', endOn: '2026-03-31', closingBalanceMinor: 1_234, importedAt: '2026-04-02T10:00:00.000Z' }, unreconciledLines: 3 },
      ledger: { lastImport: expect.objectContaining({ fileName: 'gl.csv', closingBalanceMinor: 1_000 }), unreconciledLines: 4 },
    });
    expect(items.find((a) => a.id === payroll.id)?.summary).toEqual({ bank: { lastImport: null, unreconciledLines: 0 }, ledger: { lastImport: null, unreconciledLines: 0 } });
  });

  it('shows a client user their company’s accounts without the firm’s working papers', async () => {
    const { client, http } = await setup('client');
    const account = await buildBankAccount(t.db, client, { name: 'Operating' });
    await insertImport(account, 'bank', { fileName: 'march.csv', importedAt: new Date(), endOn: '2026-03-31', closing: 1, lines: 1 });

    const res = await http.get(`/clients/${client.id}/bank-accounts`);

    expect(res.statusCode).toBe(200);
    expect(res.json<BankAccountListDto>().items).toMatchObject([{ id: account.id, name: 'Operating', summary: null, abilities: { read: true, readActivity: false, update: false, import: false } }]);
    expect((await http.get(`/bank-accounts/${account.id}/lines`)).statusCode).toBe(403);
    expect((await http.get(`/bank-accounts/${account.id}/imports`)).statusCode).toBe(403);
  });

  it('answers 404 for another firm’s account, and for an account of a client the person is not assigned to', async () => {
    const { firm, http } = await setup('preparer');
    const otherClient = await buildClient(t.db, firm);
    const unassigned = await buildBankAccount(t.db, otherClient);
    const foreign = await setup('admin');
    const foreignAccount = await buildBankAccount(t.db, foreign.client, { name: 'Foreign Operating' });

    for (const id of [unassigned.id, foreignAccount.id]) {
      const res = await http.get(`/bank-accounts/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Foreign Operating');
    }
  });
});

describe('PATCH /api/bank-accounts/:id', () => {
  it('applies an edit on the current version and records only what changed', async () => {
    const { firm, client, user, http } = await setup('preparer');
    const account = await buildBankAccount(t.db, client, { name: 'Operating', accountIdentifier: '12345678' });

    const res = await http.patch(`/bank-accounts/${account.id}`, { glAccount: '1020 Cash', name: 'Operating', version: account.version });

    expect(res.statusCode).toBe(200);
    expect(res.json<BankAccountDto>()).toMatchObject({ glAccount: '1020 Cash', version: account.version + 1 });
    const [updated, ...more] = await auditEventsOf(t.db, firm.id, 'bank_account.updated');
    expect(more).toEqual([]);
    expect(updated).toMatchObject({ actorId: user.id, subjectId: account.id, clientId: client.id, data: { before: { glAccount: '1010 Operating' }, after: { glAccount: '1020 Cash' } } });
    expect(await writtenBy('auditEvents', updated?.id ?? '')).toBe(await writtenBy('bankAccounts', account.id));
  });

  it('refuses an edit on a stale version and leaves the account as it was', async () => {
    const { firm, client, http } = await setup('admin');
    const account = await buildBankAccount(t.db, client);
    await http.patch(`/bank-accounts/${account.id}`, { institution: 'Renamed Bank', version: account.version });

    const stale = await http.patch(`/bank-accounts/${account.id}`, { institution: 'Another Bank', version: account.version });

    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect((await t.db.selectFrom('bankAccounts').select('institution').where('id', '=', account.id).executeTakeFirstOrThrow()).institution).toBe('Renamed Bank');
    expect(await auditEventsOf(t.db, firm.id, 'bank_account.updated')).toHaveLength(1);
  });

  it('refuses an edit by an auditor, and hides the account from another firm', async () => {
    const { client, http } = await setup('auditor');
    const account = await buildBankAccount(t.db, client);
    const foreign = await setup('admin');

    expect((await http.patch(`/bank-accounts/${account.id}`, { glAccount: 'x', version: 1 })).statusCode).toBe(403);
    expect((await foreign.http.patch(`/bank-accounts/${account.id}`, { glAccount: 'x', version: 1 })).statusCode).toBe(404);
  });
});

describe('the firm’s matching date window', () => {
  it('is changed by the admin through the firm settings, and by nobody else', async () => {
    const { firm, user: admin, http } = await setup('admin');
    const preparer = await t.as((await buildUser(t.db, firm, { role: 'preparer' })).user);
    const current = (await http.get('/firm')).json<{ settings: Record<string, unknown>; version: number }>();

    const refused = await preparer.put('/firm/settings', { settings: { ...current.settings, reconciliationDateWindowDays: 3 }, version: current.version });
    const tooWide = await http.put('/firm/settings', { settings: { ...current.settings, reconciliationDateWindowDays: 45 }, version: current.version });
    const saved = await http.put('/firm/settings', { settings: { ...current.settings, reconciliationDateWindowDays: 3 }, version: current.version });

    expect(current.settings.reconciliationDateWindowDays).toBe(5);
    expect(refused.statusCode).toBe(403);
    expect(tooWide.statusCode).toBe(400);
    expect(tooWide.json().errors).toEqual([{ path: 'body.settings.reconciliationDateWindowDays', message: 'must be at most 31 days' }]);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().settings.reconciliationDateWindowDays).toBe(3);
    expect(await auditEventsOf(t.db, firm.id, 'firm.settings_updated')).toMatchObject([{ actorId: admin.id, data: { before: { reconciliationDateWindowDays: 5 }, after: { reconciliationDateWindowDays: 3 } } }]);
  });
});
