import { z } from 'zod';
import { RoleSchema, TimeZoneSchema, VersionSchema } from './common';

const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 09:00');

export const TeamHoursSchema = z
  .object({ timeZone: TimeZoneSchema, workStart: ClockSchema, workEnd: ClockSchema })
  .strict()
  .refine((t) => t.workStart < t.workEnd, { message: 'must end after it starts', path: ['workEnd'] });

export const FirmSettingsSchema = z
  .object({
    mfaRequiredRoles: z.array(RoleSchema),
    onshore: TeamHoursSchema,
    offshore: TeamHoursSchema,
    sessionIdleMinutes: z.number().int().min(5, 'must be at least 5 minutes').max(24 * 60, 'must be at most a day'),
    sessionAbsoluteHours: z.number().int().min(1, 'must be at least an hour').max(24 * 14, 'must be at most 14 days'),
    dateFormat: z.enum(['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY']),
    quality: z
      .object({
        /** A preparer's work is "above threshold" when returns per approved task exceed this share. */
        reworkThresholdPercent: z.number().int().min(1, 'must be at least 1%').max(100, 'must be at most 100%'),
        spotCheckRatePercent: z.number().int().min(1, 'must be at least 1%').max(100, 'must be at most 100%'),
        spotCheckMinimum: z.number().int().min(0).max(100),
      })
      .strict(),
    /**
     * Bank reconciliation: how many days apart a bank line and a ledger line may be dated and still
     * be matched on amount. Absent in firms created before the setting existed: read it with
     * `reconciliationDateWindowDays(settings)`.
     */
    reconciliationDateWindowDays: z.number().int().min(0, 'must be 0 days or more').max(31, 'must be at most 31 days').optional(),
  })
  .strict();
export type FirmSettings = z.infer<typeof FirmSettingsSchema>;

export const DEFAULT_RECONCILIATION_DATE_WINDOW_DAYS = 5;

/** The firm's matching date window in days (the default for firms that never set it). */
export function reconciliationDateWindowDays(settings: { readonly reconciliationDateWindowDays?: number | undefined }): number {
  return settings.reconciliationDateWindowDays ?? DEFAULT_RECONCILIATION_DATE_WINDOW_DAYS;
}

export const UpdateFirmSettingsBodySchema = z.object({ settings: FirmSettingsSchema, version: VersionSchema }).strict();
export type UpdateFirmSettingsBody = z.infer<typeof UpdateFirmSettingsBodySchema>;

export const FirmDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  settings: FirmSettingsSchema,
  version: z.number(),
  abilities: z.object({ manageSettings: z.boolean() }),
});
export type FirmDto = z.infer<typeof FirmDtoSchema>;

/** New firms require MFA for the staff who approve and administer work. */
export const DEFAULT_FIRM_SETTINGS: FirmSettings = {
  mfaRequiredRoles: ['admin', 'partner', 'reviewer'],
  onshore: { timeZone: 'America/New_York', workStart: '09:00', workEnd: '17:30' },
  offshore: { timeZone: 'Asia/Kolkata', workStart: '10:00', workEnd: '19:00' },
  sessionIdleMinutes: 60,
  sessionAbsoluteHours: 12,
  dateFormat: 'MM/DD/YYYY',
  quality: { reworkThresholdPercent: 20, spotCheckRatePercent: 10, spotCheckMinimum: 3 },
  reconciliationDateWindowDays: DEFAULT_RECONCILIATION_DATE_WINDOW_DAYS,
};
