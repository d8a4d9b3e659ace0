/**
 * Online tests (测评): blueprints (试卷设置), attempts, autosave, submission and time-out,
 * completion (FINISH_PAPERS / FINISH_REEXAM), closing a window (MARK_ABSENT), item analysis.
 *
 * The server clock (deps.now) is the only clock: deadline_at = started_at + duration
 * (never after the window's end); the client is only told the remaining seconds.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import {
  cycles,
  enrolments,
  examAnswers,
  examAttempts,
  examBlueprints,
  examConsents,
  organisations,
  physicians,
  questions,
  questionVersions,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { requireProvinceAdmin } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS, PROCEDURE_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';
import { DEFAULT_PAPER_RULES } from '../../../shared/schemas/cycle.js';
import {
  ATTEMPT_STATUS_LABELS,
  PAPER_LABELS,
  PAPER_TYPES,
  type TAttemptState,
  type TBlueprintInput,
  type TBlueprints,
  type TCloseWindowResult,
  type TExamOverview,
  type TItemAnalysis,
  type TItemAnalysisQuery,
  type TSaveAnswerInput,
  type TSubmitResult,
} from '../../../shared/schemas/exam.js';
import { applyTransition, currentCycle, type Cycle, type Enrolment } from '../enrolment/enrolment.transition.js';
import { checkWindow, WINDOW_LABELS, type WindowKey } from '../enrolment/enrolment.machine.js';
import { groupSize, itemStats } from './analysis.js';
import { paperStates, type RulesResult } from './exam.rules.js';
import * as repo from './exam.repo.js';
import {
  blueprintError,
  choiceError,
  choiceKey,
  deadlineFor,
  drawPaper,
  isTimedOut,
  PaperDrawError,
  remainingSeconds,
  renderPaper,
  type BlueprintRule,
  type FrozenPaper,
  type PaperType,
} from './paper.js';

type Deps = Pick<AppDeps, 'db' | 'pool' | 'now' | 'sms' | 'logger'>;

// ================================================================ blueprints

export interface EffectiveBlueprint {
  durationMinutes: number;
  questionCount: number;
  attempts: number;
  rules: BlueprintRule[];
  custom: boolean;
}

/** The blueprint of a paper type in a cycle: 试卷设置 if saved, else the cycle's paper rules, else the defaults. */
export async function effectiveBlueprint(db: DbOrTx, cycle: Cycle, paperType: PaperType): Promise<EffectiveBlueprint> {
  const [row] = await db
    .select()
    .from(examBlueprints)
    .where(and(eq(examBlueprints.cycleId, cycle.id), eq(examBlueprints.paperType, paperType)));
  if (row)
    return {
      durationMinutes: row.durationMinutes,
      questionCount: row.questionCount,
      attempts: paperType === 'professional' ? 1 : row.attempts,
      rules: row.rules,
      custom: true,
    };
  const base = cycle.paperRules?.[paperType] ?? DEFAULT_PAPER_RULES[paperType];
  return {
    durationMinutes: base.durationMinutes,
    questionCount: base.questionCount,
    attempts: paperType === 'professional' ? 1 : base.attempts,
    rules: [],
    custom: false,
  };
}

function passLineOf(cycle: Cycle, paperType: PaperType, level: string): number {
  if (paperType === 'humanities') return cycle.passHumanities;
  return level === '执业助理医师' ? cycle.passProfessionalAssistant : cycle.passProfessionalPhysician;
}

export async function getBlueprints(deps: Deps, actor: Actor): Promise<TBlueprints> {
  requireProvinceAdmin(actor);
  const cycle = await currentCycle(deps.db, actor.provinceId);
  const papers = [];
  for (const paperType of PAPER_TYPES) {
    const bp = await effectiveBlueprint(deps.db, cycle, paperType);
    const bank = await repo.bankCounts(deps.db, actor.provinceId, paperType);
    papers.push({
      paperType,
      label: PAPER_LABELS[paperType],
      ...bp,
      rules: bp.rules.map((r) => ({ category: r.category ?? null, difficulty: r.difficulty ?? null, count: r.count })),
      passLines:
        paperType === 'humanities'
          ? [{ label: '合格分数', score: cycle.passHumanities }]
          : [
              { label: '执业医师', score: cycle.passProfessionalPhysician },
              { label: '执业助理医师', score: cycle.passProfessionalAssistant },
            ],
      bank,
      warning: bankWarning(paperType, bp, bank),
    });
  }
  return { cycle: { id: cycle.id, name: cycle.name }, papers };
}

