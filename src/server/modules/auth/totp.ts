import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults that every authenticator app supports: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string, issuer = 'Tickmark'): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), period: PERIOD }).toString();
}

/**
 * Checks a code against the current 30-second step, one step either side. Returns the step that
 * matched so the caller can refuse the same step twice (a code works once), or null.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) {
    return null;
  }
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD });
  const delta = totp.validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) {
    return null;
  }
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The code an authenticator shows at `now` (used by tests and tools, never sent to a browser). */
export function totpCodeAt(secret: string, now: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD }).generate({ timestamp: now.getTime() });
}
