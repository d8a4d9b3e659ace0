import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cycles, enrolments, messages } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import {
  buildOrg,
  buildPhysician,
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
} from '../../../../tests/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  ctx.setNow(new Date('2026-12-10T10:00:00+08:00'));
});
afterAll(async () => ctx.close());

const WINDOWS = {
  registration: { start: '2026-09-01', end: '2026-11-30' },
  exam: { start: '2026-11-01', end: '2026-11-30' },
  grading: { start: '2026-12-01', end: '2026-12-31' },
  reexam: { start: '2027-03-01', end: '2027-03-31' },
  reexamGrading: { start: '2027-04-01', end: '2027-04-30' },
};

async function setup(db: Db) {
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
  const enrol = async (
    hospital: typeof p.hospitalA,
    over: Partial<typeof enrolments.$inferInsert> & { level?: '执业医师' | '执业助理医师' } = {},
  ) => {
    const { level = '执业医师', ...rest } = over;
    const doc = await buildPhysician(db, hospital, { level });
    const [e] = await db
      .insert(enrolments)
      .values({
        cycleId: cycle.id,
        provinceId: p.province.id,
        physicianId: doc.id,
        institutionId: hospital.id,
        orgPath: hospital.path,
        assessmentBodyId: p.body.id,
        status: 'pending_grading',
        procedure: 'general',
        workResult: '合格',
        ethicsResult: '合格',
        humanitiesScore: 80,
        professionalScore: 70,
        ...rest,
      })
      .returning();
    return { e, doc };
  };
  return { p, cycle, enrol };
}

const statusOf = async (db: Db, id: number) => (await db.select().from(enrolments).where(eq(enrolments.id, id)))[0];

describe('成绩评定 (assessment body)', () => {
  it('lists only the assigned institutions and grades by the pass lines', async () => {
    const { p, enrol } = await setup(ctx.db);
    const pass = await enrol(p.hospitalA);
    const failPro = await enrol(p.hospitalA, { professionalScore: 58 });
    const assistant = await enrol(p.hospitalB, { level: '执业助理医师', professionalScore: 58 });
    const body = await sessionFor(ctx, p.body.accountId, 'body');
    const list = (await body.inject({ method: 'GET', url: '/api/grading?round=first&procedure=general' })).json();
    expect(list.rows.map((r: { id: number }) => r.id).sort()).toEqual([pass.e.id, failPro.e.id, assistant.e.id].sort());
    const row = list.rows.find((r: { id: number }) => r.id === failPro.e.id);
    expect(row.proposedResult).toBe('不合格');
    expect(row.professional).toMatchObject({ score: 58, passLine: 60, passed: false });
    expect(list.rows.find((r: { id: number }) => r.id === assistant.e.id).proposedResult).toBe('合格');

    const res = await body.inject({
      method: 'POST',
      url: '/api/grading/confirm',
      payload: { round: 'first', ids: [pass.e.id, failPro.e.id, assistant.e.id] },
    });
    expect(res.json()).toMatchObject({ done: 3, failed: [] });
    expect(await statusOf(ctx.db, pass.e.id)).toMatchObject({ status: 'passed', finalResult: '合格' });
    expect(await statusOf(ctx.db, failPro.e.id)).toMatchObject({
      status: 'failed',
      finalResult: '不合格',
      failReason: 'exam',
    });
    expect(await statusOf(ctx.db, assistant.e.id)).toMatchObject({ status: 'passed' });
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'enrolment' AND target_id = '${pass.e.id}' AND action = '成绩评定'`,
      ),
    ).toBe(1);
    const [msg] = await ctx.db.select().from(messages).where(eq(messages.accountId, pass.doc.accountId));
    expect(msg.title).toContain('成绩评定');

    // acting twice on the same item: refused, nothing changes
    const again = await body.inject({
      method: 'POST',
      url: '/api/grading/confirm',
      payload: { round: 'first', ids: [pass.e.id] },
    });
    expect(again.statusCode).toBe(409);
    expect((await statusOf(ctx.db, pass.e.id)).status).toBe('passed');
  });

  it("refuses another body's records with 404 and institutions/admins with 403", async () => {
    const { p, enrol } = await setup(ctx.db);
    const { e } = await enrol(p.hospitalA);
    const otherBody = await buildOrg(ctx.db, { kind: 'institution', parent: p.province, isAssessmentBody: true });
    const s = await sessionFor(ctx, otherBody.accountId, 'body');
    expect((await s.inject({ method: 'GET', url: '/api/grading?round=first' })).json().rows).toEqual([]);
    const r = await s.inject({ method: 'POST', url: '/api/grading/confirm', payload: { round: 'first', ids: [e.id] } });
    expect(r.statusCode).toBe(404);
    expect((await statusOf(ctx.db, e.id)).status).toBe('pending_grading');
    const inst = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect(
      (await inst.inject({ method: 'POST', url: '/api/grading/confirm', payload: { round: 'first', ids: [e.id] } }))
        .statusCode,
    ).toBe(403);
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    expect(
      (await admin.inject({ method: 'POST', url: '/api/grading/confirm', payload: { round: 'first', ids: [e.id] } }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses grading outside the grading window, naming it', async () => {
    const { p, enrol } = await setup(ctx.db);
    const { e } = await enrol(p.hospitalA);
    const body = await sessionFor(ctx, p.body.accountId, 'body');
    ctx.setNow(new Date('2027-01-05T10:00:00+08:00'));
    try {
      const r = await body.inject({
        method: 'POST',
        url: '/api/grading/confirm',
        payload: { round: 'first', ids: [e.id] },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toContain('首轮成绩评定时间');
      expect((await statusOf(ctx.db, e.id)).status).toBe('pending_grading');
    } finally {
      ctx.setNow(new Date('2026-12-10T10:00:00+08:00'));
    }
  });

  it('two bodies confirming at the same moment: exactly one succeeds', async () => {
    const { p, enrol } = await setup(ctx.db);
    const { e } = await enrol(p.hospitalA);
    const a = await sessionFor(ctx, p.body.accountId, 'body');
    const b = await sessionFor(ctx, p.body.accountId, 'body');
    const results = await Promise.all(
      [a, b].map((s) =>
        s.inject({ method: 'POST', url: '/api/grading/confirm', payload: { round: 'first', ids: [e.id] } }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'enrolment' AND target_id = '${e.id}'`)).toBe(1);
  });
});

