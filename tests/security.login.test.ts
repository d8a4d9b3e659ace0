/**
 * Issue 10 items 2, 3, 6, 7 and issue 12 item 12: guess counters are atomic, proxy trust is an
 * operator setting, revocation is immediate in every process, login answers do not tell whether an
 * account exists, ID birth-date rules, and login by the bound mobile number.
 */
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { accounts, captchas, smsOutbox } from '../src/server/db/schema/index.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';
import { normaliseIdNumber, idCheckDigit } from '../src/shared/idcard.js';
import {
  buildOrg,
  buildPhysician,
  buildProvince,
  createTestApp,
  sessionFor,
  TEST_PASSWORD,
  type TestContext,
} from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

let ipSeq = 0;
const freshIp = () => `10.77.${Math.floor(++ipSeq / 250) % 250}.${(ipSeq % 250) + 1}`;

async function captcha() {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/auth/captcha' });
  const { id } = res.json();
  const [row] = await ctx.db.select().from(captchas).where(eq(captchas.id, id));
  return { captchaId: id as string, captcha: row.answer };
}

const physicianLogin = (idNumber: string, name: string, password: string, remoteAddress = freshIp()) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/auth/physician-login',
    remoteAddress,
    payload: { idNumber, name, password },
  });

describe('guess counters are atomic (issue 10 item 2)', () => {
  it('50 parallel wrong SMS codes: at most 5 are evaluated and the right code is refused afterwards', async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA, { onboarded: false });
    await ctx.db.update(accounts).set({ mustChangePassword: false }).where(eq(accounts.id, doc.accountId));
    const s = await sessionFor(ctx, doc.accountId, 'physician');
    const mobile = `136${String(doc.id).padStart(8, '0').slice(-8)}`;
    expect((await s.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { mobile } })).statusCode).toBe(200);
    const [sms] = await ctx.db.select().from(smsOutbox).where(eq(smsOutbox.mobile, mobile));
    const code = sms.content.match(/\d{6}/)![0];
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s.inject({ method: 'POST', url: '/api/auth/bind-mobile', payload: { mobile, code: wrong(i) } }),
      ),
    );
    const evaluated = results.filter((r) => r.json().message?.includes('不正确'));
    expect(results.every((r) => r.statusCode === 400)).toBe(true);
    expect(evaluated.length).toBeLessThanOrEqual(5);
    const { rows } = await ctx.db.execute<{ attempts: number }>(
      sql`SELECT attempts FROM sms_codes WHERE account_id = ${doc.accountId}`,
    );
    expect(rows[0].attempts).toBe(5);
    const right = await s.inject({ method: 'POST', url: '/api/auth/bind-mobile', payload: { mobile, code } });
    expect(right.statusCode).toBe(400);
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, doc.accountId));
    expect(acc.mobileVerifiedAt).toBeNull();
  });

  it('50 parallel wrong passwords: at most 5 are evaluated, then the account is locked even for the right one', async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '并发医师' });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => physicianLogin(doc.idNumber, '并发医师', 'wrong-password')),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 401 || s === 423).length).toBe(50);
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, doc.accountId));
    expect(acc.lockedUntil).not.toBeNull();
    expect((await physicianLogin(doc.idNumber, '并发医师', TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('a lock-out is one 操作日志 entry of the physician’s institution (by 系统), not seen by a neighbour', async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '锁定医师' });
    await Promise.all(Array.from({ length: 20 }, () => physicianLogin(doc.idNumber, '锁定医师', 'wrong-password')));
    const { rows } = await ctx.db.execute(
      sql`SELECT actor_role, actor_name, action, reason, org_path, province_id FROM audit_log
           WHERE target_type = 'account' AND target_id = ${String(doc.accountId)}`,
    );
    expect(rows).toEqual([
      {
        actor_role: 'system',
        actor_name: '系统',
        action: '锁定账号',
        reason: '密码连续错误 5 次，15 分钟后自动解锁',
        org_path: p.hospitalA.path,
        province_id: p.province.id,
      },
    ]);
    const audit = async (accountId: number) => {
      const s = await sessionFor(ctx, accountId, 'institution');
      const r = await s.inject({ method: 'GET', url: `/api/audit?action=${encodeURIComponent('锁定账号')}` });
      return r.json().items as { targetId: string; summary: string }[];
    };
    const mine = (await audit(p.hospitalA.accountId)).filter((e) => e.targetId === String(doc.accountId));
    expect(mine.map((e) => e.summary)).toEqual([
      '系统锁定账号（账号：锁定医师），理由：密码连续错误 5 次，15 分钟后自动解锁。',
    ]);
    expect((await audit(p.hospitalB.accountId)).filter((e) => e.targetId === String(doc.accountId))).toEqual([]);
  });

  it('a successful login starts the count again and its session works: 4 wrong, right, 4 wrong is not locked', async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '重计医师' });
    for (let i = 0; i < 4; i++)
      expect((await physicianLogin(doc.idNumber, '重计医师', 'wrong-password')).statusCode).toBe(401);
    const ok = await physicianLogin(doc.idNumber, '重计医师', TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, doc.accountId));
    expect(acc).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(acc.lastLoginAt).not.toBeNull();
    const cookie = String(ok.headers['set-cookie']).split(';')[0];
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    // without the reset, the 5th guess of the whole series would lock the account
    for (let i = 0; i < 4; i++) {
      const r = await physicianLogin(doc.idNumber, '重计医师', 'wrong-password');
      expect(r.statusCode).toBe(401);
      expect(r.json().message).toContain(`还可尝试 ${4 - i} 次`);
    }
    expect((await physicianLogin(doc.idNumber, '重计医师', TEST_PASSWORD)).statusCode).toBe(200);
    // nine wrong guesses in all, never five in a row: no lock-out was recorded
    const { rows } = await ctx.db.execute(
      sql`SELECT 1 FROM audit_log WHERE target_type = 'account' AND target_id = ${String(doc.accountId)}`,
    );
    expect(rows).toEqual([]);
  });

  it('a captcha answers one attempt only, even when sent 10 times at once', async () => {
    const p = await buildProvince(ctx.db);
    const c = await captcha();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: freshIp(),
          payload: { login: p.hospitalA.code, password: TEST_PASSWORD, ...c },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200).length).toBe(1);
    expect(results.filter((r) => r.json().code === 'CAPTCHA').length).toBe(9);
  });
});

