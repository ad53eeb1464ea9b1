import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, screenshot } from '../support/browser';
import { DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { SignInPage } from '../pages/sign-in-page';
import { ClientsPage, PeoplePage } from '../pages/admin-pages';
import { currentCode, OnboardingPages } from '../pages/onboarding-pages';

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

describe('onboarding a preparer', () => {
  it('admin creates a client and invites a preparer, who sets a password and MFA and then sees only that client', async () => {
    const admin = await newContext(browser, server.baseUrl);
    const adminPage = await admin.newPage();
    await new SignInPage(adminPage).open();
    await new SignInPage(adminPage).signIn('admin@harborvale.example', DEMO_PASSWORD);
    await adminPage.waitForURL((url) => url.pathname === '/');

    const clientId = await new ClientsPage(adminPage).createClient({ name: 'Bramblewood Veterinary', legalName: 'Bramblewood Veterinary Clinic PLLC', fiscalYearEnd: '03-31' });
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    const inviteUrl = await new PeoplePage(adminPage).invite({ email: 'new.preparer@harborvale.example', name: 'New Offshore Preparer', role: 'Preparer', clients: ['Bramblewood Veterinary'] });
    expect(inviteUrl).toMatch(/\/invitation\/[A-Za-z0-9_-]{32,}$/);
    const allClients = (await (await adminPage.request.get('/api/clients')).json()) as { items: Array<{ id: string; name: string }> };
    const otherClient = allClients.items.find((c) => c.name === 'Copperline Bakery Co.');
    expect(otherClient).toBeDefined();

    const preparer = await newContext(browser, server.baseUrl);
    const page = await preparer.newPage();
    const onboarding = new OnboardingPages(page);
    const password = 'monsoon ledger tick marks 2026';
    await onboarding.acceptInvitation(inviteUrl, password);
    await page.getByRole('link', { name: 'Set up two-step verification' }).click();
    const secret = await onboarding.enrolMfa();
    await page.waitForURL((url) => url.pathname === '/');

    // Sign out and back in: password, then a code from the next 30-second step (the enrolment step is spent).
    await page.getByRole('button', { name: /Account menu for/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    const signIn = new SignInPage(page);
    await page.waitForURL(/\/sign-in/);
    await signIn.signIn('new.preparer@harborvale.example', password);
    await signIn.enterCode(currentCode(secret, Date.now() + 30_000));
    await page.waitForURL((url) => url.pathname === '/');

    const main = page.getByRole('main');
    await main.getByText('Bramblewood Veterinary').first().waitFor();
    expect(await main.getByText('Copperline Bakery Co.').count()).toBe(0);
    await screenshot(page, 'preparer-home');

    await page.goto('/clients');
    await page.getByRole('main').getByText('Bramblewood Veterinary').first().waitFor();
    expect(await page.getByRole('main').getByText('Tidewater Marine Supply').count()).toBe(0);

    const own = await page.request.get(`/api/clients/${clientId}`);
    expect(own.status()).toBe(200);
    const foreign = await page.request.get(`/api/clients/${otherClient?.id ?? ''}`);
    expect(foreign.status()).toBe(404);
    expect(await foreign.text()).not.toContain('Copperline');

    await admin.close();
    await preparer.close();
  });
});
