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
import {
  TaskDetailDtoSchema,
  TaskListDtoSchema,
  TimelineDtoSchema,
  type ChecklistItemUpdateBody,
  type CreateNoteBody,
  type ReassignBody,
  type TaskDetailDto,
  type TaskListDto,
  type TransitionBody,
  type UpdateTaskBody,
} from '../../shared/tasks';
import {
  GenerateTasksDtoSchema,
  ServiceDtoSchema,
  ServiceListDtoSchema,
  WorkflowDtoSchema,
  WorkflowListDtoSchema,
  type CreateServiceBody,
  type NewChecklistVersionBody,
  type ServiceDto,
  type UpdateServiceBody,
  type WorkflowDto,
} from '../../shared/workflows';
import { ApiError, isProblem, networkError, toApiError } from './api-error';
import { SavedViewListDtoSchema, SavedViewSchema, SpotCheckDtoSchema, type ConcludeSpotCheckBody, type SpotCheckDto } from '../../shared/spot-checks';
import { UploadedDocumentDtoSchema, type UploadedDocumentDto } from './tracker-schemas';

export type ClientList = z.infer<typeof ClientListDtoSchema>;
export type CreatedInvitation = z.infer<typeof CreatedInvitationDtoSchema>;
export type ClientStatusFilter = 'active' | 'archived' | 'all';
export type UserStatusFilter = 'active' | 'deactivated' | 'all';
export type AccountAction = 'deactivation' | 'reactivation' | 'mfa-reset' | 'unlock';

export type TaskTimeline = z.infer<typeof TimelineDtoSchema>;
export type SavedView = z.infer<typeof SavedViewSchema>;
export type GeneratedTasks = z.infer<typeof GenerateTasksDtoSchema>;