describe('再次考核管理', () => {
  it('确认再次考核名单: 其他卫生行政机构可以查询名单 — read-only, each its own jurisdiction; a neighbour sees nothing', async () => {
    const { p, enrol } = await setup(ctx.db);
    const inA = await enrol(p.hospitalA, { status: 'failed', failReason: 'exam', finalResult: '不合格' });
    const inB = await enrol(p.hospitalB, { status: 'failed', failReason: 'exam', finalResult: '不合格' });
    const ids = async (s: Awaited<ReturnType<typeof sessionFor>>) => {
      const r = await s.inject({ method: 'GET', url: '/api/reexam/candidates' });
      expect(r.statusCode).toBe(200);
      expect(r.json().canConfirm).toBe(false);
      return r.json().rows.map((x: { id: number }) => x.id);
    };
    expect(await ids(await sessionFor(ctx, p.districtA.accountId, 'admin'))).toEqual([inA.e.id]);
    expect(await ids(await sessionFor(ctx, p.cityB.accountId, 'admin'))).toEqual([inB.e.id]);
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const confirm = await district.inject({ method: 'POST', url: '/api/reexam/confirm', payload: { all: true } });
    expect(confirm.statusCode).toBe(403);
    expect((await statusOf(ctx.db, inA.e.id)).status).toBe('failed');
    const inst = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await inst.inject({ method: 'GET', url: '/api/reexam/candidates' })).statusCode).toBe(403);
    const province = await sessionFor(ctx, p.province.accountId, 'admin');
    const all = (await province.inject({ method: 'GET', url: '/api/reexam/candidates' })).json();
    expect(all.canConfirm).toBe(true);
    expect(all.rows.map((x: { id: number }) => x.id).sort()).toEqual([inA.e.id, inB.e.id].sort());
  });

  it('province confirms the re-exam list; the administration grades the re-exam; results follow', async () => {
    const { p, enrol } = await setup(ctx.db);
    const failed = await enrol(p.hospitalA, {
      status: 'failed',
      failReason: 'exam',
      finalResult: '不合格',
      professionalScore: 40,
    });
    const evaluationFail = await enrol(p.hospitalA, {
      status: 'failed',
      failReason: 'evaluation',
      workResult: '不合格',
    });
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const cityList = (await city.inject({ method: 'GET', url: '/api/reexam/candidates' })).json();
    expect(cityList).toMatchObject({ canConfirm: false, rows: [{ id: failed.e.id }] });
    expect(cityList.rows[0].actions).not.toContain('CONFIRM_REEXAM');
    expect(
      (await city.inject({ method: 'POST', url: '/api/reexam/confirm', payload: { ids: [failed.e.id] } })).statusCode,
    ).toBe(403);
    const province = await sessionFor(ctx, p.province.accountId, 'admin');
    const list = (await province.inject({ method: 'GET', url: '/api/reexam/candidates' })).json();
    expect(list.rows.map((r: { id: number }) => r.id)).toEqual([failed.e.id]);
    const bad = await province.inject({
      method: 'POST',
      url: '/api/reexam/confirm',
      payload: { ids: [evaluationFail.e.id] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('仅测评不合格');
    expect((await statusOf(ctx.db, evaluationFail.e.id)).status).toBe('failed');
    const ok = await province.inject({ method: 'POST', url: '/api/reexam/confirm', payload: { all: true } });
    expect(ok.json()).toMatchObject({ done: 1 });
    expect((await statusOf(ctx.db, failed.e.id)).status).toBe('reexam_ready');

    // the physician re-sits (the exam module records the score and moves the status)
    await ctx.db
      .update(enrolments)
      .set({ status: 'pending_reexam_grading', professionalScore: 75 })
      .where(eq(enrolments.id, failed.e.id));
    ctx.setNow(new Date('2027-04-10T10:00:00+08:00'));
    try {
      const neighbour = await sessionFor(ctx, p.districtB.accountId, 'admin');
      const refused = await neighbour.inject({
        method: 'POST',
        url: '/api/grading/confirm',
        payload: { round: 'reexam', ids: [failed.e.id] },
      });
      expect(refused.statusCode).toBe(404);
      const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
      const graded = await district.inject({
        method: 'POST',
        url: '/api/grading/confirm',
        payload: { round: 'reexam', ids: [failed.e.id] },
      });
      expect(graded.statusCode).toBe(200);
      expect(await statusOf(ctx.db, failed.e.id)).toMatchObject({
        status: 'passed',
        noPromotion: true,
        finalResult: '合格',
      });
      const doctor = await sessionFor(ctx, failed.doc.accountId, 'physician');
      const result = (await doctor.inject({ method: 'GET', url: '/api/results/mine' })).json();
      expect(result).toMatchObject({ statusLabel: '考核合格', noPromotion: true, canPrint: true });
      expect(result.note).toContain('不得评优和晋升');
    } finally {
      ctx.setNow(new Date('2026-12-10T10:00:00+08:00'));
    }
  });
});
