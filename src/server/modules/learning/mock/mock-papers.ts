import type { Actor } from '../../../platform/actor.js';
import type { TMockPapers } from '../../../../shared/schemas/learning.js';
import { findOpenMocks, findOwnPhysician } from '../learning.repo.js';
import { drawPaper, isTimedOut, PaperDrawError } from '../../exam/paper.js';
import type { Deps } from '../learning.helpers.js';
import { PAPER_LABELS, mockRules, bankFor } from './mock-paper.js';

export async function mockPapers(deps: Deps, actor: Actor): Promise<TMockPapers> {
  const p = await findOwnPhysician(deps.db, actor);
  const now = deps.now();
  const open = await findOpenMocks(deps.db, p);
  const items = [];
  for (const paper of ['humanities', 'professional'] as const) {
    const rules = await mockRules(deps.db, p, paper);
    let blocked: string | null = null;
    try {
      drawPaper(await bankFor(deps.db, p, paper), rules.blueprint, 'check');
    } catch (err) {
      if (!(err instanceof PaperDrawError)) throw err;
      blocked = `暂不能组卷：${err.message}`;
    }
    const running = open.find((r) => r.paper === paper && !isTimedOut(r.deadlineAt, now));
    items.push({
      paper,
      label: PAPER_LABELS[paper],
      durationMinutes: rules.blueprint.durationMinutes,
      questionCount: rules.blueprint.questionCount,
      passScore: rules.passScore,
      blocked,
      inProgressId: running?.id ?? null,
    });
  }
  return { items };
}
