import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, conflict } from '../../../platform/errors.js';
import { revokeAccountSessions } from '../../../platform/sessions.js';
import { accountOfOrg, findSubordinates } from '../org.repo.js';
import { requireAdmin } from '../org.helpers.js';

/** 【注销】 an activated account: it can no longer log in and its sessions end. */
export async function deregisterSubordinate(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [org] = await findSubordinates(tx, actor, [id], true);
    if (org.status !== 'active') throw badRequest('只有已激活的账号可以注销');
    const [after] = await tx
      .update(organisations)
      .set({ status: 'deregistered', updatedAt: deps.now() })
      .where(and(eq(organisations.id, org.id), eq(organisations.status, 'active')))
      .returning({ id: organisations.id });
    if (!after) throw conflict();
    const acc = await accountOfOrg(tx, org.id);
    await revokeAccountSessions(tx, acc.id);
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: org.id,
      action: '注销账号',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { status: 'active' },
      after: { status: 'deregistered' },
    });
  });
}
