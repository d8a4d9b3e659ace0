import { createHash, randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import svgCaptcha from 'svg-captcha';
import type { AppDeps } from '../../app.js';
import { accounts, captchas, physicians, smsCodes } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/client.js';
import { ROLE_LABELS, type Actor, type Role } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, forbidden } from '../../platform/errors.js';
import { hashPassword, passwordPolicyError, verifyPassword } from '../../platform/passwords.js';
import {
  createSession,
  revokeAccountSessions,
  revokeSession,
  setSessionRole,
  type ResolvedSession,
} from '../../platform/sessions.js';
import { normaliseDocument } from '../../../shared/idcard.js';
import {
  findAccountLockedUntil,
  findLastSmsCodeAt,
  findOrgLogin,
  findOwnAccount,
  findOwnOrg,
  findPhysicianLoginsById,
  findPhysicianLoginsByMobile,
  findUnknownLoginLockedUntil,
  isMobileTakenByOther,
} from './account.repo.js';
import type { TMe, TOrgLoginInput, TPhysicianLoginInput } from '../../../shared/schemas/account.js';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
const LOGIN_FAILED = '账号或密码错误';

export async function createCaptcha(deps: AppDeps): Promise<{ id: string; svg: string; disabled: boolean }> {
  const c = svgCaptcha.create({ size: 4, noise: 2, ignoreChars: '0oO1ilI', color: true, background: '#f3f6fb' });
  const [row] = await deps.db
    .insert(captchas)
    .values({ answer: c.text.toLowerCase(), expiresAt: new Date(deps.now().getTime() + 5 * 60_000) })
    .returning({ id: captchas.id });
  return { id: row.id, svg: c.data, disabled: deps.config.captchaDisabled };
}

