import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventsOf, buildFirm, buildUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface SavedView {
  id: string;
  name: string;
  query: Record<string, string>;
}

async function setup() {
  const firm = await buildFirm(t.db);
  const { user: reviewer } = await buildUser(t.db, firm, { role: 'reviewer' });
  const { user: colleague } = await buildUser(t.db, firm, { role: 'reviewer' });
  return { firm, reviewer, colleague, http: await t.as(reviewer), colleagueHttp: await t.as(colleague) };
}

describe('saved tracker views', () => {
  it('saves a view under a name and lists only the person’s own views, by name', async () => {
    const { firm, reviewer, http, colleagueHttp } = await setup();
    await colleagueHttp.post('/saved-views', { name: 'Colleague’s view', query: { queue: 'prepare' } });

    const res = await http.post('/saved-views', { name: 'Overdue reviews', query: { queue: 'review', overdue: 'true' } });
    await http.post('/saved-views', { name: 'Acme', query: { clientId: '01900000-0000-7000-8000-000000000000' } });

    expect(res.statusCode).toBe(200);
    const view = res.json<SavedView>();
    expect(view).toMatchObject({ name: 'Overdue reviews', query: { queue: 'review', overdue: 'true' } });
    expect((await http.get('/saved-views')).json<{ items: SavedView[] }>().items.map((v) => v.name)).toEqual(['Acme', 'Overdue reviews']);
    const events = await auditEventsOf(t.db, firm.id, 'saved_view.changed');
    expect(events.find((e) => e.subjectId === view.id)).toMatchObject({ actorId: reviewer.id, subjectType: 'saved_view', data: { name: 'Overdue reviews', deleted: false } });
  });

  it('replaces the filters of a view saved again under the same name, keeping its id', async () => {
    const { http } = await setup();
    const first = (await http.post('/saved-views', { name: 'My queue', query: { queue: 'review' } })).json<SavedView>();

    const second = (await http.post('/saved-views', { name: 'My queue', query: { queue: 'review', status: 'ready_for_review' } })).json<SavedView>();

    expect(second).toEqual({ id: first.id, name: 'My queue', query: { queue: 'review', status: 'ready_for_review' } });
    expect((await http.get('/saved-views')).json<{ items: SavedView[] }>().items).toEqual([second]);
  });

  it('deletes a view, with an audit entry', async () => {
    const { firm, reviewer, http } = await setup();
    const view = (await http.post('/saved-views', { name: 'Temporary', query: {} })).json<SavedView>();

    const res = await http.delete(`/saved-views/${view.id}`);

    expect(res.statusCode).toBe(204);
    expect((await http.get('/saved-views')).json()).toEqual({ items: [] });
    const events = await auditEventsOf(t.db, firm.id, 'saved_view.changed');
    expect(events.at(-1)).toMatchObject({ actorId: reviewer.id, subjectId: view.id, data: { name: 'Temporary', deleted: true } });
  });

  it('hides another person’s view, in the firm or in another firm, and deletes nothing', async () => {
    const { http, colleagueHttp } = await setup();
    const other = await setup();
    const colleagues = (await colleagueHttp.post('/saved-views', { name: 'Not yours', query: {} })).json<SavedView>();
    const foreign = (await other.http.post('/saved-views', { name: 'Other firm', query: {} })).json<SavedView>();

    const sameFirm = await http.delete(`/saved-views/${colleagues.id}`);
    const otherFirm = await http.delete(`/saved-views/${foreign.id}`);

    expect(sameFirm.statusCode).toBe(404);
    expect(otherFirm.statusCode).toBe(404);
    expect(sameFirm.body).not.toContain('Not yours');
    expect((await colleagueHttp.get('/saved-views')).json<{ items: SavedView[] }>().items).toHaveLength(1);
    expect((await other.http.get('/saved-views')).json<{ items: SavedView[] }>().items).toHaveLength(1);
  });
});
