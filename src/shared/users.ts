import { z } from 'zod';
import { EmailSchema, IdSchema, NameSchema, RoleSchema, TimeZoneSchema, VersionSchema } from './common';

export const ClientAccessDtoSchema = z.object({ clientId: z.string(), clientName: z.string(), expiresAt: z.string().nullable() });

export const UserDtoSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  timeZone: z.string(),
  status: z.enum(['active', 'deactivated']),
  mfaEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  clientAccess: z.array(ClientAccessDtoSchema),
  abilities: z.object({
    read: z.boolean(),
    update: z.boolean(),
    changeRole: z.boolean(),
    manageAccess: z.boolean(),
    deactivate: z.boolean(),
    reactivate: z.boolean(),
    resetMfa: z.boolean(),
    unlock: z.boolean(),
  }),
});
export type UserDto = z.infer<typeof UserDtoSchema>;

export const UserListQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    role: RoleSchema.optional(),
    status: z.enum(['active', 'deactivated', 'all']).default('all'),
  })
  .strict();
export const UserListDtoSchema = z.object({ items: z.array(UserDtoSchema), total: z.number() });

export const UpdateUserBodySchema = z
  .object({ name: NameSchema.optional(), role: RoleSchema.optional(), timeZone: TimeZoneSchema.optional(), version: VersionSchema })
  .strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

const FutureDateTimeSchema = z.iso.datetime({ offset: true, message: 'must be a date and time' });

export const SetClientAccessBodySchema = z
  .object({
    clientIds: z.array(IdSchema).max(500, 'at most 500 clients'),
    /** Auditors' access ends at this time; staff and client users have no end. */
    expiresAt: FutureDateTimeSchema.nullable().default(null),
  })
  .strict();
export type SetClientAccessBody = z.infer<typeof SetClientAccessBodySchema>;

export const CreateInvitationBodySchema = z
  .object({
    email: EmailSchema,
    name: NameSchema,
    role: RoleSchema,
    clientIds: z.array(IdSchema).max(500, 'at most 500 clients').default([]),
    accessExpiresAt: FutureDateTimeSchema.nullable().default(null),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.role === 'client' && value.clientIds.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['clientIds'], message: 'a client user belongs to exactly one client' });
    }
    if (value.role === 'auditor' && value.accessExpiresAt === null) {
      ctx.addIssue({ code: 'custom', path: ['accessExpiresAt'], message: 'auditor access needs an end date' });
    }
  });
export type CreateInvitationBody = z.input<typeof CreateInvitationBodySchema>;

export const InvitationDtoSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  clientIds: z.array(z.string()),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: z.string(),
  createdAt: z.string(),
  invitedBy: z.string(),
  abilities: z.object({ read: z.boolean(), revoke: z.boolean() }),
});
export type InvitationDto = z.infer<typeof InvitationDtoSchema>;

/** Returned once, to the admin who invited: the link to pass on (only its hash is stored). */
export const CreatedInvitationDtoSchema = z.object({ invitation: InvitationDtoSchema, acceptUrl: z.string(), token: z.string() });
export const InvitationListDtoSchema = z.object({ items: z.array(InvitationDtoSchema) });
