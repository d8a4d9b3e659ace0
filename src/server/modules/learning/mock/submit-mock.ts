import type { Actor } from '../../../platform/actor.js';
import { conflict } from '../../../platform/errors.js';
import type { TMockSummary } from '../../../../shared/schemas/learning.js';
import { findOwnPhysician, lockOwnMock } from '../learning.repo.js';
import { isTimedOut } from '../../exam/paper.js';
import type { Deps } from '../learning.helpers.js';
import { summary, finalizeMock } from './mock-paper.js';

export async function submitMock(deps: Deps, actor: Actor, id: number, requestId?: string): Promise<TMockSummary> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const r = await lockOwnMock(tx, p, id);
    if (r.status !== 'in_progress') throw conflict('本次模拟自测已交卷');
    const now = deps.now();
    return summary(
      await finalizeMock(tx, actor, p, r, now, isTimedOut(r.deadlineAt, now) ? 'timeout' : 'manual', requestId),
    );
  });
}

// ---------------------------------------------------------------- 错题收藏
