/** Enrolment (考核记录) statuses and the labels users know from the manuals. */
export const ENROLMENT_STATUSES = [
  'not_opened',
  'opened',
  'pending_institution',
  'institution_rejected',
  'pending_body',
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
  'pending_grading',
  'passed',
  'failed',
  'reexam_ready',
  'pending_reexam_grading',
  'withdrawn',
  'disciplinary_failed',
] as const;

export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  not_opened: '未开通报名',
  opened: '已开通报名',
  pending_institution: '待卫生机构审核',
  institution_rejected: '卫生机构已驳回',
  pending_body: '待考核机构复核',
  registered: '报名成功',
  pending_evaluation: '待卫生机构评定',
  procedure_rejected: '待重新选择考核程序',
  pending_body_evaluation: '待考核机构复核评定',
  ready_for_exam: '待参加测评',
  pending_grading: '待评定测评成绩',
  passed: '考核合格',
  failed: '考核不合格',
  reexam_ready: '待参加再次考核',
  pending_reexam_grading: '待评定再次考核',
  withdrawn: '已退出当前周期',
  disciplinary_failed: '违纪不合格',
};

/** Statuses in which a physician still takes part in the cycle (变更卫生机构 is refused then). */
export const IN_CYCLE_STATUSES: readonly EnrolmentStatus[] = ENROLMENT_STATUSES.filter(
  (s) => s !== 'not_opened' && s !== 'withdrawn',
);

/** Final results (考核结果). */
export const FINAL_RESULTS = ['合格', '不合格', '违纪不合格'] as const;
export type FinalResult = (typeof FINAL_RESULTS)[number];

/** Who may fire an enrolment event. `province` is an administration acting at province level. */
export const MACHINE_ACTORS = ['physician', 'institution', 'body', 'admin', 'province', 'system'] as const;
export type MachineActor = (typeof MACHINE_ACTORS)[number];
