import { useInfiniteQuery } from '@tanstack/react-query';
import { listAuditEvents, type AuditFilters } from '../../api/client';
import { queryKeys } from '../../app/query-keys';

const PAGE_SIZE = 50;

/** The audit log, newest first, a page at a time (keyset paging on the sequence number). */
export function useAuditEvents(filters: Record<'actorId' | 'clientId' | 'type' | 'from' | 'to', string>) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => {
      const query: AuditFilters = { limit: PAGE_SIZE };
      for (const [key, value] of Object.entries(filters) as Array<[keyof typeof filters, string]>) {
        if (value) {
          query[key] = value;
        }
      }
      if (pageParam !== undefined) {
        query.before = pageParam;
      }
      return listAuditEvents(query);
    },
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
  });
}
