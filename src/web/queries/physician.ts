import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TImportResult, TPhysicianDetail, TPhysicianPage } from '../../shared/schemas/physician';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

export type PhysicianFilters = {
  name?: string;
  idNumber?: string;
  practiceCategory?: string;
  level?: string;
  status?: string;
  institutionId?: number;
};
type InstitutionOption = { id: number; name: string; code: string; parentName: string };

/** Query keys of 医师信息列表 / 医师管理; every key starts with `physicians`. */
export const physicianKeys = {
  all: ['physicians'] as const,
  list: (q: PhysicianFilters & { cursor?: string }) => [...physicianKeys.all, 'list', q] as const,
  detail: (id: number) => [...physicianKeys.all, 'detail', id] as const,
  institutions: (keyword: string) => [...physicianKeys.all, 'institutions', keyword] as const,
};

export const usePhysicians = (q: PhysicianFilters & { cursor?: string }) =>
  useQuery({
    queryKey: physicianKeys.list(q),
    queryFn: () => api.get<TPhysicianPage>('/api/physicians', { ...q, limit: 20 }),
    placeholderData: keepPreviousData,
  });
export const usePhysician = (id: number | null) =>
  useQuery({
    queryKey: physicianKeys.detail(id ?? 0),
    queryFn: () => api.get<TPhysicianDetail>(`/api/physicians/${id}`),
    enabled: id !== null,
  });
/** Institutions of the administration's subtree (name or 机构账号), for the filter and 变更卫生机构. */
export const useInstitutionOptions = (keyword: string, enabled = true) =>
  useQuery({
    queryKey: physicianKeys.institutions(keyword),
    queryFn: () => api.get<{ items: InstitutionOption[] }>('/api/physicians/transfer-targets', { keyword }),
    enabled,
  });

const usePhysicianMutation = <V, R>(fn: (v: V) => Promise<R>) => useInvalidatingMutation(fn, [physicianKeys.all]);

export const useEnrolPhysicians = () =>
  usePhysicianMutation((v: { op: 'open' | 'cancel'; ids: number[] }) =>
    api.post<{ done: number }>(`/api/enrolments/${v.op}`, { physicianIds: v.ids }),
  );
export const useResetPhysicianPassword = () =>
  usePhysicianMutation((id: number) =>
    api.post<{ rule: '666666' | 'id_last6' }>(`/api/physicians/${id}/reset-password`),
  );
export const useTransfer = () =>
  usePhysicianMutation((v: { id: number; institutionId: number; reason?: string }) =>
    api.post(`/api/physicians/${v.id}/transfer`, { institutionId: v.institutionId, reason: v.reason }),
  );
export const useImport = (kind: 'physicians' | 'institutions') =>
  usePhysicianMutation((file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload<TImportResult>(`/api/imports/${kind}`, form);
  });
/** The full 证件号码 of one physician, for a reviewer of that physician (the server audits it). */
export const revealIdNumber = (id: number) =>
  api.post<{ idNumber: string }>(`/api/physicians/${id}/reveal-id-number`).then((r) => r.idNumber);
