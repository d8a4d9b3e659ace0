import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  TBank,
  TImportResult,
  TMaterial,
  TMaterialInput,
  TQuestionDetail,
  TQuestionList,
  TQuestionType,
} from '../../shared/schemas/bank';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

export interface QuestionFilters {
  category?: string;
  practiceCategory?: string;
  type?: TQuestionType;
  difficulty?: number;
  status?: 'enabled' | 'retired';
  keyword?: string;
}

/** Query keys of 题库管理 and 考前资料 (province administration). */
export const bankKeys = {
  all: ['bank'] as const,
  list: (q: QuestionFilters & { bank: TBank; page: number; pageSize: number }) => [...bankKeys.all, 'list', q] as const,
  question: (id: number) => [...bankKeys.all, 'question', id] as const,
  materials: () => [...bankKeys.all, 'materials'] as const,
};

export const useQuestions = (q: QuestionFilters & { bank: TBank; page: number; pageSize: number }) =>
  useQuery({
    queryKey: bankKeys.list(q),
    queryFn: () => api.get<TQuestionList>('/api/bank/questions', { ...q }),
    placeholderData: keepPreviousData,
  });

export const useQuestion = (id: number | null) =>
  useQuery({
    queryKey: bankKeys.question(id ?? 0),
    queryFn: () => api.get<TQuestionDetail>(`/api/bank/questions/${id}`),
    enabled: id != null,
  });

export const useMaterialsAdmin = () =>
  useQuery({ queryKey: bankKeys.materials(), queryFn: () => api.get<{ items: TMaterial[] }>('/api/bank/materials') });

/** Every 题库 mutation refreshes the lists and details it may have changed. */
const useBankMutation = <V, R>(fn: (v: V) => Promise<R>) => useInvalidatingMutation(fn, [bankKeys.all]);

export type QuestionBody = {
  category: string;
  practiceCategory: string | null;
  type: TQuestionType;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  difficulty: number;
};

export const useSaveQuestion = () =>
  useBankMutation((v: { bank: TBank; body: QuestionBody; edit?: { id: number; baseVersionId: number } }) =>
    v.edit
      ? api.put(`/api/bank/questions/${v.edit.id}`, { ...v.body, baseVersionId: v.edit.baseVersionId })
      : api.post('/api/bank/questions', { ...v.body, bank: v.bank }),
  );
export const useSetQuestionStatus = () =>
  useBankMutation((v: { id: number; to: 'retire' | 'enable' }) => api.post(`/api/bank/questions/${v.id}/${v.to}`));
export const useImportQuestions = () =>
  useBankMutation((file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api.upload<TImportResult>('/api/bank/import', fd);
  });
export const useSaveMaterial = () =>
  useBankMutation((v: { id?: number; body: TMaterialInput & { fileId: string | null } }) =>
    v.id ? api.put(`/api/bank/materials/${v.id}`, v.body) : api.post('/api/bank/materials', v.body),
  );
export const useDeleteMaterial = () => useBankMutation((id: number) => api.delete(`/api/bank/materials/${id}`));
export const uploadMaterialFile = (file: File) => {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return api.upload<{ fileId: string; fileName: string }>('/api/bank/materials/files', fd);
};
