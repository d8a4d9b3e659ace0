/**
 * 延期考核申请 lifecycle — pure. 医师提交 → 卫生机构意见 (同意 / 不同意) → 卫生行政部门意见
 * (同意 / 不同意). A refused application may be submitted again while the deferral window is open.
 */
export const DEFERRAL_STATUSES = [
  'pending_institution',
  'pending_admin',
  'approved',
  'rejected_institution',
  'rejected_admin',
] as const;
export type DeferralStatus = (typeof DEFERRAL_STATUSES)[number];
export type DeferralState = DeferralStatus | 'none';
export type DeferralActor = 'physician' | 'institution' | 'admin';

export const DEFERRAL_STATUS_LABELS: Record<DeferralStatus, string> = {
  pending_institution: '待卫生机构审核',
  pending_admin: '待卫生行政部门审批',
  approved: '延期考核已批准',
  rejected_institution: '卫生机构不同意',
  rejected_admin: '卫生行政部门不同意',
};

interface T {
  from: readonly DeferralState[];
  actor: DeferralActor;
  to: DeferralStatus;
  label: string;
  needsOpinion?: boolean;
}

export const DEFERRAL_TRANSITIONS = {
  SUBMIT: {
    from: ['none', 'rejected_institution', 'rejected_admin'],
    actor: 'physician',
    to: 'pending_institution',
    label: '提交延期考核申请',
  },
  INSTITUTION_AGREE: {
    from: ['pending_institution'],
    actor: 'institution',
    to: 'pending_admin',
    label: '卫生机构同意',
  },
  INSTITUTION_DISAGREE: {
    from: ['pending_institution'],
    actor: 'institution',
    to: 'rejected_institution',
    label: '卫生机构不同意',
    needsOpinion: true,
  },
  ADMIN_AGREE: { from: ['pending_admin'], actor: 'admin', to: 'approved', label: '卫生行政部门同意' },
  ADMIN_DISAGREE: {
    from: ['pending_admin'],
    actor: 'admin',
    to: 'rejected_admin',
    label: '卫生行政部门不同意',
    needsOpinion: true,
  },
} as const satisfies Record<string, T>;

export type DeferralEvent = keyof typeof DEFERRAL_TRANSITIONS;
export const DEFERRAL_EVENTS = Object.keys(DEFERRAL_TRANSITIONS) as DeferralEvent[];

export type DeferralResult =
  | { ok: true; to: DeferralStatus; label: string }
  | { ok: false; code: 'FORBIDDEN_ACTOR' | 'INVALID_TRANSITION' | 'OPINION_REQUIRED'; message: string };

export function deferralTransition(
  state: DeferralState,
  event: DeferralEvent,
  actor: DeferralActor,
  opinion?: string | null,
): DeferralResult {
  const t: T = DEFERRAL_TRANSITIONS[event];
  if (t.actor !== actor) return { ok: false, code: 'FORBIDDEN_ACTOR', message: `当前角色不能执行「${t.label}」` };
  if (!t.from.includes(state)) {
    const now = state === 'none' ? '尚未申请' : DEFERRAL_STATUS_LABELS[state];
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      message: `延期考核申请状态为「${now}」，不能执行「${t.label}」，请刷新后重试`,
    };
  }
  if (t.needsOpinion && !opinion?.trim())
    return { ok: false, code: 'OPINION_REQUIRED', message: `「${t.label}」须填写意见` };
  return { ok: true, to: t.to, label: t.label };
}

export function deferralEventsFor(state: DeferralState, actor: DeferralActor): DeferralEvent[] {
  return DEFERRAL_EVENTS.filter((e) => {
    const t: T = DEFERRAL_TRANSITIONS[e];
    return t.actor === actor && t.from.includes(state);
  });
}