/** What drawing would hit with this bank: for 业务水平 every 执业类别 must be able to fill a paper. */
function bankWarning(
  paperType: PaperType,
  bp: { questionCount: number; rules: BlueprintRule[] },
  bank: { category: string; practiceCategory: string | null; count: number }[],
): string | null {
  const groups = paperType === 'professional' ? [...new Set(bank.map((b) => b.practiceCategory ?? ''))] : [''];
  if (!bank.length) return '题库中尚无启用的试题，医师将无法开始测评';
  for (const g of groups) {
    const rows = paperType === 'professional' ? bank.filter((b) => (b.practiceCategory ?? '') === g) : bank;
    const total = rows.reduce((s, r) => s + r.count, 0);
    const who = paperType === 'professional' ? `执业类别「${g || '未设置'}」` : '题库';
    if (total < bp.questionCount) return `${who}只有 ${total} 道启用试题，少于题量 ${bp.questionCount} 道`;
    for (const r of bp.rules) {
      if (!r.category || r.difficulty != null) continue;
      const n = rows.filter((x) => x.category === r.category).reduce((s, x) => s + x.count, 0);
      if (n < r.count) return `${who}中「${r.category}」只有 ${n} 道启用试题，组卷规则需要 ${r.count} 道`;
    }
  }
  return null;
}

export async function saveBlueprint(
  deps: Deps,
  actor: Actor,
  paperType: PaperType,
  input: TBlueprintInput,
  requestId?: string,
): Promise<void> {
  requireProvinceAdmin(actor);
  if (paperType === 'professional' && input.attempts !== 1)
    throw badRequest('业务水平测评仅一次答题机会，答题次数须为1');
  const rules = input.rules.map((r) => ({
    category: r.category || null,
    difficulty: r.difficulty ?? null,
    count: r.count,
  }));
  const err = blueprintError({ questionCount: input.questionCount, rules });
  if (err) throw badRequest(err);
  await deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const before = await effectiveBlueprint(tx, cycle, paperType);
    await tx
      .insert(examBlueprints)
      .values({
        cycleId: cycle.id,
        provinceId: actor.provinceId,
        paperType,
        durationMinutes: input.durationMinutes,
        questionCount: input.questionCount,
        attempts: input.attempts,
        rules,
        updatedAt: deps.now(),
      })
      .onConflictDoUpdate({
        target: [examBlueprints.cycleId, examBlueprints.paperType],
        set: {
          durationMinutes: input.durationMinutes,
          questionCount: input.questionCount,
          attempts: input.attempts,
          rules,
          updatedAt: deps.now(),
        },
      });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'exam_blueprint',
        targetId: `${cycle.id}:${paperType}`,
        action: `试卷设置（${PAPER_LABELS[paperType]}）`,
        orgPath: actor.orgPath,
        provinceId: actor.provinceId,
        before,
        after: { ...input, rules },
      },
      requestId,
    );
  });
}

// ================================================================ the physician's enrolment

interface ExamContext {
  cycle: Cycle;
  enrolment: Enrolment;
  physician: { name: string; idNumber: string; level: string; practiceCategory: string; institution: string };
  round: 'first' | 'reexam' | null;
  windowKey: WindowKey | null;
}

function roundOf(
  e: Pick<Enrolment, 'status' | 'deferralApproved'>,
): { round: 'first' | 'reexam'; windowKey: WindowKey } | null {
  if (e.status === 'ready_for_exam') return { round: 'first', windowKey: e.deferralApproved ? 'reexam' : 'exam' };
  if (e.status === 'reexam_ready') return { round: 'reexam', windowKey: 'reexam' };
  return null;
}

async function examContext(db: DbOrTx, actor: Actor, forUpdate = false): Promise<ExamContext | null> {
  if (actor.role !== 'physician' || !actor.physicianId) throw notFound('考核记录');
  const cycle = await currentCycle(db, actor.provinceId);
  const q = db
    .select({
      e: enrolments,
      p: {
        name: physicians.name,
        idNumber: physicians.idNumber,
        level: physicians.level,
        practiceCategory: physicians.practiceCategory,
      },
      org: organisations.name,
    })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .where(and(eq(enrolments.physicianId, actor.physicianId), eq(enrolments.cycleId, cycle.id)));
  const [row] = forUpdate ? await q.for('update', { of: enrolments }) : await q;
  if (!row) return null;
  const r = roundOf(row.e);
  return {
    cycle,
    enrolment: row.e,
    physician: { ...row.p, institution: row.org },
    round: r?.round ?? null,
    windowKey: r?.windowKey ?? null,
  };
}

