/**
 * Issue 9 (start-spike control): reaching 待参加测评 queues the enrolment's paper draw in the
 * transaction of the move, so the paper exists before 【去考试】 without waiting for the 10-minute
 * schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { examBlueprints, questions, questionVersions } from '../../db/schema/index.js';
import { countRows, createTestApp, type TestContext } from '../../../../tests/helpers.js';
import { runQueuedJobs } from '../../platform/jobs.js';
import { buildEnrolment, buildWorld, enrolmentRow, sessions } from '../procedure/procedure.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const rating = {
  workQuantity: '合格',
  workQuality: '合格',
  governmentTasks: '合格',
  workResult: '合格',
  workOpinion: '工作量达标',
  ethicsResult: '合格',
  ethicsOpinion: '医德良好',
  otherOpinions: [],
};

async function humanitiesBank(provinceId: number, cycleId: number, n = 6) {
  for (let i = 0; i < n; i++) {
    const [q] = await ctx.db
      .insert(questions)
      .values({ provinceId, bank: 'humanities', category: '法律法规' })
      .returning();
    const [v] = await ctx.db
      .insert(questionVersions)
      .values({
        questionId: q.id,
        version: 1,
        type: 'single',
        stem: `人文试题${i}`,
        options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` })),
        answer: ['A'],
        difficulty: 3,
      })
      .returning();
    await ctx.db.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, q.id));
  }
  await ctx.db.insert(examBlueprints).values({
    cycleId,
    provinceId,
    paperType: 'humanities',
    durationMinutes: 60,
    questionCount: 4,
    attempts: 3,
    rules: [],
  });
}

const predrawn = async (enrolmentId: number) =>
  (
    await ctx.db.execute(
      sql`SELECT paper_type AS "paperType", round, paper FROM exam_predrawn_papers WHERE enrolment_id = ${enrolmentId}`,
    )
  ).rows as { paperType: string; round: string; paper: { items: unknown[] } }[];

/** exam.predraw jobs waiting in the queue that name this enrolment (graphile-worker's own tables). */
const queuedFor = (enrolmentId: number) =>
  countRows(
    ctx.db,
    'graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id',
    `t.identifier = 'exam.predraw' AND j.payload::jsonb->'enrolmentIds' @> '[${enrolmentId}]'::jsonb`,
  );

describe('paper drawn ahead when the enrolment reaches 待参加测评', () => {
  it('复核提交 queues exam.predraw for that enrolment; running the queue draws its paper', async () => {
    const w = await buildWorld(ctx);
    await humanitiesBank(w.p.province.provinceId, w.cycleId);
    const s = await sessions(ctx, w);
    // 简易程序: the humanities paper only
    const { e } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'simple' });
    expect(
      (await s.instA.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/evaluate`, payload: rating }))
        .statusCode,
    ).toBe(200);
    // the institution's step does not queue anything
    expect(await queuedFor(e.id)).toBe(0);
    const ok = await s.body.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await enrolmentRow(ctx, e.id)).status).toBe('ready_for_exam');
    expect(await predrawn(e.id)).toHaveLength(0);
    expect(await queuedFor(e.id)).toBe(1);

    await runQueuedJobs(ctx.deps, { tasks: ['exam.predraw'] });
    const papers = await predrawn(e.id);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ paperType: 'humanities', round: 'first' });
    expect(papers[0].paper.items).toHaveLength(4);
    expect(await queuedFor(e.id)).toBe(0);
  });

  it('an upheld 不合格 (考核不合格) queues no draw', async () => {
    const w = await buildWorld(ctx);
    await humanitiesBank(w.p.province.provinceId, w.cycleId);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'simple' });
    await s.instA.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/evaluate`,
      payload: { ...rating, ethicsResult: '不合格', ethicsOpinion: '有违规收受红包记录' },
    });
    await s.body.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` });
    expect((await enrolmentRow(ctx, e.id)).status).toBe('failed');
    expect(await queuedFor(e.id)).toBe(0);
    await runQueuedJobs(ctx.deps, { tasks: ['exam.predraw'] });
    expect(await predrawn(e.id)).toHaveLength(0);
  });
});
