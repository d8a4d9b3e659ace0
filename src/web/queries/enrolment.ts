import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TChangeRow, TDetail, TList, TListQuery } from '../../shared/schemas/enrolment';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

export type EnrolmentFilters = Pick<TListQuery, 'status' | 'institutionId' | 'procedure' | 'q'>;
type ChangeState = TChangeRow['state'];

/** Query keys of 考核记录 (enrolments) and 医师信息修改 (change requests). */
export const enrolmentKeys = {
  all: ['enrolments'] as const,
  list: (f: EnrolmentFilters, cursor: number | undefined, limit: number) =>
    [...enrolmentKeys.all, 'list', f, cursor, limit] as const,
  detail: (id: number) => [...enrolmentKeys.all, 'detail', id] as const,
  institutionOptions: (q: string) => [...enrolmentKeys.all, 'institution-options', q] as const,
};
export const changeKeys = {
  all: ['change-requests'] as const,
  list: (state: ChangeState | undefined, cursor: number | undefined) => [...changeKeys.all, state, cursor] as const,
};

export function useEnrolmentList(f: EnrolmentFilters, cursor: number | undefined, limit = 20) {
  return useQuery({
    queryKey: enrolmentKeys.list(f, cursor, limit),
    queryFn: () => api.get<TList>('/api/enrolments', { ...f, cursor, limit }),
    placeholderData: keepPreviousData,
  });
}

export function useEnrolmentDetail(id: number | null) {
  return useQuery({
    queryKey: enrolmentKeys.detail(id ?? 0),
    queryFn: () => api.get<TDetail>(`/api/enrolments/${id}`),
    enabled: id !== null,
  });
}

export function useInstitutionOptions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: enrolmentKeys.institutionOptions(q),
    queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/api/enrolments/institution-options', { q }),
    enabled,
  });
}

/** Reviewer events on one enrolment: institution-approve, body-reject, admin-reject, … */
export type EnrolmentEvent =
  | 'institution-approve'
  | 'institution-reject'
  | 'body-approve'
  | 'body-reject'
  | 'admin-reject';

export function useEnrolmentEvent() {
  return useInvalidatingMutation(
    (v: { id: number; event: EnrolmentEvent; body?: Record<string, unknown> }) =>
      api.post(`/api/enrolments/${v.id}/${v.event}`, v.body),
    [enrolmentKeys.all],
  );
}

export function useBodyApproveBatch() {
  return useInvalidatingMutation(
    (ids: number[]) => api.post<{ done: number }>('/api/enrolments/body-approve-batch', { ids }),
    [enrolmentKeys.all],
  );
}

export function useChangeRequests(state: ChangeState | undefined, cursor: number | undefined) {
  return useQuery({
    queryKey: changeKeys.list(state, cursor),
    queryFn: () =>
      api.get<{ items: TChangeRow[]; nextCursor: number | null }>('/api/change-requests', {
        state,
        cursor,
        limit: 50,
      }),
  });
}

/** 允许修改 / 不允许修改 / 通过 / 驳回 on a change request. */
export function useChangeDecision() {
  return useInvalidatingMutation(
    (v: { id: number; path: 'allow' | 'refuse' | 'approve' | 'reject'; reason?: string }) =>
      api.post(`/api/change-requests/${v.id}/${v.path}`, v.reason ? { reason: v.reason } : undefined),
    [changeKeys.all, enrolmentKeys.all],
  );
}

/** 【查看完整证件号】 in a reviewer's detail view (the server checks the jurisdiction and audits it). */
export const revealIdNumber = (enrolmentId: number) =>
  api.post<{ idNumber: string }>(`/api/enrolments/${enrolmentId}/reveal-id-number`).then((r) => r.idNumber);