/** A captcha is single-use: it is consumed by the attempt whether right or wrong. */
async function checkCaptcha(deps: AppDeps, id: string | undefined, answer: string | undefined): Promise<void> {
  if (deps.config.captchaDisabled) return;
  if (!id || !answer || !/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('CAPTCHA', '请输入验证码', 400);
  const [row] = await deps.db
    .update(captchas)
    .set({ usedAt: deps.now() })
    .where(and(eq(captchas.id, id), isNull(captchas.usedAt), gt(captchas.expiresAt, deps.now())))
    .returning({ answer: captchas.answer });
  if (!row || row.answer !== answer.trim().toLowerCase())
    throw new AppError('CAPTCHA', '验证码错误或已过期，请重新输入', 400);
}

type AccountRow = typeof accounts.$inferSelect;

const LOCK_INTERVAL = sql.raw(`interval '${LOCK_MINUTES} minutes'`);

/**
 * Reserve one password guess BEFORE the password is checked, in one atomic statement: the
 * counter goes up and the MAX_FAILURES-th guess sets the lock in the same UPDATE, so N
 * concurrent guesses evaluate at most MAX_FAILURES passwords. A success resets the counter.
 * Login names that match no account are counted the same way in `login_failures`, so the
 * answers (attempts left, lock-out) never tell whether an account exists.
 * Returns the guess number, or null when locked.
 */
async function reserveGuess(
  deps: AppDeps,
  target: { accountId: number } | { unknownKey: string },
): Promise<{ n: number } | { lockedUntil: Date | null }> {
  const now = deps.now();
  if ('accountId' in target) {
    // the counter restarts at 1 once an earlier lock has run out
    const next = sql`(CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END)`;
    const { rows } = await deps.db.execute<{ n: number }>(sql`
      UPDATE accounts
         SET failed_logins = ${next},
             locked_until = CASE WHEN ${next} >= ${MAX_FAILURES}
                                 THEN ${now}::timestamptz + ${LOCK_INTERVAL} ELSE NULL END
       WHERE id = ${target.accountId} AND (locked_until IS NULL OR locked_until <= ${now})
      RETURNING failed_logins AS n`);
    if (rows[0]) return { n: Number(rows[0].n) };
    return { lockedUntil: await findAccountLockedUntil(deps.db, target.accountId) };
  }
  const next = sql`(CASE WHEN login_failures.locked_until IS NOT NULL THEN 1 ELSE login_failures.failures + 1 END)`;
  const { rows } = await deps.db.execute<{ n: number }>(sql`
    INSERT INTO login_failures (login_key, failures, locked_until, updated_at)
    VALUES (${target.unknownKey}, 1, NULL, ${now})
    ON CONFLICT (login_key) DO UPDATE
       SET failures = ${next},
           locked_until = CASE WHEN ${next} >= ${MAX_FAILURES}
                               THEN ${now}::timestamptz + ${LOCK_INTERVAL} ELSE NULL END,
           updated_at = ${now}
     WHERE login_failures.locked_until IS NULL OR login_failures.locked_until <= ${now}
    RETURNING failures AS n`);
  if (rows[0]) return { n: Number(rows[0].n) };
  return { lockedUntil: await findUnknownLoginLockedUntil(deps.db, target.unknownKey) };
}

function lockedError(deps: AppDeps, lockedUntil: Date | null): AppError {
  const left = lockedUntil ? lockedUntil.getTime() - deps.now().getTime() : LOCK_MINUTES * 60_000;
  const mins = Math.max(1, Math.ceil(left / 60_000));
  return new AppError('LOCKED', `登录失败次数过多，账号已锁定，请 ${mins} 分钟后再试`, 423);
}

/**
 * Check a password with the lock-out. `acc` undefined = no such account: the same counting,
 * the same dummy-hash work and the same answers as for a wrong password.
 */
async function checkPasswordWithLockout(
  deps: AppDeps,
  acc: AccountRow | undefined,
  password: string,
  unknownKey: string,
): Promise<AccountRow> {
  const guess = await reserveGuess(deps, acc ? { accountId: acc.id } : { unknownKey });
  if (!('n' in guess)) throw lockedError(deps, guess.lockedUntil);
  // verify against a dummy hash when the account does not exist, so timing does not tell.
  const checked = await verifyPassword(acc?.passwordHash ?? DUMMY_HASH, password);
  if (checked && acc) return acc;
  if (guess.n >= MAX_FAILURES)
    throw new AppError('LOCKED', `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟`, 423);
  throw new AppError('LOGIN_FAILED', `${LOGIN_FAILED}（还可尝试 ${MAX_FAILURES - guess.n} 次）`, 401);
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$u3S0tP0cBhTtUFaGp5dS0pH8I+fOGCh0n0zE7yq8k2o';

export interface LoginResult {
  token: string;
  csrfToken: string;
}

/** 机构登录: account + password + captcha. Unactivated or deregistered organisations cannot log in. */
export async function loginOrganisation(
  deps: AppDeps,
  input: TOrgLoginInput,
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  await checkCaptcha(deps, input.captchaId, input.captcha);
  const row = await findOrgLogin(deps.db, input.login.trim());
  const acc = await checkPasswordWithLockout(deps, row?.acc, input.password, `org:${input.login.trim()}`);
  if (row.org.status === 'unactivated')
    throw new AppError('NOT_ACTIVATED', '账号尚未激活，请联系上级卫生行政机构激活', 403);
  if (row.org.status === 'deregistered') throw new AppError('DEREGISTERED', '账号已注销，无法登录', 403);
  const role: Role =
    row.org.kind === 'admin'
      ? 'admin'
      : row.org.kind === 'industry'
        ? row.org.isAssessmentBody
          ? 'body'
          : 'industry'
        : 'institution';
  return finishLogin(deps, acc, role, meta);
}

/** A bound mobile number is an alternative login name for a physician (seed 004: 手机号 + 密码). */
const MOBILE_LOGIN = /^1[3-9]\d{9}$/;

/**
 * 医师登录: 证件号码 (or the bound 手机号) + 姓名 + 密码. A legacy 15-digit ID matches its 18-digit
 * form. The same lock-out counts guesses whichever login name is used.
 */
export async function loginPhysician(
  deps: AppDeps,
  input: TPhysicianLoginInput,
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  const raw = input.idNumber.trim();
  let rows: { acc: AccountRow; name: string }[];
  let key: string;
  if (MOBILE_LOGIN.test(raw)) {
    key = `physician:${raw}`;
    rows = await findPhysicianLoginsByMobile(deps.db, raw);
    // a number bound to two accounts (only possible through an old race) identifies no one
    if (rows.length > 1) rows = [];
  } else {
    const looksLikeId = /^\d{15}$|^\d{17}[\dxX]$/.test(raw);
    const norm = looksLikeId ? normaliseDocument('居民身份证', raw, deps.now()) : { ok: true as const, value: raw };
    if (!norm.ok) throw badRequest(norm.message);
    key = `physician:${norm.value}`;
    rows = await findPhysicianLoginsById(deps.db, norm.value);
  }
  const row = rows[0];
  const acc = await checkPasswordWithLockout(deps, row?.acc, input.password, key);
  if (row.name !== input.name.trim()) throw new AppError('LOGIN_FAILED', '证件号码（手机号）与姓名不匹配', 401);
  return finishLogin(deps, acc, 'physician', meta);
}

async function finishLogin(
  deps: AppDeps,
  acc: AccountRow,
  role: Role,
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  await deps.db
    .update(accounts)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: deps.now() })
    .where(eq(accounts.id, acc.id));
  return createSession(deps.db, acc.id, role, deps.config.SESSION_TTL_HOURS, meta);
}

