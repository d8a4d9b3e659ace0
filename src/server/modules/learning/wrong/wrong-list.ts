import type { Actor } from '../../../platform/actor.js';
import type { TWrongList } from '../../../../shared/schemas/learning.js';
import { findOwnPhysician, findWrongPage } from '../learning.repo.js';
import type { Deps } from '../learning.helpers.js';

export async function wrongList(
  deps: Deps,
  actor: Actor,
  f: { bank?: 'humanities' | 'professional'; page: number; pageSize: number },
): Promise<TWrongList> {
  const p = await findOwnPhysician(deps.db, actor);
  const { total, rows } = await findWrongPage(deps.db, p, f);
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    items: rows.map(({ w, q, v }) => ({
      id: w.id,
      questionId: q.id,
      versionId: v.id,
      bank: q.bank,
      category: q.category,
      type: v.type,
      stem: v.stem,
      options: v.options,
      answer: v.answer,
      chosen: w.chosen,
      explanation: v.explanation,
      source: w.source,
      wrongCount: w.wrongCount,
      lastWrongAt: w.lastWrongAt.toISOString(),
    })),
  };
}
