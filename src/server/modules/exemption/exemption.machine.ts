/**
 * 免考申请 lifecycle — pure. 卫生机构审核 (提交 / 驳回补充材料 / 驳回禁止再次申请) →
 * 考核机构复核 (通过 / 驳回 需补充材料 / 驳回 禁止再次申请). 驳回补充材料 lets the physician
 * apply again; 驳回禁止再次申请 is final.
 */
import {
  defineMachine,
  EXEMPTED_PAPER,
  EXEMPTION_STATE_LABELS,
  type ExemptionDecision,
  type ExemptionState,
  type Fired,
  type PaperType,
  type Procedure,
  type Refusal,
  type TransitionSpec,
} from '../../../shared/domain/index.js';

export {
  EXEMPTION_STATUS_LABELS,
  EXEMPTION_STATUSES,
  type ExemptionState,
  type ExemptionStatus,
} from '../../../shared/domain/exemption.js';

/** `system` = a consequence of another decision (e.g. 驳回至一般程序 voids a 简易程序 exemption) */
export type ExemptionActor = 'physician' | 'institution' | 'body' | 'system';

export const EXEMPTION_TRANSITIONS = {
  SUBMIT: {
    from: ['none', 'rejected_supplement', 'void'],
    actors: ['physician'],
    to: 'pending_institution',
    label: '提交免考申请',
  },
  INSTITUTION_APPROVE: { from: ['pending_institution'], actors: ['institution'], to: 'pending_body', label: '提交' },
  INSTITUTION_REJECT_SUPPLEMENT: {
    from: ['pending_institution'],
    actors: ['institution'],
    to: 'rejected_supplement',
    label: '驳回补充材料',
    needsReason: true,
  },
  INSTITUTION_REJECT_FINAL: {
    from: ['pending_institution'],
    actors: ['institution'],
    to: 'rejected_final',
    label: '驳回禁止再次申请',
    needsReason: true,
  },
  BODY_APPROVE: { from: ['pending_body'], actors: ['body'], to: 'approved', label: '通过' },
  BODY_REJECT_SUPPLEMENT: {
    from: ['pending_body'],
    actors: ['body'],
    to: 'rejected_supplement',
    label: '驳回 需补充材料',
    needsReason: true,
  },
  BODY_REJECT_FINAL: {
    from: ['pending_body'],
    actors: ['body'],
    to: 'rejected_final',
    label: '驳回 禁止再次申请',
    needsReason: true,
  },
  /** the application no longer fits the physician's procedure (考核机构 驳回至一般程序); a new one may be submitted */
  INVALIDATE: {
    from: ['pending_institution', 'pending_body', 'approved', 'rejected_supplement', 'rejected_final'],
    actors: ['system'],
    to: 'void',
    label: '失效',
    needsReason: true,
  },
} as const satisfies Record<string, TransitionSpec<ExemptionState, ExemptionActor, object>>;

export type ExemptionEvent = keyof typeof EXEMPTION_TRANSITIONS;

export const exemptionMachine = defineMachine<ExemptionState, ExemptionActor, ExemptionEvent>({
  subject: '免考申请状态',
  stateLabel: (s) => EXEMPTION_STATE_LABELS[s],
  transitions: EXEMPTION_TRANSITIONS,
  automaticActors: ['system'],
  invalidMessage: (state, event) =>
    state === 'rejected_final' && event === 'SUBMIT' ? '您的免考申请已被驳回且禁止再次申请' : null,
});
export const EXEMPTION_EVENTS = exemptionMachine.events;

export type ExemptionResult = Fired<ExemptionState, never> | Refusal;

export function exemptionTransition(
  state: ExemptionState,
  event: ExemptionEvent,
  actor: ExemptionActor,
  reason?: string | null,
): ExemptionResult {
  return exemptionMachine.fire(state, event, actor, {}, reason);
}

export function exemptionEventsFor(state: ExemptionState, actor: ExemptionActor): ExemptionEvent[] {
  return exemptionMachine.available(state, actor);
}

/** The reviewer's decision each review event stands for. */
export const EXEMPTION_EVENT_DECISION: Partial<Record<ExemptionEvent, ExemptionDecision>> = {
  INSTITUTION_APPROVE: 'approve',
  INSTITUTION_REJECT_SUPPLEMENT: 'reject_supplement',
  INSTITUTION_REJECT_FINAL: 'reject_final',
  BODY_APPROVE: 'approve',
  BODY_REJECT_SUPPLEMENT: 'reject_supplement',
  BODY_REJECT_FINAL: 'reject_final',
};

/** Action names the web client knows (INSTITUTION_PASS / BODY_PASS), kept on the wire for now. */
export const EXEMPTION_WIRE_ACTIONS: Partial<Record<ExemptionEvent, string>> = {
  INSTITUTION_APPROVE: 'INSTITUTION_PASS',
  BODY_APPROVE: 'BODY_PASS',
};

/** What an approved exemption exempts: general → 业务水平, simple → 人文医学. */
export function exemptedPaper(procedure: Procedure): PaperType {
  return EXEMPTED_PAPER[procedure];
}
