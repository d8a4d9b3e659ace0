import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TResult, ZConfirmResult, ZGradingList } from '../../shared/schemas/grading';
import { api } from '../api/client';
import { enrolmentKeys } from './enrolment';
import { useInvalidatingMutation } from './mutation';

type List = z.infer<typeof ZGradingList>;
export type ConfirmResult = z.infer<typeof ZConfirmResult>;
type Round = 'first' | 'reexam';
type Proc = 'general' | 'simple';

/** Query keys of 成绩评定, 确认再次考核名单 and the physician's 考核结果. */
export const gradingKeys = {
  all: ['grading'] as const,
  list: (round: Round, procedure: Proc, keyword: string | undefined, after: number | undefined) =>
    [...gradingKeys.all, 'list', round, procedure, keyword, after] as const,
  reexam: (confirmed: '0' | '1', keyword: string | undefined, after: number | undefined) =>
    [...gradingKeys.all, 'reexam', confirmed, keyword, after] as const,
  myResult: () => [...gradingKeys.all, 'mine'] as const,
};

export function useGradingList(round: Round, procedure: Proc, keyword: string | undefined, after: number | undefined) {
  return useQuery({
    queryKey: gradingKeys.list(round, procedure, keyword, after),
    queryFn: () => api.get<List>('/api/grading', { round, procedure, keyword, after, limit: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useGradingConfirm(round: Round) {
  return useInvalidatingMutation(
    (ids: number[]) => api.post<ConfirmResult>('/api/grading/confirm', { round, ids }),
    [gradingKeys.all, enrolmentKeys.all],
  );
}

export function useReexamCandidates(confirmed: '0' | '1', keyword: string | undefined, after: number | undefined) {
  return useQuery({
    queryKey: gradingKeys.reexam(confirmed, keyword, after),
    queryFn: () => api.get<List>('/api/reexam/candidates', { confirmed, keyword, after, limit: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useReexamConfirm() {
  return useInvalidatingMutation(
    (body: { ids: number[] } | { all: true }) => api.post<ConfirmResult>('/api/reexam/confirm', body),
    [gradingKeys.all, enrolmentKeys.all],
  );
}

export function useMyResult() {
  return useQuery({ queryKey: gradingKeys.myResult(), queryFn: () => api.get<TResult>('/api/results/mine') });
}
