import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import {
  buildOrg,
  buildPhysician,
  buildProvince,
  createTestApp,
  sessionFor,
  type TestContext,
} from '../../../../tests/helpers.js';
import {
  accounts,
  auditLog,
  cycles,
  enrolments,
  physicians,
  provinceSettings,
  sessions,
} from '../../db/schema/index.js';
import { verifyPassword } from '../../platform/passwords.js';
import { lowestCommonAdminPath } from './physician.service.js';
import type { TPhysicianPage } from '../../../shared/schemas/physician.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx.close();
});

async function makeCycle(provinceId: number) {
  const [c] = await ctx.db
    .insert(cycles)
    .values({ provinceId, name: '2024—2026年度', periodStart: '2024-01-01', periodEnd: '2026-12-31', isCurrent: true })
    .returning();
  return c;
}

async function enrol(
  cycleId: number,
  p: { id: number; provinceId: number; institutionId: number; orgPath: string },
  status: string,
) {
  await ctx.db.insert(enrolments).values({
    cycleId,
    provinceId: p.provinceId,
    physicianId: p.id,
    institutionId: p.institutionId,
    orgPath: p.orgPath,
    status: status as never,
  });
}

describe('医师信息列表 / 医师管理 — jurisdiction', () => {
  it('an institution lists only its own physicians, with masked ID numbers and row actions from the enrolment status', async () => {
    const p = await buildProvince(ctx.db);
    const cycle = await makeCycle(p.province.id);
    const a1 = await buildPhysician(ctx.db, p.hospitalA, { name: '甲一' });
    const a2 = await buildPhysician(ctx.db, p.hospitalA, { name: '甲二' });
    const a3 = await buildPhysician(ctx.db, p.hospitalA, { name: '甲三' });
    const b1 = await buildPhysician(ctx.db, p.hospitalB, { name: '乙一' });
    await enrol(cycle.id, a2, 'opened');
    await enrol(cycle.id, a3, 'registered');
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const res = await s.inject({ method: 'GET', url: '/api/physicians' });
    expect(res.statusCode).toBe(200);
    const page = res.json() as TPhysicianPage;
    expect(page.items.map((i) => i.id)).toEqual([a1.id, a2.id, a3.id]);
    expect(page.items.some((i) => i.id === b1.id)).toBe(false);
    expect(page.items[0].idNumberMasked).toBe(`${a1.idNumber.slice(0, 4)}**********${a1.idNumber.slice(-4)}`);
    expect(JSON.stringify(page)).not.toContain(a1.idNumber);
    expect(page.items[0]).toMatchObject({ enrolmentStatus: 'not_opened', enrolmentStatusLabel: '未开通报名' });
    expect(page.items[0].actions).toContain('open');
    expect(page.items[1].actions).toContain('cancel');
    expect(page.items[2].actions).not.toContain('open');
    expect(page.items[2].actions).not.toContain('cancel');
  });

  it("institution A cannot view or reset institution B's physician (404; the export's scope: exports.scoping.test.ts)", async () => {
    const p = await buildProvince(ctx.db);
    const b1 = await buildPhysician(ctx.db, p.hospitalB, { name: '乙邻居' });
    await buildPhysician(ctx.db, p.hospitalA, { name: '甲本院' });
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const [before] = await ctx.db.select().from(accounts).where(eq(accounts.id, b1.accountId));
    expect((await s.inject({ method: 'GET', url: `/api/physicians/${b1.id}` })).statusCode).toBe(404);
    const reset = await s.inject({ method: 'POST', url: `/api/physicians/${b1.id}/reset-password` });
    expect(reset.statusCode).toBe(404);
    expect(reset.json().message).toContain('不在您的管辖范围内');
    const [after] = await ctx.db.select().from(accounts).where(eq(accounts.id, b1.accountId));
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(before.mustChangePassword);
    // searching B's exact ID number finds nothing
    const search = await s.inject({ method: 'GET', url: `/api/physicians?idNumber=${b1.idNumber}` });
    expect((search.json() as TPhysicianPage).items).toEqual([]);
  });

  it("a district administration sees its district only; the other district's physician is 404; city and province see their subtrees", async () => {
    const p = await buildProvince(ctx.db);
    const a = await buildPhysician(ctx.db, p.hospitalA, { name: '区甲' });
    const b = await buildPhysician(ctx.db, p.hospitalB, { name: '区乙' });
    const onBody = await buildPhysician(ctx.db, p.body, { name: '省直' });
    const ids = async (accountId: number) => {
      const s = await sessionFor(ctx, accountId, 'admin');
      const r = await s.inject({ method: 'GET', url: '/api/physicians?limit=100' });
      expect(r.statusCode).toBe(200);
      return (r.json() as TPhysicianPage).items.map((i) => i.id).sort((x, y) => x - y);
    };
    expect(await ids(p.districtA.accountId)).toEqual([a.id]);
    expect(await ids(p.cityA.accountId)).toEqual([a.id]);
    expect(await ids(p.cityB.accountId)).toEqual([b.id]);
    expect(await ids(p.province.accountId)).toEqual([a.id, b.id, onBody.id].sort((x, y) => x - y));
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    expect((await s.inject({ method: 'GET', url: `/api/physicians/${b.id}` })).statusCode).toBe(404);
    const view = await s.inject({ method: 'GET', url: `/api/physicians/${a.id}` });
    expect(view.statusCode).toBe(200);
    expect(view.json().orgPathNames[0]).toBe(p.province.name);
    // administrations do not reset physician passwords (the institution does)
    expect((await s.inject({ method: 'POST', url: `/api/physicians/${a.id}/reset-password` })).statusCode).toBe(403);
  });

  it('a physician (or an assessment body) cannot call these APIs → 403', async () => {
    const p = await buildProvince(ctx.db);
    const a = await buildPhysician(ctx.db, p.hospitalA);
    const s = await sessionFor(ctx, a.accountId, 'physician');
    for (const [method, url] of [
      ['GET', '/api/physicians'],
      ['GET', `/api/physicians/${a.id}`],
      ['POST', `/api/physicians/${a.id}/reset-password`],
      ['GET', '/api/physicians/transfer-targets'],
    ] as const) {
      expect((await s.inject({ method, url })).statusCode, url).toBe(403);
    }
    const t = await s.inject({
      method: 'POST',
      url: `/api/physicians/${a.id}/transfer`,
      payload: { institutionId: p.hospitalB.id },
    });
    expect(t.statusCode).toBe(403);
    const body = await sessionFor(ctx, p.body.accountId, 'body');
    expect((await body.inject({ method: 'GET', url: '/api/physicians' })).statusCode).toBe(403);
  });
});

