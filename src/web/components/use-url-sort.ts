import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export interface SortState<K extends string> {
  column: K;
  direction: 'asc' | 'desc';
}

/**
 * Sort state kept in the URL (`sort`, `dir`), so a sorted view can be shared and bookmarked.
 * Clicking the active column flips the direction; another column starts ascending.
 */
export function useUrlSort<K extends string>(columns: readonly K[], fallback: SortState<K>) {
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort');
  const dirParam = params.get('dir');

  const sort = useMemo<SortState<K>>(() => {
    const column = columns.find((c) => c === sortParam) ?? fallback.column;
    const direction = dirParam === 'desc' || dirParam === 'asc' ? dirParam : fallback.direction;
    return { column, direction };
  }, [columns, sortParam, dirParam, fallback.column, fallback.direction]);

  const handleSort = useCallback(
    (column: K) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          const direction = sort.column === column && sort.direction === 'asc' ? 'desc' : 'asc';
          next.set('sort', column);
          next.set('dir', direction);
          return next;
        },
        { replace: true },
      );
    },
    [setParams, sort.column, sort.direction],
  );

  return { sort, handleSort };
}

/** Sorts a copy of `rows` by the value `valueOf` gives for the sort column. */
export function sortRows<T, K extends string>(rows: readonly T[], sort: SortState<K>, valueOf: (row: T, column: K) => string | number | null): T[] {
  const factor = sort.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return [...rows].sort((a, b) => {
    const x = valueOf(a, sort.column);
    const y = valueOf(b, sort.column);
    if (x === y) {
      return 0;
    }
    if (x === null) {
      return 1; // empty values last, whichever the direction
    }
    if (y === null) {
      return -1;
    }
    if (typeof x === 'number' && typeof y === 'number') {
      return (x - y) * factor;
    }
    return collator.compare(String(x), String(y)) * factor;
  });
}
