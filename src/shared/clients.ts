import { z } from 'zod';
import { EmailSchema, NameSchema, TimeZoneSchema, VersionSchema } from './common';

export const ClientContactSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    phone: z.string().trim().max(40, 'is too long').optional(),
    title: z.string().trim().max(100, 'is too long').optional(),
  })
  .strict();

/** A fiscal year end as month and day, e.g. 12-31 or 06-30. */
export const FiscalYearEndSchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a month and day such as 12-31')
  .refine((v) => {
    const [m, d] = v.split('-').map(Number) as [number, number];
    return d <= new Date(Date.UTC(2023, m, 0)).getUTCDate();
  }, 'is not a day of that month');

export const ClientFieldsSchema = z
  .object({
    name: NameSchema,
    legalName: NameSchema,
    timeZone: TimeZoneSchema,
    fiscalYearEnd: FiscalYearEndSchema,
    contacts: z.array(ClientContactSchema).max(20, 'at most 20 contacts'),
  })
  .strict();

export const CreateClientBodySchema = ClientFieldsSchema;
export type CreateClientBody = z.infer<typeof CreateClientBodySchema>;

export const UpdateClientBodySchema = ClientFieldsSchema.partial()
  .extend({ status: z.enum(['active', 'archived']).optional(), version: VersionSchema })
  .strict();
export type UpdateClientBody = z.infer<typeof UpdateClientBodySchema>;

export const ClientDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string(),
  timeZone: z.string(),
  fiscalYearEnd: z.string(),
  contacts: z.array(ClientContactSchema),
  status: z.enum(['active', 'archived']),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  team: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
  abilities: z.object({ read: z.boolean(), update: z.boolean(), archive: z.boolean() }),
});
export type ClientDto = z.infer<typeof ClientDtoSchema>;

export const ClientListQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    status: z.enum(['active', 'archived', 'all']).default('active'),
  })
  .strict();

export const ClientListDtoSchema = z.object({ items: z.array(ClientDtoSchema), total: z.number() });
