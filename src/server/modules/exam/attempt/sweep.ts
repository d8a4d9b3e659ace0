import { and, eq, sql } from 'drizzle-orm';
import { examAttempts } from '../../../db/schema/index.js';
import type { ExamDeps } from '../exam.caches.js';
import * as repo from '../exam.repo.js';
import { finalizeAttempt } from './finalize.js';

/**
 * Submit every attempt whose time is up (the periodic sweeper; safe with N API nodes: each
 * attempt is closed by one compare-and-set). Returns the number closed.
 */
export async function sweepTimedOut(deps: ExamDeps, limit = 500): Promise<number> {
  const now = deps.now();
  const due = await deps.db
    .select({ id: examAttempts.id })
    .from(examAttempts)
    .where(and(eq(examAttempts.status, 'in_progress'), sql`${examAttempts.deadlineAt} <= ${now}`))
    .orderBy(examAttempts.deadlineAt)
    .limit(limit);
  let n = 0;
  for (const { id } of due) {
    try {
      const r = await deps.db.transaction((tx) => finalizeAttempt(tx, deps, null, id, 'timeout'));
      if (r) n++;
    } catch (err) {
      deps.logger.error({ err, attemptId: id }, 'exam time-out failed');
    }
  }
  return n;
}

/**
 * Compacts closed, scored attempts whose answers are still rows (attempts are compacted when
 * they close; this catches those closed before compaction existed or by the demo seed).
 */
export async function compactClosedAttempts(deps: Pick<ExamDeps, 'db'>, batch = 500, maxBatches = 20): Promise<number> {
  let n = 0;
  for (let i = 0; i < maxBatches; i++) {
    const ids = await repo.uncompactedAttempts(deps.db, batch);
    if (!ids.length) break;
    await deps.db.transaction((tx) => repo.compactAnswers(tx, ids));
    n += ids.length;
  }
  return n;
}
