import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateBankAccountBody, CreateImportPresetBody, UpdateBankAccountBody } from '../../../shared/bank-accounts';
import {
  createBankAccount,
  createImportPreset,
  getBankAccount,
  listAccountLines,
  listBankAccounts,
  listImportPresets,
  listImports,
  updateBankAccount,
  type AccountLinesQuery,
} from '../reconciliation/api/bank-accounts-api';
import { recKeys } from '../reconciliation/use-reconciliation';

export function useBankAccounts(clientId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: recKeys.bankAccounts(clientId),
    queryFn: () => listBankAccounts(clientId),
    enabled: (options.enabled ?? true) && clientId !== '',
  });
}

export function useBankAccount(id: string) {
  return useQuery({
    queryKey: recKeys.bankAccount(id),
    queryFn: () => getBankAccount(id),
  });
}

export function useImports(accountId: string, enabled = true) {
  return useQuery({
    queryKey: recKeys.imports(accountId),
    queryFn: () => listImports(accountId),
    enabled,
  });
}

export function useAccountLines(accountId: string, query: AccountLinesQuery, enabled = true) {
  return useQuery({
    queryKey: [...recKeys.accountLines(accountId), query],
    queryFn: () => listAccountLines(accountId, query),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useImportPresets() {
  return useQuery({
    queryKey: recKeys.presets,
    queryFn: () => listImportPresets(),
  });
}

export function useCreateBankAccount(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBankAccountBody) => createBankAccount(clientId, body),
    onSuccess: () =>
      void queryClient.invalidateQueries({
        queryKey: recKeys.bankAccounts(clientId),
      }),
  });
}

export function useUpdateBankAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBankAccountBody) => updateBankAccount(id, body),
    onSuccess: (account) => {
      queryClient.setQueryData(recKeys.bankAccount(id), account);
      void queryClient.invalidateQueries({
        queryKey: recKeys.bankAccounts(account.clientId),
      });
    },
  });
}

export function useCreateImportPreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateImportPresetBody) => createImportPreset(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: recKeys.presets }),
  });
}

/** After an import: the account's summary, its history and lines, and every reconciliation refetch. */
export function useRefreshAfterImport() {
  const queryClient = useQueryClient();
  return (accountId: string) => {
    void queryClient.invalidateQueries({ queryKey: ['bank-accounts'] });
    void queryClient.invalidateQueries({ queryKey: recKeys.all });
    void queryClient.invalidateQueries({
      queryKey: recKeys.imports(accountId),
    });
  };
}
