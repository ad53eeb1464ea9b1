import { z } from 'zod';
import { EmailSchema, NameSchema, RoleSchema } from './common';

export const SignInBodySchema = z
  .object({
    email: z.string().trim().min(1, 'is required').max(254, 'is too long'),
    password: z.string().min(1, 'is required').max(1024, 'is too long'),
    totp: z.string().trim().max(20).optional(),
    recoveryCode: z.string().trim().max(40).optional(),
  })
  .strict();
export type SignInBody = z.infer<typeof SignInBodySchema>;

export const SessionDtoSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    timeZone: z.string(),
    mfaEnabled: z.boolean(),
  }),
  firm: z.object({ id: z.string(), name: z.string() }),
  csrfToken: z.string(),
  expiresAt: z.string(),
  mustEnrolMfa: z.boolean(),
  /** MFA is off for this role by firm policy and not enrolled: the UI recommends turning it on. */
  mfaRecommended: z.boolean(),
  abilities: z.object({
    manageUsers: z.boolean(),
    manageClients: z.boolean(),
    manageSettings: z.boolean(),
    readAuditLog: z.boolean(),
    readUsers: z.boolean(),
  }),
});
export type SessionDto = z.infer<typeof SessionDtoSchema>;

export const MfaEnrolmentDtoSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrCodeDataUrl: z.string() });
export type MfaEnrolmentDto = z.infer<typeof MfaEnrolmentDtoSchema>;

export const ConfirmMfaBodySchema = z.object({ code: z.string().trim().min(1, 'is required').max(20) }).strict();
export const RecoveryCodesDtoSchema = z.object({ recoveryCodes: z.array(z.string()) });

export const ChangePasswordBodySchema = z
  .object({ currentPassword: z.string().min(1, 'is required').max(1024), newPassword: z.string().min(1, 'is required').max(1024) })
  .strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

export const InvitationTokenParamsSchema = z.object({ token: z.string().min(20).max(200) }).strict();

export const InvitationPreviewDtoSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  firmName: z.string(),
  expiresAt: z.string(),
  minPasswordLength: z.number(),
  mfaRequired: z.boolean(),
});
export type InvitationPreviewDto = z.infer<typeof InvitationPreviewDtoSchema>;

export const AcceptInvitationBodySchema = z
  .object({ name: NameSchema, password: z.string().min(1, 'is required').max(1024) })
  .strict();
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBodySchema>;

export { EmailSchema };
