import { eq } from 'drizzle-orm';
import { examAnswers, examAttempts } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { ATTEMPT_STATUS_LABELS, PAPER_LABELS, type TAttemptState } from '../../../../shared/schemas/exam.js';
import type { ExamDeps } from '../exam.caches.js';
import { isTimedOut, remainingSeconds } from '../paper.js';
import { finalizeInOwnTx } from './finalize.js';
import { ownAttempt } from './own-attempt.js';

/** The attempt's state: timer from the server, saved answers (resume after reload / restart). */
export async function attemptState(deps: ExamDeps, actor: Actor, id: number): Promise<TAttemptState> {
  const m = await ownAttempt(deps, actor, id);
  if (m.status === 'in_progress' && isTimedOut(m.deadlineAt, deps.now())) await finalizeInOwnTx(deps, id, 'timeout');
  const [a] = await deps.db
    .select({
      id: examAttempts.id,
      paperType: examAttempts.paperType,
      attemptNo: examAttempts.attemptNo,
      status: examAttempts.status,
      startedAt: examAttempts.startedAt,
      deadlineAt: examAttempts.deadlineAt,
      questionCount: examAttempts.questionCount,
      score: examAttempts.score,
      passed: examAttempts.passed,
      passScore: examAttempts.passScore,
      answers: examAttempts.answers,
    })
    .from(examAttempts)
    .where(eq(examAttempts.id, id));
  // in progress: the saved rows (with their journal seq); closed: the compacted array
  const answers = a.answers
    ? a.answers.flatMap((choice, index) => (choice ? [{ index, choice, marked: false, seq: 0 }] : []))
    : await deps.db
        .select({
          index: examAnswers.questionIndex,
          choice: examAnswers.choice,
          marked: examAnswers.marked,
          seq: examAnswers.seq,
        })
        .from(examAnswers)
        .where(eq(examAnswers.attemptId, id))
        .orderBy(examAnswers.questionIndex);
  const now = deps.now();
  return {
    id: a.id,
    paperType: a.paperType,
    label: PAPER_LABELS[a.paperType],
    attemptNo: a.attemptNo,
    status: a.status,
    statusLabel: ATTEMPT_STATUS_LABELS[a.status],
    startedAt: a.startedAt.toISOString(),
    deadlineAt: a.deadlineAt.toISOString(),
    serverNow: now.toISOString(),
    remainingSeconds: a.status === 'in_progress' ? remainingSeconds(a.deadlineAt, now) : 0,
    questionCount: a.questionCount,
    answers: answers.map((x) => ({
      index: x.index,
      choice: x.choice ? x.choice.split(',') : [],
      marked: x.marked,
      seq: x.seq,
    })),
    score: a.score,
    passed: a.passed,
    passLine: a.passScore,
  };
}
