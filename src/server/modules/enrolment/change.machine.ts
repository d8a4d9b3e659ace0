/**
 * 医师信息修改: the change-request lifecycle as a pure table (no I/O).
 * pending (申请修改) → allowed (允许修改) | refused (不允许修改);
 * allowed → submitted (physician edits steps 1–3 and resubmits);
 * submitted → approved (通过: applied to the registration) | rejected (驳回).
 */
export type ChangeState = 'pending' | 'allowed' | 'refused' | 'submitted' | 'approved' | 'rejected';
export type ChangeActor = 'physician' | 'institution';

export const CHANGE_TRANSITIONS = {
  ALLOW: { from: ['pending'], actor: 'institution', to: 'allowed', label: '允许修改', needsReason: false },
  REFUSE: { from: ['pending'], actor: 'institution', to: 'refused', label: '不允许修改', needsReason: true },
  SUBMIT: { from: ['allowed'], actor: 'physician', to: 'submitted', label: '提交修改', needsReason: false },
  APPROVE: { from: ['submitted'], actor: 'institution', to: 'approved', label: '修改审核通过', needsReason: false },
  REJECT: { from: ['submitted'], actor: 'institution', to: 'rejected', label: '修改审核驳回', needsReason: true },
} as const satisfies Record<
  string,
  { from: readonly ChangeState[]; actor: ChangeActor; to: ChangeState; label: string; needsReason: boolean }
>;

export type ChangeEvent = keyof typeof CHANGE_TRANSITIONS;
export const CHANGE_EVENTS = Object.keys(CHANGE_TRANSITIONS) as ChangeEvent[];
export const OPEN_CHANGE_STATES: readonly ChangeState[] = ['pending', 'allowed', 'submitted'];

export type ChangeResult =
  | { ok: true; to: ChangeState; label: string }
  | { ok: false; code: 'FORBIDDEN_ACTOR' | 'INVALID_TRANSITION' | 'REASON_REQUIRED'; message: string };

const STATE_LABELS: Record<ChangeState, string> = {
  pending: '待卫生机构处理',
  allowed: '已允许修改',
  refused: '不允许修改',
  submitted: '待审核修改内容',
  approved: '修改已通过',
  rejected: '修改已驳回',
};

export function changeTransition(
  state: ChangeState,
  event: ChangeEvent,
  actor: ChangeActor,
  reason?: string | null,
): ChangeResult {
  const t = CHANGE_TRANSITIONS[event];
  if (t.actor !== actor) return { ok: false, code: 'FORBIDDEN_ACTOR', message: `当前角色不能执行「${t.label}」` };
  if (!(t.from as readonly ChangeState[]).includes(state)) {
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      message: `修改申请状态为「${STATE_LABELS[state]}」，不能执行「${t.label}」，请刷新后重试`,
    };
  }
  if (t.needsReason && !reason?.trim())
    return { ok: false, code: 'REASON_REQUIRED', message: `「${t.label}」须填写理由` };
  return { ok: true, to: t.to, label: t.label };
}

export function changeActions(state: ChangeState, actor: ChangeActor): ChangeEvent[] {
  return CHANGE_EVENTS.filter(
    (e) =>
      CHANGE_TRANSITIONS[e].actor === actor && (CHANGE_TRANSITIONS[e].from as readonly ChangeState[]).includes(state),
  );
}
