import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
afterAll(() => ctx.close());

const body = { phone: '0771-12345678', hours: '工作日 8:30–17:30' };

describe('联系客服 (seed 004 login page 【联系客服】; set by the province administration)', () => {
  it('the province administration saves it; anyone reads it without logging in; it is audited', async () => {
    const p = await buildProvince(ctx.db);
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    const empty = await admin.inject({ method: 'GET', url: '/api/help/contact-setting' });
    expect(empty.json()).toEqual({ phone: '', hours: '', updatedAt: null });

    const saved = await admin.inject({ method: 'PUT', url: '/api/help/contact-setting', payload: body });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject(body);

    const pub = await ctx.app.inject({ method: 'GET', url: '/api/help/contacts' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items).toContainEqual({ provinceName: p.province.name, ...body });

    const audit = await ctx.db.execute(
      `SELECT action FROM audit_log WHERE target_type = 'help_contact' AND target_id = '${p.province.id}'` as never,
    );
    expect(audit.rows).toEqual([{ action: '保存联系客服' }]);
  });

  it('a logged-in physician sees only their own province; a neighbour province is not mixed in', async () => {
    const mine = await buildProvince(ctx.db);
    const other = await buildProvince(ctx.db);
    for (const [prov, phone] of [
      [mine, '0771-1111111'],
      [other, '0898-2222222'],
    ] as const) {
      const s = await sessionFor(ctx, prov.province.accountId, 'admin');
      expect(
        (await s.inject({ method: 'PUT', url: '/api/help/contact-setting', payload: { ...body, phone } })).statusCode,
      ).toBe(200);
    }
    const doc = await buildPhysician(ctx.db, mine.hospitalA);
    const s = await sessionFor(ctx, doc.accountId, 'physician');
    const r = await s.inject({ method: 'GET', url: '/api/help/contacts' });
    expect(r.json().items).toEqual([{ provinceName: mine.province.name, phone: '0771-1111111', hours: body.hours }]);
  });

  it('only the province administration may change it; input is checked with Chinese messages', async () => {
    const p = await buildProvince(ctx.db);
    for (const [id, role] of [
      [p.cityA.accountId, 'admin'],
      [p.hospitalA.accountId, 'institution'],
    ] as const) {
      const s = await sessionFor(ctx, id, role);
      const r = await s.inject({ method: 'PUT', url: '/api/help/contact-setting', payload: body });
      expect(r.statusCode).toBe(403);
    }
    const anon = await ctx.app.inject({ method: 'PUT', url: '/api/help/contact-setting', payload: body });
    expect(anon.statusCode).toBe(401);
    const admin = await sessionFor(ctx, p.province.accountId, 'admin');
    const bad = await admin.inject({
      method: 'PUT',
      url: '/api/help/contact-setting',
      payload: { phone: 'abc', hours: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/客服电话|服务时间/);
  });
});
