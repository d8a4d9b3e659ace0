import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { STATS_PAGE_SIZE, type TStatsView } from '../../../shared/schemas/stats';

/**
 * The stored snapshot at the unit and page in the URL (?org=&page=), polled while a 重新统计 is
 * running.
 */
export function useStatsView() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org') ? Number(params.get('org')) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const view = useQuery({
    queryKey: ['stats', orgId ?? null, page],
    queryFn: () => api.get<TStatsView>('/api/stats', { orgId, page, pageSize: STATS_PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.pending ? 1500 : false),
  });
  const qc = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => api.post<{ snapshotId: number; pending: boolean }>('/api/stats/refresh'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['stats'] }),
  });
  const drill = (id: number | null) => setParams(id ? { org: String(id) } : {});
  const goPage = (p: number) =>
    setParams({ ...(orgId ? { org: String(orgId) } : {}), ...(p > 1 ? { page: String(p) } : {}) });
  return { orgId, page, view, refresh, drill, goPage };
}

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }).replaceAll('-', '/');
