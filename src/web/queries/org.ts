import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  TApplicationRow,
  TAssignedRow,
  TAuditEntry,
  TBodyRow,
  TDepartmentNode,
  TInstitutionDetail,
  TInstitutionRow,
  TMyApplication,
  TMyOrg,
  TOrgStatus,
  TSmsEntry,
  TSubordinate,
} from '../../shared/schemas/org';
import { api } from '../api/client';
import { useInvalidatingMutation } from './mutation';

export type OrgKind = 'admin' | 'institution' | 'industry';
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface OrgFilters {
  q?: string;
  status?: TOrgStatus;
}
export interface AuditFilters {
  action?: string;
  targetType?: string;
  from?: string;
  to?: string;
}
export interface Candidate {
  id: number;
  code: string;
  name: string;
  status: TOrgStatus;
  parentName: string;
}
type Page = { page: number; pageSize: number };

/** Query keys of the organisation pages; every key starts with `org`. */
export const orgKeys = {
  all: ['org'] as const,
  profile: () => [...orgKeys.all, 'profile'] as const,
  subordinates: (kind: OrgKind) => [...orgKeys.all, 'subordinates', kind] as const,
  subordinatePage: (kind: OrgKind, q: OrgFilters & Page) => [...orgKeys.subordinates(kind), q] as const,
  institutions: (q?: OrgFilters & Page) => [...orgKeys.all, 'institutions', ...(q ? [q] : [])] as const,
  institution: (id: number) => [...orgKeys.all, 'institution', id] as const,
  bodies: (q?: OrgFilters & Page) => [...orgKeys.all, 'bodies', ...(q ? [q] : [])] as const,
  applications: (q?: { q?: string; status?: string } & Page) =>
    [...orgKeys.all, 'applications', ...(q ? [q] : [])] as const,
  myApplication: () => [...orgKeys.all, 'application'] as const,
  candidates: (bodyId: number, q?: { q?: string; page: number }) =>
    [...orgKeys.all, 'candidates', bodyId, ...(q ? [q] : [])] as const,
  assigned: (bodyId: number) => [...orgKeys.all, 'assigned', bodyId] as const,
  myAssigned: (q?: string) => [...orgKeys.all, 'my-assigned', q] as const,
  departments: () => [...orgKeys.all, 'departments'] as const,
  audit: (q: AuditFilters & { before?: number }) => [...orgKeys.all, 'audit', q] as const,
  sms: (q: { mobile?: string; before?: number }) => [...orgKeys.all, 'sms', q] as const,
};

export const useMyOrg = () =>
  useQuery({ queryKey: orgKeys.profile(), queryFn: () => api.get<TMyOrg>('/api/org/profile') });

export const useSubordinates = (kind: OrgKind, q: OrgFilters & Page) =>
  useQuery({
    queryKey: orgKeys.subordinatePage(kind, q),
    queryFn: () => api.get<Paged<TSubordinate>>('/api/org/subordinates', { kind, ...q }),
    placeholderData: keepPreviousData,
  });
export const useInstitutions = (q: OrgFilters & Page) =>
  useQuery({
    queryKey: orgKeys.institutions(q),
    queryFn: () => api.get<Paged<TInstitutionRow>>('/api/org/institutions', { ...q }),
  });
export const useInstitution = (id: number | null) =>
  useQuery({
    queryKey: orgKeys.institution(id ?? 0),
    enabled: id !== null,
    queryFn: () => api.get<TInstitutionDetail>(`/api/org/institutions/${id}`),
  });
export const useBodies = (q: OrgFilters & Page) =>
  useQuery({
    queryKey: orgKeys.bodies(q),
    queryFn: () => api.get<Paged<TBodyRow>>('/api/org/assessment-bodies', { ...q }),
  });
export const useApplications = (q: { q?: string; status?: string } & Page) =>
  useQuery({
    queryKey: orgKeys.applications(q),
    queryFn: () => api.get<Paged<TApplicationRow>>('/api/org/assessment-applications', { ...q }),
  });
export const useMyApplication = () =>
  useQuery({
    queryKey: orgKeys.myApplication(),
    queryFn: () => api.get<TMyApplication>('/api/org/assessment-application'),
  });
export const useCandidates = (bodyId: number, q: { q?: string; page: number }) =>
  useQuery({
    queryKey: orgKeys.candidates(bodyId, q),
    queryFn: () => api.get<Paged<Candidate>>(`/api/org/assessment-bodies/${bodyId}/candidates`, { ...q, pageSize: 10 }),
  });
