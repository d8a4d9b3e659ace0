import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest, conflict } from '../../../platform/errors.js';
import { findSubordinates } from '../org.repo.js';
import { auditEachOrganisation, requireAdmin } from '../org.helpers.js';

/** 【激活】 / 【批量激活】: all selected must be unactivated, else nothing changes. */
export async function activateSubordinates(deps: AppDeps, actor: Actor, ids: number[]): Promise<{ done: number }> {
  requireAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const rows = await findSubordinates(tx, actor, ids, true);
    const wrong = rows.filter((o) => o.status !== 'unactivated');
    if (wrong.length) throw badRequest(`以下机构不是未激活状态，不能激活：${wrong.map((o) => o.name).join('、')}`);
    const updated = await tx
      .update(organisations)
      .set({ status: 'active', updatedAt: deps.now() })
      .where(
        and(
          inArray(
            organisations.id,
            rows.map((o) => o.id),
          ),
          eq(organisations.status, 'unactivated'),
        ),
      )
      .returning({ id: organisations.id });
    if (updated.length !== rows.length) throw conflict();
    await auditEachOrganisation(tx, actor, rows, '激活账号', (o) => ({
      before: { status: o.status },
      after: { status: 'active' },
    }));
    return { done: rows.length };
  });
}
