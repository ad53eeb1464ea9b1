import type { z } from 'zod';
import { AuditPageDtoSchema, type AuditPageDto } from '../../shared/audit';
import {
  InvitationPreviewDtoSchema,
  MfaEnrolmentDtoSchema,
  RecoveryCodesDtoSchema,
  SessionDtoSchema,
  type AcceptInvitationBody,
  type ChangePasswordBody,
  type InvitationPreviewDto,
  type MfaEnrolmentDto,
  type SessionDto,
  type SignInBody,
} from '../../shared/auth';
import {
  ClientDtoSchema,
  ClientListDtoSchema,
  type ClientDto,
  type CreateClientBody,
  type UpdateClientBody,
} from '../../shared/clients';
import { FirmDtoSchema, type FirmDto, type UpdateFirmSettingsBody } from '../../shared/firm';
import { HomeDtoSchema, type HomeDto } from '../../shared/home';
import type { Role } from '../../shared/common';
import {
  CreatedInvitationDtoSchema,
  InvitationDtoSchema,
  InvitationListDtoSchema,
  UserDtoSchema,
  UserListDtoSchema,
  type CreateInvitationBody,
  type InvitationDto,
  type SetClientAccessBody,
  type UpdateUserBody,
  type UserDto,
} from '../../shared/users';
import { ApiError, isProblem, networkError, toApiError } from './api-error';

export type ClientList = z.infer<typeof ClientListDtoSchema>;
export type CreatedInvitation = z.infer<typeof CreatedInvitationDtoSchema>;
export type ClientStatusFilter = 'active' | 'archived' | 'all';
export type UserStatusFilter = 'active' | 'deactivated' | 'all';
export type AccountAction = 'deactivation' | 'reactivation' | 'mfa-reset' | 'unlock';

