import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { examAttempts, examConsents } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS } from '../../../../shared/enrolment-status.js';
import { PAPER_LABELS } from '../../../../shared/schemas/exam.js';
import { checkWindow } from '../../enrolment/enrolment.machine.js';
import type { ExamDeps } from '../exam.caches.js';
import { examContext, passLineOf, rulesFor, windowEnd } from '../exam.context.js';
import * as repo from '../exam.repo.js';
import { deadlineFor, drawPaper, type FrozenPaper, isTimedOut, PaperDrawError, type PaperType } from '../paper.js';
import { blueprintStamp, takePredrawn } from './predraw.js';
import { finalizeAttempt } from './finalize.js';
import { admitStart, startWaitError } from './start-gate.js';

/** 【去考试】: start (or resume) an attempt at a paper. The paper is drawn and frozen now. */
export async function startAttempt(
  deps: ExamDeps,
  actor: Actor,
  paperType: PaperType,
  requestId?: string,
): Promise<{ attemptId: number; resumed: boolean }> {
  // a new attempt (not a resume) passes the province's start-rate gate first
  if (actor.role === 'physician' && actor.physicianId) {
    const open = await deps.db.execute(
      sql`SELECT 1 FROM exam_attempts WHERE physician_id = ${actor.physicianId} AND paper_type = ${paperType} AND status = 'in_progress'`,
    );
    if (!open.rows.length) {
      const a = await admitStart(deps.db, actor.provinceId, actor.physicianId, deps.now());
      if (!a.admitted) throw startWaitError(a);
    }
  }
  return deps.db.transaction(async (tx) => {
    const ctx = await examContext(tx, actor, true);
    if (!ctx) throw notFound('考核记录');
    if (!ctx.round || !ctx.windowKey) {
      throw new AppError(
        'NOT_IN_EXAM_STAGE',
        `当前考核状态为「${ENROLMENT_STATUS_LABELS[ctx.enrolment.status]}」，不能参加测评`,
        409,
      );
    }
    const now = deps.now();
    // close this physician's attempts whose time is up before deciding
    for (const a of await repo.attemptsOfEnrolment(tx, ctx.enrolment.id)) {
      if (a.status === 'in_progress' && isTimedOut(a.deadlineAt, now))
        await finalizeAttempt(tx, deps, null, a.id, 'timeout');
    }
    const reloaded = (await examContext(tx, actor, true))!;
    if (!reloaded.round || !reloaded.windowKey) {
      throw new AppError('NOT_IN_EXAM_STAGE', '您已完成全部测评，等待成绩评定', 409);
    }
    const { result, bp } = await rulesFor(tx, reloaded, reloaded.round);
    const s = result.papers[paperType];
    if (s.inProgressId) return { attemptId: s.inProgressId, resumed: true };
    const w = checkWindow(reloaded.cycle.windows, reloaded.windowKey, now);
    if (!w.ok) throw new AppError('OUT_OF_WINDOW', w.message, 400);
    if (s.blocked) throw new AppError('PAPER_NOT_AVAILABLE', s.blocked, 409);
    const [c] = await tx
      .select({ id: examConsents.enrolmentId })
      .from(examConsents)
      .where(eq(examConsents.enrolmentId, reloaded.enrolment.id));
    if (!c) throw new AppError('CONSENT_REQUIRED', '初次进入测评须进行人脸信息采集授权', 409);

    const blueprint = bp[paperType];
    // drawn ahead (exam.predraw) for this blueprint: a read instead of a draw at the peak
    const predrawn = await takePredrawn(
      tx,
      reloaded.enrolment.id,
      paperType,
      reloaded.round,
      blueprintStamp(blueprint),
    );
    const bank = predrawn
      ? []
      : await repo.loadBank(
          tx,
          reloaded.enrolment.provinceId,
          paperType,
          paperType === 'professional' ? reloaded.physician.practiceCategory : null,
          now.getTime(),
          deps.examCaches.bank,
        );
    let paper: FrozenPaper;
    try {
      paper = predrawn ?? drawPaper(bank, blueprint, randomBytes(16).toString('hex'));
    } catch (err) {
      if (err instanceof PaperDrawError)
        throw new AppError('BANK_INSUFFICIENT', `暂不能组卷：${err.message}，请联系省级卫生行政机构`, 409);
      throw err;
    }
    const win = reloaded.cycle.windows[reloaded.windowKey];
    const deadline = deadlineFor(now, blueprint.durationMinutes, win ? windowEnd(win) : null);
    const [row] = await tx
      .insert(examAttempts)
      .values({
        enrolmentId: reloaded.enrolment.id,
        cycleId: reloaded.cycle.id,
        provinceId: reloaded.enrolment.provinceId,
        physicianId: reloaded.enrolment.physicianId,
        orgPath: reloaded.enrolment.orgPath,
        paperType,
        round: reloaded.round,
        attemptNo: s.attemptsUsed + 1,
        status: 'in_progress',
        startedAt: now,
        deadlineAt: deadline,
        questionCount: paper.items.length,
        passScore: passLineOf(reloaded.cycle, paperType, reloaded.physician.level),
        paper,
        answerKey: paper.items.map((i) => i.a.join(',')),
      })
      .returning({ id: examAttempts.id });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'exam_attempt',
        targetId: row.id,
        action: `开始${PAPER_LABELS[paperType]}`,
        orgPath: reloaded.enrolment.orgPath,
        provinceId: reloaded.enrolment.provinceId,
        after: {
          enrolmentId: reloaded.enrolment.id,
          attemptNo: s.attemptsUsed + 1,
          deadlineAt: deadline.toISOString(),
          questions: paper.items.length,
        },
      },
      requestId,
    );
    return { attemptId: row.id, resumed: false };
  });
}
