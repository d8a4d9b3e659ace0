import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, captchas, smsOutbox } from '../../db/schema/index.js';
import {
  buildOrg,
  buildPhysician,
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  TEST_PASSWORD,
  type TestContext,
} from '../../../../tests/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

async function captcha() {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/captcha' });
  const { id } = res.json();
  const [row] = await ctx.db.select().from(captchas).where(eq(captchas.id, id));
  return { captchaId: id as string, captcha: row.answer };
}

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const sc = res.headers['set-cookie'];
  const first = Array.isArray(sc) ? sc[0] : String(sc);
  return first.split(';')[0];
}

describe('机构登录', () => {
  it('logs in with account + password + captcha and forces a password change first', async () => {
    const p = await buildProvince(ctx.db);
    const fresh = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, mustChangePassword: true });
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: fresh.code, password: TEST_PASSWORD, ...(await captcha()) },
    });
    expect(res.statusCode).toBe(200);
    const cookie = cookieOf(res);
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.mustChangePassword).toBe(true);
    expect(me.role).toBe('institution');
    // any other API is refused until the password is changed
    const blocked = await ctx.app.inject({ method: 'GET', url: '/api/health', headers: { cookie } });
    expect(blocked.statusCode).toBe(200); // health is public
    const changeNoCsrf = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'NewPass2026' },
    });
    expect(changeNoCsrf.statusCode).toBe(403);
    const change = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': me.csrfToken },
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'NewPass2026' },
    });
    expect(change.statusCode).toBe(200);
    const me2 = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me2.mustChangePassword).toBe(false);
  });

  it('refuses a wrong captcha, a wrong password, an unactivated account, and locks after 5 failures', async () => {
    const p = await buildProvince(ctx.db);
    const wrongCaptcha = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: {
        login: p.hospitalA.code,
        password: TEST_PASSWORD,
        captchaId: (await captcha()).captchaId,
        captcha: 'zzzz',
      },
    });
    expect(wrongCaptcha.statusCode).toBe(400);
    expect(wrongCaptcha.json().message).toContain('验证码');
    const unact = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA, status: 'unactivated' });
    const r0 = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: unact.code, password: TEST_PASSWORD, ...(await captcha()) },
    });
    expect(r0.statusCode).toBe(403);
    expect(r0.json().message).toContain('激活');
    for (let i = 0; i < 4; i++) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: p.hospitalA.code, password: 'wrong', ...(await captcha()) },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: p.hospitalA.code, password: 'wrong', ...(await captcha()) },
    });
    expect(locked.statusCode).toBe(423);
    const evenRight = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: p.hospitalA.code, password: TEST_PASSWORD, ...(await captcha()) },
    });
    expect(evenRight.statusCode).toBe(423);
  });

  it('switches between 卫生机构 and 考核机构 only for an approved institution', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.body.accountId, 'institution');
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().switchableRoles).toEqual(['body']);
    expect(
      (await s.inject({ method: 'POST', url: '/api/auth/switch-role', payload: { role: 'body' } })).statusCode,
    ).toBe(200);
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().role).toBe('body');
    const plain = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    expect(
      (await plain.inject({ method: 'POST', url: '/api/auth/switch-role', payload: { role: 'body' } })).statusCode,
    ).toBe(403);
  });
});

describe('医师登录', () => {
  it('logs in with ID + name + password, accepts the 15-digit form, and binds a mobile with an SMS code', async () => {
    const p = await buildProvince(ctx.db);
    const { normaliseIdNumber } = await import('../../../shared/idcard.js');
    const id18 = normaliseIdNumber(`110105710101${String(100 + (Date.now() % 899))}`);
    expect(id18.ok).toBe(true);
    const doc = await buildPhysician(ctx.db, p.hospitalA, {
      idNumber: (id18 as { value: string }).value,
      name: '张三',
      onboarded: false,
    });
    const short = `${doc.idNumber.slice(0, 6)}${doc.idNumber.slice(8, 17)}`;
    const wrongName = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/physician-login',
      payload: { idNumber: short, name: '李四', password: TEST_PASSWORD },
    });
    expect(wrongName.statusCode).toBe(401);
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/physician-login',
      payload: { idNumber: short, name: '张三', password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = cookieOf(ok);
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.mustBindMobile).toBe(true);
    const h = { cookie, 'x-csrf-token': me.csrfToken };
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: h,
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'Doctor2026' },
    });
    const mobile = `137${String(doc.id).padStart(8, '0').slice(-8)}`;
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/auth/sms-code', headers: h, payload: { mobile } })).statusCode,
    ).toBe(200);
    const [sms] = await ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, mobile));
    const code = sms.content.match(/\d{6}/)![0];
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/bind-mobile',
      headers: h,
      payload: { mobile, code: code === '000000' ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(400);
    const good = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/bind-mobile',
      headers: h,
      payload: { mobile, code },
    });
    expect(good.statusCode).toBe(200);
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, doc.accountId));
    expect(acc.mobile).toBe(mobile);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'account' AND target_id = '${doc.accountId}' AND action = '绑定手机号'`,
      ),
    ).toBe(1);
  });
});

describe('手机绑定验证码', () => {
  it('is limited per account, not per IP: six physicians of one hospital (one NAT) each get a code', async () => {
    const p = await buildProvince(ctx.db);
    for (let i = 0; i < 6; i++) {
      const doc = await buildPhysician(ctx.db, p.hospitalA, { onboarded: false });
      const s = await sessionFor(ctx, doc.accountId, 'physician');
      const mobile = `136${String(doc.id).padStart(8, '0').slice(-8)}`;
      const r = await s.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { mobile } });
      expect(r.statusCode, r.body).toBe(200);
    }
    // one account asking again and again: the cooldown answers first, then the limit
    const doc = await buildPhysician(ctx.db, p.hospitalA, { onboarded: false });
    const s = await sessionFor(ctx, doc.accountId, 'physician');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (await s.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { mobile: '13512345678' } })).statusCode,
      );
    expect(codes).toEqual([200, 400, 400, 400, 400, 429]);
  });
});