async function rulesFor(
  db: DbOrTx,
  ctx: ExamContext,
  round: 'first' | 'reexam',
  bps?: Record<PaperType, EffectiveBlueprint>,
) {
  const attempts = await repo.attemptsOfEnrolment(db, ctx.enrolment.id);
  const bp = bps ?? {
    humanities: await effectiveBlueprint(db, ctx.cycle, 'humanities'),
    professional: await effectiveBlueprint(db, ctx.cycle, 'professional'),
  };
  const e = ctx.enrolment;
  const result = paperStates({
    procedure: e.procedure,
    humanitiesExempt: e.humanitiesExempt,
    professionalExempt: e.professionalExempt,
    round,
    firstRoundScores: { humanities: e.humanitiesScore, professional: e.professionalScore },
    passLines: {
      humanities: passLineOf(ctx.cycle, 'humanities', ctx.physician.level),
      professional: passLineOf(ctx.cycle, 'professional', ctx.physician.level),
    },
    attemptsAllowed: { humanities: bp.humanities.attempts, professional: 1 },
    attempts,
  });
  return { result, attempts, bp };
}

const maskId = (s: string) => (s.length > 8 ? `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}` : s);
const windowEnd = (w: { end: string }) => new Date(`${w.end}T23:59:59.999+08:00`);

/** 考核详情 + 试卷列表 for the logged-in physician. */
export async function overview(deps: Deps, actor: Actor): Promise<TExamOverview> {
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

/** 人脸信息采集授权: recorded once per enrolment. */
export async function consent(
  deps: Deps,
  actor: Actor,
  meta: { ip?: string; userAgent?: string },
  requestId?: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const ctx = await examContext(tx, actor);
    if (!ctx) throw notFound('考核记录');
    const inserted = await tx
      .insert(examConsents)
      .values({
        enrolmentId: ctx.enrolment.id,
        physicianId: ctx.enrolment.physicianId,
        consentedAt: deps.now(),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: examConsents.enrolmentId });
    if (inserted.length) {
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'enrolment',
          targetId: ctx.enrolment.id,
          action: '人脸信息采集授权',
          orgPath: ctx.enrolment.orgPath,
          provinceId: ctx.enrolment.provinceId,
        },
        requestId,
      );
    }
  });
}

// ================================================================ attempts

