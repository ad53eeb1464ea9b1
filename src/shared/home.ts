import { z } from 'zod';

export const WaitingItemSchema = z.object({
  kind: z.enum(['invitation_pending', 'account_locked', 'mfa_missing', 'mfa_recommended', 'access_expiring']),
  title: z.string(),
  detail: z.string(),
  link: z.string(),
});
export type WaitingItem = z.infer<typeof WaitingItemSchema>;

export const HomeDtoSchema = z.object({
  clients: z.array(z.object({ id: z.string(), name: z.string(), legalName: z.string(), fiscalYearEnd: z.string(), timeZone: z.string(), teamSize: z.number() })),
  waiting: z.array(WaitingItemSchema),
  counts: z.object({ clients: z.number(), people: z.number().nullable(), pendingInvitations: z.number().nullable() }),
});
export type HomeDto = z.infer<typeof HomeDtoSchema>;
