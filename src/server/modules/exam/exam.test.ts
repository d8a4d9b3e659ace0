import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  cycles,
  enrolments,
  examAnswers,
  examAttempts,
  examBlueprints,
  questions,
  questionVersions,
} from '../../db/schema/index.js';
import {
  buildPhysician,
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';
import { analyseResponses } from './analysis/item-stats.js';
import { createSaveQueue } from './attempt/save-queue.js';
import { type SessionSave, scoreAttempts, upsertAnswersWithSession, upsertAnswerWithSession } from './exam.repo.js';
import {
  closeExamWindow,
  compactClosedAttempts,
  examDeps,
  predrawPapers,
  saveAnswerInOneStatement,
  sweepTimedOut,
} from './exam.service.js';
import { sessionIdOf } from '../../platform/sessions.js';
import { bankKeysOf, scorePaper, type FrozenPaper } from './paper.js';

let ctx: TestContext;
const NOW = new Date('2026-06-10T10:00:00+08:00');
beforeAll(async () => {
  ctx = await createTestApp();
  ctx.setNow(NOW);
});
afterAll(async () => ctx.close());

const WINDOWS = {
  registration: { start: '2026-03-01', end: '2026-05-31' },
  deferral: { start: '2026-03-01', end: '2026-05-30' },
  exam: { start: '2026-06-01', end: '2026-06-27' },
  grading: { start: '2026-06-30', end: '2026-07-09' },
  reexam: { start: '2026-11-01', end: '2026-11-28' },
  reexamGrading: { start: '2026-12-01', end: '2026-12-20' },
};

async function addQuestions(
  db: Db,
  provinceId: number,
  bank: 'humanities' | 'professional',
  n: number,
  practiceCategory: string | null = null,
) {
  for (let i = 0; i < n; i++) {
    const type = i % 5 === 4 ? 'multiple' : i % 5 === 3 ? 'judge' : 'single';
    const [q] = await db
      .insert(questions)
      .values({
        provinceId,
        bank,
        category: bank === 'humanities' ? ['法律法规', '医学伦理'][i % 2] : '内科',
        practiceCategory,
      })
      .returning();
    const options =
      type === 'judge'
        ? [
            { key: 'A', text: '正确' },
            { key: 'B', text: '错误' },
          ]
        : ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `题${i}选项${key}` }));
    const [v] = await db
      .insert(questionVersions)
      .values({
        questionId: q.id,
        version: 1,
        type,
        stem: `${bank}试题${i}`,
        options,
        answer: type === 'multiple' ? ['A', 'C'] : ['A'],
        difficulty: (i % 5) + 1,
      })
      .returning();
    await db.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, q.id));
  }
}

async function setup(
  db: Db,
  opts: { humanitiesCount?: number; professionalCount?: number; humanitiesAttempts?: number } = {},
) {
  const p = await buildProvince(db);
  const [cycle] = await db
    .insert(cycles)
    .values({
      provinceId: p.province.id,
      name: '2025—2027 考核周期',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
      windows: WINDOWS,
    })
    .returning();
  await addQuestions(db, p.province.id, 'humanities', 12);
  await addQuestions(db, p.province.id, 'professional', 8, '临床');
  await addQuestions(db, p.province.id, 'professional', 8, '中医');
  await db.insert(examBlueprints).values([
    {
      cycleId: cycle.id,
      provinceId: p.province.id,
      paperType: 'humanities',
      durationMinutes: 60,
      questionCount: opts.humanitiesCount ?? 5,
      attempts: opts.humanitiesAttempts ?? 3,
      rules: [{ category: '法律法规', count: 2 }],
    },
    {
      cycleId: cycle.id,
      provinceId: p.province.id,
      paperType: 'professional',
      durationMinutes: 30,
      questionCount: opts.professionalCount ?? 4,
      attempts: 1,
      rules: [],
    },
  ]);
  const enrol = async (
    over: Partial<typeof enrolments.$inferInsert> & {
      level?: '执业医师' | '执业助理医师';
      practiceCategory?: string;
      hospital?: typeof p.hospitalA;
    } = {},
  ) => {
    const { level = '执业医师', practiceCategory = '临床', hospital = p.hospitalA, ...rest } = over;
    const doc = await buildPhysician(db, hospital, { level, practiceCategory });
    const [e] = await db
      .insert(enrolments)
      .values({
        cycleId: cycle.id,
        provinceId: p.province.id,
        physicianId: doc.id,
        institutionId: hospital.id,
        orgPath: hospital.path,
        assessmentBodyId: p.body.id,
        status: 'ready_for_exam',
        procedure: 'general',
        workResult: '合格',
        ethicsResult: '合格',
        ...rest,
      })
      .returning();
    const s = await sessionFor(ctx, doc.accountId, 'physician');
    return { e, doc, s };
  };
  return { p, cycle, enrol };
}

const enrolmentRow = async (id: number) => (await ctx.db.select().from(enrolments).where(eq(enrolments.id, id)))[0];
const attemptRow = async (id: number) => (await ctx.db.select().from(examAttempts).where(eq(examAttempts.id, id)))[0];

/** A journal entry as the test page sends it: the next sequence number of this test run's device. */
const DEVICE = 'test-device-1';
let journalSeq = 0;
const j = <T extends object>(body: T) => ({ ...body, seq: ++journalSeq, deviceId: DEVICE });

async function start(s: TestSession, paperType: 'humanities' | 'professional', consent = true) {
  if (consent) expect((await s.inject({ method: 'POST', url: '/api/exam/consent' })).statusCode).toBe(200);
  const r = await s.inject({ method: 'POST', url: `/api/exam/papers/${paperType}/start` });
  return r;
}