/** 【去考试】: start (or resume) an attempt at a paper. The paper is drawn and frozen now. */
export async function startAttempt(
  deps: Deps,
  actor: Actor,
  paperType: PaperType,
  requestId?: string,
): Promise<{ attemptId: number; resumed: boolean }> {
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
    const bank = await repo.loadBank(
      tx,
      reloaded.enrolment.provinceId,
      paperType,
      paperType === 'professional' ? reloaded.physician.practiceCategory : null,
      now.getTime(),
    );
    let paper: FrozenPaper;
    try {
      paper = drawPaper(bank, blueprint, randomBytes(16).toString('hex'));
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

// ---------------------------------------------------------------- in-process attempt cache (hot path)

interface AttemptMeta {
  id: number;
  physicianId: number;
  enrolmentId: number;
  paperType: PaperType;
  status: 'in_progress' | 'submitted' | 'timed_out';
  deadlineAt: Date;
  paper: FrozenPaper;
  /** the rendered paper, serialised once */
  paperJson?: string;
}

const META_MAX = 50_000;
const metaCache = new Map<number, AttemptMeta>();

export function forgetAttempt(id: number): void {
  metaCache.delete(id);
}

async function attemptMeta(deps: Deps, id: number): Promise<AttemptMeta | null> {
  const hit = metaCache.get(id);
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
    if (metaCache.size >= META_MAX) metaCache.delete(metaCache.keys().next().value!);
    metaCache.set(id, row);
  }
  return row;
}

/** The attempt if it belongs to the physician (another physician's attempt is a 404, same as a missing one). */
async function ownAttempt(deps: Deps, actor: Actor, id: number): Promise<AttemptMeta> {
  const m = await attemptMeta(deps, id);
  if (!m || actor.role !== 'physician' || m.physicianId !== actor.physicianId) throw notFound('试卷');
  return m;
}

const closedError = () => new AppError('ATTEMPT_CLOSED', '本次测评已交卷，不能再作答', 409);
const timeUpError = () => new AppError('TIME_UP', '考试时间已到，试卷已自动交卷', 409);

/** If the attempt's time is up, submit it now (lazy time-out) and refuse. */
async function ensureOpen(deps: Deps, m: AttemptMeta): Promise<void> {
  if (m.status !== 'in_progress') throw closedError();
  if (isTimedOut(m.deadlineAt, deps.now())) {
    await finalizeInOwnTx(deps, m.id, 'timeout');
    throw timeUpError();
  }
}

/** The rendered paper of a started attempt, pre-serialised (cached per attempt). */
export async function paperJson(deps: Deps, actor: Actor, id: number): Promise<string> {
  const m = await ownAttempt(deps, actor, id);
  await ensureOpen(deps, m);
  if (!m.paperJson) {
    const versions = await repo.versionTexts(
      deps.db,
      m.paper.items.map((i) => i.v),
    );
    m.paperJson = JSON.stringify({ attemptId: m.id, paperType: m.paperType, items: renderPaper(m.paper, versions) });
  }
  return m.paperJson;
}

/** Autosave one answer — the hot path: cached metadata, validation, one guarded UPSERT. */
export async function saveAnswer(
  deps: Deps,
  actor: Actor,
  id: number,
  index: number,
  input: TSaveAnswerInput,
): Promise<{ ok: true; remainingSeconds: number }> {
  const m = await ownAttempt(deps, actor, id);
  await ensureOpen(deps, m);
  if (input.choice) {
    const err = choiceError(m.paper, index, input.choice);
    if (err) throw badRequest(err);
  } else if (!m.paper.items[index]) throw badRequest('该题不在本试卷中');
  const now = deps.now();
  const ok = await repo.upsertAnswer(deps.pool, {
    attemptId: id,
    index,
    choice: input.choice ? choiceKey(input.choice) : null,
    marked: input.marked ?? null,
    now,
    physicianId: actor.physicianId!,
  });
  if (!ok) {
    // submitted or timed out elsewhere (another API node, the sweeper): refresh and report
    forgetAttempt(id);
    const fresh = await ownAttempt(deps, actor, id);
    await ensureOpen(deps, fresh);
    throw closedError();
  }
  return { ok: true, remainingSeconds: remainingSeconds(m.deadlineAt, now) };
}

/** The attempt's state: timer from the server, saved answers (resume after reload / restart). */
export async function attemptState(deps: Deps, actor: Actor, id: number): Promise<TAttemptState> {
  const m = await ownAttempt(deps, actor, id);
  if (m.status === 'in_progress' && isTimedOut(m.deadlineAt, deps.now())) await finalizeInOwnTx(deps, id, 'timeout');
  const [a] = await deps.db.select().from(examAttempts).where(eq(examAttempts.id, id));
  const answers = await deps.db
    .select({ index: examAnswers.questionIndex, choice: examAnswers.choice, marked: examAnswers.marked })
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
    answers: answers.map((x) => ({ index: x.index, choice: x.choice ? x.choice.split(',') : [], marked: x.marked })),
    score: a.score,
    passed: a.passed,
    passLine: a.passScore,
  };
}

/** 【交卷】 */
export async function submitAttempt(deps: Deps, actor: Actor, id: number, requestId?: string): Promise<TSubmitResult> {
  const m = await ownAttempt(deps, actor, id);
  if (m.status !== 'in_progress') throw closedError();
  const timedOut = isTimedOut(m.deadlineAt, deps.now());
  const r = await deps.db.transaction((tx) =>
    finalizeAttempt(tx, deps, actor, id, timedOut ? 'timeout' : 'submit', requestId),
  );
  forgetAttempt(id);
  if (!r) throw closedError();
  if (timedOut) throw timeUpError();
  return r;
}

/**
 * Close an attempt (交卷 or time-out) with compare-and-set, score it set-based, audit, and
 * move the enrolment on when all required papers are done. Returns null when another
 * request/node closed it first.
 */