describe('医师管理 — search and keyset pagination', () => {
  it('finds by ID number given as legacy 15 digits or with lower-case x, by name, category, level and status', async () => {
    const p = await buildProvince(ctx.db);
    const cycle = await makeCycle(p.province.id);
    // 15-digit legacy 450103 710305 123 ↔ 18-digit 450103 19710305 123 + check
    const { normaliseIdNumber } = await import('../../../shared/idcard.js');
    const legacy = `450103710305${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const id18 = (normaliseIdNumber(legacy) as { value: string }).value;
    const x = await buildPhysician(ctx.db, p.hospitalA, {
      name: '张老旧',
      idNumber: id18,
      practiceCategory: '中医',
      level: '执业助理医师',
    });
    const other = await buildPhysician(ctx.db, p.hospitalA, { name: '李其他' });
    await enrol(cycle.id, other, 'pending_institution');
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const get = async (qs: string) =>
      ((await s.inject({ method: 'GET', url: `/api/physicians?${qs}` })).json() as TPhysicianPage).items.map(
        (i) => i.id,
      );
    expect(await get(`idNumber=${legacy}`)).toEqual([x.id]);
    expect(await get(`idNumber=${id18.toLowerCase()}`)).toEqual([x.id]);
    expect(await get(`name=${encodeURIComponent('张老旧')}`)).toEqual([x.id]);
    expect(await get(`practiceCategory=${encodeURIComponent('中医')}`)).toEqual([x.id]);
    expect(await get(`level=${encodeURIComponent('执业助理医师')}`)).toEqual([x.id]);
    expect(await get('status=not_opened')).toEqual([x.id]);
    expect(await get('status=pending_institution')).toEqual([other.id]);
    expect(await get('status=registered')).toEqual([]);
    const bad = await s.inject({ method: 'GET', url: '/api/physicians?status=nonsense' });
    expect(bad.statusCode).toBe(400);
    const badCursor = await s.inject({ method: 'GET', url: '/api/physicians?cursor=garbage' });
    expect(badCursor.statusCode).toBe(400);
  });

  it('pages through a subtree with a keyset cursor without gaps or duplicates (administration and institution)', async () => {
    const p = await buildProvince(ctx.db);
    const extra = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA });
    const made: number[] = [];
    for (let i = 0; i < 4; i++) made.push((await buildPhysician(ctx.db, p.hospitalA)).id);
    for (let i = 0; i < 3; i++) made.push((await buildPhysician(ctx.db, extra)).id);
    for (const [accountId, role, expected] of [
      [p.districtA.accountId, 'admin', made],
      [p.hospitalA.accountId, 'institution', made.slice(0, 4)],
    ] as const) {
      const s = await sessionFor(ctx, accountId, role);
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const r = await s.inject({ method: 'GET', url: `/api/physicians?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
        const page = r.json() as TPhysicianPage;
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect([...seen].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
      expect(new Set(seen).size).toBe(seen.length);
    }
  });
});

