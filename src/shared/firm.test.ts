import { describe, expect, it } from 'vitest';
import { DEFAULT_FIRM_SETTINGS, FirmSettingsSchema, reconciliationDateWindowDays, type FirmSettings } from './firm';

describe('reconciliationDateWindowDays', () => {
  it('accepts whole days from 0 to 31 and refuses anything else, naming the limit', () => {
    const withWindow = (days: number) => FirmSettingsSchema.safeParse({ ...DEFAULT_FIRM_SETTINGS, reconciliationDateWindowDays: days });

    expect(withWindow(0).success).toBe(true);
    expect(withWindow(31).success).toBe(true);
    expect(withWindow(32).error?.issues[0]?.message).toBe('must be at most 31 days');
    expect(withWindow(-1).error?.issues[0]?.message).toBe('must be 0 days or more');
    expect(withWindow(2.5).success).toBe(false);
  });

  it('is 5 days for new firms and for firms that never set it', () => {
    const { reconciliationDateWindowDays: _, ...before } = DEFAULT_FIRM_SETTINGS;
    const older: FirmSettings = before;

    expect(DEFAULT_FIRM_SETTINGS.reconciliationDateWindowDays).toBe(5);
    expect(FirmSettingsSchema.safeParse(older).success).toBe(true);
    expect(reconciliationDateWindowDays(older)).toBe(5);
    expect(reconciliationDateWindowDays({ reconciliationDateWindowDays: 0 })).toBe(0);
    expect(reconciliationDateWindowDays({})).toBe(5);
  });
});
