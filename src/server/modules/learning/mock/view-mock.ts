import type { Actor } from '../../../platform/actor.js';
import type { TMockAttempt, TMockSummary } from '../../../../shared/schemas/learning.js';
import { findMockHistory, findOwnPhysician, findVersionsById, lockOwnMock } from '../learning.repo.js';
import { isTimedOut, remainingSeconds, renderPaper, scorePaper } from '../../exam/paper.js';
import type { Deps } from '../learning.helpers.js';
import { summary, sheetOf, finalizeMock } from './mock-paper.js';

export async function mockHistory(deps: Deps, actor: Actor): Promise<{ items: TMockSummary[] }> {
  const p = await findOwnPhysician(deps.db, actor);
  const rows = await findMockHistory(deps.db, p);
  return { items: rows.map(summary) };
}

/** One mock attempt: the paper while running (no answers shown), the review after submission. */
export async function getMock(deps: Deps, actor: Actor, id: number): Promise<TMockAttempt> {
  const now = deps.now();
  const r = await deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const row = await lockOwnMock(tx, p, id);
    if (row.status === 'in_progress' && isTimedOut(row.deadlineAt, now))
      return finalizeMock(tx, actor, p, row, now, 'timeout');
    return row;
  });
  const vids = r.items.map((i) => i.v);
  const versions = await findVersionsById(deps.db, vids);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const rendered = renderPaper({ items: r.items }, byId);
  const done = r.status === 'submitted';
  const sheet = sheetOf(r);
  const scored = done ? scorePaper({ items: r.items }, sheet) : null;
  return {
    ...summary(r),
    durationMinutes: r.durationMinutes,
    remainingSeconds: done ? 0 : remainingSeconds(r.deadlineAt, now),
    items: rendered.map((it) => ({
      ...it,
      chosen: sheet[it.index] ?? [],
      correctIds: done ? r.items[it.index].a : null,
      correct: scored ? scored.items[it.index].correct : null,
      explanation: done ? (byId.get(r.items[it.index].v)?.explanation ?? '') : null,
    })),
  };
}
