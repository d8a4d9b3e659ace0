/**
 * 医师信息修改: the change-request lifecycle as a pure table (no I/O).
 * pending (申请修改) → allowed (允许修改) | refused (不允许修改);
 * allowed → submitted (physician edits steps 1–3 and resubmits);
 * submitted → approved (通过: applied to the registration) | rejected (驳回).
 */
import {
  CHANGE_STATE_LABELS,
  type ChangeState,
  defineMachine,
  type Fired,
  type Refusal,
  type TransitionSpec,
} from '../../../shared/domain/index.js';

export { OPEN_CHANGE_STATES } from '../../../shared/domain/change.js';
export type { ChangeState };
export type ChangeActor = 'physician' | 'institution';

export const CHANGE_TRANSITIONS = {
  /** 允许修改 */
  REQUEST_APPROVE: { from: ['pending'], actors: ['institution'], to: 'allowed', label: '允许修改' },
  /** 不允许修改 */
  REQUEST_REJECT: {
    from: ['pending'],
    actors: ['institution'],
    to: 'refused',
    label: '不允许修改',
    needsReason: true,
  },
  SUBMIT: { from: ['allowed'], actors: ['physician'], to: 'submitted', label: '提交修改' },
  /** 修改审核 → 通过 */
  CHANGE_APPROVE: { from: ['submitted'], actors: ['institution'], to: 'approved', label: '修改审核通过' },
  /** 修改审核 → 驳回 */
  CHANGE_REJECT: {
    from: ['submitted'],
    actors: ['institution'],
    to: 'rejected',
    label: '修改审核驳回',
    needsReason: true,
  },
} as const satisfies Record<string, TransitionSpec<ChangeState, ChangeActor, object>>;

export type ChangeEvent = keyof typeof CHANGE_TRANSITIONS;

export const changeMachine = defineMachine<ChangeState, ChangeActor, ChangeEvent>({
  subject: '修改申请状态',
  stateLabel: (s) => CHANGE_STATE_LABELS[s],
  transitions: CHANGE_TRANSITIONS,
});
export const CHANGE_EVENTS = changeMachine.events;

export type ChangeResult = Fired<ChangeState, never> | Refusal;

export function changeTransition(
  state: ChangeState,
  event: ChangeEvent,
  actor: ChangeActor,
  reason?: string | null,
): ChangeResult {
  return changeMachine.fire(state, event, actor, {}, reason);
}

export function changeActions(state: ChangeState, actor: ChangeActor): ChangeEvent[] {
  return changeMachine.available(state, actor);
}

/**
 * The action names the web client knows (允许修改 ALLOW, 不允许修改 REFUSE, 通过 APPROVE,
 * 驳回 REJECT), kept on the wire so the client keeps working while it moves to the events.
 */
export const CHANGE_WIRE_ACTIONS: Record<ChangeEvent, string> = {
  REQUEST_APPROVE: 'ALLOW',
  REQUEST_REJECT: 'REFUSE',
  SUBMIT: 'SUBMIT',
  CHANGE_APPROVE: 'APPROVE',
  CHANGE_REJECT: 'REJECT',
};
