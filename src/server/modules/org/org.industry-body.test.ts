/**
 * Seed 003 (所辖机构账户管理 › 行业组织): 行业组织账户可承担考核机构角色功能，由行政机构根据需要进行配置.
 * The administration gives the role with 【设为考核机构】; the organisation then appears in 考核机构列表.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { assessmentAssignments, auditLog, organisations, sessions } from '../../db/schema/index.js';
import { buildProvince, createTestApp, sessionFor, type TestContext } from '../../../../tests/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('行业组织 as 考核机构, configured by the administration', () => {
  it('【设为考核机构】 is offered on the row, audited, ends the organisation’s sessions and lists it among 考核机构', async () => {
    const p = await buildProvince(ctx.db);
    const province = await sessionFor(ctx, p.province.accountId, 'admin');
    const list = await province.inject({ method: 'GET', url: '/api/org/subordinates?kind=industry' });
    const row = list.json().items.find((r: { id: number }) => r.id === p.industry.id);
    expect(row.actions).toContain('grantBody');
    expect(row.actions).not.toContain('revokeBody');

    await sessionFor(ctx, p.industry.accountId, 'industry');
    const res = await province.inject({
      method: 'POST',
      url: `/api/org/subordinates/${p.industry.id}/assessment-body`,
      payload: { enabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isAssessmentBody: true, actions: expect.arrayContaining(['revokeBody']) });
    const [o] = await ctx.db.select().from(organisations).where(eq(organisations.id, p.industry.id));
    expect(o.isAssessmentBody).toBe(true);
    const left = await ctx.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.accountId, p.industry.accountId), isNull(sessions.revokedAt)));
    expect(left).toHaveLength(0);
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'organisation'), eq(auditLog.targetId, String(p.industry.id))));
    expect(audits.map((a) => a.action)).toContain('设为考核机构');

    const bodies = await province.inject({ method: 'GET', url: '/api/org/assessment-bodies?page=1&pageSize=50' });
    expect(bodies.json().items.map((b: { id: number }) => b.id)).toContain(p.industry.id);
  });

  it('【取消考核机构】 is refused while institutions are still assigned to it, then allowed', async () => {
    const p = await buildProvince(ctx.db);
    const province = await sessionFor(ctx, p.province.accountId, 'admin');
    const url = `/api/org/subordinates/${p.industry.id}/assessment-body`;
    expect((await province.inject({ method: 'POST', url, payload: { enabled: true } })).statusCode).toBe(200);
    await ctx.db
      .update(assessmentAssignments)
      .set({ bodyOrgId: p.industry.id })
      .where(eq(assessmentAssignments.institutionId, p.hospitalA.id));
    const refused = await province.inject({ method: 'POST', url, payload: { enabled: false } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('请先在【指定卫生机构】中撤销');
    await ctx.db
      .update(assessmentAssignments)
      .set({ bodyOrgId: p.body.id })
      .where(eq(assessmentAssignments.institutionId, p.hospitalA.id));
    const ok = await province.inject({ method: 'POST', url, payload: { enabled: false } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().isAssessmentBody).toBe(false);
    const bodies = await province.inject({ method: 'GET', url: '/api/org/assessment-bodies?page=1&pageSize=50' });
    expect(bodies.json().items.map((b: { id: number }) => b.id)).not.toContain(p.industry.id);
  });

  it('only for industry organisations, only by the administration directly above; a neighbour gets 404', async () => {
    const p = await buildProvince(ctx.db);
    const province = await sessionFor(ctx, p.province.accountId, 'admin');
    const notIndustry = await province.inject({
      method: 'POST',
      url: `/api/org/subordinates/${p.cityA.id}/assessment-body`,
      payload: { enabled: true },
    });
    expect(notIndustry.statusCode).toBe(400);
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const neighbour = await city.inject({
      method: 'POST',
      url: `/api/org/subordinates/${p.industry.id}/assessment-body`,
      payload: { enabled: true },
    });
    expect(neighbour.statusCode).toBe(404);
    const other = await buildProvince(ctx.db);
    const otherProvince = await sessionFor(ctx, other.province.accountId, 'admin');
    const foreign = await otherProvince.inject({
      method: 'POST',
      url: `/api/org/subordinates/${p.industry.id}/assessment-body`,
      payload: { enabled: true },
    });
    expect(foreign.statusCode).toBe(404);
    const [o] = await ctx.db.select().from(organisations).where(eq(organisations.id, p.industry.id));
    expect(o.isAssessmentBody).toBe(false);
  });
});