export const useAssigned = (bodyId: number) =>
  useQuery({
    queryKey: orgKeys.assigned(bodyId),
    queryFn: () => api.get<{ items: TAssignedRow[] }>(`/api/org/assessment-bodies/${bodyId}/institutions`),
  });
export const useMyAssigned = (q?: string) =>
  useQuery({
    queryKey: orgKeys.myAssigned(q),
    queryFn: () => api.get<{ items: TAssignedRow[] }>('/api/org/assigned-institutions', { q }),
  });
export const useDepartments = () =>
  useQuery({
    queryKey: orgKeys.departments(),
    queryFn: () => api.get<{ items: TDepartmentNode[] }>('/api/departments'),
  });
export const useAudit = (q: AuditFilters & { before?: number }) =>
  useQuery({
    queryKey: orgKeys.audit(q),
    queryFn: () => api.get<{ items: TAuditEntry[]; nextBefore: number | null }>('/api/audit', { ...q, pageSize: 20 }),
  });
export const useSmsOutbox = (q: { mobile?: string; before?: number }) =>
  useQuery({
    queryKey: orgKeys.sms(q),
    queryFn: () =>
      api.get<{ items: TSmsEntry[]; nextBefore: number | null }>('/api/sms-outbox', { ...q, pageSize: 20 }),
  });

/** An organisation mutation: refreshes every `org` query when it succeeded. */
export const useOrgMutation = <V = void, R = unknown>(fn: (v: V) => Promise<R>) =>
  useInvalidatingMutation(fn, [orgKeys.all]);

/* 所辖机构账户管理 */
export const useSaveSubordinate = (kind: OrgKind) =>
  useOrgMutation((v: { id?: number; body: { code: string; name: string; address: string } }) =>
    v.id ? api.put(`/api/org/subordinates/${v.id}`, v.body) : api.post('/api/org/subordinates', { ...v.body, kind }),
  );
export const useActivate = () => useOrgMutation((ids: number[]) => api.post('/api/org/subordinates/activate', { ids }));
export const useDeleteSubordinate = () => useOrgMutation((id: number) => api.delete(`/api/org/subordinates/${id}`));
export const useResetOrgPassword = () =>
  useOrgMutation((id: number) => api.post(`/api/org/subordinates/${id}/reset-password`));
export const useDeregister = () => useOrgMutation((id: number) => api.post(`/api/org/subordinates/${id}/deregister`));
export const useApplyPermission = () =>
  useOrgMutation((v: { ids: number[]; allow: boolean }) => api.post('/api/org/subordinates/apply-permission', v));

/* 申请 / 审批考核机构, 指定卫生机构 */
export const useUploadApplicationFile = () =>
  useOrgMutation((file: File) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api.upload<TMyApplication>('/api/org/assessment-application/files', fd);
  });
export const useRemoveApplicationFile = () =>
  useOrgMutation((fileId: string) => api.delete<TMyApplication>(`/api/org/assessment-application/files/${fileId}`));
export const useSubmitApplication = () =>
  useOrgMutation(() => api.post<TMyApplication>('/api/org/assessment-application/submit'));
export const useApprove = () =>
  useOrgMutation((id: number) => api.post(`/api/org/assessment-applications/${id}/approve`));
export const useReject = () =>
  useOrgMutation((v: { id: number; reason: string }) =>
    api.post(`/api/org/assessment-applications/${v.id}/reject`, { reason: v.reason }),
  );
export const useAssign = (bodyId: number) =>
  useOrgMutation((v: { ids: number[]; remove?: boolean }) =>
    api.post<{ done: number }>(`/api/org/assessment-bodies/${bodyId}/institutions${v.remove ? '/remove' : ''}`, {
      institutionIds: v.ids,
    }),
  );

/* 本机构信息, 科室信息 */
export const useSaveProfile = () =>
  useOrgMutation((v: { form: string; values: Record<string, unknown> }) =>
    api.put<TMyOrg>(`/api/org/profile/${v.form}`, v.values),
  );
type DeptTree = { items: TDepartmentNode[] };
export const useCreateDepartments = () =>
  useOrgMutation((v: { parentId: number | null; items: { name: string; intro: string }[] }) =>
    api.post<DeptTree>('/api/departments', v),
  );
export const useUpdateDepartment = () =>
  useOrgMutation((v: { id: number; name: string; intro: string }) =>
    api.put<DeptTree>(`/api/departments/${v.id}`, { name: v.name, intro: v.intro }),
  );
export const useDeleteDepartment = () => useOrgMutation((id: number) => api.delete<DeptTree>(`/api/departments/${id}`));
