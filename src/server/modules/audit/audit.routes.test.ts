import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FirmRow, UserRow } from '../../db/schema';
import { buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type HttpClient, type TestApp } from '../../test/test-app';
import type { AuditEventDto, AuditPageDto } from '../../../shared/audit';
import type { ClientDto } from '../../../shared/clients';

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

function clientBody(name: string) {
  return { name, legalName: `${name} LLC`, timeZone: 'UTC', fiscalYearEnd: '12-31', contacts: [] };
}

async function addClient(http: HttpClient, name: string): Promise<ClientDto> {
  const res = await http.post('/clients', clientBody(name));
  expect(res.statusCode).toBe(201);
  return res.json<ClientDto>();
}

async function page(http: HttpClient, query = ''): Promise<AuditPageDto> {
  const res = await http.get(`/audit-events${query}`);
  expect(res.statusCode).toBe(200);
  return res.json<AuditPageDto>();
}

const typesOf = (p: AuditPageDto) => p.items.map((e) => e.type);

/** A firm with two admins, where each adds a client and the first edits theirs and invites someone. */
async function busyFirm(): Promise<{ firm: FirmRow; ada: UserRow; bob: UserRow; adaHttp: HttpClient; bobHttp: HttpClient; acme: ClientDto; zeta: ClientDto }> {
  const firm = await buildFirm(t.db);
  const { user: ada } = await buildUser(t.db, firm, { role: 'admin', name: 'Ada Admin' });
  const { user: bob } = await buildUser(t.db, firm, { role: 'admin', name: 'Bob Admin' });
  const adaHttp = await t.as(ada);
  const bobHttp = await t.as(bob);
  const acme = await addClient(adaHttp, 'Acme');
  const zeta = await addClient(bobHttp, 'Zeta');
  expect((await adaHttp.patch(`/clients/${acme.id}`, { legalName: 'Acme Holdings LLC', version: acme.version })).statusCode).toBe(200);
  expect((await adaHttp.post('/invitations', { email: `inv-${acme.id.slice(-8)}@test.example`, name: 'Ivy Invitee', role: 'preparer' })).statusCode).toBe(201);
  return { firm, ada, bob, adaHttp, bobHttp, acme, zeta };
}

