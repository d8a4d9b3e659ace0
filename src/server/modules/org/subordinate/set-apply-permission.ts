import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest } from '../../../platform/errors.js';
import { findSubordinates } from '../org.repo.js';
import { auditEachOrganisation, requireAdmin } from '../org.helpers.js';

/** 申请成为考核机构 【允许】/【不允许】 (single or batch), only for activated institutions. */
export async function setApplyPermission(
  deps: AppDeps,
  actor: Actor,
  ids: number[],
  allow: boolean,
): Promise<{ done: number }> {
  requireAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const rows = await findSubordinates(tx, actor, ids, true);
    const notInstitution = rows.filter((o) => o.kind !== 'institution');
    if (notInstitution.length) throw badRequest('只有卫生机构可以设置申请考核机构权限');
    const inactive = rows.filter((o) => o.status !== 'active');
    if (inactive.length)
      throw badRequest(`只有已激活的卫生机构可以设置申请考核机构权限：${inactive.map((o) => o.name).join('、')}`);
    await tx
      .update(organisations)
      .set({ canApplyAssessment: allow, updatedAt: deps.now() })
      .where(
        and(
          inArray(
            organisations.id,
            rows.map((o) => o.id),
          ),
          eq(organisations.status, 'active'),
        ),
      );
    await auditEachOrganisation(tx, actor, rows, allow ? '允许申请考核机构' : '不允许申请考核机构', (o) => ({
      before: { canApplyAssessment: o.canApplyAssessment },
      after: { canApplyAssessment: allow },
    }));
    return { done: rows.length };
  });
}
