import { eq } from 'drizzle-orm';
import { examConsents } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { ENROLMENT_STATUS_LABELS, PROCEDURE_LABELS } from '../../../../shared/enrolment-status.js';
import { PAPER_LABELS, PAPER_TYPES, type TExamOverview } from '../../../../shared/schemas/exam.js';
import { checkWindow, WINDOW_LABELS } from '../../enrolment/enrolment.machine.js';
import { finalizeInOwnTx } from '../attempt/finalize.js';
import type { ExamDeps } from '../exam.caches.js';
import { examContext, passLineOf, rulesFor } from '../exam.context.js';
import * as repo from '../exam.repo.js';
import { isTimedOut } from '../paper.js';

const maskId = (s: string) => (s.length > 8 ? `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}` : s);
/** 考核详情 + 试卷列表 for the logged-in physician. */
export async function overview(deps: ExamDeps, actor: Actor): Promise<TExamOverview> {
  const ctx = await examContext(deps.db, actor);
  const empty: TExamOverview = {
    enrolled: false,
    cycleName: null,
    enrolmentId: null,
    status: null,
    statusLabel: null,
    procedure: null,
    procedureLabel: null,
    humanitiesExempt: false,
    professionalExempt: false,
    deferralApproved: false,
    round: null,
    window: null,
    physician: null,
    consented: false,
    inExamStage: false,
    message: '您尚未参加本周期定期考核',
    papers: [],
  };
  if (!ctx) return empty;
  // Lazily close this physician's attempts whose time is up.
  for (const a of await repo.attemptsOfEnrolment(deps.db, ctx.enrolment.id)) {
    if (a.status === 'in_progress' && isTimedOut(a.deadlineAt, deps.now()))
      await finalizeInOwnTx(deps, a.id, 'timeout');
  }
  const fresh = (await examContext(deps.db, actor))!;
  const e = fresh.enrolment;
  const [consent] = await deps.db
    .select({ at: examConsents.consentedAt })
    .from(examConsents)
    .where(eq(examConsents.enrolmentId, e.id));
  const round = fresh.round ?? (['pending_reexam_grading'].includes(e.status) ? 'reexam' : 'first');
  const { result, attempts, bp } = await rulesFor(deps.db, fresh, round);
  const windowKey = fresh.windowKey ?? (round === 'reexam' || e.deferralApproved ? 'reexam' : 'exam');
  const w = fresh.cycle.windows[windowKey];
  const wCheck = checkWindow(fresh.cycle.windows, windowKey, deps.now());
  const inExamStage = fresh.round !== null;
  const message = inExamStage
    ? wCheck.ok
      ? '请在考核时间内完成测评。测评期间将通过摄像头采集头像进行过程监考，请选择安静环境，不要遮挡摄像头，不要替考。'
      : wCheck.message
    : e.status === 'pending_grading' || e.status === 'pending_reexam_grading'
      ? '您已完成测评，等待成绩评定'
      : `当前考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，暂不能参加测评`;
  return {
    enrolled: true,
    cycleName: fresh.cycle.name,
    enrolmentId: e.id,
    status: e.status,
    statusLabel: ENROLMENT_STATUS_LABELS[e.status],
    procedure: e.procedure,
    procedureLabel: e.procedure ? PROCEDURE_LABELS[e.procedure] : null,
    humanitiesExempt: e.humanitiesExempt,
    professionalExempt: e.professionalExempt,
    deferralApproved: e.deferralApproved,
    round: inExamStage ? round : null,
    window: w ? { key: windowKey, label: WINDOW_LABELS[windowKey], start: w.start, end: w.end, open: wCheck.ok } : null,
    physician: {
      name: fresh.physician.name,
      idNumberMasked: maskId(fresh.physician.idNumber),
      level: fresh.physician.level,
      practiceCategory: fresh.physician.practiceCategory,
      institution: fresh.physician.institution,
    },
    consented: !!consent,
    inExamStage,
    message,
    papers: PAPER_TYPES.filter((t) => result.papers[t].applicable).map((t) => {
      const s = result.papers[t];
      const mine = attempts.filter((a) => a.paperType === t && a.round === round);
      const note = !inExamStage
        ? message
        : s.inProgressId
          ? '答题中，点击【进入】继续答题'
          : (s.blocked ?? (wCheck.ok ? null : wCheck.message));
      return {
        paperType: t,
        label: PAPER_LABELS[t],
        required: s.required,
        exempt: s.exempt,
        durationMinutes: bp[t].durationMinutes,
        questionCount: bp[t].questionCount,
        attemptsAllowed: t === 'professional' ? 1 : bp[t].attempts,
        attemptsUsed: s.attemptsUsed,
        attemptsLeft: s.attemptsLeft,
        bestScore: s.bestScore,
        passLine: passLineOf(fresh.cycle, t, fresh.physician.level),
        passed: s.passed,
        done: s.done,
        inProgressAttemptId: s.inProgressId,
        canEnter: inExamStage && (!!s.inProgressId || (!s.blocked && wCheck.ok)),
        note,
        attempts: mine.map((a) => ({
          id: a.id,
          attemptNo: a.attemptNo,
          status: a.status,
          startedAt: a.startedAt.toISOString(),
          submittedAt: a.submittedAt?.toISOString() ?? null,
          score: a.score,
          passed: a.passed,
        })),
      };
    }),
  };
}
