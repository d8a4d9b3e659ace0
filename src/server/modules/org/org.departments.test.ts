import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { cycles, departments, enrolments, smsOutbox } from '../../db/schema/index.js';
import {
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
});
afterAll(async () => ctx.close());

type Node = { id: number; name: string; level: number; children: Node[] };

describe('科室信息', () => {
  it('creates 一级 (single and batch) and 二级 departments, edits them, and refuses duplicates', async () => {
    const p = await buildProvince(ctx.db);
    const hosp = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const r1 = await hosp.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { items: [{ name: '内科', intro: '内科系统' }] },
    });
    expect(r1.statusCode).toBe(200);
    const batch = await hosp.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { items: [{ name: '外科' }, { name: '儿科' }] },
    });
    const tree: Node[] = batch.json().items;
    expect(tree.map((n) => n.name)).toEqual(['内科', '外科', '儿科']);
    const neike = tree[0];
    const sub = await hosp.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { parentId: neike.id, items: [{ name: '心血管内科' }, { name: '呼吸内科' }] },
    });
    const neike2 = (sub.json().items as Node[]).find((n) => n.id === neike.id)!;
    expect(neike2.children.map((c) => [c.name, c.level])).toEqual([
      ['心血管内科', 2],
      ['呼吸内科', 2],
    ]);
    // no third level
    const third = await hosp.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { parentId: neike2.children[0].id, items: [{ name: '三级科室' }] },
    });
    expect(third.statusCode).toBe(400);
    expect(third.json().message).toContain('二级科室下不能再创建');
    const before = await countRows(ctx.db, 'departments', `org_id = ${p.hospitalA.id}`);
    const dup = await hosp.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { items: [{ name: '妇产科' }, { name: '内科' }] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain('已存在');
    const dupInBatch = await hosp.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { items: [{ name: '眼科' }, { name: '眼科' }] },
    });
    expect(dupInBatch.statusCode).toBe(400);
    expect(await countRows(ctx.db, 'departments', `org_id = ${p.hospitalA.id}`)).toBe(before);

    const edit = await hosp.inject({
      method: 'PUT',
      url: `/api/departments/${tree[2].id}`,
      payload: { name: '小儿科', intro: '儿童疾病' },
    });
    expect((edit.json().items as Node[]).map((n) => n.name)).toContain('小儿科');
    const clash = await hosp.inject({
      method: 'PUT',
      url: `/api/departments/${tree[2].id}`,
      payload: { name: '外科', intro: '' },
    });
    expect(clash.statusCode).toBe(400);
  });

  it('refuses to delete a department in use (a 二级 child, or chosen in a registration) and deletes an unused one', async () => {
    const p = await buildProvince(ctx.db);
    const hosp = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const tree: Node[] = (
      await hosp.inject({
        method: 'POST',
        url: '/api/departments',
        payload: { items: [{ name: '内科' }, { name: '口腔科' }, { name: '中医科' }] },
      })
    ).json().items;
    const [neike, kouqiang, zhongyi] = tree;
    await hosp.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { parentId: neike.id, items: [{ name: '消化内科' }] },
    });
    const withChild = await hosp.inject({ method: 'DELETE', url: `/api/departments/${neike.id}` });
    expect(withChild.statusCode).toBe(400);
    expect(withChild.json().message).toContain('二级科室');

    const doc = await buildPhysician(ctx.db, p.hospitalA);
    const [cycle] = await ctx.db
      .insert(cycles)
      .values({
        provinceId: p.province.provinceId,
        name: '测试周期',
        periodStart: '2024-07-01',
        periodEnd: '2027-06-30',
      })
      .returning();
    await ctx.db.insert(enrolments).values({
      cycleId: cycle.id,
      provinceId: p.province.provinceId,
      physicianId: doc.id,
      institutionId: p.hospitalA.id,
      orgPath: p.hospitalA.path,
      status: 'pending_institution',
      registration: { departmentId: kouqiang.id },
    });
    const used = await hosp.inject({ method: 'DELETE', url: `/api/departments/${kouqiang.id}` });
    expect(used.statusCode).toBe(400);
    expect(used.json().message).toContain('已被医师使用');
    expect(await countRows(ctx.db, 'departments', `id = ${kouqiang.id}`)).toBe(1);

    const ok = await hosp.inject({ method: 'DELETE', url: `/api/departments/${zhongyi.id}` });
    expect(ok.statusCode).toBe(200);
    expect((ok.json().items as Node[]).map((n) => n.name)).toEqual(['内科', '口腔科']);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'department' AND target_id = '${zhongyi.id}' AND action = '删除科室'`,
      ),
    ).toBe(1);
  });

  it('an institution cannot read, edit or delete another institution’s departments; a physician reads their own institution’s tree', async () => {
    const p = await buildProvince(ctx.db);
    const a = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const b = await sessionFor(ctx, p.hospitalB.accountId, 'institution');
    const tree: Node[] = (
      await a.inject({ method: 'POST', url: '/api/departments', payload: { items: [{ name: '急诊科' }] } })
    ).json().items;
    const id = tree[0].id;
    expect((await b.inject({ method: 'GET', url: '/api/departments' })).json().items).toEqual([]);
    expect(
      (await b.inject({ method: 'PUT', url: `/api/departments/${id}`, payload: { name: '被改名', intro: '' } }))
        .statusCode,
    ).toBe(404);
    expect((await b.inject({ method: 'DELETE', url: `/api/departments/${id}` })).statusCode).toBe(404);
    expect(
      (
        await b.inject({
          method: 'POST',
          url: '/api/departments',
          payload: { parentId: id, items: [{ name: '挂到别人下面' }] },
        })
      ).statusCode,
    ).toBe(404);
    const [row] = await ctx.db.select().from(departments).where(eq(departments.id, id));
    expect(row.name).toBe('急诊科');
    expect(await countRows(ctx.db, 'departments', `parent_id = ${id}`)).toBe(0);

    const doc = await buildPhysician(ctx.db, p.hospitalA);
    const ds = await sessionFor(ctx, doc.accountId, 'physician');
    const mine = (await ds.inject({ method: 'GET', url: '/api/departments' })).json().items;
    expect(mine).toEqual([{ id, name: '急诊科', level: 1, intro: '', children: [] }]);
    expect((await ds.inject({ method: 'DELETE', url: `/api/departments/${id}` })).statusCode).toBe(403);
    const admin = await sessionFor(ctx, p.districtA.accountId, 'admin');
    expect((await admin.inject({ method: 'GET', url: '/api/departments' })).statusCode).toBe(403);
  });
});

describe('操作日志 and 短信发件箱', () => {
  it('administrations read their subtree’s audit entries, institutions only their own, with filters and keyset pages', async () => {
    const p = await buildProvince(ctx.db);
    const a = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const b = await sessionFor(ctx, p.hospitalB.accountId, 'institution');
    await a.inject({ method: 'POST', url: '/api/departments', payload: { items: [{ name: '甲科' }] } });
    await a.inject({ method: 'POST', url: '/api/departments', payload: { items: [{ name: '乙科' }] } });
    await a.inject({ method: 'POST', url: '/api/departments', payload: { items: [{ name: '丙科' }] } });
    await b.inject({ method: 'POST', url: '/api/departments', payload: { items: [{ name: '丁科' }] } });

    const mineA = (await a.inject({ method: 'GET', url: '/api/audit?targetType=department' })).json();
    expect(mineA.items).toHaveLength(3);
    expect(mineA.items[0].id).toBeGreaterThan(mineA.items[1].id);
    const page1 = (await a.inject({ method: 'GET', url: '/api/audit?targetType=department&pageSize=2' })).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextBefore).toBe(page1.items[1].id);
    const page2 = (
      await a.inject({ method: 'GET', url: `/api/audit?targetType=department&pageSize=2&before=${page1.nextBefore}` })
    ).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextBefore).toBeNull();

    const districtA = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const districtB = await sessionFor(ctx, p.districtB.accountId, 'admin');
    const cityA = await sessionFor(ctx, p.cityA.accountId, 'admin');
    const province = await sessionFor(ctx, p.province.accountId, 'admin');
    const n = async (s: typeof a) =>
      (await s.inject({ method: 'GET', url: `/api/audit?action=${encodeURIComponent('创建一级科室')}` })).json().items
        .length;
    expect(await n(districtA)).toBe(3);
    expect(await n(cityA)).toBe(3);
    expect(await n(districtB)).toBe(1);
    expect(await n(province)).toBe(4);
    expect(await n(b)).toBe(1);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect(
      (await a.inject({ method: 'GET', url: `/api/audit?targetType=department&from=${today}&to=${today}` })).json()
        .items,
    ).toHaveLength(3);
    expect(
      (await a.inject({ method: 'GET', url: '/api/audit?targetType=department&to=2000-01-01' })).json().items,
    ).toHaveLength(0);
    const doc = await buildPhysician(ctx.db, p.hospitalA);
    expect(
      (await (await sessionFor(ctx, doc.accountId, 'physician')).inject({ method: 'GET', url: '/api/audit' }))
        .statusCode,
    ).toBe(403);
  });

  it('the province administration reads its own province’s SMS outbox with codes masked; others are refused', async () => {
    const p = await buildProvince(ctx.db);
    const other = await buildProvince(ctx.db);
    await ctx.db.insert(smsOutbox).values([
      {
        provinceId: p.province.provinceId,
        mobile: '13900000001',
        template: 'BIND_MOBILE',
        content: '您的手机绑定验证码为 123456，5分钟内有效。',
        driver: 'outbox',
        status: 'recorded',
      },
      {
        provinceId: p.province.provinceId,
        mobile: '13900000002',
        template: 'ENROLMENT_NOTICE',
        content: '您的报名已通过考核机构复核，报名成功。',
        driver: 'outbox',
        status: 'recorded',
      },
      {
        provinceId: other.province.provinceId,
        mobile: '13900000003',
        template: 'ENROLMENT_NOTICE',
        content: '其他省份的短信',
        driver: 'outbox',
        status: 'recorded',
      },
    ]);
    const prov = await sessionFor(ctx, p.province.accountId, 'admin');
    const list = (await prov.inject({ method: 'GET', url: '/api/sms-outbox' })).json();
    expect(list.items.map((r: { mobile: string }) => r.mobile)).toEqual(['13900000002', '13900000001']);
    expect(list.items[1].content).toBe('您的手机绑定验证码为 ******，5分钟内有效。');
    expect((await prov.inject({ method: 'GET', url: '/api/sms-outbox?mobile=13900000002' })).json().items).toHaveLength(
      1,
    );
    const city = await sessionFor(ctx, p.cityA.accountId, 'admin');
    expect((await city.inject({ method: 'GET', url: '/api/sms-outbox' })).statusCode).toBe(403);
    const hosp = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect((await hosp.inject({ method: 'GET', url: '/api/sms-outbox' })).statusCode).toBe(403);
  });
});
