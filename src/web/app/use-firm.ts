import { useQuery } from '@tanstack/react-query';
import { getFirm } from '../api/client';
import { DEFAULT_FIRM_SETTINGS, type FirmSettings } from '../../shared/firm';
import { queryKeys } from './query-keys';

export function useFirmQuery(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: queryKeys.firm, queryFn: getFirm, staleTime: 5 * 60_000, enabled: options.enabled ?? true });
}

/** The firm's settings (date format, team zones), with the defaults until they arrive. */
export function useFirmSettings(): FirmSettings {
  const { data } = useFirmQuery();
  return data?.settings ?? DEFAULT_FIRM_SETTINGS;
}