export async function logout(deps: AppDeps, session: ResolvedSession): Promise<void> {
  await revokeSession(deps.db, session.actor.sessionId);
}

export function describeSession(s: ResolvedSession): TMe {
  const a = s.actor;
  const switchable: Role[] =
    a.orgKind === 'institution' && a.isAssessmentBody && !a.physicianId
      ? a.role === 'body'
        ? ['institution']
        : ['body']
      : [];
  return {
    accountId: a.accountId,
    role: a.role,
    roleLabel: ROLE_LABELS[a.role],
    displayName: a.displayName,
    orgId: a.orgId,
    orgName: a.orgName,
    provinceId: a.provinceId,
    adminLevel: a.adminLevel,
    physicianId: a.physicianId,
    isAssessmentBody: a.isAssessmentBody,
    switchableRoles: switchable,
    mustChangePassword: s.mustChangePassword,
    mustBindMobile: a.role === 'physician' && !s.mobileBound,
    csrfToken: s.csrfToken,
  };
}

/** 角色切换 between 卫生机构 and 考核机构 for an approved institution. */
export async function switchRole(deps: AppDeps, actor: Actor, role: 'institution' | 'body'): Promise<void> {
  const org = await findOwnOrg(deps.db, actor);
  if (!org || actor.orgKind !== 'institution' || actor.physicianId) throw forbidden('仅卫生机构账号可以切换角色');
  if (role === 'body' && !org.isAssessmentBody) throw forbidden('本机构尚未获批为考核机构，不能切换到考核机构角色');
  await setSessionRole(deps.db, actor.sessionId, role);
}

/** 密码初始化 / 安全设置: change own password; other sessions of the account end. */
export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  oldPassword: string,
  newPassword: string,
): Promise<void> {
  const acc = await findOwnAccount(deps.db, actor);
  if (!(await verifyPassword(acc.passwordHash, oldPassword))) throw badRequest('原密码不正确');
  const policy = passwordPolicyError(newPassword);
  if (policy) throw badRequest(policy);
  if (oldPassword === newPassword) throw badRequest('新密码不能与原密码相同');
  const hash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash: hash, mustChangePassword: false, passwordChangedAt: deps.now() })
      .where(eq(accounts.id, acc.id));
    await tx.execute(
      sql`UPDATE sessions SET revoked_at = now() WHERE account_id = ${acc.id} AND id <> ${actor.sessionId} AND revoked_at IS NULL`,
    );
    await writeAudit(tx, actor, {
      targetType: 'account',
      targetId: acc.id,
      action: '修改密码',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
    });
  });
}

const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');

