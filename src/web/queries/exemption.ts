import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExemptionDecision } from '../../shared/domain/decisions';
import type { TExemptionApplication, TExemptionMine, TExemptionSettings } from '../../shared/schemas/exemption';
import type { TAttachment } from '../../shared/schemas/procedure';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

type Proc = 'general' | 'simple';
export interface ExemptionFilters {
  procedure?: Proc;
  scope: 'pending' | 'all';
  keyword?: string;
}
export type ExemptionDetail = TExemptionApplication & { files: TAttachment[] };

/** Query keys of 免考 (settings, the physician's own application, the review lists). */
export const exemptionKeys = {
  all: ['exemption'] as const,
  settings: () => [...exemptionKeys.all, 'settings'] as const,
  mine: () => [...exemptionKeys.all, 'mine'] as const,
  list: (f: ExemptionFilters, page: number) => [...exemptionKeys.all, 'list', f, page] as const,
  detail: (id: number) => [...exemptionKeys.all, 'detail', id] as const,
};

export function useExemptionSettings() {
  return useQuery({
    queryKey: exemptionKeys.settings(),
    queryFn: () => api.get<TExemptionSettings>('/api/exemption/settings'),
  });
}

/** 开启/关闭申请, 添加/编辑/删除免考理由: each answers with the new settings. */
export function useExemptionSettingsChange() {
  const qc = useQueryClient();
  return async (p: Promise<TExemptionSettings>) => {
    qc.setQueryData(exemptionKeys.settings(), await p);
  };
}

export function useMyExemption() {
  return useQuery({ queryKey: exemptionKeys.mine(), queryFn: () => api.get<TExemptionMine>('/api/exemption/mine') });
}

export function useExemptionApply() {
  return useInvalidatingMutation(
    (v: { enrolmentId: number; reasonIds: number[]; note: string; fileIds: string[] }) =>
      api.post(`/api/enrolments/${v.enrolmentId}/exemption`, {
        reasonIds: v.reasonIds,
        note: v.note,
        fileIds: v.fileIds,
      }),
    [exemptionKeys.all],
  );
}

export function useExemptionApplications(f: ExemptionFilters, page: number) {
  return useQuery({
    queryKey: exemptionKeys.list(f, page),
    queryFn: () =>
      api.get<{ total: number; rows: TExemptionApplication[] }>('/api/exemption/applications', {
        ...f,
        page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useExemptionApplication(id: number | null) {
  return useQuery({
    queryKey: exemptionKeys.detail(id ?? 0),
    enabled: id !== null,
    queryFn: () => api.get<ExemptionDetail>(`/api/exemption/applications/${id}`),
  });
}

export function useExemptionReview() {
  return useInvalidatingMutation(
    (v: { id: number; decision: ExemptionDecision; opinion: string }) =>
      api.post(`/api/exemption/applications/${v.id}/review`, { decision: v.decision, opinion: v.opinion }),
    [exemptionKeys.all],
  );
}
