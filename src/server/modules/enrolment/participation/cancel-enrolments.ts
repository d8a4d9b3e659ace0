import type { Actor } from '../../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { findOwnPhysicians } from '../enrolment.repo.js';
import { applyTransitionMany, currentCycle, type EnrolmentDeps } from '../enrolment.transition.js';

/** 取消参加考核 (single or batch): only before the physician submitted (machine: CANCEL). */
export async function cancelEnrolments(
  deps: EnrolmentDeps,
  actor: Actor,
  physicianIds: number[],
  requestId?: string,
): Promise<{ done: number }> {
  if (actor.role !== 'institution') throw forbidden();
  const ids = [...new Set(physicianIds)];
  return deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const found = await findOwnPhysicians(tx, actor, ids, cycle.id);
    if (found.length !== ids.length) throw notFound('医师');
    const missing = found.filter((f) => !f.enrolmentId).map((f) => f.name);
    if (missing.length)
      throw new AppError('INVALID_TRANSITION', `以下医师未参加本周期考核：${missing.slice(0, 10).join('、')}`, 409);
    const names = new Map(found.map((f) => [f.enrolmentId!, f.name]));
    const rows = await applyTransitionMany(
      tx,
      deps,
      actor,
      found.map((f) => f.enrolmentId!),
      'CANCEL',
      { requestId, nameOf: (r) => names.get(r.id) ?? '' },
    );
    return { done: rows.length };
  });
}
