/**
 * 学习 for physicians: 题库练习 (one question at a time, checked on the server), 模拟自测
 * (a mock paper drawn and scored with the real paper's blueprint, no consequence to the
 * enrolment), 错题收藏 (collected from both), 考前资料. Everything is scoped to the physician.
 */
import { findCurrentCycle } from '../cycle/cycle.repo.js';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { mockAttempts, practiceAnswers, wrongQuestions } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import type { TMaterial } from '../../../shared/schemas/bank.js';
import { DEFAULT_PAPER_RULES } from '../../../shared/schemas/cycle.js';
import type {
  TLearnOverview,
  TMockAnswerInput,
  TMockAttempt,
  TMockPapers,
  TMockSummary,
  TPracticeAnswerInput,
  TPracticeNext,
  TPracticeQuery,
  TPracticeResult,
  TWrongList,
} from '../../../shared/schemas/learning.js';
import { materialDto } from '../bank/bank.service.js';
import {
  findMockHistory,
  findNextPracticeQuestion,
  findOpenMocks,
  findOverviewCounts,
  findOwnPhysician,
  findPracticeVersion,
  findPublishedMaterial,
  findPublishedMaterials,
  findRunningMockId,
  findVersionsById,
  findWrongPage,
  lockOwnMock,
  type MockRow,
  type PhysicianRow,
} from './learning.repo.js';
import { effectiveBlueprint } from '../exam/exam.service.js';
import { loadBank } from '../exam/exam.repo.js';
import {
  bankKeysOf,
  choiceError,
  drawPaper,
  isTimedOut,
  PaperDrawError,
  remainingSeconds,
  renderPaper,
  scorePaper,
  type FrozenPaper,
  type PaperBlueprint,
  type PaperType,
} from '../exam/paper.js';

type Deps = Pick<AppDeps, 'db' | 'now' | 'storage'>;

const PAPER_LABELS: Record<PaperType, string> = { humanities: '人文医学模拟自测', professional: '业务水平模拟自测' };

export async function overview(deps: Deps, actor: Actor): Promise<TLearnOverview> {
  const p = await findOwnPhysician(deps.db, actor);
  const { cats, practiced, practicedCorrect, wrongCount, mockCount } = await findOverviewCounts(deps.db, p);
  return {
    practiceCategory: p.practiceCategory,
    humanities: cats.filter((c) => c.bank === 'humanities').map(({ category, count }) => ({ category, count })),
    professional: cats.filter((c) => c.bank === 'professional').map(({ category, count }) => ({ category, count })),
    practiced,
    practicedCorrect,
    wrongCount,
    mockCount,
  };
}

// ---------------------------------------------------------------- 题库练习

/** The next practice question: questions not yet answered correctly first, in random order. */
export async function nextPracticeQuestion(deps: Deps, actor: Actor, f: TPracticeQuery): Promise<TPracticeNext> {
  const p = await findOwnPhysician(deps.db, actor);
  return findNextPracticeQuestion(deps.db, p, f);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

async function collectWrong(
  tx: DbOrTx,
  p: PhysicianRow,
  items: { questionId: number; versionId: number; chosen: string[] }[],
  source: 'practice' | 'mock',
  now: Date,
) {
  if (!items.length) return;
  await tx
    .insert(wrongQuestions)
    .values(
      items.map((i) => ({
        physicianId: p.id,
        provinceId: p.provinceId,
        questionId: i.questionId,
        versionId: i.versionId,
        chosen: i.chosen,
        source,
        lastWrongAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [wrongQuestions.physicianId, wrongQuestions.questionId],
      set: {
        versionId: sql`excluded.version_id`,
        chosen: sql`excluded.chosen`,
        source: sql`excluded.source`,
        lastWrongAt: sql`excluded.last_wrong_at`,
        wrongCount: sql`${wrongQuestions.wrongCount} + 1`,
      },
    });
}

/** Check a practice answer on the server, record it (frozen to the version shown), collect a wrong one. */
export async function answerPractice(deps: Deps, actor: Actor, input: TPracticeAnswerInput): Promise<TPracticeResult> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const row = await findPracticeVersion(tx, p, input.versionId);
    if (!row) throw notFound('试题');
    const keys = row.v.options.map((o) => o.key);
    const chosen = [...new Set(input.chosen)].sort();
    if (chosen.some((k) => !keys.includes(k))) throw badRequest('所选选项不属于本题，请刷新后重试');
    if (row.v.type !== 'multiple' && chosen.length !== 1)
      throw badRequest(row.v.type === 'judge' ? '判断题只能选择一项' : '单选题只能选择一项');
    const correct = sameSet(chosen, row.v.answer);
    const now = deps.now();
    await tx.insert(practiceAnswers).values({
      physicianId: p.id,
      provinceId: p.provinceId,
      questionId: row.q.id,
      versionId: row.v.id,
      chosen,
      correct,
      createdAt: now,
    });
    if (!correct) await collectWrong(tx, p, [{ questionId: row.q.id, versionId: row.v.id, chosen }], 'practice', now);
    return { correct, chosen, answer: [...row.v.answer].sort(), explanation: row.v.explanation };
  });
}

