/** 免考申请 statuses. `none` = no application yet (never stored). */
export const EXEMPTION_STATUSES = [
  'pending_institution',
  'pending_body',
  'approved',
  'rejected_supplement',
  'rejected_final',
  'void',
] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];
export type ExemptionState = ExemptionStatus | 'none';

export const EXEMPTION_STATUS_LABELS: Record<ExemptionStatus, string> = {
  pending_institution: '待卫生机构审核',
  pending_body: '待考核机构复核',
  approved: '免考申请已通过',
  rejected_supplement: '已驳回，需补充材料',
  rejected_final: '已驳回，禁止再次申请',
  void: '已失效',
};

export const EXEMPTION_STATE_LABELS: Record<ExemptionState, string> = { none: '尚未申请', ...EXEMPTION_STATUS_LABELS };
