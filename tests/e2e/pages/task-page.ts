import type { Page } from 'playwright-core';

export interface ChecklistItemInfo {
  text: string;
  evidence: 'none' | 'note' | 'figure' | 'attachment';
  completedAt: string | null;
}

/** A one-page PDF, enough for the upload's content check. */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** The task page: checklist, actions, review notes. */
export class TaskPage {
  constructor(private readonly page: Page) {}

  async open(taskId: string): Promise<void> {
    await this.page.goto(`/tasks/${taskId}`);
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }

  /** Clicks an action and waits for the server's answer, failing with its problem text if it refused. */
  async act(label: string): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.url().includes('/transitions') && r.request().method() === 'POST');
    await this.page.getByRole('button', { name: label, exact: true }).click();
    const response = await answered;
    if (response.status() !== 200) {
      throw new Error(`${label} was refused: ${response.status()} ${await response.text()}`);
    }
  }

  async waitForStatus(label: RegExp): Promise<void> {
    await this.page.getByRole('main').getByText(label).first().waitFor();
  }

  /** Completes every open checklist item with the evidence it asks for. */
  async completeChecklist(items: ChecklistItemInfo[]): Promise<void> {
    const list = this.page.getByRole('list', { name: 'Checklist items' });
    for (const item of items.filter((i) => i.completedAt === null)) {
      if (item.evidence === 'note') {
        await list.getByRole('textbox', { name: `Note for ${item.text}` }).fill('Agreed to the client’s schedule; no exceptions.');
      } else if (item.evidence === 'figure') {
        await list.getByRole('textbox', { name: `Figure for ${item.text}` }).fill('48210.55');
      } else if (item.evidence === 'attachment') {
        const chooser = this.page.waitForEvent('filechooser');
        await list.getByRole('button', { name: `Upload file for ${item.text}` }).click();
        await (await chooser).setFiles({ name: 'support.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
        await this.page.getByRole('list', { name: 'Files' }).getByText('support.pdf').first().waitFor();
      }
      const box = list.getByRole('checkbox', { name: item.text, exact: true });
      const answered = this.page.waitForResponse((r) => r.url().includes('/checklist/') && r.request().method() === 'PUT');
      await box.check();
      expect200(await answered);
    }
  }

  async addNote(category: string, body: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a review note' });
    await form.getByRole('combobox', { name: 'Category' }).click();
    await this.page.getByRole('option', { name: category }).click();
    await form.getByRole('textbox', { name: 'Review note' }).fill(body);
    const answered = this.page.waitForResponse((r) => /\/notes$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Add note' }).click();
    expect200(await answered);
    await this.page.getByRole('list', { name: 'Review notes' }).getByText(body).waitFor();
  }

  async respondToFirstNote(response: string): Promise<void> {
    const notes = this.page.getByRole('list', { name: 'Review notes' });
    await notes.getByRole('textbox', { name: 'Your response' }).first().fill(response);
    const answered = this.page.waitForResponse((r) => r.url().includes('/response') && r.request().method() === 'POST');
    await notes.getByRole('button', { name: 'Send response' }).first().click();
    expect200(await answered);
    await notes.getByText(response).first().waitFor();
  }

  async clearNotes(): Promise<void> {
    const notes = this.page.getByRole('list', { name: 'Review notes' });
    while ((await notes.getByRole('button', { name: 'Clear note' }).count()) > 0) {
      const before = await notes.getByRole('button', { name: 'Clear note' }).count();
      const answered = this.page.waitForResponse((r) => r.url().includes('/clearance') && r.request().method() === 'POST');
      await notes.getByRole('button', { name: 'Clear note' }).first().click();
      expect200(await answered);
      for (let waited = 0; (await notes.getByRole('button', { name: 'Clear note' }).count()) >= before; waited += 100) {
        if (waited > 10_000) {
          throw new Error('the cleared note still offers "Clear note"');
        }
        await this.page.waitForTimeout(100);
      }
    }
  }
}

function expect200(response: { status(): number; url(): string }): void {
  if (response.status() !== 200) {
    throw new Error(`${response.url()} answered ${response.status()}`);
  }
}
