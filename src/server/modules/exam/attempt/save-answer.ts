import type { Actor } from '../../../platform/actor.js';
import { badRequest, notFound } from '../../../platform/errors.js';
import type { TSaveAnswerInput, TSaveAnswerResult } from '../../../../shared/schemas/exam.js';
import type { ExamDeps } from '../exam.caches.js';
import { closedError, deviceReplacedError } from '../exam.context.js';
import * as repo from '../exam.repo.js';
import { choiceError, choiceKey, isTimedOut, remainingSeconds } from '../paper.js';
import { ensureOpen, ownAttempt } from './own-attempt.js';

/**
 * Autosave one answer — the hot path: cached metadata, validation, one guarded UPSERT.
 *
 * Every entry of the device's answer journal carries a per-attempt sequence number; the
 * server keeps the highest one per question and applies a save only when it is newer. So a
 * resent, duplicated, reordered or stale entry is acknowledged (`applied: false`) without
 * touching the stored answer, and the journal can always be replayed from the start.
 */
export async function saveAnswer(
  deps: ExamDeps,
  actor: Actor,
  id: number,
  index: number,
  input: TSaveAnswerInput,
): Promise<TSaveAnswerResult> {
  const m = await ownAttempt(deps, actor, id);
  await ensureOpen(deps, m);
  if (input.choice) {
    const err = choiceError(m.paper, index, input.choice);
    if (err) throw badRequest(err);
  } else if (!m.paper.items[index]) throw badRequest('该题不在本试卷中');
  const now = deps.now();
  const applied = await repo.upsertAnswer(deps.pool, {
    attemptId: id,
    index,
    choice: input.choice ? choiceKey(input.choice) : null,
    marked: input.marked ?? null,
    now,
    physicianId: actor.physicianId!,
    seq: input.seq,
    deviceId: input.deviceId,
  });
  if (applied)
    return { ok: true, applied: true, seq: input.seq, remainingSeconds: remainingSeconds(m.deadlineAt, now) };

  // Nothing written: find out why (rare — resends, a second device, or closed on another node).
  const row = await repo.saveRefusal(deps.db, id, index);
  if (!row || row.physicianId !== actor.physicianId) throw notFound('试卷');
  if (row.status !== 'in_progress' || row.deadlineAt <= now) {
    deps.examCaches.attempts.forget(id);
    await ensureOpen(deps, await ownAttempt(deps, actor, id));
    throw closedError();
  }
  if (row.deviceId && row.deviceId !== input.deviceId) throw deviceReplacedError();
  // the server already holds this entry or a newer one for the question
  return { ok: true, applied: false, seq: row.storedSeq ?? 0, remainingSeconds: remainingSeconds(m.deadlineAt, now) };
}

/**
 * The save as one statement (decision 0055): the session cookie, the CSRF token, onboarding and
 * the ownership of the attempt are checked by the UPSERT itself, so a save is one round trip —
 * shared, under load, with the saves that arrived at the same time (the process's save queue,
 * decision 0123).
 * Returns the result only when the answer was applied; `null` for everything else (no warm
 * metadata, a choice that does not fit the paper, time up, a stale entry, another device, no
 * valid session …) — the route then authenticates the ordinary way and runs `saveAnswer`, which
 * gives the exact answer. Nothing here reads the database for an unauthenticated caller beyond
 * the statement, and nothing is told about the input before the session is known.
 */
export async function saveAnswerInOneStatement(
  deps: ExamDeps,
  credentials: { sessionId: string; csrfToken: string | undefined },
  id: number,
  index: number,
  input: TSaveAnswerInput,
): Promise<TSaveAnswerResult | null> {
  if (!credentials.csrfToken) return null;
  const m = deps.examCaches.attempts.get(id);
  if (m?.status !== 'in_progress') return null;
  if (input.choice ? choiceError(m.paper, index, input.choice) : !m.paper.items[index]) return null;
  const now = deps.now();
  if (isTimedOut(m.deadlineAt, now)) return null;
  const applied = await deps.saveQueue.save({
    attemptId: id,
    index,
    choice: input.choice ? choiceKey(input.choice) : null,
    marked: input.marked ?? null,
    now,
    seq: input.seq,
    deviceId: input.deviceId,
    sessionId: credentials.sessionId,
    csrfToken: credentials.csrfToken,
  });
  return applied
    ? { ok: true, applied: true, seq: input.seq, remainingSeconds: remainingSeconds(m.deadlineAt, now) }
    : null;
}
