import { and, count, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentAssignments, organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, badRequest, conflict } from '../../../platform/errors.js';
import { revokeAccountSessions } from '../../../platform/sessions.js';
import type { TSubordinate } from '../../../../shared/schemas/org.js';
import { accountOfOrg, findSubordinates } from '../org.repo.js';
import { requireAdmin, toSubordinate } from '../org.helpers.js';

/**
 * 【设为考核机构】/【取消考核机构】: seed 003 — 行业组织账户可承担考核机构角色功能，由行政机构根据需要
 * 进行配置. Only the administration directly above an activated industry organisation; taking the
 * role back requires that no institution is still assigned to it. The organisation's sessions end
 * so its next login carries the new role. Audited.
 */
export async function setIndustryBodyRole(
  deps: AppDeps,
  actor: Actor,
  id: number,
  enabled: boolean,
): Promise<TSubordinate> {
  requireAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const [o] = await findSubordinates(tx, actor, [id], true);
    if (o.kind !== 'industry') throw badRequest('只有行业组织可以由卫生行政机构设置为考核机构');
    if (o.status !== 'active') throw badRequest(`“${o.name}”尚未激活或已注销，不能设置考核机构角色`);
    if (o.isAssessmentBody === enabled) return toSubordinate(o);
    if (!enabled) {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(assessmentAssignments)
        .where(eq(assessmentAssignments.bodyOrgId, o.id));
      if (n > 0)
        throw new AppError(
          'BODY_IN_USE',
          `“${o.name}”仍被指定了 ${n} 家卫生机构，请先在【指定卫生机构】中撤销后再取消考核机构角色`,
          409,
        );
    }
    const [after] = await tx
      .update(organisations)
      .set({ isAssessmentBody: enabled, updatedAt: deps.now() })
      .where(and(eq(organisations.id, o.id), eq(organisations.isAssessmentBody, !enabled)))
      .returning();
    if (!after) throw conflict();
    const account = await accountOfOrg(tx, o.id);
    await revokeAccountSessions(tx, account.id);
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: o.id,
      action: enabled ? '设为考核机构' : '取消考核机构',
      orgPath: o.path,
      provinceId: o.provinceId,
      before: { isAssessmentBody: !enabled },
      after: { isAssessmentBody: enabled },
    });
    return toSubordinate(after);
  });
}
