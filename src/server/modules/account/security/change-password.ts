import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { accounts } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import { hashPassword, passwordPolicyError, verifyPassword } from '../../../platform/passwords.js';
import { findOwnAccount } from '../account.repo.js';

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
