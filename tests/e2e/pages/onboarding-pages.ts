import type { Page } from 'playwright-core';
import { TOTP, Secret } from 'otpauth';

/** Accepting an invitation and setting up two-step verification, as a new person does. */
export class OnboardingPages {
  constructor(private readonly page: Page) {}

  async acceptInvitation(url: string, password: string): Promise<void> {
    await this.page.goto(new URL(url).pathname);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByLabel('Confirm password').fill(password);
    await this.page.getByRole('button', { name: 'Accept invitation' }).click();
  }

  /** Enrols TOTP from the setup key on the page; returns the secret (the phone's copy). */
  async enrolMfa(): Promise<string> {
    const key = this.page.getByLabel('Setup key');
    await key.waitFor();
    const secret = ((await key.textContent()) ?? '').replace(/\s+/g, '');
    await this.page.getByLabel('6-digit code').fill(currentCode(secret));
    await this.page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await this.page.getByRole('list', { name: 'Recovery codes' }).waitFor();
    await this.page.getByRole('button', { name: 'I saved them, continue' }).click();
    return secret;
  }
}

export function currentCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}