describe('密码重置', () => {
  it("resets to the province's rule (last six of the ID, X upper-case), forces a change, and ends the physician's sessions", async () => {
    const p = await buildProvince(ctx.db);
    await ctx.db.insert(provinceSettings).values({ provinceId: p.province.id, physicianInitialPassword: 'id_last6' });
    const a = await buildPhysician(ctx.db, p.hospitalA);
    await sessionFor(ctx, a.accountId, 'physician');
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const r = await s.inject({ method: 'POST', url: `/api/physicians/${a.id}/reset-password` });
    expect(r.statusCode).toBe(200);
    expect(r.json().rule).toBe('id_last6');
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, a.accountId));
    expect(acc.mustChangePassword).toBe(true);
    expect(await verifyPassword(acc.passwordHash, a.idNumber.slice(-6).toUpperCase())).toBe(true);
    const open = await ctx.db
      .select()
      .from(sessions)
      .where(sql`${sessions.accountId} = ${a.accountId} AND ${sessions.revokedAt} IS NULL`);
    expect(open).toEqual([]);
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.targetType} = 'account' AND ${auditLog.targetId} = ${String(a.accountId)}`);
    expect(audit.map((x) => x.action)).toContain('重置密码');
  });

  it('defaults to 666666 when the province keeps the default rule', async () => {
    const p = await buildProvince(ctx.db);
    const a = await buildPhysician(ctx.db, p.hospitalA);
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await s.inject({ method: 'POST', url: `/api/physicians/${a.id}/reset-password` })).json().rule).toBe(
      '666666',
    );
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, a.accountId));
    expect(await verifyPassword(acc.passwordHash, '666666')).toBe(true);
  });
});

describe('变更卫生机构', () => {
  it('computes the lowest common administration of two institutions', () => {
    expect(lowestCommonAdminPath('/1/2/5/9/', '/1/2/5/10/')).toBe('/1/2/5/');
    expect(lowestCommonAdminPath('/1/2/5/9/', '/1/2/6/11/')).toBe('/1/2/');
    expect(lowestCommonAdminPath('/1/2/5/9/', '/1/3/12/')).toBe('/1/');
  });

  async function setup() {
    const p = await buildProvince(ctx.db);
    const districtA2 = await buildOrg(ctx.db, { kind: 'admin', level: 'district', parent: p.cityA });
    const hospitalA2 = await buildOrg(ctx.db, { kind: 'institution', parent: districtA2 });
    const hospitalA1b = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA });
    const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '待变更' });
    return { ...p, districtA2, hospitalA2, hospitalA1b, doc };
  }
  const row = async (id: number) => (await ctx.db.select().from(physicians).where(eq(physicians.id, id)))[0];

  it('a district moves a physician inside its district; org_path and institution change, audited with before/after', async () => {
    const p = await setup();
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const r = await s.inject({
      method: 'POST',
      url: `/api/physicians/${p.doc.id}/transfer`,
      payload: { institutionId: p.hospitalA1b.id, reason: '调动' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const after = await row(p.doc.id);
    expect(after.institutionId).toBe(p.hospitalA1b.id);
    expect(after.orgPath).toBe(p.hospitalA1b.path);
    const [a] = await ctx.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.targetType} = 'physician' AND ${auditLog.targetId} = ${String(p.doc.id)}`);
    expect(a.action).toBe('变更卫生机构');
    expect(a.before).toMatchObject({ institutionId: p.hospitalA.id, orgPath: p.hospitalA.path });
    expect(a.after).toMatchObject({ institutionId: p.hospitalA1b.id, orgPath: p.hospitalA1b.path });
    expect(a.reason).toBe('调动');
  });

  it('across districts: the district is refused (target outside its jurisdiction → 404), the city may', async () => {
    const p = await setup();
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const r = await district.inject({
      method: 'POST',
      url: `/api/physicians/${p.doc.id}/transfer`,
      payload: { institutionId: p.hospitalA2.id },
    });
    expect(r.statusCode).toBe(404);
    expect((await row(p.doc.id)).institutionId).toBe(p.hospitalA.id);
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const ok = await city.inject({
      method: 'POST',
      url: `/api/physicians/${p.doc.id}/transfer`,
      payload: { institutionId: p.hospitalA2.id },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await row(p.doc.id)).orgPath).toBe(p.hospitalA2.path);
  });

  it('across cities: the city is refused, the province may', async () => {
    const p = await setup();
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const r = await city.inject({
      method: 'POST',
      url: `/api/physicians/${p.doc.id}/transfer`,
      payload: { institutionId: p.hospitalB.id },
    });
    expect(r.statusCode).toBe(404);
    expect((await row(p.doc.id)).institutionId).toBe(p.hospitalA.id);
    const province = await sessionFor(ctx, p.province.accountId, 'admin');
    const ok = await province.inject({
      method: 'POST',
      url: `/api/physicians/${p.doc.id}/transfer`,
      payload: { institutionId: p.hospitalB.id },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await row(p.doc.id)).orgPath).toBe(p.hospitalB.path);
  });

  it("a neighbour's physician is 404 and unchanged", async () => {
    const p = await setup();
    const neighbour = await buildPhysician(ctx.db, p.hospitalB);
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const r = await s.inject({
      method: 'POST',
      url: `/api/physicians/${neighbour.id}/transfer`,
      payload: { institutionId: p.hospitalA1b.id },
    });
    expect(r.statusCode).toBe(404);
    expect((await row(neighbour.id)).institutionId).toBe(p.hospitalB.id);
  });

  it('refused while enrolled in the current cycle (must first be rejected out of it); allowed once withdrawn', async () => {
    const p = await setup();
    const cycle = await makeCycle(p.province.id);
    await enrol(cycle.id, p.doc, 'pending_body');
    const s = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const r = await s.inject({
      method: 'POST',
      url: `/api/physicians/${p.doc.id}/transfer`,
      payload: { institutionId: p.hospitalA1b.id },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('驳回到退出当前周期');
    expect((await row(p.doc.id)).institutionId).toBe(p.hospitalA.id);
    const list = (
      await s.inject({ method: 'GET', url: `/api/physicians?name=${encodeURIComponent('待变更')}` })
    ).json() as TPhysicianPage;
    expect(list.items[0].actions).not.toContain('transfer');
    await ctx.db.update(enrolments).set({ status: 'withdrawn' }).where(eq(enrolments.physicianId, p.doc.id));
    const ok = await s.inject({
      method: 'POST',
      url: `/api/physicians/${p.doc.id}/transfer`,
      payload: { institutionId: p.hospitalA1b.id },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    // the enrolment row keeps its own org_path (only the physician moves)
    const [e] = await ctx.db.select().from(enrolments).where(eq(enrolments.physicianId, p.doc.id));
    expect(e.orgPath).toBe(p.hospitalA.path);
  });

  it('refuses a target that is not an institution, and moving to the same institution', async () => {
    const p = await setup();
    const s = await sessionFor(ctx, p.province.accountId, 'admin');
    expect(
      (
        await s.inject({
          method: 'POST',
          url: `/api/physicians/${p.doc.id}/transfer`,
          payload: { institutionId: p.districtA.id },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await s.inject({
          method: 'POST',
          url: `/api/physicians/${p.doc.id}/transfer`,
          payload: { institutionId: p.hospitalA.id },
        })
      ).statusCode,
    ).toBe(400);
    expect((await row(p.doc.id)).institutionId).toBe(p.hospitalA.id);
  });
});

describe('login rate limit (found by bench/login.bench.ts)', () => {
  it('counts per client IP + login: one account hitting the limit does not block the next physician on the same IP', async () => {
    const p = await buildProvince(ctx.db);
    const a = await buildPhysician(ctx.db, p.hospitalA, { name: '限流甲' });
    const b = await buildPhysician(ctx.db, p.hospitalA, { name: '限流乙' });
    const login = (idNumber: string, name: string, password: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/physician-login',
        remoteAddress: '10.9.8.7',
        payload: { idNumber, name, password },
      });
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await login(a.idNumber, a.name, 'wrong-password')).statusCode);
    expect(codes.slice(0, 20)).not.toContain(429);
    expect(codes[20]).toBe(429);
    const other = await login(b.idNumber, b.name, 'Test@2026');
    expect(other.statusCode, other.body).toBe(200);
  });
});
