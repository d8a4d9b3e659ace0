import type { Actor } from '../../../platform/actor.js';
import type { TSubmitResult } from '../../../../shared/schemas/exam.js';
import type { ExamDeps } from '../exam.caches.js';
import { closedError, timeUpError } from '../exam.context.js';
import { isTimedOut } from '../paper.js';
import { finalizeAttempt } from './finalize.js';
import { ownAttempt } from './own-attempt.js';

/** 【交卷】 */
export async function submitAttempt(
  deps: ExamDeps,
  actor: Actor,
  id: number,
  requestId?: string,
): Promise<TSubmitResult> {
  const m = await ownAttempt(deps, actor, id);
  if (m.status !== 'in_progress') throw closedError();
  const timedOut = isTimedOut(m.deadlineAt, deps.now());
  const r = await deps.db.transaction((tx) =>
    finalizeAttempt(tx, deps, actor, id, timedOut ? 'timeout' : 'submit', requestId),
  );
  deps.examCaches.attempts.forget(id);
  if (!r) throw closedError();
  if (timedOut) throw timeUpError();
  return r;
}
