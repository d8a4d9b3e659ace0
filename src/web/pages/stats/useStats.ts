import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { TStatsView } from '../../../shared/schemas/stats';

/** The stored snapshot at the unit in the URL (?org=), polled while a 重新统计 is running. */
export function useStatsView() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org') ? Number(params.get('org')) : undefined;
  const view = useQuery({
    queryKey: ['stats', orgId ?? null],
    queryFn: () => api.get<TStatsView>('/api/stats', { orgId }),
    refetchInterval: (q) => (q.state.data?.pending ? 1500 : false),
  });
  const qc = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => api.post<{ snapshotId: number; pending: boolean }>('/api/stats/refresh'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['stats'] }),
  });
  const drill = (id: number | null) => setParams(id ? { org: String(id) } : {});
  return { orgId, view, refresh, drill };
}

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }).replaceAll('-', '/');