/** Answer the paper: `right` questions correctly (by the frozen key), the rest wrong. */
async function answer(s: TestSession, attemptId: number, right: number) {
  const a = await attemptRow(attemptId);
  for (const [i, item] of a.paper.items.entries()) {
    const wrong = item.o.filter((id) => !item.a.includes(id)).slice(0, 1);
    const choice = i < right ? item.a : wrong;
    const r = await s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/${i}`,
      payload: j({ choice }),
    });
    expect(r.statusCode, r.body).toBe(200);
  }
}

describe('taking a test', () => {
  it('start requires consent, draws a frozen paper with opaque ids; resume returns the same attempt; answers autosave; 交卷 scores on the server', async () => {
    const { enrol } = await setup(ctx.db);
    const { e, s } = await enrol({ procedure: 'simple' });
    const noConsent = await start(s, 'humanities', false);
    expect(noConsent.statusCode).toBe(409);
    expect(noConsent.json().message).toContain('人脸信息采集授权');

    const r = await start(s, 'humanities');
    expect(r.statusCode, r.body).toBe(200);
    const { attemptId, resumed } = r.json();
    expect(resumed).toBe(false);
    expect((await start(s, 'humanities')).json()).toEqual({ attemptId, resumed: true });

    const paper = (await s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}/paper` })).json();
    expect(paper.items).toHaveLength(5);
    for (const it of paper.items) for (const o of it.options) expect(o.id).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(JSON.stringify(paper)).not.toMatch(/"(a|k|answer)"/);

    // save, change, mark, clear
    const row = await attemptRow(attemptId);
    const first = row.paper.items[0];
    await s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/0`,
      payload: j({ choice: [first.o[0]] }),
    });
    await s.inject({ method: 'PUT', url: `/api/exam/attempts/${attemptId}/answers/0`, payload: j({ marked: true }) });
    let state = (await s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}` })).json();
    expect(state.answers).toEqual([{ index: 0, choice: [first.o[0]], marked: true, seq: journalSeq }]);
    expect(state.remainingSeconds).toBe(3600);

    ctx.setNow(new Date(NOW.getTime() + 10 * 60_000));
    state = (await s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}` })).json();
    expect(state.remainingSeconds).toBe(3000);

    await answer(s, attemptId, 4); // 4 of 5 right → 80
    const sub = await s.inject({ method: 'POST', url: `/api/exam/attempts/${attemptId}/submit` });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toEqual({ status: 'submitted', score: 80, passed: true, finished: true });
    // simple procedure: 人文医学 passed → FINISH_PAPERS
    expect(await enrolmentRow(e.id)).toMatchObject({
      status: 'pending_grading',
      humanitiesScore: 80,
      professionalScore: null,
    });
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'exam_attempt' AND target_id = '${attemptId}'`)).toBe(2);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'enrolment' AND target_id = '${e.id}' AND action = '完成测评'`,
      ),
    ).toBe(1);

    // after submission: saves, paper and a second submit are refused
    const late = await s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/1`,
      payload: j({ choice: [row.paper.items[1].o[0]] }),
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('已交卷');
    expect((await s.inject({ method: 'POST', url: `/api/exam/attempts/${attemptId}/submit` })).statusCode).toBe(409);
    expect((await s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}/paper` })).statusCode).toBe(409);
    ctx.setNow(NOW);
  });

  it('refuses tampered option ids, questions not in the attempt and another physician’s attempt (404); nothing saved', async () => {
    const { enrol } = await setup(ctx.db);
    const a = await enrol();
    const b = await enrol();
    const { attemptId } = (await start(a.s, 'humanities')).json();
    const row = await attemptRow(attemptId);
    const other = (await start(b.s, 'humanities')).json().attemptId;
    const otherRow = await attemptRow(other);

    const tampered = await a.s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/0`,
      payload: j({ choice: [otherRow.paper.items[0].o[0]] }),
    });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().message).toContain('选项不属于本题');
    const bankKey = await a.s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/0`,
      payload: j({ choice: ['A'] }),
    });
    expect(bankKey.statusCode).toBe(400);
    const outside = await a.s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/5`,
      payload: j({ choice: [row.paper.items[0].o[0]] }),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('不在本试卷');
    const single = row.paper.items.findIndex((i) => i.t === 'single');
    const two = await a.s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/${single}`,
      payload: j({ choice: row.paper.items[single].o.slice(0, 2) }),
    });
    expect(two.statusCode).toBe(400);

    for (const req of [
      {
        method: 'PUT' as const,
        url: `/api/exam/attempts/${other}/answers/0`,
        payload: j({ choice: [otherRow.paper.items[0].o[0]] }),
      },
      { method: 'GET' as const, url: `/api/exam/attempts/${other}/paper` },
      { method: 'GET' as const, url: `/api/exam/attempts/${other}` },
      { method: 'POST' as const, url: `/api/exam/attempts/${other}/submit` },
      { method: 'GET' as const, url: `/api/exam/attempts/999999999` },
    ]) {
      const r = await a.s.inject(req);
      expect(r.statusCode, req.url).toBe(404);
    }
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id IN (${attemptId}, ${other})`)).toBe(0);
    expect((await attemptRow(other)).status).toBe('in_progress');
  });

  it('time-out: saves after the deadline are refused, the attempt is submitted with what was saved (lazily and by the sweeper)', async () => {
    const { enrol } = await setup(ctx.db);
    const { e, s } = await enrol({ procedure: 'simple' });
    const { attemptId } = (await start(s, 'humanities')).json();
    await answer(s, attemptId, 3); // 3/5 = 60 → passes
    ctx.setNow(new Date(NOW.getTime() + 60 * 60_000));
    const r = await s.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/4`,
      payload: j({ marked: true }),
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('考试时间已到');
    const a = await attemptRow(attemptId);
    expect(a).toMatchObject({ status: 'timed_out', score: 60, passed: true });
    expect(a.submittedAt).toEqual(a.deadlineAt);
    expect((await enrolmentRow(e.id)).status).toBe('pending_grading');

    // the sweeper closes attempts nobody touches
    const other = await enrol({ procedure: 'simple' });
    ctx.setNow(NOW);
    const second = (await start(other.s, 'humanities')).json().attemptId;
    await answer(other.s, second, 1);
    ctx.setNow(new Date(NOW.getTime() + 61 * 60_000));
    expect(await sweepTimedOut(examDeps(ctx.deps))).toBeGreaterThanOrEqual(1);
    expect(await attemptRow(second)).toMatchObject({ status: 'timed_out', score: 20, passed: false });
    expect((await enrolmentRow(other.e.id)).status).toBe('ready_for_exam'); // attempts left
    ctx.setNow(NOW);
  });

  it('人文医学: several attempts until a passing score, then no more; attempts exhausted → finished with the best score', async () => {
    const { enrol } = await setup(ctx.db, { humanitiesAttempts: 2 });
    const { e, s } = await enrol({ procedure: 'simple' });
    const first = (await start(s, 'humanities')).json().attemptId;
    await answer(s, first, 1);
    expect((await s.inject({ method: 'POST', url: `/api/exam/attempts/${first}/submit` })).json()).toMatchObject({
      score: 20,
      passed: false,
      finished: false,
    });
    const ov = (await s.inject({ method: 'GET', url: '/api/exam/overview' })).json();
    expect(ov.papers[0]).toMatchObject({ attemptsUsed: 1, attemptsLeft: 1, bestScore: 20, canEnter: true });
    const second = (await start(s, 'humanities')).json().attemptId;
    expect(second).not.toBe(first);
    const [p1, p2] = [await attemptRow(first), await attemptRow(second)];
    expect(p2.attemptNo).toBe(2);
    const ids1 = new Set(p1.paper.items.flatMap((i) => i.o));
    expect(p2.paper.items.flatMap((i) => i.o).filter((id) => ids1.has(id))).toEqual([]);
    await answer(s, second, 2);
    expect((await s.inject({ method: 'POST', url: `/api/exam/attempts/${second}/submit` })).json()).toMatchObject({
      score: 40,
      finished: true,
    });
    expect(await enrolmentRow(e.id)).toMatchObject({ status: 'pending_grading', humanitiesScore: 40 });
    const third = await start(s, 'humanities');
    expect(third.statusCode).toBe(409);
  });

  it('general procedure: 业务水平 only after 人文医学 passed, exactly one attempt, then FINISH_PAPERS with both scores; professional drawn for the 执业类别', async () => {
    const { enrol } = await setup(ctx.db);
    const { e, s } = await enrol({ practiceCategory: '中医', level: '执业助理医师' });
    const early = await start(s, 'professional');
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('请先完成人文医学测评');
    const h = (await start(s, 'humanities')).json().attemptId;
    await answer(s, h, 5);
    expect((await s.inject({ method: 'POST', url: `/api/exam/attempts/${h}/submit` })).json()).toMatchObject({
      score: 100,
      passed: true,
      finished: false,
    });
    expect((await start(s, 'humanities')).statusCode).toBe(409);

    const p = (await start(s, 'professional')).json().attemptId;
    const pr = await attemptRow(p);
    expect(pr.passScore).toBe(55);
    const qids = pr.paper.items.map((i) => i.q);
    const cats = await ctx.db
      .select({ pc: questions.practiceCategory })
      .from(questions)
      .where(eq(questions.id, qids[0]));
    expect(cats[0].pc).toBe('中医');
    await answer(s, p, 2); // 2/4 = 50 < 55
    expect((await s.inject({ method: 'POST', url: `/api/exam/attempts/${p}/submit` })).json()).toMatchObject({
      score: 50,
      passed: false,
      finished: true,
    });
    expect(await enrolmentRow(e.id)).toMatchObject({
      status: 'pending_grading',
      humanitiesScore: 100,
      professionalScore: 50,
    });
    const again = await start(s, 'professional');
    expect(again.statusCode).toBe(409);
  });

  it('exempt papers are not offered; 人文医学 exempt goes straight to 业务水平', async () => {
    const { enrol } = await setup(ctx.db);
    const hx = await enrol({ humanitiesExempt: true });
    expect((await start(hx.s, 'humanities')).json().message).toContain('已免考');
    const p = (await start(hx.s, 'professional')).json().attemptId;
    await answer(hx.s, p, 4);
    expect((await hx.s.inject({ method: 'POST', url: `/api/exam/attempts/${p}/submit` })).json()).toMatchObject({
      score: 100,
      finished: true,
    });
    expect(await enrolmentRow(hx.e.id)).toMatchObject({
      status: 'pending_grading',
      professionalScore: 100,
      humanitiesScore: null,
    });

    const px = await enrol({ professionalExempt: true });
    const ov = (await px.s.inject({ method: 'GET', url: '/api/exam/overview' })).json();
    expect(ov.papers.find((x: { paperType: string }) => x.paperType === 'professional')).toMatchObject({
      exempt: true,
      canEnter: false,
      required: false,
    });
    expect((await start(px.s, 'professional')).statusCode).toBe(409);
    const h = (await start(px.s, 'humanities')).json().attemptId;
    await answer(px.s, h, 5);
    expect((await px.s.inject({ method: 'POST', url: `/api/exam/attempts/${h}/submit` })).json()).toMatchObject({
      finished: true,
    });

    const simple = await enrol({ procedure: 'simple' });
    const ov2 = (await simple.s.inject({ method: 'GET', url: '/api/exam/overview' })).json();
    expect(ov2.papers.map((x: { paperType: string }) => x.paperType)).toEqual(['humanities']);
  });

  it('window: outside the first-round window refused naming it; deferred physicians take the first exam in the re-exam window; wrong status refused', async () => {
    const { enrol } = await setup(ctx.db);
    const { s } = await enrol();
    ctx.setNow(new Date('2026-07-01T10:00:00+08:00'));
    const r = await start(s, 'humanities');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('首轮考核时间');
    const deferred = await enrol({ deferralApproved: true });
    ctx.setNow(NOW);
    const d1 = await start(deferred.s, 'humanities');
    expect(d1.json().message).toContain('再次考核时间');
    ctx.setNow(new Date('2026-11-05T10:00:00+08:00'));
    const d2 = await start(deferred.s, 'humanities');
    expect(d2.statusCode, d2.body).toBe(200);
    expect((await attemptRow(d2.json().attemptId)).round).toBe('first');
    ctx.setNow(NOW);
    const notYet = await enrol({ status: 'pending_body_evaluation' });
    const n = await start(notYet.s, 'humanities');
    expect(n.statusCode).toBe(409);
    expect(n.json().message).toContain('待考核机构复核评定');
  });

  it('re-exam: only the failed paper is taken again; FINISH_REEXAM keeps the other score', async () => {
    const { enrol } = await setup(ctx.db);
    const { e, s } = await enrol({
      status: 'reexam_ready',
      humanitiesScore: 90,
      professionalScore: 40,
      failReason: 'exam',
      finalResult: '不合格',
    });
    ctx.setNow(new Date('2026-11-05T10:00:00+08:00'));
    expect((await start(s, 'humanities')).json().message).toContain('首轮考核已合格');
    const p = (await start(s, 'professional')).json().attemptId;
    expect((await attemptRow(p)).round).toBe('reexam');
    await answer(s, p, 3);
    expect((await s.inject({ method: 'POST', url: `/api/exam/attempts/${p}/submit` })).json()).toMatchObject({
      score: 75,
      finished: true,
    });
    expect(await enrolmentRow(e.id)).toMatchObject({
      status: 'pending_reexam_grading',
      humanitiesScore: 90,
      professionalScore: 75,
    });
    ctx.setNow(NOW);
  });

  it('the frozen paper is unaffected by bank edits and retirements after start', async () => {
    const { enrol } = await setup(ctx.db);
    const { s } = await enrol();
    const id = (await start(s, 'humanities')).json().attemptId;
    const before = (await s.inject({ method: 'GET', url: `/api/exam/attempts/${id}/paper` })).body;
    const row = await attemptRow(id);
    const qid = row.paper.items[0].q;
    // edit = new version with another answer; then retire another question
    const [v2] = await ctx.db
      .insert(questionVersions)
      .values({
        questionId: qid,
        version: 2,
        type: 'single',
        stem: '改过的题干',
        options: [
          { key: 'A', text: 'x' },
          { key: 'B', text: 'y' },
        ],
        answer: ['B'],
      })
      .returning();
    await ctx.db.update(questions).set({ currentVersionId: v2.id }).where(eq(questions.id, qid));
    await ctx.db.update(questions).set({ status: 'retired' }).where(eq(questions.id, row.paper.items[1].q));
    expect((await attemptRow(id)).paper).toEqual(row.paper);
    examDeps(ctx.deps).examCaches.attempts.forget(id); // even re-rendered from the database
    expect((await s.inject({ method: 'GET', url: `/api/exam/attempts/${id}/paper` })).body).toBe(before);
    await answer(s, id, 5);
    expect((await s.inject({ method: 'POST', url: `/api/exam/attempts/${id}/submit` })).json().score).toBe(100);
  });
});

describe('closing a window', () => {
  it('marks physicians still waiting as absent (不合格), keeps deferred ones, and only after the window end', async () => {
    const { enrol, cycle, p } = await setup(ctx.db);
    const absent = await enrol();
    const deferred = await enrol({ deferralApproved: true });
    const inProgress = await enrol({ procedure: 'simple' });
    const id = (await start(inProgress.s, 'humanities')).json().attemptId;
    await answer(inProgress.s, id, 5);
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    const early = await admin.inject({ method: 'POST', url: '/api/exam/close-window', payload: { round: 'first' } });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('尚未结束');
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    ctx.setNow(new Date('2026-06-28T08:00:00+08:00'));
    expect(
      (await city.inject({ method: 'POST', url: '/api/exam/close-window', payload: { round: 'first' } })).statusCode,
    ).toBe(403);
    const res = await admin.inject({ method: 'POST', url: '/api/exam/close-window', payload: { round: 'first' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ timedOut: 1, finished: 0, markedAbsent: 1 });
    expect(await enrolmentRow(absent.e.id)).toMatchObject({
      status: 'failed',
      failReason: 'absent',
      finalResult: '不合格',
    });
    expect((await enrolmentRow(deferred.e.id)).status).toBe('ready_for_exam');
    expect(await enrolmentRow(inProgress.e.id)).toMatchObject({ status: 'pending_grading', humanitiesScore: 100 });
    // re-exam window closes the deferred one
    ctx.setNow(new Date('2026-11-30T08:00:00+08:00'));
    expect(await closeExamWindow(examDeps(ctx.deps), cycle.id, 'reexam')).toEqual({
      timedOut: 0,
      finished: 0,
      markedAbsent: 1,
    });
    expect(await enrolmentRow(deferred.e.id)).toMatchObject({ status: 'failed', failReason: 'absent' });
    ctx.setNow(NOW);
  });
});

describe('blueprints (试卷设置)', () => {
  it('province reads defaults and saves; professional is one attempt; lower levels are refused', async () => {
    const { p, cycle } = await setup(ctx.db);
    await ctx.db.delete(examBlueprints).where(eq(examBlueprints.cycleId, cycle.id));
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    const got = (await admin.inject({ method: 'GET', url: '/api/exam/blueprints' })).json();
    expect(got.papers[0]).toMatchObject({
      paperType: 'humanities',
      durationMinutes: 60,
      questionCount: 50,
      attempts: 10,
      custom: false,
    });
    expect(got.papers[1]).toMatchObject({ paperType: 'professional', questionCount: 100, attempts: 1 });
    expect(got.papers[1].passLines).toEqual([
      { label: '执业医师', score: 60 },
      { label: '执业助理医师', score: 55 },
    ]);
    expect(got.papers[0].warning).toContain('少于题量');
    const bad = await admin.inject({
      method: 'PUT',
      url: '/api/exam/blueprints/professional',
      payload: { durationMinutes: 60, questionCount: 8, attempts: 2, rules: [] },
    });
    expect(bad.json().message).toContain('仅一次答题机会');
    const tooMany = await admin.inject({
      method: 'PUT',
      url: '/api/exam/blueprints/humanities',
      payload: { durationMinutes: 45, questionCount: 5, attempts: 5, rules: [{ category: '法律法规', count: 6 }] },
    });
    expect(tooMany.statusCode).toBe(400);
    const ok = await admin.inject({
      method: 'PUT',
      url: '/api/exam/blueprints/humanities',
      payload: { durationMinutes: 45, questionCount: 10, attempts: 5, rules: [{ category: '法律法规', count: 3 }] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const saved = (await admin.inject({ method: 'GET', url: '/api/exam/blueprints' })).json();
    expect(saved.papers[0]).toMatchObject({
      durationMinutes: 45,
      questionCount: 10,
      attempts: 5,
      custom: true,
      warning: null,
    });
    expect(
      await countRows(ctx.db, 'audit_log', `target_type = 'exam_blueprint' AND target_id = '${cycle.id}:humanities'`),
    ).toBe(1);
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    expect(
      (
        await district.inject({
          method: 'PUT',
          url: '/api/exam/blueprints/humanities',
          payload: { durationMinutes: 1, questionCount: 5, attempts: 1, rules: [] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await district.inject({ method: 'GET', url: '/api/exam/blueprints' })).statusCode).toBe(403);
    const [row] = await ctx.db
      .select()
      .from(examBlueprints)
      .where(and(eq(examBlueprints.cycleId, cycle.id), eq(examBlueprints.paperType, 'humanities')));
    expect(row.durationMinutes).toBe(45);
  });
});

describe('the answer journal: sequence-guarded saves', () => {
  const put = (s: TestSession, id: number, i: number, body: Record<string, unknown>) =>
    s.inject({ method: 'PUT', url: `/api/exam/attempts/${id}/answers/${i}`, payload: body });
  const stored = async (id: number, i: number) =>
    (
      await ctx.db
        .select()
        .from(examAnswers)
        .where(and(eq(examAnswers.attemptId, id), eq(examAnswers.questionIndex, i)))
    )[0];

  it('resent, duplicated, reordered and stale entries never overwrite a newer answer; all are acknowledged', async () => {
    const { enrol } = await setup(ctx.db);
    const { s } = await enrol({ procedure: 'simple' });
    const { attemptId } = (await start(s, 'humanities')).json();
    const item = (await attemptRow(attemptId)).paper.items[0];
    const dev = 'phone-A-1234';
    const [x, y] = [[item.o[0]], [item.o[1]]];

    // entries 1 (x) and 2 (y) arrive in reverse order: 2 applies, 1 is stale
    let r = await put(s, attemptId, 0, { choice: y, seq: 2, deviceId: dev });
    expect(r.json()).toMatchObject({ ok: true, applied: true, seq: 2 });
    r = await put(s, attemptId, 0, { choice: x, seq: 1, deviceId: dev });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, applied: false, seq: 2 });
    expect(await stored(attemptId, 0)).toMatchObject({ choice: y[0], seq: 2 });
    // the same entry resent (a lost acknowledgement) and duplicated: acknowledged, unchanged
    for (let k = 0; k < 3; k++) {
      r = await put(s, attemptId, 0, { choice: y, seq: 2, deviceId: dev });
      expect(r.json()).toMatchObject({ applied: false, seq: 2 });
    }
    // a newer entry (the mark) applies and keeps the choice
    r = await put(s, attemptId, 0, { marked: true, seq: 7, deviceId: dev });
    expect(r.json()).toMatchObject({ applied: true, seq: 7 });
    expect(await stored(attemptId, 0)).toMatchObject({ choice: y[0], marked: true, seq: 7 });
    // seqs are per attempt, not per question: another question with a lower seq is fine
    r = await put(s, attemptId, 1, {
      choice: [(await attemptRow(attemptId)).paper.items[1].o[0]],
      seq: 3,
      deviceId: dev,
    });
    expect(r.json()).toMatchObject({ applied: true });
    // the state tells the page which seq the server holds per question
    const state = (await s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}` })).json();
    expect(state.answers.map((a: { index: number; seq: number }) => [a.index, a.seq])).toEqual([
      [0, 7],
      [1, 3],
    ]);
  });

  it('refuses a sequence number from the future, a missing one, a bad device id and a question outside the paper', async () => {
    const { enrol } = await setup(ctx.db);
    const { s } = await enrol({ procedure: 'simple' });
    const { attemptId } = (await start(s, 'humanities')).json();
    const item = (await attemptRow(attemptId)).paper.items[0];
    const dev = 'phone-A-1234';
    for (const [body, msg] of [
      [{ choice: [item.o[0]], seq: 1_000_001, deviceId: dev }, '答题序号超出范围'],
      [{ choice: [item.o[0]], seq: 0, deviceId: dev }, '答题序号不正确'],
      [{ choice: [item.o[0]], seq: 1.5, deviceId: dev }, '答题序号不正确'],
      [{ choice: [item.o[0]], deviceId: dev }, '答题序号'],
      [{ choice: [item.o[0]], seq: 1 }, ''],
      [{ choice: [item.o[0]], seq: 1, deviceId: 'x' }, '设备标识不正确'],
    ] as const) {
      const r = await put(s, attemptId, 0, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().message).toContain(msg);
      expect(r.body).not.toMatch(/[a-z]+_[a-z]+|Expected|invalid/i);
    }
    const outside = await put(s, attemptId, 5, { marked: true, seq: 1, deviceId: dev });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('不在本试卷');
    const huge = await put(s, attemptId, 1000, { marked: true, seq: 1, deviceId: dev });
    expect(huge.statusCode).toBe(400);
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${attemptId}`)).toBe(0);
  });

  it('a second device takes over: it continues above the stored seq; the first device is refused (DEVICE_REPLACED) and audited', async () => {
    const { enrol } = await setup(ctx.db);
    const a = await enrol({ procedure: 'simple' });
    const b = await enrol({ procedure: 'simple' });
    const { attemptId } = (await start(a.s, 'humanities')).json();
    const items = (await attemptRow(attemptId)).paper.items;
    const claim = (s: TestSession, deviceId: string, id = attemptId) =>
      s.inject({ method: 'POST', url: `/api/exam/attempts/${id}/claim`, payload: { deviceId } });

    expect((await claim(a.s, 'phone-A-1234')).json()).toMatchObject({ seqBase: 0, tookOver: false });
    await put(a.s, attemptId, 0, { choice: [items[0].o[0]], seq: 40, deviceId: 'phone-A-1234' });
    // reloading on the same phone is not a take-over
    expect((await claim(a.s, 'phone-A-1234')).json()).toMatchObject({ seqBase: 40, tookOver: false });
    // the physician opens the attempt on a second phone
    const second = (await claim(a.s, 'phone-B-5678')).json();
    expect(second).toMatchObject({ seqBase: 40, tookOver: true });
    let r = await put(a.s, attemptId, 0, { choice: [items[0].o[1]], seq: 41, deviceId: 'phone-B-5678' });
    expect(r.json()).toMatchObject({ applied: true });
    // the first phone's later entries (even with a higher seq) are refused, not silently dropped
    r = await put(a.s, attemptId, 0, { choice: [items[0].o[2] ?? items[0].o[0]], seq: 99, deviceId: 'phone-A-1234' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('DEVICE_REPLACED');
    expect(r.json().message).toContain('另一台设备');
    expect(await stored(attemptId, 0)).toMatchObject({ choice: items[0].o[1], seq: 41 });
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'exam_attempt' AND target_id = '${attemptId}' AND action = '在另一台设备上继续答题'`,
      ),
    ).toBe(1);
    // another physician cannot claim the attempt (404, nothing changed)
    expect((await claim(b.s, 'phone-C-0000')).statusCode).toBe(404);
    expect((await attemptRow(attemptId)).deviceId).toBe('phone-B-5678');
  });

  it('closing compacts the answers onto the attempt: exam_answers keeps only attempts in progress; state and score unchanged', async () => {
    const { enrol } = await setup(ctx.db);
    const { s } = await enrol({ procedure: 'simple' });
    const { attemptId } = (await start(s, 'humanities')).json();
    await answer(s, attemptId, 3);
    const before = (await s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}` })).json().answers;
    expect(before).toHaveLength(5);
    const sub = (await s.inject({ method: 'POST', url: `/api/exam/attempts/${attemptId}/submit` })).json();
    expect(sub.score).toBe(60);
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${attemptId}`)).toBe(0);
    const row = await attemptRow(attemptId);
    expect(row.answers).toEqual(before.map((a: { choice: string[] }) => a.choice.join(',')));
    const after = (await s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}` })).json();
    expect(after.answers.map((a: { index: number; choice: string[] }) => [a.index, a.choice])).toEqual(
      before.map((a: { index: number; choice: string[] }) => [a.index, a.choice]),
    );
    expect(after).toMatchObject({ status: 'submitted', score: 60 });
  });
});

describe('the save checks the session inside its own statement (decision 0055)', () => {
  const put = (headers: Record<string, string>, id: number, i: number, payload: unknown) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${id}/answers/${i}`,
      headers,
      payload: payload as object,
    });
  const ok = (items: { o: string[] }[], i = 0) => ({ choice: [items[i].o[0]], seq: ++journalSeq, deviceId: DEVICE });

  it('one statement applies the save only for the live physician session with its CSRF token, onboarded, owning the attempt', async () => {
    const { enrol } = await setup(ctx.db);
    const a = await enrol({ procedure: 'simple' });
    const b = await enrol({ procedure: 'simple' });
    const { attemptId } = (await start(a.s, 'humanities')).json();
    const items = (await attemptRow(attemptId)).paper.items;
    const deps = examDeps(ctx.app.deps);
    // the statement path uses only metadata already cached by the attempt's own reads (page open)
    expect(
      await saveAnswerInOneStatement(deps, { sessionId: 'x', csrfToken: 'y' }, attemptId, 0, ok(items)),
    ).toBeNull();
    expect((await a.s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}` })).statusCode).toBe(200);
    const creds = (s: TestSession) => ({
      sessionId: sessionIdOf(s.headers.cookie.replace('dk_session=', '')),
      csrfToken: s.headers['x-csrf-token'],
    });
    const save = (c: { sessionId: string; csrfToken: string | undefined }, i = 0) =>
      saveAnswerInOneStatement(deps, c, attemptId, i, ok(items, i));
    // refused (null, nothing written): wrong CSRF, no CSRF, another physician, unknown session
    expect(await save({ ...creds(a.s), csrfToken: 'forged' })).toBeNull();
    expect(await save({ ...creds(a.s), csrfToken: undefined })).toBeNull();
    expect(await save(creds(b.s))).toBeNull();
    expect(await save({ sessionId: sessionIdOf('made-up'), csrfToken: creds(a.s).csrfToken })).toBeNull();
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${attemptId}`)).toBe(0);
    // applied for the owner
    expect(await save(creds(a.s))).toMatchObject({ ok: true, applied: true });
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${attemptId}`)).toBe(1);
    // a physician who must change the password first, and a revoked session: nothing written
    await ctx.db.execute(sql`UPDATE accounts SET must_change_password = true WHERE id = ${a.s.accountId}`);
    expect(await save(creds(a.s), 1)).toBeNull();
    await ctx.db.execute(sql`UPDATE accounts SET must_change_password = false WHERE id = ${a.s.accountId}`);
    await ctx.db.execute(sql`UPDATE sessions SET revoked_at = now() WHERE id = ${creds(a.s).sessionId}`);
    expect(await save(creds(a.s), 1)).toBeNull();
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${attemptId}`)).toBe(1);
  });

  it('over HTTP every refusal keeps its ordinary answer: 401 before any word about the input, 403 CSRF / onboarding, 404 another’s attempt', async () => {
    const { enrol } = await setup(ctx.db);
    const a = await enrol({ procedure: 'simple' });
    const b = await enrol({ procedure: 'simple' });
    const { attemptId } = (await start(a.s, 'humanities')).json();
    const items = (await attemptRow(attemptId)).paper.items;
    const forged = { cookie: 'dk_session=forged-token', 'x-csrf-token': a.s.headers['x-csrf-token'] };
    // a forged cookie with a valid body, a malformed body, a control character, bad JSON: 401, no schema detail
    for (const payload of [ok(items), { choice: 'x', seq: -1 }, { ...ok(items), deviceId: 'a\u0000b' }]) {
      const r = await put(forged, attemptId, 0, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(401);
      expect(r.body).not.toMatch(/seq|choice|deviceId|控制字符/);
    }
    const badJson = await ctx.app.inject({
      method: 'PUT',
      url: `/api/exam/attempts/${attemptId}/answers/0`,
      headers: { ...forged, 'content-type': 'application/json' },
      payload: '{"choice":',
    });
    expect(badJson.statusCode).toBe(401);
    // the owner's session with a wrong CSRF token: 403, nothing saved
    const csrf = await put({ ...a.s.headers, 'x-csrf-token': 'stale' }, attemptId, 0, ok(items));
    expect(csrf.statusCode).toBe(403);
    expect(csrf.json().code).toBe('CSRF');
    // another physician's session on this attempt: 404 as for a missing attempt
    expect((await put(b.s.headers, attemptId, 0, ok(items))).statusCode).toBe(404);
    // onboarding not finished: 403
    await ctx.db.execute(sql`UPDATE accounts SET must_change_password = true WHERE id = ${a.s.accountId}`);
    expect((await put(a.s.headers, attemptId, 0, ok(items))).json().code).toBe('ONBOARDING_REQUIRED');
    await ctx.db.execute(sql`UPDATE accounts SET must_change_password = false WHERE id = ${a.s.accountId}`);
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${attemptId}`)).toBe(0);
    // the owner saves; after logout the same cookie is refused at once (no cache anywhere)
    expect((await put(a.s.headers, attemptId, 0, ok(items))).json()).toMatchObject({ applied: true });
    expect((await a.s.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await put(a.s.headers, attemptId, 1, ok(items, 1))).statusCode).toBe(401);
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${attemptId}`)).toBe(1);
  });
});