describe('login answers do not tell whether an account exists (issue 10 item 6)', () => {
  it('an unknown ID number and a wrong password get the same answers, lock-out included', async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '真实医师' });
    // a valid-looking ID that belongs to no one
    const first17 = `${doc.idNumber.slice(0, 6)}19800101${String(Date.now() % 1000).padStart(3, '0')}`;
    let ghost = first17 + idCheckDigit(first17);
    if (ghost === doc.idNumber) ghost = `${first17.slice(0, 16)}9${idCheckDigit(`${first17.slice(0, 16)}9`)}`;
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      const real = await physicianLogin(doc.idNumber, '真实医师', 'wrong-password', ip);
      const unknown = await physicianLogin(ghost, '真实医师', 'wrong-password', ip);
      expect(unknown.statusCode).toBe(real.statusCode);
      expect(unknown.json().message).toBe(real.json().message);
    }
    const realLocked = await physicianLogin(doc.idNumber, '真实医师', 'wrong-password', ip);
    const unknownLocked = await physicianLogin(ghost, '真实医师', 'wrong-password', ip);
    expect(realLocked.statusCode).toBe(423);
    expect(unknownLocked.statusCode).toBe(423);
    expect(unknownLocked.json().message).toBe(realLocked.json().message);
  });

  it('the same for 机构登录', async () => {
    const p = await buildProvince(ctx.db);
    const ip = freshIp();
    const real = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { login: p.hospitalB.code, password: 'nope', ...(await captcha()) },
    });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { login: `${p.hospitalB.code}-ghost`, password: 'nope', ...(await captcha()) },
    });
    expect(real.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe(real.json().message);
  });
});

