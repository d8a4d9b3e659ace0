import type { TListQuery } from '../../../../shared/schemas/enrolment.js';
import type { Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import { findCurrentCycle } from '../../cycle/cycle.repo.js';
import { listEnrolments } from '../enrolment.repo.js';
import type { EnrolmentDeps } from '../enrolment.transition.js';

/** 考核进度 / 上报考核名单 / 确认考核医师名单: the current cycle's enrolments in the actor's scope. */
export async function findEnrolments(deps: Pick<EnrolmentDeps, 'db'>, actor: Actor, q: TListQuery) {
  if (!['admin', 'institution', 'body'].includes(actor.role)) throw forbidden();
  const cycle = await findCurrentCycle(deps.db, actor.provinceId);
  if (!cycle) return { items: [], nextCursor: null };
  return listEnrolments(deps.db, actor, cycle.id, q);
}
