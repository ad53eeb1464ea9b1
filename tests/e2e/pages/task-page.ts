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

  async act(label: string): Promise<void> {
    await this.page.getByRole('button', { name: label, exact: true }).click();
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
      await box.check();
      await this.page.waitForFunction((text) => {
        const el = [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((b) => b.getAttribute('aria-label') === text || b.labels?.[0]?.textContent?.trim() === text);
        return el ? el.checked && !el.disabled : true;
      }, item.text);
    }
  }

  async addNote(category: string, body: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a review note' });
    await form.getByRole('combobox', { name: 'Category' }).click();
    await this.page.getByRole('option', { name: category }).click();
    await form.getByRole('textbox', { name: 'Review note' }).fill(body);
    await form.getByRole('button', { name: 'Add note' }).click();
    await this.page.getByRole('list', { name: 'Review notes' }).getByText(body).waitFor();
  }

  async respondToFirstNote(response: string): Promise<void> {
    const notes = this.page.getByRole('list', { name: 'Review notes' });
    await notes.getByRole('textbox', { name: 'Your response' }).first().fill(response);
    await notes.getByRole('button', { name: 'Send response' }).first().click();
    await notes.getByText(response).first().waitFor();
  }

  async clearNotes(): Promise<void> {
    const notes = this.page.getByRole('list', { name: 'Review notes' });
    while ((await notes.getByRole('button', { name: 'Clear note' }).count()) > 0) {
      const before = await notes.getByRole('button', { name: 'Clear note' }).count();
      await notes.getByRole('button', { name: 'Clear note' }).first().click();
      await this.page.waitForFunction((n) => document.querySelectorAll('button').length >= 0 && [...document.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Clear note').length < n, before);
    }
  }
}