/** The tracker's list filters, as the API reads them (see TaskListQuerySchema). */
export interface TaskListFilters {
  clientId?: string;
  workflowId?: string;
  /** Statuses separated by commas. */
  status?: string;
  preparerId?: string;
  reviewerId?: string;
  queue?: 'prepare' | 'review' | 'all';
  period?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: 'true';
  q?: string;
  sort?: 'due' | 'client' | 'workflow' | 'status' | 'priority' | 'period' | 'updated';
  dir?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

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

// ── Tracker: tasks ──────────────────────────────────────────────────────────

export function listTasks(filters: TaskListFilters): Promise<TaskListDto> {
  return request('GET', '/tasks', { query: { ...filters }, schema: TaskListDtoSchema });
}

export function getTask(id: string): Promise<TaskDetailDto> {
  return request('GET', `/tasks/${encodeURIComponent(id)}`, { schema: TaskDetailDtoSchema });
}

export function getTaskTimeline(id: string): Promise<TaskTimeline> {
  return request('GET', `/tasks/${encodeURIComponent(id)}/timeline`, { schema: TimelineDtoSchema });
}

export function transitionTask(id: string, body: TransitionBody): Promise<TaskDetailDto> {
  return request('POST', `/tasks/${encodeURIComponent(id)}/transitions`, { body, schema: TaskDetailDtoSchema });
}

export function updateTask(id: string, body: UpdateTaskBody): Promise<TaskDetailDto> {
  return request('PATCH', `/tasks/${encodeURIComponent(id)}`, { body, schema: TaskDetailDtoSchema });
}

export function reassignTask(id: string, body: ReassignBody): Promise<TaskDetailDto> {
  return request('PUT', `/tasks/${encodeURIComponent(id)}/assignment`, { body, schema: TaskDetailDtoSchema });
}

export function updateChecklistItem(id: string, itemId: string, body: ChecklistItemUpdateBody): Promise<TaskDetailDto> {
  return request('PUT', `/tasks/${encodeURIComponent(id)}/checklist/${encodeURIComponent(itemId)}`, { body, schema: TaskDetailDtoSchema });
}

export function addTaskNote(id: string, body: CreateNoteBody): Promise<TaskDetailDto> {
  return request('POST', `/tasks/${encodeURIComponent(id)}/notes`, { body, schema: TaskDetailDtoSchema });
}

export function respondToTaskNote(id: string, noteId: string, body: { response: string; version: number }): Promise<TaskDetailDto> {
  return request('POST', `/tasks/${encodeURIComponent(id)}/notes/${encodeURIComponent(noteId)}/response`, { body, schema: TaskDetailDtoSchema });
}

export function clearTaskNote(id: string, noteId: string, body: { version: number }): Promise<TaskDetailDto> {
  return request('POST', `/tasks/${encodeURIComponent(id)}/notes/${encodeURIComponent(noteId)}/clearance`, { body, schema: TaskDetailDtoSchema });
}

/** Uploads one file to the task (multipart, field `file`); the browser sets the content type. */
export function uploadTaskDocument(id: string, file: File): Promise<UploadedDocumentDto> {
  const formData = new FormData();
  formData.append('file', file);
  return request('POST', `/tasks/${encodeURIComponent(id)}/documents`, { formData, schema: UploadedDocumentDtoSchema });
}

/** Where the browser downloads a document (a plain link: the cookie authenticates it). */
export function documentContentUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/content`;
}

// ── Tracker: workflows, services, spot-checks, saved views ─────────────────────

export async function listWorkflows(): Promise<WorkflowDto[]> {
  const result = await request('GET', '/workflows', { schema: WorkflowListDtoSchema });
  return result.items;
}

export function publishChecklistVersion(workflowId: string, body: NewChecklistVersionBody): Promise<WorkflowDto> {
  return request('POST', `/workflows/${encodeURIComponent(workflowId)}/checklist-versions`, { body, schema: WorkflowDtoSchema });
}

export async function listServices(clientId?: string): Promise<ServiceDto[]> {
  const result = await request('GET', '/services', { query: { clientId }, schema: ServiceListDtoSchema });
  return result.items;
}

export function createService(body: CreateServiceBody): Promise<ServiceDto> {
  return request('POST', '/services', { body, schema: ServiceDtoSchema });
}

export function updateService(id: string, body: UpdateServiceBody): Promise<ServiceDto> {
  return request('PATCH', `/services/${encodeURIComponent(id)}`, { body, schema: ServiceDtoSchema });
}

export function generateTasks(asOf?: string): Promise<GeneratedTasks> {
  return request('POST', '/task-generation', { body: asOf ? { asOf } : {}, schema: GenerateTasksDtoSchema });
}

export function getSpotCheck(month: string): Promise<SpotCheckDto> {
  return request('GET', '/spot-checks', { query: { month }, schema: SpotCheckDtoSchema });
}

export function drawSpotCheck(month: string): Promise<SpotCheckDto> {
  return request('POST', '/spot-checks', { body: { month }, schema: SpotCheckDtoSchema });
}

export function concludeSpotCheckItem(spotCheckId: string, itemId: string, body: ConcludeSpotCheckBody): Promise<SpotCheckDto> {
  return request('POST', `/spot-checks/${encodeURIComponent(spotCheckId)}/items/${encodeURIComponent(itemId)}/conclusion`, { body, schema: SpotCheckDtoSchema });
}

export async function listSavedViews(): Promise<SavedView[]> {
  const result = await request('GET', '/saved-views', { schema: SavedViewListDtoSchema });
  return result.items;
}

export function createSavedView(body: { name: string; query: Record<string, string> }): Promise<SavedView> {
  return request('POST', '/saved-views', { body, schema: SavedViewSchema });
}

export async function deleteSavedView(id: string): Promise<void> {
  await request('DELETE', `/saved-views/${encodeURIComponent(id)}`);
}

// ── Transport ─────────────────────────────────────────────────────────────

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | undefined | null;

interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  /** A multipart body (uploads); the browser writes the content type with its boundary. */
  formData?: FormData;
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
  } else if (options.formData) {
    init.body = options.formData;
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
