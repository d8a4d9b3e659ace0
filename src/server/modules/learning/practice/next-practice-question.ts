import type { Actor } from '../../../platform/actor.js';
import type { TPracticeNext, TPracticeQuery } from '../../../../shared/schemas/learning.js';
import { findNextPracticeQuestion, findOwnPhysician } from '../learning.repo.js';
import type { Deps } from '../learning.helpers.js';

/** The next practice question: questions not yet answered correctly first, in random order. */
export async function nextPracticeQuestion(deps: Deps, actor: Actor, f: TPracticeQuery): Promise<TPracticeNext> {
  const p = await findOwnPhysician(deps.db, actor);
  return findNextPracticeQuestion(deps.db, p, f);
}
