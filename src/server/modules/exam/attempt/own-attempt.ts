import { eq } from 'drizzle-orm';
import { examAttempts } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import type { AttemptMeta, ExamDeps } from '../exam.caches.js';
import { closedError, timeUpError } from '../exam.context.js';
import { isTimedOut } from '../paper.js';
import { finalizeInOwnTx } from './finalize.js';

/** The attempt's metadata (cached while in progress). */
export async function attemptMeta(deps: ExamDeps, id: number): Promise<AttemptMeta | null> {
  const hit = deps.examCaches.attempts.get(id);
  if (hit) return hit;
  const [row] = await deps.db
    .select({
      id: examAttempts.id,
      physicianId: examAttempts.physicianId,
      enrolmentId: examAttempts.enrolmentId,
      paperType: examAttempts.paperType,
      status: examAttempts.status,
      deadlineAt: examAttempts.deadlineAt,
      paper: examAttempts.paper,
    })
    .from(examAttempts)
    .where(eq(examAttempts.id, id));
  if (!row) return null;
  if (row.status === 'in_progress') {
    deps.examCaches.attempts.set(row);
  }
  return row;
}

/** The attempt if it belongs to the physician (another physician's attempt is a 404, same as a missing one). */
export async function ownAttempt(deps: ExamDeps, actor: Actor, id: number): Promise<AttemptMeta> {
  const m = await attemptMeta(deps, id);
  if (!m || actor.role !== 'physician' || m.physicianId !== actor.physicianId) throw notFound('试卷');
  return m;
}

/** If the attempt's time is up, submit it now (lazy time-out) and refuse. */
export async function ensureOpen(deps: ExamDeps, m: AttemptMeta): Promise<void> {
  if (m.status !== 'in_progress') throw closedError();
  if (isTimedOut(m.deadlineAt, deps.now())) {
    await finalizeInOwnTx(deps, m.id, 'timeout');
    throw timeUpError();
  }
}
