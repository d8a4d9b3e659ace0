import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { cycles, enrolments, examAttempts, physicians } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { PAPER_LABELS, type TSubmitResult } from '../../../../shared/schemas/exam.js';
import { applyTransition } from '../../enrolment/enrolment.transition.js';
import type { ExamDeps } from '../exam.caches.js';
import { type ExamContext, roundOf, rulesFor } from '../exam.context.js';
import * as repo from '../exam.repo.js';
import type { RulesResult } from '../exam.rules.js';

/** The clock and SMS gateway; the attempt cache when the caller has one (the API process). */
export type FinalizeDeps = Pick<ExamDeps, 'now' | 'sms'> & { examCaches?: ExamDeps['examCaches'] };

/**
 * Close an attempt (交卷 or time-out) with compare-and-set, score it set-based, audit, and
 * move the enrolment on when all required papers are done. Returns null when another
 * request/node closed it first.
 */
export async function finalizeAttempt(
  tx: DbOrTx,
  deps: FinalizeDeps,
  actor: Actor | null,
  id: number,
  mode: 'submit' | 'timeout',
  requestId?: string,
): Promise<TSubmitResult | null> {
  const now = deps.now();
  const [closed] = await tx
    .update(examAttempts)
    .set(
      mode === 'submit'
        ? { status: 'submitted', submittedAt: now }
        : { status: 'timed_out', submittedAt: sql`${examAttempts.deadlineAt}` },
    )
    .where(
      and(
        eq(examAttempts.id, id),
        eq(examAttempts.status, 'in_progress'),
        mode === 'submit' ? sql`${examAttempts.deadlineAt} > ${now}` : sql`${examAttempts.deadlineAt} <= ${now}`,
      ),
    )
    .returning({
      id: examAttempts.id,
      enrolmentId: examAttempts.enrolmentId,
      paperType: examAttempts.paperType,
      orgPath: examAttempts.orgPath,
      provinceId: examAttempts.provinceId,
      attemptNo: examAttempts.attemptNo,
    });
  deps.examCaches?.attempts.forget(id);
  if (!closed) return null;
  const [scored] = await repo.scoreAttempts(tx, [id]);
  // scored: the answers move onto the attempt row, exam_answers keeps only attempts in progress
  await repo.compactAnswers(tx, [id]);
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'exam_attempt',
      targetId: id,
      action:
        mode === 'submit'
          ? `交卷（${PAPER_LABELS[closed.paperType]}）`
          : `到时自动交卷（${PAPER_LABELS[closed.paperType]}）`,
      orgPath: closed.orgPath,
      provinceId: closed.provinceId,
      before: { status: 'in_progress' },
      after: { status: mode === 'submit' ? 'submitted' : 'timed_out', score: scored.score, passed: scored.passed },
    },
    requestId,
  );
  const finished = await completeIfDone(tx, deps, closed.enrolmentId, requestId);
  return {
    status: mode === 'submit' ? 'submitted' : 'timed_out',
    score: scored.score,
    passed: scored.passed,
    finished,
  };
}

/** Close an attempt in a transaction of its own (lazy time-out on access). */
export async function finalizeInOwnTx(deps: ExamDeps, id: number, mode: 'submit' | 'timeout'): Promise<void> {
  await deps.db.transaction((tx) => finalizeAttempt(tx, deps, null, id, mode));
  deps.examCaches.attempts.forget(id);
}

/**
 * When every required paper of the round is done: FINISH_PAPERS (first round, incl. a
 * deferred physician's first exam) or FINISH_REEXAM, storing the best 人文医学 score and the
 * 业务水平 score on the enrolment.
 */
export async function completeIfDone(
  tx: DbOrTx,
  deps: FinalizeDeps,
  enrolmentId: number,
  requestId?: string,
): Promise<boolean> {
  const [e] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId)).for('update');
  const r = e && roundOf(e);
  if (!e || !r) return false;
  const cycle = (await tx.select().from(cycles).where(eq(cycles.id, e.cycleId)))[0];
  const [p] = await tx
    .select({
      level: physicians.level,
      practiceCategory: physicians.practiceCategory,
      name: physicians.name,
      idNumber: physicians.idNumber,
    })
    .from(physicians)
    .where(eq(physicians.id, e.physicianId));
  const ctx: ExamContext = {
    cycle,
    enrolment: e,
    physician: { ...p, institution: '' },
    round: r.round,
    windowKey: r.windowKey,
  };
  const { result } = await rulesFor(tx, ctx, r.round);
  if (!result.finished) return false;
  const patch = scorePatch(result);
  await applyTransition(tx, deps, null, enrolmentId, r.round === 'first' ? 'FINISH_PAPERS' : 'FINISH_REEXAM', {
    patch,
    requestId,
  });
  return true;
}

function scorePatch(result: RulesResult): { humanitiesScore?: number | null; professionalScore?: number | null } {
  const patch: { humanitiesScore?: number | null; professionalScore?: number | null } = {};
  if (result.papers.humanities.required) patch.humanitiesScore = result.papers.humanities.bestScore;
  if (result.papers.professional.required) patch.professionalScore = result.papers.professional.bestScore;
  return patch;
}
