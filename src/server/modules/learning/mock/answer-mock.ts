import { eq } from 'drizzle-orm';
import { mockAttempts } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError, badRequest, conflict } from '../../../platform/errors.js';
import type { TMockAnswerInput } from '../../../../shared/schemas/learning.js';
import { findOwnPhysician, lockOwnMock } from '../learning.repo.js';
import { choiceError, isTimedOut, remainingSeconds } from '../../exam/paper.js';
import type { Deps } from '../learning.helpers.js';
import { finalizeMock } from './mock-paper.js';

/** Autosave one answer while time remains (the server clock decides). */
export async function answerMock(
  deps: Deps,
  actor: Actor,
  id: number,
  input: TMockAnswerInput,
): Promise<{ ok: true; remainingSeconds: number }> {
  const now = deps.now();
  const out = await deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const r = await lockOwnMock(tx, p, id);
    if (r.status !== 'in_progress') throw conflict('本次模拟自测已交卷');
    if (isTimedOut(r.deadlineAt, now)) {
      await finalizeMock(tx, actor, p, r, now, 'timeout');
      return null;
    }
    const err = choiceError({ items: r.items }, input.index, input.choice);
    if (err) throw badRequest(err);
    const answers = { ...r.answers, [String(input.index)]: [...input.choice].sort() };
    if (input.choice.length === 0) delete answers[String(input.index)];
    await tx.update(mockAttempts).set({ answers }).where(eq(mockAttempts.id, r.id));
    return { ok: true as const, remainingSeconds: remainingSeconds(r.deadlineAt, now) };
  });
  if (!out) throw new AppError('TIMED_OUT', '考试时间已到，试卷已自动交卷', 409);
  return out;
}
