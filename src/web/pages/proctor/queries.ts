import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TAppealDecision,
  TAttemptFrames,
  TMyProctoring,
  TProctorSettings,
  TReviewList,
  ZCaseList,
} from '../../../shared/schemas/proctor';
import { api } from '../../api/client';
import { useInvalidatingMutation } from '../../queries/mutation';

type CaseList = z.infer<typeof ZCaseList>;

export interface ReviewFilters {
  paperType?: 'humanities' | 'professional';
  below?: number;
  flagged?: 'yes' | 'no';
  processed?: 'yes' | 'no';
  keyword?: string;
  sort?: 'similarity' | 'recent';
}

/** Query keys of 监考. */
export const proctorKeys = {
  all: ['proctor'] as const,
  review: (f: ReviewFilters, cursor: string | number | undefined) => [...proctorKeys.all, 'review', f, cursor] as const,
  frames: (attemptId: number) => [...proctorKeys.all, 'frames', attemptId] as const,
  cases: (status: string | undefined, keyword: string | undefined, cursor: string | number | undefined) =>
    [...proctorKeys.all, 'cases', status, keyword, cursor] as const,
  settings: () => [...proctorKeys.all, 'settings'] as const,
  mine: () => [...proctorKeys.all, 'mine'] as const,
};

export function useReviewList(f: ReviewFilters, cursor: string | number | undefined) {
  return useQuery({
    queryKey: proctorKeys.review(f, cursor),
    queryFn: () => api.get<TReviewList>('/api/proctoring/review', { ...f, cursor, limit: 20 }),
    placeholderData: keepPreviousData,
    // 比对中 rows turn into scores without a reload
    refetchInterval: (q) => (q.state.data?.rows.some((r) => r.framesPending > 0) ? 4000 : false),
  });
}

export function useAttemptFrames(attemptId: number | null) {
  return useQuery({
    queryKey: proctorKeys.frames(attemptId ?? 0),
    queryFn: () => api.get<TAttemptFrames>(`/api/proctoring/review/${attemptId}/frames`),
    enabled: attemptId !== null,
    // the image links are short-lived: fetch fresh ones each time the viewer opens
    staleTime: 0,
    gcTime: 0,
  });
}

export function useProctorAction() {
  return useInvalidatingMutation(
    (v: { enrolmentId: number; action: 'flag' | 'unflag' | 'process'; reason?: string }) =>
      api.post(`/api/proctoring/enrolments/${v.enrolmentId}/${v.action}`, v.reason ? { reason: v.reason } : {}),
    [proctorKeys.all],
  );
}

export function useCases(status: string | undefined, keyword: string | undefined, cursor: string | number | undefined) {
  return useQuery({
    queryKey: proctorKeys.cases(status, keyword, cursor),
    queryFn: () => api.get<CaseList>('/api/proctoring/cases', { status, keyword, cursor, limit: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useAppealDecision() {
  return useInvalidatingMutation(
    (v: { enrolmentId: number } & TAppealDecision) =>
      api.post(`/api/proctoring/cases/${v.enrolmentId}/decision`, { decision: v.decision, reason: v.reason }),
    [proctorKeys.all],
  );
}

export function useProctorSettings() {
  return useQuery({
    queryKey: proctorKeys.settings(),
    queryFn: () => api.get<TProctorSettings>('/api/proctoring/settings'),
  });
}

export function useSaveProctorSettings() {
  return useInvalidatingMutation(
    (s: TProctorSettings) => api.put<TProctorSettings>('/api/proctoring/settings', s),
    [proctorKeys.all],
  );
}

export function useMyProctoring() {
  return useQuery({ queryKey: proctorKeys.mine(), queryFn: () => api.get<TMyProctoring>('/api/proctoring/mine') });
}

export function useSubmitAppeal() {
  return useInvalidatingMutation(
    (form: FormData) => api.upload('/api/proctoring/mine/appeal', form),
    [proctorKeys.all],
  );
}
