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

/** Mutations refresh every 学习 query (overview counts, history, wrong book) when they succeed. */
const useLearnMutation = <V, R>(fn: (v: V) => Promise<R>, opts: { refresh?: boolean } = { refresh: true }) =>
  useInvalidatingMutation(fn, opts.refresh ? [learnKeys.all] : []);

export const usePracticeAnswer = () =>
  useLearnMutation((v: { versionId: number; chosen: string[] }) =>
    api.post<TPracticeResult>('/api/learn/practice/answer', v),
  );
export const useStartMock = () =>
  useLearnMutation((paper: 'humanities' | 'professional') => api.post<{ id: number }>('/api/learn/mock', { paper }));
/** Autosave of one answer: no refresh on success (the local answer sheet already shows it). */
export const useSaveMockAnswer = (id: string) =>
  useLearnMutation((v: { index: number; choice: string[] }) => api.put(`/api/learn/mock/${id}/answers`, v), {
    refresh: false,
  });
export const useSubmitMock = (id: string) =>
  useLearnMutation(() => api.post<TMockSummary>(`/api/learn/mock/${id}/submit`));
export const useRemoveWrong = () => useLearnMutation((id: number) => api.delete(`/api/learn/wrong/${id}`));
export const useClearWrong = () => useLearnMutation(() => api.delete<{ removed: number }>('/api/learn/wrong'));