// ---------------------------------------------------------------- 模拟自测

interface MockRules {
  blueprint: PaperBlueprint & { durationMinutes: number };
  passScore: number;
}

/** The real paper's rules: the current cycle's 试卷设置 / paper rules / defaults, and its pass line. */
async function mockRules(db: DbOrTx, p: PhysicianRow, paper: PaperType): Promise<MockRules> {
  const cycle = await findCurrentCycle(db, p.provinceId);
  if (cycle) {
    const bp = await effectiveBlueprint(db, cycle, paper);
    const passScore =
      paper === 'humanities'
        ? cycle.passHumanities
        : p.level === '执业助理医师'
          ? cycle.passProfessionalAssistant
          : cycle.passProfessionalPhysician;
    return {
      blueprint: { questionCount: bp.questionCount, rules: bp.rules, durationMinutes: bp.durationMinutes },
      passScore,
    };
  }
  const d = DEFAULT_PAPER_RULES[paper];
  return {
    blueprint: { questionCount: d.questionCount, rules: [], durationMinutes: d.durationMinutes },
    passScore: paper === 'humanities' ? 60 : p.level === '执业助理医师' ? 55 : 60,
  };
}

async function bankFor(db: DbOrTx, p: PhysicianRow, paper: PaperType) {
  return loadBank(db, p.provinceId, paper, paper === 'professional' ? p.practiceCategory : null);
}

function summary(r: MockRow): TMockSummary {
  return {
    id: r.id,
    paper: r.paper,
    label: PAPER_LABELS[r.paper],
    status: r.status,
    score: r.score,
    passScore: r.passScore,
    passed: r.score == null ? null : r.score >= r.passScore,
    questionCount: r.questionCount,
    correctCount: r.correctCount,
    startedAt: r.startedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submitKind: r.submitKind,
  };
}

function sheetOf(r: MockRow): Record<number, string[]> {
  return Object.fromEntries(Object.entries(r.answers).map(([k, v]) => [Number(k), v]));
}

/** Score, close and collect wrong answers. The caller holds the row lock. */
async function finalizeMock(
  tx: DbOrTx,
  actor: Actor,
  p: PhysicianRow,
  r: MockRow,
  now: Date,
  kind: 'manual' | 'timeout',
  requestId?: string,
): Promise<MockRow> {
  const paper: FrozenPaper = { items: r.items };
  const result = scorePaper(paper, sheetOf(r));
  const at = kind === 'timeout' ? r.deadlineAt : now;
  const [row] = await tx
    .update(mockAttempts)
    .set({ status: 'submitted', score: result.score, correctCount: result.correct, submittedAt: at, submitKind: kind })
    .where(and(eq(mockAttempts.id, r.id), eq(mockAttempts.status, 'in_progress')))
    .returning();
  if (!row) throw conflict('本次模拟自测已交卷');
  const wrong = result.items
    .filter((i) => i.answered && !i.correct)
    .map((i) => {
      const item = r.items[i.index];
      return { questionId: item.q, versionId: item.v, chosen: bankKeysOf(item, r.answers[String(i.index)] ?? []) };
    });
  await collectWrong(tx, p, wrong, 'mock', now);
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'mock_attempt',
      targetId: r.id,
      action: kind === 'timeout' ? '模拟自测超时自动交卷' : '模拟自测交卷',
      orgPath: p.orgPath,
      provinceId: p.provinceId,
      before: { status: 'in_progress' },
      after: { status: 'submitted', score: result.score, correct: result.correct, total: result.total },
    },
    requestId,
  );
  return row;
}