export async function finalizeAttempt(
  tx: DbOrTx,
  deps: Pick<Deps, 'now' | 'sms'>,
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
  forgetAttempt(id);
  if (!closed) return null;
  const [scored] = await repo.scoreAttempts(tx, [id]);
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

async function finalizeInOwnTx(deps: Deps, id: number, mode: 'submit' | 'timeout'): Promise<void> {
  await deps.db.transaction((tx) => finalizeAttempt(tx, deps, null, id, mode));
  forgetAttempt(id);
}

/**
 * When every required paper of the round is done: FINISH_PAPERS (first round, incl. a
 * deferred physician's first exam) or FINISH_REEXAM, storing the best 人文医学 score and the
 * 业务水平 score on the enrolment.
 */
export async function completeIfDone(
  tx: DbOrTx,
  deps: Pick<Deps, 'now' | 'sms'>,
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

/**
 * Submit every attempt whose time is up (the periodic sweeper; safe with N API nodes: each
 * attempt is closed by one compare-and-set). Returns the number closed.
 */
export async function sweepTimedOut(deps: Deps, limit = 500): Promise<number> {
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

// ================================================================ closing a window

/**
 * 【关闭首轮考核】 / 【关闭再次考核】: after the window's end, submit attempts still open,
 * then every enrolment still waiting to take the tests is marked absent (不合格). First
 * round: ready_for_exam without an approved deferral. Re-exam window: reexam_ready
 * (MARK_REEXAM_ABSENT) and deferred physicians still at ready_for_exam (MARK_ABSENT).
 */
export async function closeExamWindow(
  deps: Deps,
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
  deps: Deps,
  actor: Actor,
  round: 'first' | 'reexam',
  requestId?: string,
): Promise<TCloseWindowResult> {
  requireProvinceAdmin(actor);
  const cycle = await currentCycle(deps.db, actor.provinceId);
  return closeExamWindow(deps, cycle.id, round, actor, requestId);
}

// ================================================================ item analysis (试题分析)

export async function itemAnalysis(deps: Deps, actor: Actor, q: TItemAnalysisQuery): Promise<TItemAnalysis> {
  requireProvinceAdmin(actor);
  const cycle = await currentCycle(deps.db, actor.provinceId);
  const f = { provinceId: actor.provinceId, cycleId: cycle.id, paperType: q.paperType, round: q.round };
  const n = await repo.countScored(deps.db, f);
  const stats = n ? itemStats(await repo.itemCounts(deps.db, { ...f, groupSize: groupSize(n) })) : [];
  const flaggedCount = stats.filter((s) => s.flagged).length;
  const list = (q.flaggedOnly === '1' ? stats.filter((s) => s.flagged) : stats).sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      (a.discrimination ?? 2) - (b.discrimination ?? 2) ||
      a.versionId - b.versionId,
  );
  const page = list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const ids = page.map((s) => s.versionId);
  const versions = ids.length
    ? await deps.db
        .select({
          id: questionVersions.id,
          questionId: questionVersions.questionId,
          version: questionVersions.version,
          type: questionVersions.type,
          stem: questionVersions.stem,
          options: questionVersions.options,
          answer: questionVersions.answer,
          difficulty: questionVersions.difficulty,
          category: questions.category,
          practiceCategory: questions.practiceCategory,
          status: questions.status,
        })
        .from(questionVersions)
        .innerJoin(questions, eq(questions.id, questionVersions.questionId))
        .where(and(inArray(questionVersions.id, ids), eq(questions.provinceId, actor.provinceId)))
    : [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  const w = cycle.windows[q.round === 'first' ? 'exam' : 'reexam'];
  return {
    cycleName: cycle.name,
    window: w ? { start: w.start, end: w.end, closed: deps.now() > windowEnd(w) } : null,
    attempts: n,
    items: stats.length,
    flagged: flaggedCount,
    total: list.length,
    rows: page.flatMap((s) => {
      const v = byId.get(s.versionId);
      if (!v) return [];
      return [
        {
          versionId: s.versionId,
          questionId: v.questionId,
          version: v.version,
          type: v.type,
          category: v.category,
          practiceCategory: v.practiceCategory,
          stem: v.stem,
          difficulty: v.difficulty,
          questionStatus: v.status,
          responses: s.responses,
          pValue: s.pValue,
          discrimination: s.discrimination,
          unanswered: s.unanswered,
          flagged: s.flagged,
          options: v.options.map((o) => ({
            key: o.key,
            text: o.text,
            correct: v.answer.includes(o.key),
            count: s.optionCounts[o.key] ?? 0,
            share: s.responses ? Math.round(((s.optionCounts[o.key] ?? 0) / s.responses) * 1000) / 1000 : 0,
          })),
        },
      ];
    }),
  };
}
