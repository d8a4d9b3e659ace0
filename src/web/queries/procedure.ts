import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TEvaluateInput, TEvaluationDetail, TEvaluationRow } from '../../shared/schemas/procedure';
import { api } from '../api/client';
import { enrolmentKeys } from './enrolment';
import { useInvalidatingMutation } from './mutation';

type Proc = 'general' | 'simple';
export interface EvaluationFilters {
  keyword?: string;
}

/** Query keys of 评定工作成绩、职业道德 / 复核…程序申请. */
export const evaluationKeys = {
  all: ['evaluations'] as const,
  list: (procedure: Proc, f: EvaluationFilters, page: number) =>
    [...evaluationKeys.all, 'list', procedure, f, page] as const,
  detail: (id: number) => [...evaluationKeys.all, 'detail', id] as const,
};

export function useEvaluations(procedure: Proc, f: EvaluationFilters, page: number) {
  return useQuery({
    queryKey: evaluationKeys.list(procedure, f, page),
    queryFn: () =>
      api.get<{ total: number; rows: TEvaluationRow[] }>('/api/procedure/evaluations', {
        procedure,
        keyword: f.keyword,
        page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useEvaluationDetail(id: number | null) {
  return useQuery({
    queryKey: evaluationKeys.detail(id ?? 0),
    enabled: id !== null,
    queryFn: () => api.get<TEvaluationDetail>(`/api/procedure/evaluations/${id}`),
  });
}

/** The reviewers' decisions on a procedure application. */
export type EvaluationVars =
  | { id: number; path: 'evaluate'; body: TEvaluateInput }
  | { id: number; path: 'reject' | 'reject-simple'; body: { reason: string } }
  | { id: number; path: 'confirm' }
  | { id: number; path: 'body-reject'; body: { workAgree: boolean; ethicsAgree: boolean; reason: string } };

export function useEvaluationDecision() {
  return useInvalidatingMutation(
    (v: EvaluationVars) => api.post(`/api/procedure/evaluations/${v.id}/${v.path}`, 'body' in v ? v.body : undefined),
    [evaluationKeys.all, enrolmentKeys.all],
  );
}