async function closeTimedOut(tx: DbOrTx, actor: Actor, p: PhysicianRow, now: Date): Promise<void> {
  const open = await findOpenMocks(tx, p, true);
  for (const r of open) if (isTimedOut(r.deadlineAt, now)) await finalizeMock(tx, actor, p, r, now, 'timeout');
}

export async function mockPapers(deps: Deps, actor: Actor): Promise<TMockPapers> {
  const p = await findOwnPhysician(deps.db, actor);
  const now = deps.now();
  const open = await findOpenMocks(deps.db, p);
  const items = [];
  for (const paper of ['humanities', 'professional'] as const) {
    const rules = await mockRules(deps.db, p, paper);
    let blocked: string | null = null;
    try {
      drawPaper(await bankFor(deps.db, p, paper), rules.blueprint, 'check');
    } catch (err) {
      if (!(err instanceof PaperDrawError)) throw err;
      blocked = `暂不能组卷：${err.message}`;
    }
    const running = open.find((r) => r.paper === paper && !isTimedOut(r.deadlineAt, now));
    items.push({
      paper,
      label: PAPER_LABELS[paper],
      durationMinutes: rules.blueprint.durationMinutes,
      questionCount: rules.blueprint.questionCount,
      passScore: rules.passScore,
      blocked,
      inProgressId: running?.id ?? null,
    });
  }
  return { items };
}

/** Start a mock paper (or resume the one still running for this paper). */
export async function startMock(
  deps: Deps,
  actor: Actor,
  paper: PaperType,
  requestId?: string,
): Promise<{ id: number; resumed: boolean }> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor, true);
    const now = deps.now();
    await closeTimedOut(tx, actor, p, now);
    const running = await findRunningMockId(tx, p, paper);
    if (running) return { id: running, resumed: true };
    const rules = await mockRules(tx, p, paper);
    let drawn: FrozenPaper;
    try {
      drawn = drawPaper(await bankFor(tx, p, paper), rules.blueprint, randomBytes(16).toString('hex'));
    } catch (err) {
      if (err instanceof PaperDrawError) throw new AppError('BANK_INSUFFICIENT', `暂不能组卷：${err.message}`, 409);
      throw err;
    }
    const [row] = await tx
      .insert(mockAttempts)
      .values({
        physicianId: p.id,
        provinceId: p.provinceId,
        paper,
        practiceCategory: paper === 'professional' ? p.practiceCategory : null,
        durationMinutes: rules.blueprint.durationMinutes,
        questionCount: drawn.items.length,
        passScore: rules.passScore,
        items: drawn.items,
        startedAt: now,
        deadlineAt: new Date(now.getTime() + rules.blueprint.durationMinutes * 60_000),
      })
      .returning({ id: mockAttempts.id });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'mock_attempt',
        targetId: row.id,
        action: `开始${PAPER_LABELS[paper]}`,
        orgPath: p.orgPath,
        provinceId: p.provinceId,
        after: { questions: drawn.items.length },
      },
      requestId,
    );
    return { id: row.id, resumed: false };
  });
}

export async function mockHistory(deps: Deps, actor: Actor): Promise<{ items: TMockSummary[] }> {
  const p = await findOwnPhysician(deps.db, actor);
  const rows = await findMockHistory(deps.db, p);
  return { items: rows.map(summary) };
}

