import { eq } from 'drizzle-orm';
import { accounts } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { hashPassword } from '../../../platform/passwords.js';
import { revokeAccountSessions } from '../../../platform/sessions.js';

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