describe('GET /api/audit-events', () => {
  it("lists the firm's entries newest first, naming the actor and the client", async () => {
    const { ada, adaHttp, acme } = await busyFirm();

    const result = await page(adaHttp);

    expect(typesOf(result)).toEqual(['user.invited', 'client.updated', 'client.created', 'client.created', 'firm.created']);
    const seqs = result.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(result.items[1]).toMatchObject({
      actor: { id: ada.id, name: 'Ada Admin', email: ada.email },
      client: { id: acme.id, name: 'Acme' },
      subjectType: 'client',
      subjectId: acme.id,
      data: { before: { legalName: 'Acme LLC' }, after: { legalName: 'Acme Holdings LLC' } },
    });
    expect(result.items.at(-1)).toMatchObject({ type: 'firm.created', actor: null, client: null });
    expect(result.nextBefore).toBeNull();
    expect(result.types).toEqual(['client.created', 'client.updated', 'firm.created', 'user.invited']);
  });

  it('filters by actor, by client and by exact type or type prefix', async () => {
    const { bob, adaHttp, acme, zeta } = await busyFirm();

    const byBob = await page(adaHttp, `?actorId=${bob.id}`);
    const byAcme = await page(adaHttp, `?clientId=${acme.id}`);
    const created = await page(adaHttp, '?type=client.created');
    const clientPrefix = await page(adaHttp, '?type=client.');
    const userPrefix = await page(adaHttp, '?type=user.');
    const noDot = await page(adaHttp, '?type=client');

    expect(byBob.items.map((e) => [e.type, e.client?.id])).toEqual([['client.created', zeta.id]]);
    expect(typesOf(byAcme)).toEqual(['client.updated', 'client.created']);
    expect(byAcme.items.every((e) => e.client?.id === acme.id)).toBe(true);
    expect(created.items.map((e) => e.client?.name)).toEqual(['Zeta', 'Acme']);
    expect(typesOf(clientPrefix)).toEqual(['client.updated', 'client.created', 'client.created']);
    expect(typesOf(userPrefix)).toEqual(['user.invited']);
    expect(typesOf(noDot)).toEqual([]); // without the dot it is an exact type, not a prefix
    expect(typesOf(await page(adaHttp, `?actorId=${bob.id}&clientId=${acme.id}`))).toEqual([]);
  });

  it('filters by date, counting the "to" day whole', async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const at = async (iso: string, name: string) => {
      t.clock.set(iso);
      await addClient(await t.as(admin), name);
    };
    await at('2030-01-10T12:00:00Z', 'Tenth');
    await at('2030-01-11T00:00:00Z', 'Eleventh Early');
    await at('2030-01-11T23:59:59Z', 'Eleventh Late');
    await at('2030-01-12T00:00:00Z', 'Twelfth');
    const http = await t.as(admin);
    const names = async (query: string) => (await page(http, `?type=client.created${query}`)).items.map((e) => e.client?.name);

    expect(await names('&from=2030-01-11&to=2030-01-11')).toEqual(['Eleventh Late', 'Eleventh Early']);
    expect(await names('&from=2030-01-11')).toEqual(['Twelfth', 'Eleventh Late', 'Eleventh Early']);
    expect(await names('&to=2030-01-10')).toEqual(['Tenth']);
    expect((await http.get('/audit-events?from=2030-02-30')).statusCode).toBe(400);
  });

  it('pages backwards with nextBefore through every entry exactly once', async () => {
    const { adaHttp } = await busyFirm();
    for (const name of ['One', 'Two', 'Three', 'Four']) {
      await addClient(adaHttp, name);
    }
    const all = (await page(adaHttp, '?limit=500')).items.map((e) => e.id);
    expect(all).toHaveLength(9);

    const seen: string[] = [];
    const pages: AuditEventDto[][] = [];
    let before: number | null = null;
    do {
      const current: AuditPageDto = await page(adaHttp, `?limit=2${before === null ? '' : `&before=${before}`}`);
      pages.push(current.items);
      seen.push(...current.items.map((e) => e.id));
      before = current.nextBefore;
    } while (before !== null && pages.length < 20);

    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 1]);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("shows a partner their clients' entries and firm-wide ones, but not an unassigned client's", async () => {
    const firm = await buildFirm(t.db);
    const { user: admin } = await buildUser(t.db, firm, { role: 'admin' });
    const adminHttp = await t.as(admin);
    const assigned = await addClient(adminHttp, 'Partner Client');
    const unassigned = await addClient(adminHttp, 'Someone Else Client');
    expect((await adminHttp.patch(`/clients/${unassigned.id}`, { legalName: 'Renamed LLC', version: 1 })).statusCode).toBe(200);
    const { user: partner } = await buildUser(t.db, firm, { role: 'partner', clients: [{ id: assigned.id }] });
    const partnerHttp = await t.as(partner);

    const result = await page(partnerHttp);

    expect(result.items.map((e) => [e.type, e.client?.name ?? null])).toEqual([
      ['client.created', 'Partner Client'],
      ['firm.created', null],
    ]);
    expect(JSON.stringify(result.items)).not.toContain(unassigned.id);
    expect((await page(partnerHttp, `?clientId=${unassigned.id}`)).items).toEqual([]);
  });

  it("never shows another firm's entries, whatever the filter", async () => {
    const { adaHttp } = await busyFirm();
    const other = await busyFirm();

    const result = await page(adaHttp, '?limit=500');
    const byForeignActor = await page(adaHttp, `?actorId=${other.ada.id}`);
    const byForeignClient = await page(adaHttp, `?clientId=${other.acme.id}`);

    expect(result.items).toHaveLength(5);
    expect(JSON.stringify(result.items)).not.toMatch(new RegExp([other.ada.id, other.bob.id, other.acme.id, other.zeta.id, other.firm.id].join('|')));
    expect(byForeignActor.items).toEqual([]);
    expect(byForeignClient.items).toEqual([]);
  });
});
