import type { Actor } from '../../../platform/actor.js';
import { findInstitutionOptions } from '../enrolment.repo.js';
import type { EnrolmentDeps } from '../enrolment.transition.js';

/** 考核进度 filter: institutions in the actor's jurisdiction whose name contains `q` (at most 50). */
export async function institutionOptions(
  deps: Pick<EnrolmentDeps, 'db'>,
  actor: Actor,
  q: string | undefined,
): Promise<{ items: { id: number; name: string }[] }> {
  return { items: await findInstitutionOptions(deps.db, actor, q) };
}