/** Send a 6-digit binding code through the SMS gateway (outbox by default). One per minute. */
export async function sendBindingCode(deps: AppDeps, actor: Actor, mobile: string): Promise<void> {
  if (actor.role !== 'physician') throw forbidden();
  const recent = await findLastSmsCodeAt(deps.db, actor);
  if (recent && deps.now().getTime() - recent.getTime() < 60_000) throw badRequest('验证码已发送，请 60 秒后再试');
  if (await isMobileTakenByOther(deps.db, actor, mobile)) throw badRequest('该手机号已被其他医师绑定');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction(async (tx) => {
    await tx.insert(smsCodes).values({
      accountId: actor.accountId,
      mobile,
      purpose: 'bind',
      codeHash: codeHash(code),
      expiresAt: new Date(deps.now().getTime() + 5 * 60_000),
    });
    await deps.sms.send(tx, {
      mobile,
      template: 'BIND_MOBILE',
      content: `您的手机绑定验证码为 ${code}，5分钟内有效。`,
      provinceId: actor.provinceId,
    });
  });
}

const MAX_CODE_GUESSES = 5;

/**
 * Check an SMS code. The guess is counted first, in one UPDATE on the newest unused code
 * (`attempts < MAX` re-checked under the row lock), so concurrent guesses evaluate at most
 * MAX_CODE_GUESSES codes; only then is the code compared.
 */
export async function bindMobile(deps: AppDeps, actor: Actor, mobile: string, code: string): Promise<void> {
  if (actor.role !== 'physician') throw forbidden();
  const { rows } = await deps.db.execute<{ id: number; code_hash: string; attempts: number }>(sql`
    UPDATE sms_codes SET attempts = attempts + 1
     WHERE id = (SELECT id FROM sms_codes
                  WHERE account_id = ${actor.accountId} AND mobile = ${mobile} AND used_at IS NULL
                  ORDER BY id DESC LIMIT 1)
       AND attempts < ${MAX_CODE_GUESSES} AND expires_at > ${deps.now()}
    RETURNING id, code_hash, attempts`);
  const row = rows[0];
  if (!row) throw badRequest('短信验证码已失效，请重新获取');
  if (row.code_hash !== codeHash(code)) {
    const left = MAX_CODE_GUESSES - Number(row.attempts);
    throw badRequest(left > 0 ? `短信验证码不正确（还可尝试 ${left} 次）` : '短信验证码不正确，请重新获取');
  }
  await deps.db.transaction(async (tx) => {
    const used = await tx
      .update(smsCodes)
      .set({ usedAt: deps.now() })
      .where(and(eq(smsCodes.id, row.id), isNull(smsCodes.usedAt)))
      .returning({ id: smsCodes.id });
    if (!used.length) throw badRequest('短信验证码已失效，请重新获取');
    await tx.update(accounts).set({ mobile, mobileVerifiedAt: deps.now() }).where(eq(accounts.id, actor.accountId));
    await tx.update(physicians).set({ mobile }).where(eq(physicians.id, actor.physicianId!));
    await writeAudit(tx, actor, {
      targetType: 'account',
      targetId: actor.accountId,
      action: '绑定手机号',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      after: { mobile },
    });
  });
}

/**
 * Reset an account to its initial password (666666, or the province's physician rule) and
 * end its sessions. The caller has already proved the target is within the actor's jurisdiction.
 */
export async function resetAccountPassword(
  tx: DbOrTx,
  actor: Actor,
  target: { accountId: number; initialPassword: string; orgPath: string; provinceId: number; label: string },
): Promise<void> {
  const hash = await hashPassword(target.initialPassword);
  await tx
    .update(accounts)
    .set({ passwordHash: hash, mustChangePassword: true, failedLogins: 0, lockedUntil: null })
    .where(eq(accounts.id, target.accountId));
  await revokeAccountSessions(tx, target.accountId);
  await writeAudit(tx, actor, {
    targetType: 'account',
    targetId: target.accountId,
    action: '重置密码',
    orgPath: target.orgPath,
    provinceId: target.provinceId,
    after: { target: target.label },
  });
}
