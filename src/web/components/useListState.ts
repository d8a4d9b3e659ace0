import { useState } from 'react';
import { useLocation } from 'react-router';

type Cursor = string | number | undefined;
interface Stored<F> {
  path: string;
  filters: F;
  cursors: Cursor[];
  page: number;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => (isBlank(a) && isBlank(b)) || JSON.stringify(a) === JSON.stringify(b);

/**
 * Filters and page position of one list. They belong to the page (route) they were set on: on
 * another page the list starts from `initial` again, so a search word never empties the next list.
 */
export function useListState<F extends object>(initial: F) {
  const { pathname } = useLocation();
  const fresh = (): Stored<F> => ({ path: pathname, filters: initial, cursors: [undefined], page: 1 });
  const [stored, setStored] = useState<Stored<F>>(fresh);
  const s = stored.path === pathname ? stored : fresh();
  const init = initial as Record<string, unknown>;
  const active = Object.entries(s.filters).some(([k, v]) => !same(v, init[k]));
  return {
    /** the page this state belongs to; use as a React key to reset forms with it */
    key: pathname,
    filters: s.filters,
    /** true when the list is narrowed by a filter the user set */
    active,
    /** keyset cursor of the current page (undefined on the first page) */
    cursor: s.cursors[s.cursors.length - 1],
    /** 1-based page number (keyset and numbered pages alike) */
    page: s.page,
    apply: (filters: F) => setStored({ path: pathname, filters, cursors: [undefined], page: 1 }),
    reset: () => setStored(fresh()),
    next: (cursor: Cursor) => setStored({ ...s, cursors: [...s.cursors, cursor], page: s.page + 1 }),
    prev: () => setStored({ ...s, cursors: s.cursors.slice(0, -1), page: Math.max(1, s.page - 1) }),
    goTo: (page: number) => setStored({ ...s, page }),
  };
}

export type ListState<F extends object = object> = ReturnType<typeof useListState<F>>;
