import type { Actor } from '../../../platform/actor.js';
import { applyTransition, type EnrolmentDeps } from '../enrolment.transition.js';

/** 上报考核名单 → 【通过】 (卫生机构). */
export async function institutionApprove(deps: EnrolmentDeps, actor: Actor, id: number, requestId?: string) {
  await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, 'INSTITUTION_APPROVE', { requestId }));
}

/** 上报考核名单 → 【驳回】 back to the physician, with a reason. */
export async function institutionReject(
  deps: EnrolmentDeps,
  actor: Actor,
  id: number,
  reason: string,
  requestId?: string,
) {
  await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, 'INSTITUTION_REJECT', { reason, requestId }));
}