export interface AuditFilters {
  actorId?: string;
  clientId?: string;
  type?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

// ── Session and MFA ───────────────────────────────────────────────────────────

/** The signed-in person, or null when signed out (401). */
export async function getSession(): Promise<SessionDto | null> {
  try {
    return rememberSession(await request('GET', '/session', { schema: SessionDtoSchema }));
  } catch (error) {
    if (isProblem(error, 401)) {
      return null;
    }
    throw error;
  }
}

export async function signIn(body: SignInBody): Promise<SessionDto> {
  return rememberSession(await request('POST', '/session', { body, schema: SessionDtoSchema }));
}

export async function signOut(): Promise<void> {
  await request('DELETE', '/session');
  csrfFallback = null;
}

export function startMfaEnrolment(): Promise<MfaEnrolmentDto> {
  return request('POST', '/session/mfa/enrolment', { schema: MfaEnrolmentDtoSchema });
}

export async function confirmMfaEnrolment(code: string): Promise<string[]> {
  const result = await request('POST', '/session/mfa/confirmation', { body: { code }, schema: RecoveryCodesDtoSchema });
  return result.recoveryCodes;
}

export async function changePassword(body: ChangePasswordBody): Promise<void> {
  await request('POST', '/session/password', { body });
}

// ── Invitations (public side) ────────────────────────────────────────────────

export function getInvitationPreview(token: string): Promise<InvitationPreviewDto> {
  return request('GET', `/invitation-tokens/${encodeURIComponent(token)}`, { schema: InvitationPreviewDtoSchema });
}

export async function acceptInvitation(token: string, body: AcceptInvitationBody): Promise<SessionDto> {
  return rememberSession(await request('POST', `/invitation-tokens/${encodeURIComponent(token)}/acceptance`, { body, schema: SessionDtoSchema }));
}

// ── Firm and home ───────────────────────────────────────────────────────────

export function getHome(): Promise<HomeDto> {
  return request('GET', '/home', { schema: HomeDtoSchema });
}

export function getFirm(): Promise<FirmDto> {
  return request('GET', '/firm', { schema: FirmDtoSchema });
}

export function updateFirmSettings(body: UpdateFirmSettingsBody): Promise<FirmDto> {
  return request('PUT', '/firm/settings', { body, schema: FirmDtoSchema });
}

// ── Clients ───────────────────────────────────────────────────────────────

export function listClients(filters: { q?: string; status?: ClientStatusFilter } = {}): Promise<ClientList> {
  return request('GET', '/clients', { query: filters, schema: ClientListDtoSchema });
}

export function getClient(id: string): Promise<ClientDto> {
  return request('GET', `/clients/${encodeURIComponent(id)}`, { schema: ClientDtoSchema });
}

export function createClient(body: CreateClientBody): Promise<ClientDto> {
  return request('POST', '/clients', { body, schema: ClientDtoSchema });
}

export function updateClient(id: string, body: UpdateClientBody): Promise<ClientDto> {
  return request('PATCH', `/clients/${encodeURIComponent(id)}`, { body, schema: ClientDtoSchema });
}

// ── People ────────────────────────────────────────────────────────────────

export async function listUsers(filters: { q?: string; role?: Role; status?: UserStatusFilter } = {}): Promise<UserDto[]> {
  const result = await request('GET', '/users', { query: filters, schema: UserListDtoSchema });
  return result.items;
}

export function getUser(id: string): Promise<UserDto> {
  return request('GET', `/users/${encodeURIComponent(id)}`, { schema: UserDtoSchema });
}

export function updateUser(id: string, body: UpdateUserBody): Promise<UserDto> {
  return request('PATCH', `/users/${encodeURIComponent(id)}`, { body, schema: UserDtoSchema });
}

export function setClientAccess(id: string, body: SetClientAccessBody): Promise<UserDto> {
  return request('PUT', `/users/${encodeURIComponent(id)}/client-access`, { body, schema: UserDtoSchema });
}

export function changeUserAccount(id: string, action: AccountAction): Promise<UserDto> {
  return request('POST', `/users/${encodeURIComponent(id)}/${action}`, { schema: UserDtoSchema });
}

export async function listInvitations(): Promise<InvitationDto[]> {
  const result = await request('GET', '/invitations', { schema: InvitationListDtoSchema });
  return result.items;
}

export function createInvitation(body: CreateInvitationBody): Promise<CreatedInvitation> {
  return request('POST', '/invitations', { body, schema: CreatedInvitationDtoSchema });
}

export function revokeInvitation(id: string): Promise<InvitationDto> {
  return request('DELETE', `/invitations/${encodeURIComponent(id)}`, { schema: InvitationDtoSchema });
}

// ── Audit log ─────────────────────────────────────────────────────────────

export function listAuditEvents(filters: AuditFilters): Promise<AuditPageDto> {
  return request('GET', '/audit-events', { query: { ...filters }, schema: AuditPageDtoSchema });
}

// ── Transport ─────────────────────────────────────────────────────────────

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | undefined | null;

interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  query?: Record<string, QueryValue>;
  schema?: S;
}

/** The CSRF token from the last session answer, used when the cookie cannot be read. */
let csrfFallback: string | null = null;

function rememberSession(session: SessionDto): SessionDto {
  csrfFallback = session.csrfToken;
  return session;
}

function readCsrfToken(): string | null {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('tm_csrf='));
  return cookie ? decodeURIComponent(cookie.slice('tm_csrf='.length)) : csrfFallback;
}

/**
 * Calls the API and parses the answer with the shared zod schema. State-changing requests echo
 * the CSRF token; failures throw an ApiError holding the server's problem document.
 */
async function request<S extends z.ZodType | undefined = undefined>(
  method: Method,
  path: string,
  options: RequestOptions<S> = {},
): Promise<S extends z.ZodType ? z.output<S> : undefined> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    const token = readCsrfToken();
    if (token) {
      headers['x-csrf-token'] = token;
    }
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(options.query)}`, init);
  } catch {
    throw networkError(); // fetch rejects only when the network fails; the caller shows a message
  }

  const text = await response.text();
  const body: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    throw toApiError(response.status, body);
  }
  if (!options.schema) {
    return undefined as S extends z.ZodType ? z.output<S> : undefined; // no schema: the endpoint answers 204
  }
  const parsed = options.schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: response.status,
      code: 'unexpected_response',
      detail: 'The server answered in a form this page does not understand. Reload the page to get the latest version.',
      errors: [],
    });
  }
  return parsed.data as S extends z.ZodType ? z.output<S> : undefined; // parsed by the schema S
}

function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) {
    return '';
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // a non-JSON body (a proxy's HTML error page): treated as no problem document
  }
}