describe('group commit: many saves in one statement (decision 0123)', () => {
  const creds = (s: TestSession) => ({
    sessionId: sessionIdOf(s.headers.cookie.replace('dk_session=', '')),
    csrfToken: s.headers['x-csrf-token'],
  });
  const stored = async (id: number) =>
    (
      await ctx.db.execute(
        sql`SELECT question_index AS i, choice, marked, seq FROM exam_answers WHERE attempt_id = ${id} ORDER BY 1`,
      )
    ).rows;

  it('every row keeps its own guards: session, CSRF, owner, deadline, journal order; a null choice keeps the stored one', async () => {
    const { enrol } = await setup(ctx.db);
    const ps = [];
    for (let k = 0; k < 6; k++) ps.push(await enrol({ procedure: 'simple' }));
    const att = [];
    for (const p of ps) {
      const { attemptId } = (await start(p.s, 'humanities')).json();
      att.push({ id: attemptId, items: (await attemptRow(attemptId)).paper.items, c: creds(p.s) });
    }
    const base = { index: 0, marked: null, now: NOW, deviceId: DEVICE };
    // attempts 3 and 4 hold an answer to question 0 with seq 10 already
    for (const k of [3, 4])
      expect(
        await upsertAnswerWithSession(ctx.deps.pool, {
          ...base,
          attemptId: att[k].id,
          choice: att[k].items[0].o[0],
          seq: 10,
          ...att[k].c,
        }),
      ).toBe(true);
    const late = new Date(NOW.getTime() + 24 * 3600_000);
    const rows = [
      { ...base, attemptId: att[0].id, choice: att[0].items[0].o[1], seq: 1, ...att[0].c }, // owner: applied
      { ...base, attemptId: att[1].id, choice: att[1].items[0].o[1], seq: 1, ...att[1].c, csrfToken: 'forged' },
      { ...base, attemptId: att[2].id, choice: att[2].items[0].o[1], seq: 1, ...att[0].c }, // another physician's session
      { ...base, attemptId: att[3].id, choice: att[3].items[0].o[1], seq: 9, ...att[3].c }, // older journal entry
      { ...base, attemptId: att[4].id, choice: null, marked: true, seq: 11, ...att[4].c }, // the mark only, newer
      { ...base, attemptId: att[5].id, choice: att[5].items[0].o[1], seq: 1, ...att[5].c, now: late }, // after the deadline
    ];
    expect(await upsertAnswersWithSession(ctx.deps.pool, rows)).toEqual([true, false, false, false, true, false]);
    expect(await stored(att[0].id)).toEqual([{ i: 0, choice: att[0].items[0].o[1], marked: false, seq: 1 }]);
    for (const k of [1, 2, 5]) expect(await stored(att[k].id)).toEqual([]);
    expect(await stored(att[3].id)).toEqual([{ i: 0, choice: att[3].items[0].o[0], marked: false, seq: 10 }]);
    expect(await stored(att[4].id)).toEqual([{ i: 0, choice: att[4].items[0].o[0], marked: true, seq: 11 }]);
  });

  it('concurrent saves over HTTP are grouped and each acknowledged save is stored; a failing statement is retried save by save', async () => {
    const { enrol } = await setup(ctx.db);
    const ps = [];
    for (let k = 0; k < 8; k++) ps.push(await enrol({ procedure: 'simple' }));
    const att: { s: TestSession; id: number; items: { o: string[] }[] }[] = [];
    for (const p of ps) {
      const { attemptId } = (await start(p.s, 'humanities')).json();
      att.push({ s: p.s, id: attemptId, items: (await attemptRow(attemptId)).paper.items });
      // the page's first read warms the attempt's metadata, as on exam day
      await p.s.inject({ method: 'GET', url: `/api/exam/attempts/${attemptId}` });
    }
    // a queue of our own over the same statements, one statement at a time, recording batch sizes
    const sizes: number[] = [];
    const q = createSaveQueue<SessionSave>(
      async (rows) => {
        sizes.push(rows.length);
        return upsertAnswersWithSession(ctx.deps.pool, rows);
      },
      (r) => upsertAnswerWithSession(ctx.deps.pool, r),
      (r) => r.attemptId,
      { maxBatch: 100, maxInFlight: 1 },
    );
    const deps = Object.create(examDeps(ctx.app.deps), { saveQueue: { value: q } });
    const save = (a: (typeof att)[number], i: number, deviceId = DEVICE) =>
      saveAnswerInOneStatement(deps, creds(a.s), a.id, i, { choice: [a.items[i].o[i % 2]], seq: i + 1, deviceId });
    // 8 physicians × 5 questions at once: all applied, none lost, more than one row per statement
    const results = await Promise.all(att.flatMap((a) => [0, 1, 2, 3, 4].map((i) => save(a, i))));
    expect(results.every((r) => r?.applied === true)).toBe(true);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
    for (const a of att)
      expect((await stored(a.id)).map((r) => [r.i, r.choice])).toEqual(
        [0, 1, 2, 3, 4].map((i) => [i, a.items[i].o[i % 2]]),
      );
    // the same over HTTP through the app's own queue
    const http = await Promise.all(
      att.map((a) =>
        a.s.inject({
          method: 'PUT',
          url: `/api/exam/attempts/${a.id}/answers/0`,
          payload: { choice: [a.items[0].o[1]], seq: 50, deviceId: DEVICE },
        }),
      ),
    );
    expect(http.map((r) => r.json().applied)).toEqual(Array(8).fill(true));
    // a value PostgreSQL refuses (a NUL byte) fails the whole statement: the others are stored
    // on their own, only that save fails
    sizes.length = 0;
    const mixed = await Promise.allSettled([
      save(att[0], 0, 'hold-the-queue'),
      save(att[1], 1),
      save(att[2], 1, 'bad\u0000device'),
      save(att[3], 1),
    ]);
    expect(sizes).toEqual([3]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${att[2].id} AND question_index = 1`)).toBe(1);
  });
});

describe('start-spike control', () => {
  it('papers drawn ahead (exam.predraw) are used by 【去考试】 and consumed; a changed blueprint discards them', async () => {
    const { enrol, cycle } = await setup(ctx.db);
    const a = await enrol({ procedure: 'simple' });
    const b = await enrol({ procedure: 'simple' });
    const deps = examDeps(ctx.deps);
    expect(await predrawPapers(deps)).toBeGreaterThanOrEqual(2);
    const pre = async (id: number) =>
      (await ctx.db.execute(sql`SELECT paper FROM exam_predrawn_papers WHERE enrolment_id = ${id}`)).rows as {
        paper: FrozenPaper;
      }[];
    const [drawn] = await pre(a.e.id);
    expect(drawn.paper.items).toHaveLength(5);
    // a second run draws nothing new for them
    await predrawPapers(deps);
    expect(await pre(a.e.id)).toHaveLength(1);
    const { attemptId } = (await start(a.s, 'humanities')).json();
    expect((await attemptRow(attemptId)).paper).toEqual(drawn.paper);
    expect(await pre(a.e.id)).toHaveLength(0);
    // 试卷设置 changed after the draw: drawn fresh at start, with the new question count
    await ctx.db
      .update(examBlueprints)
      .set({ questionCount: 6 })
      .where(and(eq(examBlueprints.cycleId, cycle.id), eq(examBlueprints.paperType, 'humanities')));
    const other = (await start(b.s, 'humanities')).json().attemptId;
    expect((await attemptRow(other)).paper.items).toHaveLength(6);
    expect(await pre(b.e.id)).toHaveLength(0);
  });

  it('above the province’s start rate physicians wait in arrival order with their position; resumes are not limited; admin only', async () => {
    const { enrol, p } = await setup(ctx.db);
    const [a, b, c] = [await enrol(), await enrol(), await enrol()];
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const limit = (s: TestSession, perMinute: number | null) =>
      s.inject({ method: 'PUT', url: '/api/exam/start-limit', payload: { perMinute } });
    expect((await limit(district, 1)).statusCode).toBe(403);
    expect((await limit(admin, 0)).statusCode).toBe(400);
    expect((await limit(admin, 1)).statusCode).toBe(200);
    expect((await admin.inject({ method: 'GET', url: '/api/exam/blueprints' })).json().startLimit).toBe(1);

    const minute = new Date(Math.floor(NOW.getTime() / 60_000) * 60_000 + 5_000);
    ctx.setNow(minute);
    const first = await start(a.s, 'humanities');
    expect(first.statusCode, first.body).toBe(200);
    const wb = await start(b.s, 'humanities');
    expect(wb.statusCode).toBe(429);
    expect(wb.json()).toMatchObject({ code: 'START_WAIT', details: { position: 1 } });
    expect(wb.json().message).toContain('您前面还有 0 人');
    const wc = await start(c.s, 'humanities');
    expect(wc.json().details.position).toBe(2);
    // polling again keeps b's place ahead of c
    expect((await start(b.s, 'humanities')).json().details.position).toBe(1);
    // resuming an attempt in progress is never queued
    expect((await start(a.s, 'humanities')).json()).toMatchObject({ attemptId: first.json().attemptId, resumed: true });
    // b keeps polling (a waiter silent for 30 s loses its place); next minute: one slot, and it is b's
    ctx.setNow(new Date(minute.getTime() + 40_000));
    expect((await start(b.s, 'humanities')).json().details.position).toBe(1);
    ctx.setNow(new Date(minute.getTime() + 56_000));
    expect((await start(c.s, 'humanities')).statusCode).toBe(429);
    expect((await start(b.s, 'humanities')).statusCode).toBe(200);
    expect((await start(c.s, 'humanities')).json().details.position).toBe(1);
    // lifting the limit lets c in
    expect((await limit(admin, null)).statusCode).toBe(200);
    expect((await start(c.s, 'humanities')).statusCode).toBe(200);
    expect(
      await countRows(ctx.db, 'audit_log', `target_type = 'exam_start_limit' AND target_id = '${p.province.id}'`),
    ).toBe(2);
    ctx.setNow(NOW);
  });
});

describe('scoring and item analysis agree with the pure functions', () => {
  it('set-based SQL scoring equals scorePaper; item analysis SQL equals analyseResponses', async () => {
    const { enrol, p } = await setup(ctx.db, { humanitiesCount: 6 });
    const papers: { id: number; paper: FrozenPaper; answers: Record<number, string[]> }[] = [];
    for (let k = 0; k < 9; k++) {
      const { s } = await enrol({ procedure: 'simple' });
      const id = (await start(s, 'humanities')).json().attemptId;
      const row = await attemptRow(id);
      const answers: Record<number, string[]> = {};
      for (const [i, item] of row.paper.items.entries()) {
        // a deterministic mix of right, wrong, partial (multiple) and blank
        const m = (k * 7 + i * 3) % 4;
        if (m === 3) continue;
        answers[i] =
          m === 0
            ? item.a
            : m === 1
              ? item.o.filter((x) => !item.a.includes(x)).slice(0, 1)
              : item.t === 'multiple'
                ? item.a.slice(0, 1)
                : item.a;
        await s.inject({
          method: 'PUT',
          url: `/api/exam/attempts/${id}/answers/${i}`,
          payload: j({ choice: answers[i] }),
        });
      }
      // close without scoring, then score set-based
      await ctx.db.update(examAttempts).set({ status: 'submitted', submittedAt: NOW }).where(eq(examAttempts.id, id));
      papers.push({ id, paper: row.paper, answers });
    }
    const scored = await scoreAttempts(
      ctx.db,
      papers.map((x) => x.id),
    );
    expect(scored).toHaveLength(9);
    for (const x of papers) {
      const expected = scorePaper(x.paper, x.answers);
      expect(scored.find((r) => r.id === x.id)!.score, `attempt ${x.id}`).toBe(expected.score);
    }
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    const res = (
      await admin.inject({ method: 'GET', url: '/api/exam/item-analysis?paperType=humanities&pageSize=100' })
    ).json();
    expect(res.attempts).toBe(9);
    const expected = analyseResponses(
      papers.map((x) => ({
        attemptId: x.id,
        score: scorePaper(x.paper, x.answers).score,
        items: x.paper.items.map((it, i) => ({
          versionId: it.v,
          keys: bankKeysOf(it, x.answers[i] ?? []),
          correct: scorePaper(x.paper, x.answers).items[i].correct,
        })),
      })),
    );
    expect(res.items).toBe(expected.length);
    for (const ex of expected) {
      const row = res.rows.find((r: { versionId: number }) => r.versionId === ex.versionId);
      expect(row, `version ${ex.versionId}`).toBeTruthy();
      expect(row).toMatchObject({
        responses: ex.responses,
        pValue: ex.pValue,
        discrimination: ex.discrimination,
        unanswered: ex.unanswered,
        flagged: ex.flagged,
      });
      for (const [key, n] of Object.entries(ex.optionCounts))
        expect(row.options.find((o: { key: string }) => o.key === key).count).toBe(n);
    }
    // another province sees none of it; institutions are refused
    const other = await buildProvince(ctx.db);
    await ctx.db.insert(cycles).values({
      provinceId: other.province.id,
      name: 'x',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
      windows: WINDOWS,
    });
    const otherAdmin = await sessionFor(ctx, other.province.accountId, 'admin');
    expect((await otherAdmin.inject({ method: 'GET', url: '/api/exam/item-analysis' })).json().attempts).toBe(0);
    const inst = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await inst.inject({ method: 'GET', url: '/api/exam/item-analysis' })).statusCode).toBe(403);
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id = ${papers[0].id}`)).toBe(
      Object.keys(papers[0].answers).length,
    );
    // compacted onto the attempts (the exam.compact job), the analysis is the same
    expect(await compactClosedAttempts(ctx.deps)).toBeGreaterThanOrEqual(9);
    expect(await countRows(ctx.db, 'exam_answers', `attempt_id IN (${papers.map((x) => x.id).join(',')})`)).toBe(0);
    const compacted = (
      await admin.inject({ method: 'GET', url: '/api/exam/item-analysis?paperType=humanities&pageSize=100' })
    ).json();
    expect(compacted.rows).toEqual(res.rows);
  });
});

