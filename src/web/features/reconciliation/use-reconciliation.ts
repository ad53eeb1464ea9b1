import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { FINISHED_JOB_STATUSES, type JobDto } from '../../../shared/jobs';
import type { AcceptSuggestionBody, CreateMatchBody, CreateReconciliationBody, ReconciliationDto, UpdateReconciliationBody } from '../../../shared/reconciliation';
import { isProblem } from '../../api/api-error';
import { queryKeys } from '../../app/query-keys';
import {
  acceptSuggestion,
  approveAdjustment,
  cancelJob,
  createMatch,
  documentItem,
  getJob,
  getReconciliation,
  getTaskReconciliation,
  listReconciliationLines,
  listRuleProposals,
  removeMatch,
  startMatchRun,
  startReconciliation,
  updateReconciliation,
  type LinesQuery,
} from './api/reconciliation-api';

/** Query keys of the reconciliation pages, so a change invalidates exactly what it affects. */
export const recKeys = {
  all: ['reconciliations'] as const,
  ofTask: (taskId: string) => ['reconciliations', 'of-task', taskId] as const,
  detail: (id: string) => ['reconciliations', 'detail', id] as const,
  lines: (id: string) => ['reconciliations', 'lines', id] as const,
  linePage: (id: string, query: LinesQuery) => ['reconciliations', 'lines', id, query] as const,
  proposals: (id: string) => ['reconciliations', 'rule-proposals', id] as const,
  job: (id: string) => ['jobs', id] as const,
  rules: ['reconciliation-rules'] as const,
  bankAccounts: (clientId: string) => ['bank-accounts', 'of-client', clientId] as const,
  bankAccount: (id: string) => ['bank-accounts', 'detail', id] as const,
  imports: (accountId: string) => ['bank-accounts', 'imports', accountId] as const,
  accountLines: (accountId: string) => ['bank-accounts', 'lines', accountId] as const,
  presets: ['import-presets'] as const,
};

export function useTaskReconciliation(taskId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: recKeys.ofTask(taskId),
    queryFn: () => getTaskReconciliation(taskId),
    enabled: options.enabled ?? true,
    retry: (count, error) => !isProblem(error, 404) && count < 2,
  });
}

export function useReconciliation(id: string) {
  return useQuery({
    queryKey: recKeys.detail(id),
    queryFn: () => getReconciliation(id),
  });
}

/** One page of one side's lines; the previous page stays on screen while the next loads. */
export function useReconciliationLines(id: string, query: LinesQuery) {
  return useQuery({
    queryKey: recKeys.linePage(id, query),
    queryFn: () => listReconciliationLines(id, query),
    placeholderData: keepPreviousData,
  });
}

export function useRuleProposals(id: string, enabled: boolean) {
  return useQuery({
    queryKey: recKeys.proposals(id),
    queryFn: () => listRuleProposals(id),
    enabled,
  });
}

/** Puts a fresh reconciliation into the cache (both keys it is read under) and refetches what depends on it. */
export function storeReconciliation(queryClient: QueryClient, rec: ReconciliationDto, options: { refetchLines?: boolean } = {}) {
  queryClient.setQueryData(recKeys.detail(rec.id), rec);
  if (rec.task) {
    queryClient.setQueryData(recKeys.ofTask(rec.task.id), rec);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.task(rec.task.id),
    });
  }
  if (options.refetchLines ?? true) {
    void queryClient.invalidateQueries({ queryKey: recKeys.lines(rec.id) });
  }
}

/**
 * A change to a reconciliation. The answer carries the reconciliation as it is now; it replaces
 * the cached one and the lines refetch. A stale version reloads the header and says so.
 */
function useRecChange<V>(recId: string, change: (variables: V) => Promise<ReconciliationDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (rec) => storeReconciliation(queryClient, rec),
    onError: (error) => {
      if (isProblem(error, 409, 'stale_version')) {
        notifications.show({
          color: 'orange',
          title: 'Changed by someone else',
          message: 'The reconciliation was reloaded with their changes: check it, then try again.',
        });
      }
      if (isProblem(error, 409)) {
        void queryClient.invalidateQueries({ queryKey: recKeys.detail(recId) });
        void queryClient.invalidateQueries({ queryKey: recKeys.lines(recId) });
      }
    },
  });
}

export function useStartReconciliation(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReconciliationBody) => startReconciliation(taskId, body),
    onSuccess: (rec) => storeReconciliation(queryClient, rec),
  });
}

export function useUpdateReconciliation(recId: string) {
  return useRecChange(recId, (body: UpdateReconciliationBody) => updateReconciliation(recId, body));
}

export function useCreateMatch(recId: string) {
  return useRecChange(recId, async (body: CreateMatchBody) => (await createMatch(recId, body)).reconciliation);
}

export function useAcceptSuggestion(recId: string) {
  return useRecChange(recId, async (body: AcceptSuggestionBody) => (await acceptSuggestion(recId, body)).reconciliation);
}

export function useRemoveMatch(recId: string) {
  return useRecChange(recId, ({ matchId, note }: { matchId: string; note: string }) => removeMatch(recId, matchId, note));
}

export function useApproveAdjustment(recId: string) {
  return useRecChange(recId, (matchId: string) => approveAdjustment(recId, matchId));
}

export function useDocumentItem(recId: string) {
  return useRecChange(recId, ({ lineId, note }: { lineId: string; note: string }) => documentItem(recId, lineId, note));
}

export function useStartMatchRun(recId: string) {
  return useMutation({ mutationFn: () => startMatchRun(recId) });
}

/** A background job, polled every second until it ends. */
export function useJob(jobId: string | null, initial?: JobDto) {
  return useQuery({
    queryKey: recKeys.job(jobId ?? ''),
    queryFn: () => getJob(jobId ?? ''),
    enabled: jobId !== null,
    ...(initial && initial.id === jobId ? { initialData: initial } : {}),
    refetchInterval: (query) => (query.state.data && FINISHED_JOB_STATUSES.includes(query.state.data.status) ? false : 1000),
  });
}

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => cancelJob(jobId),
    onSuccess: (job) => queryClient.setQueryData(recKeys.job(job.id), job),
  });
}