describe('login by the bound mobile number (issue 12 item 12)', () => {
  it('the bound mobile is an alternative login name with the same password and the same lock-out', async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '手机医师' });
    const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, doc.accountId));
    const ok = await physicianLogin(acc.mobile!, '手机医师', TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers['set-cookie']).split(';')[0];
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(me.physicianId).toBe(doc.id);
    // wrong passwords by mobile and by ID count together
    for (let i = 0; i < 2; i++) expect((await physicianLogin(acc.mobile!, '手机医师', 'x')).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await physicianLogin(doc.idNumber, '手机医师', 'x')).statusCode).toBe(401);
    expect((await physicianLogin(acc.mobile!, '手机医师', 'x')).statusCode).toBe(423);
    expect((await physicianLogin(doc.idNumber, '手机医师', TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('an unbound or unknown mobile answers exactly like a wrong password', async () => {
    const p = await buildProvince(ctx.db);
    const doc = await buildPhysician(ctx.db, p.hospitalA, { name: '未绑定医师', onboarded: false });
    const bound = await buildPhysician(ctx.db, p.hospitalA, { name: '已绑定医师' });
    const [b] = await ctx.db.select().from(accounts).where(eq(accounts.id, bound.accountId));
    // a mobile typed on the account but never verified is not a login name
    const typed = `135${String(doc.id).padStart(8, '0').slice(-8)}`;
    await ctx.db.update(accounts).set({ mobile: typed }).where(eq(accounts.id, doc.accountId));
    const unverified = await physicianLogin(typed, '未绑定医师', TEST_PASSWORD);
    const wrong = await physicianLogin(b.mobile!, '已绑定医师', 'wrong-password');
    expect(unverified.statusCode).toBe(401);
    expect(unverified.json().message).toBe(wrong.json().message);
  });
});

describe('revocation takes effect at once in every API process (issue 10 item 6)', () => {
  it('a password change in one process ends the other session in another process immediately', async () => {
    const other = await createTestApp(); // a second API process on the same database
    try {
      const p = await buildProvince(ctx.db);
      const a = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
      const b = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
      const viaOther = (opts: { method: 'GET'; url: string }) => other.app.inject({ ...opts, headers: b.headers });
      expect((await viaOther({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect((await b.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      const change = await a.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { oldPassword: TEST_PASSWORD, newPassword: 'Changed2026x' },
      });
      expect(change.statusCode).toBe(200);
      expect((await viaOther({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await b.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      expect((await a.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('logout and deactivation end sessions at once', async () => {
    const p = await buildProvince(ctx.db);
    const s = await sessionFor(ctx, p.hospitalB.accountId, 'institution');
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    await s.inject({ method: 'POST', url: '/api/auth/logout' });
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const t = await sessionFor(ctx, p.industry.accountId, 'industry');
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    await ctx.db.execute(sql`UPDATE organisations SET status = 'deregistered' WHERE id = ${p.industry.id}`);
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe('proxy trust is an operator setting (issue 10 item 3)', () => {
  async function appWith(trust: string) {
    const pool = createPool(inject('databaseUrl'), 2);
    const config = loadConfig({
      ...process.env,
      DATA_DIR: path.join(os.tmpdir(), 'dingkao-test-files'),
      LOG_LEVEL: 'silent',
      TRUST_PROXY: trust,
    });
    const app = await buildApp({
      config,
      db: createDb(pool),
      pool,
      storage: new LocalStorage(path.join(config.dataDir, 'files')),
      sms: new OutboxSmsGateway(),
      logger: pino({ level: 'silent' }),
      now: () => new Date(),
    });
    await app.ready();
    const close = async () => {
      await app.close();
      await pool.end();
    };
    return { app, close };
  }

  it('off by default: a changed X-Forwarded-For per request does not dodge the login limit', async () => {
    const { app, close } = await appWith('off');
    try {
      const codes: number[] = [];
      const remoteAddress = freshIp();
      for (let i = 0; i < 21; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/auth/physician-login',
          remoteAddress,
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
          payload: { idNumber: 'nobody', name: '某', password: 'x' },
        });
        codes.push(r.statusCode);
      }
      expect(codes[20]).toBe(429);
    } finally {
      await close();
    }
  });

  it('with the proxy listed, the client address comes from X-Forwarded-For (and only from that proxy)', async () => {
    const proxy = freshIp();
    const { app, close } = await appWith(`${proxy},192.0.2.0/24`);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/auth/physician-login',
          remoteAddress: proxy,
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
          payload: { idNumber: 'nobody2', name: '某', password: 'x' },
        });
        codes.push(r.statusCode);
      }
      expect(codes).not.toContain(429); // 21 different real clients
      // a client that is not a listed proxy cannot choose its address
      const stranger = freshIp();
      const spoofed: number[] = [];
      for (let i = 0; i < 21; i++) {
        const r = await app.inject({
          method: 'POST',
          url: '/api/auth/physician-login',
          remoteAddress: stranger,
          headers: { 'x-forwarded-for': `198.51.100.${i + 100}` },
          payload: { idNumber: 'nobody3', name: '某', password: 'x' },
        });
        spoofed.push(r.statusCode);
      }
      expect(spoofed[20]).toBe(429);
    } finally {
      await close();
    }
  });

  it('TRUST_PROXY=true is refused with an explanation', () => {
    expect(() => loadConfig({ ...process.env, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});

describe('ID birth-date rules (issue 10 item 7)', () => {
  const id = (birth: string) => {
    const first17 = `110105${birth}123`;
    return first17 + idCheckDigit(first17);
  };
  const today = new Date('2026-11-29T04:00:00Z');
  it.each([
    ['21000101', false, '晚于今天'],
    ['20261130', false, '晚于今天'],
    ['20081130', false, '未满18周岁'],
    ['20081129', true, ''],
    ['19490230', false, '出生日期无效'],
    ['18991231', false, '出生日期无效'],
    ['19810229', false, '出生日期无效'],
    ['19800229', true, ''],
    ['19800228', true, ''],
  ])('born %s → ok=%s', (birth, ok, msg) => {
    const r = normaliseIdNumber(id(birth), today);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.message).toContain(msg);
  });
  it('a physician born 2100-01-01 cannot be imported or log in', async () => {
    const r = await physicianLogin(id('21000101'), '某', 'x');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('晚于今天');
  });
  it('China’s date decides: 18 years on the birthday in UTC+8 even while it is still the day before in UTC', () => {
    // 2026-11-28T17:00Z is 2026-11-29 01:00 in Beijing
    expect(normaliseIdNumber(id('20081129'), new Date('2026-11-28T17:00:00Z')).ok).toBe(true);
    expect(normaliseIdNumber(id('20081129'), new Date('2026-11-28T15:00:00Z')).ok).toBe(false);
  });
});

describe('organisation account for the suite', () => {
  it('buildOrg still works with the new counters', async () => {
    const p = await buildProvince(ctx.db);
    const o = await buildOrg(ctx.db, { kind: 'institution', parent: p.districtA });
    expect(o.accountId).toBeGreaterThan(0);
  });
});

describe('a stopping process lets the requests being answered finish (graceful stop)', () => {
  it('drain waits for logins still verifying their password, then reports none left', async () => {
    const p = await buildProvince(ctx.db);
    const docs = [];
    for (let k = 0; k < 4; k++) docs.push(await buildPhysician(ctx.db, p.hospitalA));
    const done: number[] = [];
    const logins = docs.map((d, k) =>
      physicianLogin(d.idNumber, d.name, TEST_PASSWORD).then((r) => {
        done.push(k);
        return r.statusCode;
      }),
    );
    // one turn of the event loop: the logins have arrived; each is at least one argon2id verify
    // (milliseconds), so none has finished yet
    await new Promise((r) => setImmediate(r));
    expect(done).toEqual([]);
    expect(await ctx.app.drain(10_000)).toBe(0);
    expect(done.sort()).toEqual([0, 1, 2, 3]);
    expect(await Promise.all(logins)).toEqual([200, 200, 200, 200]);
    // with nothing in flight it returns at once
    expect(await ctx.app.drain(0)).toBe(0);
  });

  it('a login whose client went away still counts until its handler has answered (it still uses the pool)', async () => {
    const p = await buildProvince(ctx.db);
    const docs = [];
    for (let k = 0; k < 4; k++) docs.push(await buildPhysician(ctx.db, p.hospitalA));
    const ids = docs.map((d) => d.accountId);
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const openSockets = () => new Promise<number>((r) => ctx.app.server.getConnections((_e, n) => r(n)));
    // the four logins wait on their account rows until the test lets them go
    const lock = await ctx.deps.pool.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT 1 FROM accounts WHERE id = ANY($1::int[]) FOR UPDATE', [ids]);
      const sent = docs.map((d) => {
        const req = http.request(`${address}/api/auth/physician-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        });
        req.on('error', () => undefined);
        req.end(JSON.stringify({ idNumber: d.idNumber, name: d.name, password: TEST_PASSWORD }));
        return req;
      });
      await expect.poll(() => ctx.app.drain(0)).toBe(4);
      // the clients give up: their sockets close
      for (const req of sent) req.destroy();
      await expect.poll(openSockets).toBe(0);
      // the clients and their sockets are gone; the handlers are not done: still counted
      expect(await ctx.app.drain(0)).toBe(4);
    } finally {
      await lock.query('COMMIT');
      lock.release();
    }
    // drain returns once the handlers have verified the passwords and written the logins
    expect(await ctx.app.drain(10_000)).toBe(0);
    const { rows } = await ctx.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM accounts WHERE id = ANY(${sql.param(ids)}::int[]) AND last_login_at IS NOT NULL`,
    );
    expect(rows[0].n).toBe(4);
  });
});
