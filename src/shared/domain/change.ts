/**
 * 医师信息修改 (change request) states: pending (申请修改) → allowed | refused;
 * allowed → submitted; submitted → approved | rejected.
 */
export const CHANGE_STATES = ['pending', 'allowed', 'refused', 'submitted', 'approved', 'rejected'] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const CHANGE_STATE_LABELS = {
  pending: '待卫生机构处理',
  allowed: '已允许修改',
  refused: '不允许修改',
  submitted: '待审核修改内容',
  approved: '修改已通过',
  rejected: '修改已驳回',
} as const satisfies Record<ChangeState, string>;

/** A request in these states blocks a new one. */
export const OPEN_CHANGE_STATES: readonly ChangeState[] = ['pending', 'allowed', 'submitted'];
