import type { Actor } from '../../../platform/actor.js';
import type { TLearnOverview } from '../../../../shared/schemas/learning.js';
import { findOverviewCounts, findOwnPhysician } from '../learning.repo.js';
import type { Deps } from '../learning.helpers.js';

export async function overview(deps: Deps, actor: Actor): Promise<TLearnOverview> {
  const p = await findOwnPhysician(deps.db, actor);
  const { cats, practiced, practicedCorrect, wrongCount, mockCount } = await findOverviewCounts(deps.db, p);
  return {
    practiceCategory: p.practiceCategory,
    humanities: cats.filter((c) => c.bank === 'humanities').map(({ category, count }) => ({ category, count })),
    professional: cats.filter((c) => c.bank === 'professional').map(({ category, count }) => ({ category, count })),
    practiced,
    practicedCorrect,
    wrongCount,
    mockCount,
  };
}

// ---------------------------------------------------------------- 题库练习
