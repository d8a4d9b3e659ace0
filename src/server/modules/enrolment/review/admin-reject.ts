import type { Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import { applyTransition, type EnrolmentDeps } from '../enrolment.transition.js';

/** 考核进度 → 【驳回】: 「驳回到退出当前周期」 or 「驳回到重新选择程序」 (administration). */
export async function adminReject(
  deps: EnrolmentDeps,
  actor: Actor,
  id: number,
  mode: 'exit' | 'reselect',
  reason: string,
  requestId?: string,
) {
  if (actor.role !== 'admin') throw forbidden();
  await deps.db.transaction((tx) =>
    applyTransition(tx, deps, actor, id, mode === 'exit' ? 'ADMIN_REJECT_EXIT' : 'ADMIN_REJECT_RESELECT', {
      reason,
      requestId,
    }),
  );
}
