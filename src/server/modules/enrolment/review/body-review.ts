import type { Actor } from '../../../platform/actor.js';
import {
  applyTransition,
  applyTransitionMany,
  type Enrolment,
  type EnrolmentDeps,
  findEnrolmentForActor,
} from '../enrolment.transition.js';

/** The procedure was chosen inside the submission → 待卫生机构评定; otherwise 报名成功. */
const procedureIncluded = (row: Enrolment) => row.procedure !== null;

/** 确认考核医师名单 → 【通过】 (考核机构). */
export async function bodyApprove(deps: EnrolmentDeps, actor: Actor, id: number, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    const row = await findEnrolmentForActor(tx, actor, id);
    await applyTransition(tx, deps, actor, id, 'BODY_APPROVE', {
      ctx: { procedureIncluded: procedureIncluded(row) },
      requestId,
    });
  });
}

/** 确认考核医师名单 → 【批量通过】: all or nothing. */
export async function bodyApproveMany(
  deps: EnrolmentDeps,
  actor: Actor,
  ids: number[],
  requestId?: string,
): Promise<{ done: number }> {
  return deps.db.transaction(async (tx) => {
    const rows = await applyTransitionMany(tx, deps, actor, ids, 'BODY_APPROVE', {
      ctxFor: (row) => ({ procedureIncluded: procedureIncluded(row) }),
      requestId,
      nameOf: (row) => `考核记录 ${row.id}`,
    });
    return { done: rows.length };
  });
}

/** 确认考核医师名单 → 【驳回】 back to the institution, with a reason. */
export async function bodyReject(deps: EnrolmentDeps, actor: Actor, id: number, reason: string, requestId?: string) {
  await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, 'BODY_REJECT', { reason, requestId }));
}
