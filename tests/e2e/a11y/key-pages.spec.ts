import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshot } from '../support/browser';
import { DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { SignInPage } from '../pages/sign-in-page';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server.baseUrl);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** Serious and critical accessibility violations on the page as it is now. */
async function seriousViolations(p: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: p }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

describe('key pages', () => {
  it('sign-in page has no serious accessibility violation', async () => {
    await new SignInPage(page).open();
    expect(await page.title()).toMatch(/Tickmark/);
    await screenshot(page, 'sign-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tells a person clearly when the password is wrong', async () => {
    await new SignInPage(page).signIn('admin@harborvale.example', 'definitely not the password');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/e-mail address or password is not right/);
  });

  it('home page shows the demo firm and has no serious accessibility violation', async () => {
    await new SignInPage(page).signIn('admin@harborvale.example', DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('main').getByText('Copperline Bakery Co.').first().waitFor();
    await page.getByText('Harbor & Vale CPAs').first().waitFor();
    await screenshot(page, 'home-admin');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('user administration lists the demo people and has no serious accessibility violation', async () => {
    await page.goto('/admin/users');
    await page.getByRole('main').getByText('preparer1@harborvale.example').waitFor();
    expect(await page.getByRole('main').getByText('auditor@ledgerpoint-audit.example').count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-users');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('audit log shows the sign-ins just made', async () => {
    await page.goto('/admin/audit');
    await page.getByRole('main').getByText(/session\.signed_in|Signed in/).first().waitFor();
    await screenshot(page, 'audit-log');
  });
});
