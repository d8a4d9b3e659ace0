import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { TMe } from '../../shared/schemas/account';
import { api, ApiError, setCsrfToken } from '../api/client';

const ME_KEY = 'dk-me';

const MeContext = createContext<{ me: TMe | null; refresh: () => Promise<void> }>({
  me: null,
  refresh: async () => undefined,
});

export function MeProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api.get<TMe>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        sessionStorage.setItem(ME_KEY, JSON.stringify({ ...me, csrfToken: '' }));
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          sessionStorage.removeItem(ME_KEY);
          return null;
        }
        // no network (a test page reloaded offline): this tab's last known user, without a CSRF
        // token — nothing can be changed until the network is back and this query has run again
        const cached = !(e instanceof ApiError) && sessionStorage.getItem(ME_KEY);
        if (cached) return JSON.parse(cached) as TMe;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  if (q.isLoading) return null;
  return (
    <MeContext.Provider
      value={{ me: q.data ?? null, refresh: async () => void (await qc.invalidateQueries({ queryKey: ['me'] })) }}
    >
      {children}
    </MeContext.Provider>
  );
}

export const useMe = () => useContext(MeContext);

/** The logged-in user, for pages that are only reachable when logged in. */
export function useActor(): TMe {
  const { me } = useMe();
  if (!me) throw new Error('not logged in');
  return me;
}
