/**
 * 免考申请 lifecycle — pure. 卫生机构审核 (提交 / 驳回补充材料 / 驳回禁止再次申请) →
 * 考核机构复核 (通过 / 驳回 需补充材料 / 驳回 禁止再次申请). 驳回补充材料 lets the physician
 * apply again; 驳回禁止再次申请 is final.
 */
export const EXEMPTION_STATUSES = [
  'pending_institution',
  'pending_body',
  'approved',
  'rejected_supplement',
  'rejected_final',
  'void',
] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];
/** `none` = no application yet */
export type ExemptionState = ExemptionStatus | 'none';
/** `system` = a consequence of another decision (e.g. 驳回至一般程序 voids a 简易程序 exemption) */
export type ExemptionActor = 'physician' | 'institution' | 'body' | 'system';

export const EXEMPTION_STATUS_LABELS: Record<ExemptionStatus, string> = {
  pending_institution: '待卫生机构审核',
  pending_body: '待考核机构复核',
  approved: '免考申请已通过',
  rejected_supplement: '已驳回，需补充材料',
  rejected_final: '已驳回，禁止再次申请',
  void: '已失效',
};

interface T {
  from: readonly ExemptionState[];
  actor: ExemptionActor;
  to: ExemptionStatus;
  label: string;
  needsReason?: boolean;
}

export const EXEMPTION_TRANSITIONS = {
  SUBMIT: {
    from: ['none', 'rejected_supplement', 'void'],
    actor: 'physician',
    to: 'pending_institution',
    label: '提交免考申请',
  },
  INSTITUTION_PASS: { from: ['pending_institution'], actor: 'institution', to: 'pending_body', label: '提交' },
  INSTITUTION_REJECT_SUPPLEMENT: {
    from: ['pending_institution'],
    actor: 'institution',
    to: 'rejected_supplement',
    label: '驳回补充材料',
    needsReason: true,
  },
  INSTITUTION_REJECT_FINAL: {
    from: ['pending_institution'],
    actor: 'institution',
    to: 'rejected_final',
    label: '驳回禁止再次申请',
    needsReason: true,
  },
  BODY_PASS: { from: ['pending_body'], actor: 'body', to: 'approved', label: '通过' },
  BODY_REJECT_SUPPLEMENT: {
    from: ['pending_body'],
    actor: 'body',
    to: 'rejected_supplement',
    label: '驳回 需补充材料',
    needsReason: true,
  },
  BODY_REJECT_FINAL: {
    from: ['pending_body'],
    actor: 'body',
    to: 'rejected_final',
    label: '驳回 禁止再次申请',
    needsReason: true,
  },
  /** the application no longer fits the physician's procedure (考核机构 驳回至一般程序); a new one may be submitted */
  INVALIDATE: {
    from: ['pending_institution', 'pending_body', 'approved', 'rejected_supplement', 'rejected_final'],
    actor: 'system',
    to: 'void',
    label: '失效',
    needsReason: true,
  },
} as const satisfies Record<string, T>;

export type ExemptionEvent = keyof typeof EXEMPTION_TRANSITIONS;
export const EXEMPTION_EVENTS = Object.keys(EXEMPTION_TRANSITIONS) as ExemptionEvent[];

export type ExemptionResult =
  | { ok: true; to: ExemptionStatus; label: string }
  | { ok: false; code: 'FORBIDDEN_ACTOR' | 'INVALID_TRANSITION' | 'REASON_REQUIRED'; message: string };

export function exemptionTransition(
  state: ExemptionState,
  event: ExemptionEvent,
  actor: ExemptionActor,
  reason?: string | null,
): ExemptionResult {
  const t: T = EXEMPTION_TRANSITIONS[event];
  if (t.actor !== actor) return { ok: false, code: 'FORBIDDEN_ACTOR', message: `当前角色不能执行「${t.label}」` };
  if (!t.from.includes(state)) {
    const now = state === 'none' ? '尚未申请' : EXEMPTION_STATUS_LABELS[state];
    const message =
      state === 'rejected_final' && event === 'SUBMIT'
        ? '您的免考申请已被驳回且禁止再次申请'
        : `免考申请状态为「${now}」，不能执行「${t.label}」，请刷新后重试`;
    return { ok: false, code: 'INVALID_TRANSITION', message };
  }
  if (t.needsReason && !reason?.trim())
    return { ok: false, code: 'REASON_REQUIRED', message: `「${t.label}」须填写理由` };
  return { ok: true, to: t.to, label: t.label };
}

export function exemptionEventsFor(state: ExemptionState, actor: ExemptionActor): ExemptionEvent[] {
  return EXEMPTION_EVENTS.filter((e) => {
    const t: T = EXEMPTION_TRANSITIONS[e];
    return t.actor === actor && t.from.includes(state);
  });
}

/** What an approved exemption exempts: general → 业务水平, simple → 人文医学. */
export function exemptedPaper(procedure: 'general' | 'simple'): 'professional' | 'humanities' {
  return procedure === 'general' ? 'professional' : 'humanities';
}
