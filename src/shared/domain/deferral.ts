/** 延期考核申请 statuses. `none` = no application yet (never stored). */
export const DEFERRAL_STATUSES = [
  'pending_institution',
  'pending_admin',
  'approved',
  'rejected_institution',
  'rejected_admin',
] as const;
export type DeferralStatus = (typeof DEFERRAL_STATUSES)[number];
export type DeferralState = DeferralStatus | 'none';

export const DEFERRAL_STATUS_LABELS: Record<DeferralStatus, string> = {
  pending_institution: '待卫生机构审核',
  pending_admin: '待卫生行政部门审批',
  approved: '延期考核已批准',
  rejected_institution: '卫生机构不同意',
  rejected_admin: '卫生行政部门不同意',
};

export const DEFERRAL_STATE_LABELS: Record<DeferralState, string> = { none: '尚未申请', ...DEFERRAL_STATUS_LABELS };
