import { and, eq, inArray, sql } from 'drizzle-orm';
import { cycles, enrolments, examAttempts } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { requireProvinceAdmin } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, notFound } from '../../../platform/errors.js';
import type { EnrolmentStatus } from '../../../../shared/enrolment-status.js';
import type { TCloseWindowResult } from '../../../../shared/schemas/exam.js';
import { applyTransition, currentCycle } from '../../enrolment/enrolment.transition.js';
import { WINDOW_LABELS, type WindowKey } from '../../enrolment/enrolment.machine.js';
import { completeIfDone, finalizeAttempt } from '../attempt/finalize.js';
import type { ExamDeps } from '../exam.caches.js';
import { windowEnd } from '../exam.context.js';

/**
 * 【关闭首轮考核】 / 【关闭再次考核】: after the window's end, submit attempts still open,
 * then every enrolment still waiting to take the tests is marked absent (不合格). First
 * round: ready_for_exam without an approved deferral. Re-exam window: reexam_ready
 * (MARK_REEXAM_ABSENT) and deferred physicians still at ready_for_exam (MARK_ABSENT).
 */
export async function closeExamWindow(
  deps: ExamDeps,
  cycleId: number,
  round: 'first' | 'reexam' = 'first',
  actor: Actor | null = null,
  requestId?: string,
): Promise<TCloseWindowResult> {
  const [cycle] = await deps.db.select().from(cycles).where(eq(cycles.id, cycleId));
  if (!cycle) throw notFound('考核周期');
  if (actor && (actor.role !== 'admin' || actor.adminLevel !== 'province' || actor.provinceId !== cycle.provinceId))
    throw notFound('考核周期');
  const key: WindowKey = round === 'first' ? 'exam' : 'reexam';
  const w = cycle.windows[key];
  if (!w) throw badRequest(`尚未设置「${WINDOW_LABELS[key]}」`);
  if (deps.now() <= windowEnd(w))
    throw badRequest(`「${WINDOW_LABELS[key]}」尚未结束（${w.end.replaceAll('-', '/')}），不能关闭`);

  // 1. attempts of this cycle still open are past their deadline (deadlines never pass the window end)
  let timedOut = 0;
  for (;;) {
    const due = await deps.db
      .select({ id: examAttempts.id })
      .from(examAttempts)
      .where(
        and(
          eq(examAttempts.cycleId, cycleId),
          eq(examAttempts.status, 'in_progress'),
          sql`${examAttempts.deadlineAt} <= ${deps.now()}`,
        ),
      )
      .limit(500);
    if (!due.length) break;
    for (const { id } of due) {
      const r = await deps.db.transaction((tx) => finalizeAttempt(tx, deps, null, id, 'timeout', requestId));
      if (r) timedOut++;
    }
  }
  // 2. enrolments that finished their papers but were not moved on (defensive: e.g. crash between steps)
  let finished = 0;
  const waitingStatuses: EnrolmentStatus[] =
    round === 'first' ? ['ready_for_exam'] : ['ready_for_exam', 'reexam_ready'];
  const deferredCond = round === 'first' ? eq(enrolments.deferralApproved, false) : undefined;
  // 3. the rest are absent
  let markedAbsent = 0;
  let after = 0;
  for (;;) {
    const batch = await deps.db
      .select({ id: enrolments.id, status: enrolments.status, deferralApproved: enrolments.deferralApproved })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.cycleId, cycleId),
          inArray(enrolments.status, waitingStatuses),
          deferredCond,
          sql`${enrolments.id} > ${after}`,
        ),
      )
      .orderBy(enrolments.id)
      .limit(200);
    if (!batch.length) break;
    after = batch[batch.length - 1].id;
    for (const row of batch) {
      // in the re-exam window only deferred physicians still at ready_for_exam are concerned
      if (round === 'reexam' && row.status === 'ready_for_exam' && !row.deferralApproved) continue;
      await deps.db.transaction(async (tx) => {
        if (await completeIfDone(tx, deps, row.id, requestId)) {
          finished++;
          return;
        }
        const event = row.status === 'reexam_ready' ? 'MARK_REEXAM_ABSENT' : 'MARK_ABSENT';
        await applyTransition(tx, deps, null, row.id, event, {
          patch: { failReason: 'absent', finalResult: '不合格' },
          requestId,
          reason: `未在「${WINDOW_LABELS[key]}」内完成测评`,
        });
        markedAbsent++;
      });
    }
  }
  if (actor) {
    await writeAudit(
      deps.db,
      actor,
      {
        targetType: 'cycle',
        targetId: cycleId,
        action: round === 'first' ? '关闭首轮考核' : '关闭再次考核',
        orgPath: actor.orgPath,
        provinceId: cycle.provinceId,
        after: { timedOut, finished, markedAbsent },
      },
      requestId,
    );
  }
  return { timedOut, finished, markedAbsent };
}

export async function closeCurrentWindow(
  deps: ExamDeps,
  actor: Actor,
  round: 'first' | 'reexam',
  requestId?: string,
): Promise<TCloseWindowResult> {
  requireProvinceAdmin(actor);
  const cycle = await currentCycle(deps.db, actor.provinceId);
  return closeExamWindow(deps, cycle.id, round, actor, requestId);
}
