import { useQuery } from '@tanstack/react-query';
import type { TBank, TMaterial, TQuestionType } from '../../shared/schemas/bank';
import type {
  TLearnOverview,
  TMockAttempt,
  TMockPapers,
  TMockSummary,
  TPracticeNext,
  TPracticeResult,
  TWrongList,
} from '../../shared/schemas/learning';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

/** Query keys of the physician's 学习 pages; every key starts with `learn` so one invalidation refreshes them. */
export const learnKeys = {
  all: ['learn'] as const,
  overview: () => [...learnKeys.all, 'overview'] as const,
  practice: (p: { bank: TBank; category?: string; type?: TQuestionType; round: number }) =>
    [...learnKeys.all, 'practice', p] as const,
  mockPapers: () => [...learnKeys.all, 'mock-papers'] as const,
  mockHistory: () => [...learnKeys.all, 'mock-history'] as const,
  mock: (id: string) => [...learnKeys.all, 'mock', id] as const,
  wrong: (p: { bank?: TBank; page: number }) => [...learnKeys.all, 'wrong', p] as const,
  materials: () => [...learnKeys.all, 'materials'] as const,
  material: (id: string) => [...learnKeys.all, 'material', id] as const,
};

export const useLearnOverview = () =>
  useQuery({ queryKey: learnKeys.overview(), queryFn: () => api.get<TLearnOverview>('/api/learn/overview') });

export function usePracticeNext(p: {
  bank: TBank;
  category?: string;
  type?: TQuestionType;
  round: number;
  exclude?: number;
}) {
  const { exclude, ...key } = p;
  return useQuery({
    queryKey: learnKeys.practice(key),
    queryFn: () =>
      api.get<TPracticeNext>('/api/learn/practice/next', {
        bank: p.bank,
        category: p.category,
        type: p.type,
        exclude,
      }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const useMockPapers = () =>
  useQuery({ queryKey: learnKeys.mockPapers(), queryFn: () => api.get<TMockPapers>('/api/learn/mock/papers') });
export const useMockHistory = () =>
  useQuery({
    queryKey: learnKeys.mockHistory(),
    queryFn: () => api.get<{ items: TMockSummary[] }>('/api/learn/mock'),
  });
export const useMockAttempt = (id: string) =>
  useQuery({
    queryKey: learnKeys.mock(id),
    queryFn: () => api.get<TMockAttempt>(`/api/learn/mock/${id}`),
    refetchOnWindowFocus: true,
  });
export const useWrongList = (p: { bank?: TBank; page: number }) =>
  useQuery({
    queryKey: learnKeys.wrong(p),
    queryFn: () => api.get<TWrongList>('/api/learn/wrong', { bank: p.bank, page: p.page, pageSize: 10 }),
  });
export const useLearnMaterials = () =>
  useQuery({
    queryKey: learnKeys.materials(),
    queryFn: () => api.get<{ items: TMaterial[] }>('/api/learn/materials'),
  });
export const useLearnMaterial = (id: string) =>
  useQuery({ queryKey: learnKeys.material(id), queryFn: () => api.get<TMaterial>(`/api/learn/materials/${id}`) });

/**
 * Mutations refresh what they change. An answer refreshes the counts and the wrong book but never the
 * practice question itself (that would swap the question under its feedback).
 */
const AFTER_ANSWER = [learnKeys.overview(), [...learnKeys.all, 'wrong'], learnKeys.mockHistory()];

export const usePracticeAnswer = () =>
  useInvalidatingMutation(
    (v: { versionId: number; chosen: string[] }) => api.post<TPracticeResult>('/api/learn/practice/answer', v),
    AFTER_ANSWER,
  );
export const useStartMock = () =>
  useInvalidatingMutation(
    (paper: 'humanities' | 'professional') => api.post<{ id: number }>('/api/learn/mock', { paper }),
    [learnKeys.mockPapers(), learnKeys.mockHistory()],
  );
/** Autosave of one answer: nothing to refresh (the local answer sheet already shows it). */
export const useSaveMockAnswer = (id: string) =>
  useInvalidatingMutation((v: { index: number; choice: string[] }) => api.put(`/api/learn/mock/${id}/answers`, v), []);
/** 交卷 refreshes the attempt (it turns into its review), the history and the counts. */
export const useSubmitMock = (id: string) =>
  useInvalidatingMutation(
    () => api.post<TMockSummary>(`/api/learn/mock/${id}/submit`),
    [learnKeys.mock(id), learnKeys.mockPapers(), ...AFTER_ANSWER],
  );
export const useRemoveWrong = () =>
  useInvalidatingMutation((id: number) => api.delete(`/api/learn/wrong/${id}`), AFTER_ANSWER);
export const useClearWrong = () =>
  useInvalidatingMutation(() => api.delete<{ removed: number }>('/api/learn/wrong'), AFTER_ANSWER);
