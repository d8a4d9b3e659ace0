/** Password checking with the lock-out (5 guesses, 15 minutes) and the session a login ends in. */
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import type { accounts } from '../../../db/schema/index.js';
import type { Role } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { verifyPassword } from '../../../platform/passwords.js';
import { newSession } from '../../../platform/sessions.js';
import { findAccountLockedUntil, findAccountScope, findUnknownLoginLockedUntil } from '../account.repo.js';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;
const LOGIN_FAILED = '账号或密码错误';

export type AccountRow = typeof accounts.$inferSelect;

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
export async function checkPasswordWithLockout(
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
  if (guess.n >= MAX_FAILURES) {
    if (acc) await auditLockout(deps, acc.id);
    throw new AppError('LOCKED', `密码连续错误 ${MAX_FAILURES} 次，账号已锁定 ${LOCK_MINUTES} 分钟`, 423);
  }
  throw new AppError('LOGIN_FAILED', `${LOGIN_FAILED}（还可尝试 ${MAX_FAILURES - guess.n} 次）`, 401);
}

/**
 * The lock-out is a change of the account: recorded in the 操作日志 of the account's organisation
 * (a physician's: the institution's), by 系统. Exactly one guess reaches MAX_FAILURES (the
 * reservation is atomic), so one lock gives one entry; a right 5th guess locks nothing.
 */
async function auditLockout(deps: AppDeps, accountId: number): Promise<void> {
  const scope = await findAccountScope(deps.db, accountId);
  if (!scope) return;
  await writeAudit(deps.db, null, {
    targetType: 'account',
    targetId: accountId,
    action: '锁定账号',
    reason: `密码连续错误 ${MAX_FAILURES} 次，${LOCK_MINUTES} 分钟后自动解锁`,
    orgPath: scope.orgPath,
    provinceId: scope.provinceId,
  });
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$u3S0tP0cBhTtUFaGp5dS0pH8I+fOGCh0n0zE7yq8k2o';

export interface LoginResult {
  token: string;
  csrfToken: string;
}

/**
 * A successful login: the lock-out counter is reset and the session stored in one statement, so
 * a login costs one commit here instead of two (a login is ≈ 25 ms of CPU on an exam morning,
 * when thousands arrive in minutes).
 */
export async function finishLogin(
  deps: AppDeps,
  acc: AccountRow,
  role: Role,
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  const s = newSession(acc.id, role, deps.config.SESSION_TTL_HOURS, meta);
  await deps.db.execute(sql`
    WITH reset AS (
      UPDATE accounts SET failed_logins = 0, locked_until = NULL, last_login_at = ${deps.now()}
       WHERE id = ${acc.id}
    )
    ${s.insert}`);
  return { token: s.token, csrfToken: s.csrfToken };
}
