import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { TMe } from '../../shared/schemas/account';
import { api, ApiError, setCsrfToken } from '../api/client';

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
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
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
