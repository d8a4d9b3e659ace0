import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import type { TExamOverview } from '../../../../shared/schemas/exam';
import { api, ApiError } from '../../../api/client';

/** 2026-01-31 → 2026/01/31 */
export const slash = (d: string) => d.replaceAll('-', '/');
/** An ISO instant as local 年/月/日 时:分 ('—' when absent). */
export const fmt = (iso: string | null) => {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** The physician's own exam overview (enrolment, window, papers); refetched on every visit. */
export function useExamOverview() {
  return useQuery({
    queryKey: ['exam-overview'],
    queryFn: () => api.get<TExamOverview>('/api/exam/overview'),
    refetchOnMount: 'always',
  });
}

export function ErrorBox({ error }: { error: unknown }) {
  return <Alert type="error" showIcon message={error instanceof ApiError ? error.message : '加载失败，请稍后重试'} />;
}