describe('demo seed', () => {
  it('writes blueprints sized to the bank and finished attempts that moved enrolments to 待评定测评成绩', async () => {
    const { enrol, p, cycle } = await setup(ctx.db, { humanitiesCount: 5 });
    await ctx.db.delete(examBlueprints).where(eq(examBlueprints.cycleId, cycle.id));
    const a = await enrol();
    const b = await enrol({ procedure: 'simple' });
    const { seedDemo } = await import('./exam.seed.js');
    const pino = (await import('pino')).default;
    await ctx.db.transaction((tx) =>
      seedDemo(tx, { provinceId: p.province.id, orgIds: {}, log: pino({ level: 'silent' }) }),
    );
    const bps = await ctx.db.select().from(examBlueprints).where(eq(examBlueprints.cycleId, cycle.id));
    expect(bps.find((x) => x.paperType === 'humanities')).toMatchObject({ questionCount: 12, attempts: 10 });
    expect(bps.find((x) => x.paperType === 'professional')).toMatchObject({ questionCount: 8, attempts: 1 });
    expect(
      await countRows(
        ctx.db,
        'exam_attempts',
        `enrolment_id IN (${a.e.id}, ${b.e.id}) AND status = 'submitted' AND score IS NOT NULL`,
      ),
    ).toBeGreaterThanOrEqual(2);
    const simple = await enrolmentRow(b.e.id);
    if (simple.status === 'pending_grading') expect(simple.humanitiesScore).toBeGreaterThanOrEqual(60);
    else expect(simple.status).toBe('ready_for_exam');
  });
});
