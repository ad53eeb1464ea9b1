import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshot } from '../support/browser';
import { DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { SignInPage } from '../pages/sign-in-page';
import { TaskPage, type ChecklistItemInfo } from '../pages/task-page';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server.baseUrl);
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}

interface TaskJson {
  id: string;
  title: string;
  status: string;
  version: number;
  reviewer: { name: string };
  checklistItems: ChecklistItemInfo[];
}

describe('preparer → reviewer sign-off', () => {
  it('runs the review loop live between two people, and refuses the preparer’s own approval in the UI and the API', async () => {
    const preparer = await signedIn('preparer1@harborvale.example');
    const reviewer = await signedIn('reviewer1@harborvale.example');

    // A seeded task of preparer1's that reviewer1 reviews and that is not yet submitted.
    const list = (await (await preparer.page.request.get('/api/tasks?queue=prepare&status=not_started,in_progress')).json()) as { items: Array<{ id: string; title: string; reviewer: { name: string } }> };
    const seeded = list.items.find((t) => t.reviewer.name === 'Onshore Reviewer One');
    expect(seeded).toBeDefined();
    const taskId = seeded?.id ?? '';

    // The reviewer watches the board.
    await reviewer.page.goto('/tasks?view=board');
    const readyColumn = reviewer.page.getByRole('region', { name: 'Ready for review' });
    await readyColumn.waitFor();
    expect(await readyColumn.getByRole('link', { name: seeded?.title ?? '' }).count()).toBe(0);

    const prep = new TaskPage(preparer.page);
    await prep.open(taskId);
    if ((await preparer.page.getByRole('button', { name: 'Start', exact: true }).count()) > 0) {
      await prep.act('Start');
    }
    await preparer.page.getByRole('list', { name: 'Checklist items' }).waitFor();
    const detail = (await (await preparer.page.request.get(`/api/tasks/${taskId}`)).json()) as TaskJson;
    await prep.completeChecklist(detail.checklistItems);
    await prep.act('Submit for review');
    await prep.waitForStatus(/Ready for review/);

    // Live: the card arrives on the reviewer's board without a reload.
    await readyColumn.getByRole('link', { name: seeded?.title ?? '' }).waitFor({ timeout: 5_000 });
    await screenshot(reviewer.page, 'board-live-update');

    // The preparer sees no approve button on their own work, and the API refuses it.
    expect(await preparer.page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    const csrf = (await preparer.context.cookies()).find((c) => c.name === 'tm_csrf')?.value ?? '';
    const current = (await (await preparer.page.request.get(`/api/tasks/${taskId}`)).json()) as TaskJson;
    const selfApproval = await preparer.page.request.post(`/api/tasks/${taskId}/transitions`, { data: { action: 'approve', version: current.version }, headers: { 'x-csrf-token': csrf } });
    expect(selfApproval.status()).toBe(403);
    expect(((await selfApproval.json()) as { code: string }).code).toBe('segregation_of_duties');

    // Review: a note, then return.
    const rev = new TaskPage(reviewer.page);
    await rev.open(taskId);
    await rev.addNote('Calculation error', 'The figure does not agree to the statement total; please recheck.');
    await rev.act('Return to preparer');
    await rev.waitForStatus(/Returned/);

    // The preparer answers, resumes and resubmits.
    await prep.open(taskId);
    await prep.respondToFirstNote('Rechecked against the statement; the total agrees.');
    await prep.act('Resume work');
    await prep.waitForStatus(/In progress/);
    await prep.act('Submit for review');
    await prep.waitForStatus(/Ready for review/);

    // The reviewer clears the note and approves.
    await rev.open(taskId);
    await rev.clearNotes();
    await rev.act('Approve');
    await rev.waitForStatus(/Approved/);
    await screenshot(reviewer.page, 'task-approved');

    const final = (await (await reviewer.page.request.get(`/api/tasks/${taskId}`)).json()) as TaskJson & { reworkCount: number; approvedBy: { name: string } | null };
    expect(final.status).toBe('approved');
    expect(final.reworkCount).toBe(1);
    expect(final.approvedBy?.name).toBe('Onshore Reviewer One');

    await preparer.context.close();
    await reviewer.context.close();
  });
});
