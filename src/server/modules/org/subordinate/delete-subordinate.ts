import { and, eq, or } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import {
  accounts,
  assessmentApplications,
  assessmentAssignments,
  departments,
  organisations,
  physicians,
} from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, conflict } from '../../../platform/errors.js';
import { findSubordinates } from '../org.repo.js';
import { requireAdmin } from '../org.helpers.js';

/** 【删除】: only an unactivated organisation without subordinates or physicians. */
export async function deleteSubordinate(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [org] = await findSubordinates(tx, actor, [id], true);
    if (org.status !== 'unactivated') throw badRequest('只有未激活的账号可以删除；已激活的账号请使用【注销】');
    const [child] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.parentId, org.id))
      .limit(1);
    if (child) throw badRequest('该机构下还有下级机构，不能删除');
    const [doc] = await tx
      .select({ id: physicians.id })
      .from(physicians)
      .where(eq(physicians.institutionId, org.id))
      .limit(1);
    if (doc) throw badRequest('该机构下还有医师，不能删除');
    await tx.delete(departments).where(eq(departments.orgId, org.id));
    await tx
      .delete(assessmentAssignments)
      .where(or(eq(assessmentAssignments.institutionId, org.id), eq(assessmentAssignments.bodyOrgId, org.id)));
    await tx.delete(assessmentApplications).where(eq(assessmentApplications.institutionId, org.id));
    await tx.delete(accounts).where(eq(accounts.orgId, org.id));
    const gone = await tx
      .delete(organisations)
      .where(and(eq(organisations.id, org.id), eq(organisations.status, 'unactivated')))
      .returning({ id: organisations.id });
    if (!gone.length) throw conflict();
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: org.id,
      action: '删除账号',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { code: org.code, name: org.name, address: org.address, kind: org.kind },
    });
  });
}