/** One mock attempt: the paper while running (no answers shown), the review after submission. */
export async function getMock(deps: Deps, actor: Actor, id: number): Promise<TMockAttempt> {
  const now = deps.now();
  const r = await deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const row = await lockOwnMock(tx, p, id);
    if (row.status === 'in_progress' && isTimedOut(row.deadlineAt, now))
      return finalizeMock(tx, actor, p, row, now, 'timeout');
    return row;
  });
  const vids = r.items.map((i) => i.v);
  const versions = await findVersionsById(deps.db, vids);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const rendered = renderPaper({ items: r.items }, byId);
  const done = r.status === 'submitted';
  const sheet = sheetOf(r);
  const scored = done ? scorePaper({ items: r.items }, sheet) : null;
  return {
    ...summary(r),
    durationMinutes: r.durationMinutes,
    remainingSeconds: done ? 0 : remainingSeconds(r.deadlineAt, now),
    items: rendered.map((it) => ({
      ...it,
      chosen: sheet[it.index] ?? [],
      correctIds: done ? r.items[it.index].a : null,
      correct: scored ? scored.items[it.index].correct : null,
      explanation: done ? (byId.get(r.items[it.index].v)?.explanation ?? '') : null,
    })),
  };
}

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

export async function submitMock(deps: Deps, actor: Actor, id: number, requestId?: string): Promise<TMockSummary> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const r = await lockOwnMock(tx, p, id);
    if (r.status !== 'in_progress') throw conflict('本次模拟自测已交卷');
    const now = deps.now();
    return summary(
      await finalizeMock(tx, actor, p, r, now, isTimedOut(r.deadlineAt, now) ? 'timeout' : 'manual', requestId),
    );
  });
}

// ---------------------------------------------------------------- 错题收藏

export async function wrongList(
  deps: Deps,
  actor: Actor,
  f: { bank?: 'humanities' | 'professional'; page: number; pageSize: number },
): Promise<TWrongList> {
  const p = await findOwnPhysician(deps.db, actor);
  const { total, rows } = await findWrongPage(deps.db, p, f);
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    items: rows.map(({ w, q, v }) => ({
      id: w.id,
      questionId: q.id,
      versionId: v.id,
      bank: q.bank,
      category: q.category,
      type: v.type,
      stem: v.stem,
      options: v.options,
      answer: v.answer,
      chosen: w.chosen,
      explanation: v.explanation,
      source: w.source,
      wrongCount: w.wrongCount,
      lastWrongAt: w.lastWrongAt.toISOString(),
    })),
  };
}

export async function removeWrong(deps: Deps, actor: Actor, id: number, requestId?: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const [row] = await tx
      .delete(wrongQuestions)
      .where(and(eq(wrongQuestions.id, id), eq(wrongQuestions.physicianId, p.id)))
      .returning();
    if (!row) throw notFound('错题');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'wrong_question',
        targetId: id,
        action: '移出错题收藏',
        orgPath: p.orgPath,
        provinceId: p.provinceId,
        before: { questionId: row.questionId },
      },
      requestId,
    );
  });
}

export async function clearWrong(deps: Deps, actor: Actor, requestId?: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const rows = await tx
      .delete(wrongQuestions)
      .where(eq(wrongQuestions.physicianId, p.id))
      .returning({ id: wrongQuestions.id });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'physician',
        targetId: p.id,
        action: '清空错题收藏',
        orgPath: p.orgPath,
        provinceId: p.provinceId,
        after: { removed: rows.length },
      },
      requestId,
    );
    return rows.length;
  });
}

// ---------------------------------------------------------------- 考前资料

export async function materials(deps: Deps, actor: Actor): Promise<TMaterial[]> {
  const rows = await findPublishedMaterials(deps.db, actor);
  return materialDto(deps.db, rows);
}

export async function material(deps: Deps, actor: Actor, id: number): Promise<TMaterial> {
  const row = await findPublishedMaterial(deps.db, actor, id);
  if (!row) throw notFound('考前资料');
  return (await materialDto(deps.db, [row]))[0];
}
