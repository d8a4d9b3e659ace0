/**
 * 延期考核申请 lifecycle — pure. 医师提交 → 卫生机构意见 (同意 / 不同意) → 卫生行政部门意见
 * (同意 / 不同意). A refused application may be submitted again while the deferral window is open.
 */
import {
  DEFERRAL_STATE_LABELS,
  type DeferralState,
  defineMachine,
  type Fired,
  type Refusal,
  type TransitionSpec,
} from '../../../shared/domain/index.js';

export {
  DEFERRAL_STATUS_LABELS,
  DEFERRAL_STATUSES,
  type DeferralState,
  type DeferralStatus,
} from '../../../shared/domain/deferral.js';

export type DeferralActor = 'physician' | 'institution' | 'admin';

export const DEFERRAL_TRANSITIONS = {
  SUBMIT: {
    from: ['none', 'rejected_institution', 'rejected_admin'],
    actors: ['physician'],
    to: 'pending_institution',
    label: '提交延期考核申请',
  },
  INSTITUTION_APPROVE: {
    from: ['pending_institution'],
    actors: ['institution'],
    to: 'pending_admin',
    label: '卫生机构同意',
  },
  INSTITUTION_REJECT: {
    from: ['pending_institution'],
    actors: ['institution'],
    to: 'rejected_institution',
    label: '卫生机构不同意',
    needsReason: true,
  },
  ADMIN_APPROVE: { from: ['pending_admin'], actors: ['admin'], to: 'approved', label: '卫生行政部门同意' },
  ADMIN_REJECT: {
    from: ['pending_admin'],
    actors: ['admin'],
    to: 'rejected_admin',
    label: '卫生行政部门不同意',
    needsReason: true,
  },
} as const satisfies Record<string, TransitionSpec<DeferralState, DeferralActor, object>>;

export type DeferralEvent = keyof typeof DEFERRAL_TRANSITIONS;

export const deferralMachine = defineMachine<DeferralState, DeferralActor, DeferralEvent>({
  subject: '延期考核申请状态',
  stateLabel: (s) => DEFERRAL_STATE_LABELS[s],
  transitions: DEFERRAL_TRANSITIONS,
  reasonWord: '意见',
});
export const DEFERRAL_EVENTS = deferralMachine.events;

export type DeferralResult = Fired<DeferralState, never> | Refusal;

export function deferralTransition(
  state: DeferralState,
  event: DeferralEvent,
  actor: DeferralActor,
  opinion?: string | null,
): DeferralResult {
  return deferralMachine.fire(state, event, actor, {}, opinion);
}

export function deferralEventsFor(state: DeferralState, actor: DeferralActor): DeferralEvent[] {
  return deferralMachine.available(state, actor);
}
