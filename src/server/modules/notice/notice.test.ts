import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cycles, enrolments, notices } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import {
  buildPhysician,
  buildProvince,
  createTestApp,
  sessionFor,
  type TestContext,
} from '../../../../tests/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

async function passedEnrolment(status: 'passed' | 'failed' = 'passed') {
  const p = await buildProvince(ctx.db);
  const [cycle] = await ctx.db
    .insert(cycles)
    .values({
      provinceId: p.province.id,
      name: '2025—2027 考核周期',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
    })
    .returning();
  const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '赵明远' });
  const [e] = await ctx.db
    .insert(enrolments)
    .values({
      cycleId: cycle.id,
      provinceId: p.province.id,
      physicianId: doc.id,
      institutionId: p.hospitalA.id,
      orgPath: p.hospitalA.path,
      status,
      procedure: 'general',
      workResult: '合格',
      ethicsResult: '合格',
      humanitiesScore: 88,
      professionalScore: 76,
      finalResult: status === 'passed' ? '合格' : '不合格',
    })
    .returning();
  return { p, doc, e };
}

describe('考核结果通知书', () => {
  it('prints a Chinese PDF with a verification code that the public page confirms', async () => {
    const { doc, e } = await passedEnrolment();
    const s = await sessionFor(ctx, doc.accountId, 'physician');
    const res = await s.inject({ method: 'GET', url: '/api/notices/mine.pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toContain('NotoSansSC');
    fs.writeFileSync(path.join(os.tmpdir(), 'notice-test.pdf'), res.rawPayload);
    const [n] = await ctx.db.select().from(notices).where(eq(notices.enrolmentId, e.id));
    const v = (await ctx.app.inject({ method: 'GET', url: `/api/verify/${n.code}` })).json();
    expect(v).toMatchObject({ genuine: true, maskedName: '赵*远', result: '合格' });
    // printing again reuses the same notice
    await s.inject({ method: 'GET', url: '/api/notices/mine.pdf' });
    expect((await ctx.db.select().from(notices).where(eq(notices.enrolmentId, e.id))).length).toBe(1);
    // a result changed later (e.g. 违纪处理) invalidates the notice
    await ctx.db.update(enrolments).set({ status: 'disciplinary_failed' }).where(eq(enrolments.id, e.id));
    expect((await ctx.app.inject({ method: 'GET', url: `/api/verify/${n.code}` })).json().genuine).toBe(false);
  });

  it('answers unknown codes as not genuine, refuses non-passed and other jurisdictions', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/verify/AAAAAAAAAAAAAAAA' })).json().genuine).toBe(false);
    const failed = await passedEnrolment('failed');
    const s = await sessionFor(ctx, failed.doc.accountId, 'physician');
    expect((await s.inject({ method: 'GET', url: '/api/notices/mine.pdf' })).statusCode).toBe(404);
    const ok = await passedEnrolment();
    const own = await sessionFor(ctx, ok.p.hospitalA.accountId, 'institution');
    expect((await own.inject({ method: 'GET', url: `/api/notices/${ok.e.id}.pdf` })).statusCode).toBe(200);
    const neighbour = await sessionFor(ctx, ok.p.hospitalB.accountId, 'institution');
    expect((await neighbour.inject({ method: 'GET', url: `/api/notices/${ok.e.id}.pdf` })).statusCode).toBe(404);
    const otherDistrict = await sessionFor(ctx, ok.p.districtB.accountId, 'admin');
    expect((await otherDistrict.inject({ method: 'GET', url: `/api/notices/${ok.e.id}.pdf` })).statusCode).toBe(404);
    const province = await sessionFor(ctx, ok.p.province.accountId, 'admin');
    expect((await province.inject({ method: 'GET', url: `/api/notices/${ok.e.id}.pdf` })).statusCode).toBe(200);
  });
});
