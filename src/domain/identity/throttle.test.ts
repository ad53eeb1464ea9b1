import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, isLocked, minutesLeft, recordFailure, WINDOW_MINUTES, type Counter } from './throttle';

const t0 = new Date('2026-11-02T10:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('sign-in throttle', () => {
  it('locks on the fifth failure inside the window and not before', () => {
    let counter: Counter | undefined;
    for (let i = 1; i < ACCOUNT_LIMIT; i++) {
      counter = recordFailure(counter, later(i), ACCOUNT_LIMIT);
      expect(isLocked(counter, later(i))).toBe(false);
    }
    counter = recordFailure(counter, later(ACCOUNT_LIMIT), ACCOUNT_LIMIT);
    expect(isLocked(counter, later(ACCOUNT_LIMIT))).toBe(true);
    expect(minutesLeft(counter.lockedUntil!, later(ACCOUNT_LIMIT))).toBe(15); // locked just above
  });

  it('starts counting again once the window has passed', () => {
    let counter = recordFailure(undefined, t0, ACCOUNT_LIMIT);
    counter = recordFailure(counter, later(1), ACCOUNT_LIMIT);
    counter = recordFailure(counter, later(WINDOW_MINUTES + 2), ACCOUNT_LIMIT);
    expect(counter.failures).toBe(1);
  });

  it('unlocks when the lock time has passed', () => {
    const counter: Counter = { failures: 5, windowStartedAt: t0, lockedUntil: later(15) };
    expect(isLocked(counter, later(14))).toBe(true);
    expect(isLocked(counter, later(15))).toBe(false);
  });
});
