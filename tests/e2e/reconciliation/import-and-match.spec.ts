import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshot } from '../support/browser';
import { DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { SignInPage } from '../pages/sign-in-page';
import { ReconciliationPage } from '../pages/reconciliation-page';
import { buildDemoBankMonths, DEMO_BANK_PROFILES } from '../../../src/server/db/seed-bank-data';
import { extractPdfText } from '../../../src/server/exports/pdf-text';
import { formatAmountForDisplay } from '../../../src/server/exports/format';

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

async function csrfOf(context: BrowserContext): Promise<string> {
  return (await context.cookies()).find((c) => c.name === 'tm_csrf')?.value ?? '';
}

interface TaskDetail {
  id: string;
  version: number;
  status: string;
  periodStart: string;
  periodEnd: string;
  checklistItems: Array<{ id: string; evidence: string; completedAt: string | null; version: number }>;
  documents: Array<{ id: string; filename: string }>;
}

describe('bank reconciliation: import → match → resolve → submit → approve → workpaper', () => {
  it('takes a seeded statement and ledger to a zero difference, through review, to a PDF with the proof figures', async () => {
    const preparer = await signedIn('preparer1@harborvale.example');

    // This month's Copperline bank reconciliation, started by the seed with the client's files attached.
    const list = (await (await preparer.page.request.get('/api/tasks?queue=prepare&status=in_progress')).json()) as { items: Array<{ id: string; title: string; client: { name: string } }> };
    const summary = list.items.find((t) => t.title.startsWith('Monthly bank reconciliation') && t.client.name === 'Copperline Bakery Co.');
    expect(summary).toBeDefined();
    const taskId = summary?.id ?? '';
    const task = (await (await preparer.page.request.get(`/api/tasks/${taskId}`)).json()) as TaskDetail;

    // The same files the seed attached: this month's bank statement (OFX) and ledger (QuickBooks CSV).
    const profile = DEMO_BANK_PROFILES.find((p) => p.client === 'Copperline Bakery Co.');
    const previousStart = new Date(Date.UTC(Number(task.periodStart.slice(0, 4)), Number(task.periodStart.slice(5, 7)) - 2, 1));
    const previous = { start: previousStart.toISOString().slice(0, 10), end: new Date(Date.UTC(previousStart.getUTCFullYear(), previousStart.getUTCMonth() + 1, 0)).toISOString().slice(0, 10) };
    const months = buildDemoBankMonths(profile!, [previous, { start: task.periodStart, end: task.periodEnd }]);
    const current = months[1]!;
    expect(task.documents.map((d) => d.filename)).toEqual(expect.arrayContaining([current.bank.fileName, current.ledger.fileName]));

    const rec = new ReconciliationPage(preparer.page);
    await rec.open(taskId);
    await rec.start();
    const bankSummary = await rec.importFile('bank', { name: current.bank.fileName, mimeType: 'application/x-ofx', buffer: Buffer.from(current.bank.text) });
    expect(bankSummary).toMatch(new RegExp(`Lines added\\s*${current.bank.statement.transactions.length}`));
    await rec.importFile('ledger', { name: current.ledger.fileName, mimeType: 'text/csv', buffer: Buffer.from(current.ledger.text) });

    await rec.runMatching();
    await screenshot(preparer.page, 'reconciliation-after-matching');

    // The firm's service-charge rule proposed the fee; the interest is left for the preparer.
    await rec.filter('Unmatched');
    await rec.select('bank', /INTEREST PAYMENT/);
    await screenshot(preparer.page, 'reconciliation-interest-selected');
    await rec.matchSelection({ reason: 'Interest', account: '4900 Interest income', note: 'Interest credited by the bank.' });

    const proof = await rec.proof();
    expect(proof).toEqual({ difference: '0.00', isReconciled: true });

    // Outstanding items of this month stay listed; last month's were matched here (carried forward).
    const view = (await (await preparer.page.request.get(`/api/tasks/${taskId}/reconciliation`)).json()) as { id: string; proof: { differenceMinor: number; statementBalanceMinor: number; bookBalanceMinor: number } };
    expect(view.proof.differenceMinor).toBe(0);
    expect(view.proof.statementBalanceMinor).toBe(current.bank.statement.closingBalanceMinor);
    expect(view.proof.bookBalanceMinor).toBe(current.ledger.closingBalanceMinor);
    const carried = (await (await preparer.page.request.get(`/api/reconciliations/${view.id}/lines?side=ledger&status=matched&pageSize=1000`)).json()) as { items: Array<{ carriedForward: boolean }> };
    expect(carried.items.filter((l) => l.carriedForward).length).toBeGreaterThanOrEqual(2);

    // The task's checklist, completed through the API (the reconciliation is what this test is about).
    const csrf = await csrfOf(preparer.context);
    let version = task.version;
    for (const item of task.checklistItems.filter((i) => i.completedAt === null)) {
      const evidence = item.evidence === 'attachment' ? { documentId: task.documents[0]?.id } : item.evidence === 'figure' ? { figure: '1234.56' } : item.evidence === 'note' ? { note: 'Reviewed.' } : {};
      const res = await preparer.page.request.put(`/api/tasks/${taskId}/checklist/${item.id}`, { data: { completed: true, ...evidence, version: item.version }, headers: { 'x-csrf-token': csrf } });
      expect(res.status()).toBe(200);
      version = ((await res.json()) as TaskDetail).version;
    }
    expect(version).toBeGreaterThan(task.version);

    await preparer.page.reload();
    await rec.submitForReview();
    await screenshot(preparer.page, 'reconciliation-submitted');

    // The reviewer approves the proposed adjustments and the task.
    const reviewer = await signedIn('reviewer1@harborvale.example');
    const review = new ReconciliationPage(reviewer.page);
    await review.open(taskId);
    await review.approveAdjustments();
    const reviewerCsrf = await csrfOf(reviewer.context);
    const submitted = (await (await reviewer.page.request.get(`/api/tasks/${taskId}`)).json()) as TaskDetail;
    expect(submitted.status).toBe('ready_for_review');
    const approval = await reviewer.page.request.post(`/api/tasks/${taskId}/transitions`, { data: { action: 'approve', version: submitted.version }, headers: { 'x-csrf-token': reviewerCsrf } });
    expect(approval.status()).toBe(200);
    await reviewer.page.reload();
    await reviewer.page.getByText(/approved/i).first().waitFor();
    await screenshot(reviewer.page, 'reconciliation-approved');

    // The workpaper downloads from the page, and its text carries the proof figures.
    await reviewer.page.getByRole('button', { name: 'Workpaper' }).click();
    const [download] = await Promise.all([reviewer.page.waitForEvent('download'), reviewer.page.getByRole('menuitem', { name: 'Download PDF' }).click()]);
    const path = await download.path();
    const fs = await import('node:fs');
    const text = await extractPdfText(new Uint8Array(fs.readFileSync(path)));
    const approved = (await (await reviewer.page.request.get(`/api/tasks/${taskId}/reconciliation`)).json()) as { status: string; proof: Record<string, number> };
    expect(approved.status).toBe('approved');
    expect(text).toContain(formatAmountForDisplay(approved.proof.statementBalanceMinor ?? 0, 'USD'));
    expect(text).toContain(formatAmountForDisplay(approved.proof.bookBalanceMinor ?? 0, 'USD'));
    expect(text).toContain(formatAmountForDisplay(approved.proof.adjustedBankBalanceMinor ?? 0, 'USD'));
    expect(text).toMatch(/Copperline Bakery Co\./);

    await preparer.context.close();
    await reviewer.context.close();
  }, 300_000);
});
