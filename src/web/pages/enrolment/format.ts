/** Display helpers shared by the enrolment views: dates as 2026/05/01, values as text, roles in Chinese. */
export const fmtDate = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 10).replaceAll('-', '/') : '—');
export const fmtTime = (v: string | null | undefined) =>
  v ? new Date(v).toLocaleString('zh-CN', { hour12: false }).replaceAll('-', '/') : '—';

export function text(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

export const ROLE_NAMES: Record<string, string> = {
  admin: '卫生行政机构',
  institution: '卫生机构',
  body: '考核机构',
  physician: '医师',
  system: '系统',
  industry: '行业组织',
};
