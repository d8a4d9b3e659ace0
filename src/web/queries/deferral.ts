import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Decision } from '../../shared/domain/decisions';
import type { TDeferralApplication, TDeferralMine } from '../../shared/schemas/deferral';
import type { TAttachment } from '../../shared/schemas/procedure';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

export interface DeferralFilters {
  scope: 'pending' | 'all';
  keyword?: string;
}
export type DeferralDetail = TDeferralApplication & { files: TAttachment[] };

/** Query keys of 延期考核 (the physician's own application and the review lists). */
export const deferralKeys = {
  all: ['deferral'] as const,
  mine: () => [...deferralKeys.all, 'mine'] as const,
  list: (f: DeferralFilters, page: number) => [...deferralKeys.all, 'list', f, page] as const,
  detail: (id: number) => [...deferralKeys.all, 'detail', id] as const,
};

export const deferralPdfUrl = (id: number) => `/api/deferral/applications/${id}/form.pdf`;

export function useMyDeferral() {
  return useQuery({ queryKey: deferralKeys.mine(), queryFn: () => api.get<TDeferralMine>('/api/deferral/mine') });
}

export function useDeferralApply() {
  return useInvalidatingMutation(
    (v: { enrolmentId: number; reason: string; fileIds: string[] }) =>
      api.post(`/api/enrolments/${v.enrolmentId}/deferral`, { reason: v.reason, fileIds: v.fileIds }),
    [deferralKeys.all],
  );
}

export function useDeferralApplications(f: DeferralFilters, page: number) {
  return useQuery({
    queryKey: deferralKeys.list(f, page),
    queryFn: () =>
      api.get<{ total: number; rows: TDeferralApplication[] }>('/api/deferral/applications', {
        ...f,
        page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useDeferralApplication(id: number | null) {
  return useQuery({
    queryKey: deferralKeys.detail(id ?? 0),
    enabled: id !== null,
    queryFn: () => api.get<DeferralDetail>(`/api/deferral/applications/${id}`),
  });
}

export function useDeferralReview() {
  return useInvalidatingMutation(
    (v: { id: number; agree: Decision; opinion: string }) =>
      api.post(`/api/deferral/applications/${v.id}/review`, { agree: v.agree, opinion: v.opinion }),
    [deferralKeys.all],
  );
}
