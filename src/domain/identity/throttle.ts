/**
 * Sign-in throttling, as pure arithmetic on a counter. An account (or an unknown e-mail, so the two
 * cannot be told apart) locks for LOCK_MINUTES after ACCOUNT_LIMIT failures inside WINDOW_MINUTES;
 * one address is refused after IP_LIMIT failures in the window, whichever accounts it tries.
 */
export const WINDOW_MINUTES = 15;
export const ACCOUNT_LIMIT = 5;
export const IP_LIMIT = 30;
export const LOCK_MINUTES = 15;

export interface Counter {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export function isLocked(counter: Counter | undefined, now: Date): boolean {
  return counter?.lockedUntil != null && counter.lockedUntil > now;
}

/** The counter after one more failure; it locks when the failure reaches `limit`. */
export function recordFailure(counter: Counter | undefined, now: Date, limit: number): Counter {
  const windowOpen = counter !== undefined && now.getTime() - counter.windowStartedAt.getTime() < WINDOW_MINUTES * 60_000;
  const failures = windowOpen ? counter.failures + 1 : 1;
  const windowStartedAt = windowOpen ? counter.windowStartedAt : now;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
  return { failures, windowStartedAt, lockedUntil };
}

/** Whole minutes left on a lock, at least one, for the message a person reads. */
export function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}
