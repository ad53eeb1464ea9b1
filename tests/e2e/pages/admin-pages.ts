import type { Page } from 'playwright-core';

/** Client list and the new-client drawer. */
export class ClientsPage {
  constructor(private readonly page: Page) {}

  async createClient(fields: { name: string; legalName: string; fiscalYearEnd: string }): Promise<string> {
    await this.page.goto('/clients');
    await this.page.getByRole('button', { name: 'New client' }).click();
    const drawer = this.page.getByRole('dialog', { name: 'New client' });
    await drawer.getByLabel('Name', { exact: true }).fill(fields.name);
    await drawer.getByLabel('Legal name').fill(fields.legalName);
    await drawer.getByLabel('Fiscal year end').fill(fields.fiscalYearEnd);
    await drawer.getByRole('button', { name: 'Create client' }).click();
    await this.page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').at(-1) ?? '';
  }
}

/** People administration: the invite dialog and the link it hands back. */
export class PeoplePage {
  constructor(private readonly page: Page) {}

  async invite(person: { email: string; name: string; role: string; clients: string[] }): Promise<string> {
    await this.page.goto('/admin/users');
    await this.page.getByRole('button', { name: 'Invite person' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'Invite a person' });
    await dialog.getByLabel('Email').fill(person.email);
    await dialog.getByLabel('Name', { exact: true }).fill(person.name);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await this.page.getByRole('option', { name: new RegExp(`^${person.role}`) }).click(); // options also describe the role
    for (const client of person.clients) {
      await dialog.getByRole('combobox', { name: 'Clients' }).click();
      await this.page.getByRole('option', { name: client }).click();
    }
    await dialog.getByRole('heading', { name: 'Invite a person' }).click(); // closes the open dropdown
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const link = this.page.getByLabel('Invitation link');
    await link.waitFor();
    const url = (await link.textContent())?.trim() ?? '';
    await this.page.getByRole('button', { name: 'Done' }).click();
    return url;
  }
}
