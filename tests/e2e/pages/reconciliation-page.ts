import type { Locator, Page } from 'playwright-core';

export type ReconciliationSide = 'bank' | 'books';
export type LineFilter = 'All' | 'Unmatched' | 'Suggested' | 'Matched';

/** The reconciliation workspace of a bank reconciliation task: import, matching, lines, proof, sign-off. */
export class ReconciliationPage {
  constructor(private readonly page: Page) {}

  async open(taskId: string): Promise<void> {
    await this.page.goto(`/tasks/${taskId}/reconciliation`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  /** On a task without a reconciliation: chooses the account (when there are several) and starts it. */
  async start(accountLabel?: RegExp): Promise<void> {
    if (accountLabel) {
      await this.page.getByRole('textbox', { name: 'Bank account' }).click();
      await this.page.getByRole('option', { name: accountLabel }).click();
    }
    await this.page.getByRole('button', { name: 'Start reconciliation' }).click();
    await this.page.getByRole('region', { name: 'Proof' }).or(this.page.getByText('Balance per bank')).first().waitFor();
  }

  /** Imports a file into one side through the drawer, waits for the job and returns the summary text. */
  async importFile(side: 'bank' | 'ledger', file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
    const drawer = this.page.getByRole('dialog', { name: /^Import into/ });
    await drawer.getByText(side === 'bank' ? 'Bank statement' : 'General ledger (cash account)', { exact: true }).click();
    await drawer.locator('input[type=file]').setInputFiles(file);
    await drawer.getByText('First transactions as they will be read').waitFor();
    await drawer.getByRole('button', { name: side === 'bank' ? 'Import statement' : 'Import ledger' }).click();
    const summary = drawer.getByRole('status').filter({ hasText: 'Lines added' });
    await summary.waitFor({ timeout: 60_000 });
    const text = await summary.innerText();
    await drawer.getByRole('button', { name: 'Done' }).click();
    return text;
  }

  /** Runs matching and waits until the job has finished. */
  async runMatching(): Promise<void> {
    await this.page.getByRole('button', { name: 'Run matching' }).click();
    await this.page.getByText('Matching finished').first().waitFor({ timeout: 120_000 });
  }

  lines(side: ReconciliationSide): Locator {
    return this.page.getByRole('table', { name: side === 'bank' ? 'Bank lines' : 'Books lines' });
  }

  async filter(filter: LineFilter): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Show lines' }).getByText(new RegExp(`^${filter}`)).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search lines' }).fill(text);
  }

  /** Ticks a line whose description matches `description` on one side. */
  async select(side: ReconciliationSide, description: RegExp): Promise<void> {
    await this.lines(side).getByRole('checkbox', { name: description }).first().check();
  }

  /** The selection bar's text ("Bank 1 selected -29.59 Books 1 selected -25.99 Difference -3.60"). */
  async selectionSummary(): Promise<string> {
    return this.page.getByRole('region', { name: 'Selection' }).innerText();
  }

  /**
   * Matches the selection with `m`. A difference needs a reason (as the dialog labels it, e.g.
   * "Bank fee") and optionally an account; the note is optional.
   */
  async matchSelection(options: { note?: string; reason?: string; account?: string } = {}): Promise<void> {
    await this.page.getByRole('region', { name: 'Selection' }).getByRole('button', { name: /^(Match|Match with adjustment|Book adjustment)/ }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.waitFor();
    if (options.reason) {
      await dialog.getByLabel(/^Reason/).first().click();
      await this.page.getByRole('option', { name: options.reason }).click();
    }
    if (options.account) {
      await dialog.getByLabel(/^Account/).first().fill(options.account);
    }
    if (options.note) {
      await dialog.getByLabel(/^Note/).first().fill(options.note);
    }
    await dialog.getByRole('button', { name: /^(Match|Match with adjustment|Book adjustment)$/ }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Opens a line's details by clicking it. */
  async openLine(side: ReconciliationSide, description: string | RegExp): Promise<void> {
    await this.lines(side).getByText(description).first().click();
  }

  async unmatchOpenLine(note: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Unmatch (u)' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Unmatch' });
    await dialog.getByRole('textbox', { name: /Why are you unmatching/ }).fill(note);
    await dialog.getByRole('button', { name: 'Unmatch' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async documentOpenLine(note: string): Promise<void> {
    await this.page.keyboard.press('n');
    const dialog = this.page.getByRole('dialog', { name: 'Document the outstanding item' });
    await dialog.getByRole('textbox', { name: 'Note' }).fill(note);
    await dialog.getByRole('button', { name: 'Save note' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** The difference as shown in the proof ("0.00"), and whether it says Reconciled. */
  async proof(): Promise<{ difference: string; isReconciled: boolean }> {
    const panel = this.page.locator('section[aria-labelledby="proof-heading"]');
    const difference = (await panel.locator('[data-amount-minor]').last().innerText()).replace(/\s*[A-Z]{3}$/, '').trim();
    return { difference, isReconciled: await panel.getByText('Reconciled', { exact: true }).isVisible() };
  }

  async submitForReview(): Promise<void> {
    await this.page.getByRole('button', { name: 'Submit for review' }).click();
    await this.page.getByText('Submitted for review').first().waitFor();
  }

  async approveAdjustments(): Promise<void> {
    const buttons = this.page.getByRole('table', { name: 'Adjustments' }).getByRole('button', { name: 'Approve' });
    while ((await buttons.count()) > 0) {
      await buttons.first().click();
      await this.page.waitForTimeout(300);
    }
  }
}
