import {
  MatchChangedDtoSchema,
  MatchRunAcceptedDtoSchema,
  ReconciliationDtoSchema,
  ReconciliationLinesDtoSchema,
  ReconciliationRuleDtoSchema,
  ReconciliationRuleListDtoSchema,
  RuleProposalListDtoSchema,
  type AcceptSuggestionBody,
  type CreateMatchBody,
  type CreateReconciliationBody,
  type CreateReconciliationRuleBody,
  type LineSide,
  type LineStatusFilter,
  type MatchChangedDto,
  type ReconciliationDto,
  type ReconciliationLinesDto,
  type ReconciliationRuleDto,
  type ReconciliationRuleListDto,
  type RuleProposalListDto,
  type UpdateReconciliationBody,
  type UpdateReconciliationRuleBody,
} from '../../../../shared/reconciliation';
import { JobDtoSchema, type JobDto } from '../../../../shared/jobs';
import { apiRequest, apiUrl, segment } from './transport';

/** The reconciliation of a task; the 404 `not_found` answer means none was started yet. */
export function getTaskReconciliation(taskId: string): Promise<ReconciliationDto> {
  return apiRequest('GET', `/tasks/${segment(taskId)}/reconciliation`, {
    schema: ReconciliationDtoSchema,
  });
}

export function startReconciliation(taskId: string, body: CreateReconciliationBody): Promise<ReconciliationDto> {
  return apiRequest('POST', `/tasks/${segment(taskId)}/reconciliation`, {
    body,
    schema: ReconciliationDtoSchema,
  });
}

export function getReconciliation(id: string): Promise<ReconciliationDto> {
  return apiRequest('GET', `/reconciliations/${segment(id)}`, {
    schema: ReconciliationDtoSchema,
  });
}

export function updateReconciliation(id: string, body: UpdateReconciliationBody): Promise<ReconciliationDto> {
  return apiRequest('PATCH', `/reconciliations/${segment(id)}`, {
    body,
    schema: ReconciliationDtoSchema,
  });
}

export interface LinesQuery {
  side: LineSide;
  status: LineStatusFilter;
  q: string;
  page: number;
  pageSize: number;
}

export function listReconciliationLines(id: string, query: LinesQuery): Promise<ReconciliationLinesDto> {
  return apiRequest('GET', `/reconciliations/${segment(id)}/lines`, {
    query: { ...query },
    schema: ReconciliationLinesDtoSchema,
  });
}

/** Starts matching as a background job (an already running run is answered again). */
export async function startMatchRun(id: string): Promise<JobDto> {
  const accepted = await apiRequest('POST', `/reconciliations/${segment(id)}/match-runs`, { schema: MatchRunAcceptedDtoSchema });
  return accepted.job;
}

export function createMatch(id: string, body: CreateMatchBody): Promise<MatchChangedDto> {
  return apiRequest('POST', `/reconciliations/${segment(id)}/matches`, {
    body,
    schema: MatchChangedDtoSchema,
  });
}

export function acceptSuggestion(id: string, body: AcceptSuggestionBody): Promise<MatchChangedDto> {
  return apiRequest('POST', `/reconciliations/${segment(id)}/suggestions/accept`, { body, schema: MatchChangedDtoSchema });
}

export function removeMatch(id: string, matchId: string, note: string): Promise<ReconciliationDto> {
  return apiRequest('POST', `/reconciliations/${segment(id)}/matches/${segment(matchId)}/remove`, { body: { note }, schema: ReconciliationDtoSchema });
}

export function approveAdjustment(id: string, matchId: string): Promise<ReconciliationDto> {
  return apiRequest('POST', `/reconciliations/${segment(id)}/matches/${segment(matchId)}/approve-adjustment`, { schema: ReconciliationDtoSchema });
}

export function documentItem(id: string, lineId: string, note: string): Promise<ReconciliationDto> {
  return apiRequest('PUT', `/reconciliations/${segment(id)}/items/${segment(lineId)}/note`, { body: { note }, schema: ReconciliationDtoSchema });
}

export function listRuleProposals(id: string): Promise<RuleProposalListDto> {
  return apiRequest('GET', `/reconciliations/${segment(id)}/rule-proposals`, {
    schema: RuleProposalListDtoSchema,
  });
}

export function workpaperUrl(id: string, format: 'pdf' | 'xlsx'): string {
  return apiUrl(`/reconciliations/${segment(id)}/workpaper.${format}`);
}

// ── Jobs ──────────────────────────────────────────────────────────────────

export function getJob(id: string): Promise<JobDto> {
  return apiRequest('GET', `/jobs/${segment(id)}`, { schema: JobDtoSchema });
}

export function cancelJob(id: string): Promise<JobDto> {
  return apiRequest('POST', `/jobs/${segment(id)}/cancel`, {
    schema: JobDtoSchema,
  });
}

// ── Firm rules ────────────────────────────────────────────────────────────

export function listRules(clientId?: string): Promise<ReconciliationRuleListDto> {
  return apiRequest('GET', '/reconciliation-rules', {
    query: { clientId },
    schema: ReconciliationRuleListDtoSchema,
  });
}

export function createRule(body: CreateReconciliationRuleBody): Promise<ReconciliationRuleDto> {
  return apiRequest('POST', '/reconciliation-rules', {
    body,
    schema: ReconciliationRuleDtoSchema,
  });
}

export function updateRule(id: string, body: UpdateReconciliationRuleBody): Promise<ReconciliationRuleDto> {
  return apiRequest('PATCH', `/reconciliation-rules/${segment(id)}`, {
    body,
    schema: ReconciliationRuleDtoSchema,
  });
}

export async function deleteRule(id: string, version: number): Promise<void> {
  await apiRequest('DELETE', `/reconciliation-rules/${segment(id)}`, {
    query: { version },
  });
}
