import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentAssignments, organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest, conflict, notFound } from '../../../platform/errors.js';
import { findBodyInSubtree, findInstitutionsInSubtree } from '../org.repo.js';
import { auditEachOrganisation } from '../org.helpers.js';

/** 【添加】 institutions to a body; an institution already assessed by a body is refused. */
export async function assignInstitutions(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
  institutionIds: number[],
): Promise<{ done: number }> {
  return deps.db.transaction(async (tx) => {
    const body = await findBodyInSubtree(tx, actor, bodyId);
    if (body.status !== 'active') throw badRequest('该考核机构账号未激活或已注销，不能指定卫生机构');
    const insts = await findInstitutionsInSubtree(tx, actor, institutionIds, true);
    const gone = insts.filter((i) => i.status === 'deregistered');
    if (gone.length) throw badRequest(`已注销的卫生机构不能指定：${gone.map((i) => i.name).join('、')}`);
    const taken = await tx
      .select({ name: organisations.name })
      .from(assessmentAssignments)
      .innerJoin(organisations, eq(organisations.id, assessmentAssignments.institutionId))
      .where(
        inArray(
          assessmentAssignments.institutionId,
          insts.map((i) => i.id),
        ),
      );
    if (taken.length)
      throw badRequest(`以下卫生机构已指定给考核机构，请先撤销原指定：${taken.map((t) => t.name).join('、')}`);
    const inserted = await tx
      .insert(assessmentAssignments)
      .values(insts.map((i) => ({ provinceId: body.provinceId, bodyOrgId: body.id, institutionId: i.id })))
      .onConflictDoNothing()
      .returning({ id: assessmentAssignments.id });
    if (inserted.length !== insts.length) throw conflict();
    await auditEachOrganisation(tx, actor, insts, '指定卫生机构', () => ({
      after: { bodyOrgId: body.id, bodyName: body.name },
    }));
    return { done: insts.length };
  });
}

/** 【撤销】 institutions from a body. */
export async function unassignInstitutions(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
  institutionIds: number[],
): Promise<{ done: number }> {
  return deps.db.transaction(async (tx) => {
    const body = await findBodyInSubtree(tx, actor, bodyId);
    const insts = await findInstitutionsInSubtree(tx, actor, institutionIds);
    const removed = await tx
      .delete(assessmentAssignments)
      .where(
        and(
          eq(assessmentAssignments.bodyOrgId, body.id),
          inArray(
            assessmentAssignments.institutionId,
            insts.map((i) => i.id),
          ),
        ),
      )
      .returning({ institutionId: assessmentAssignments.institutionId });
    if (removed.length !== insts.length) throw notFound('指定关系');
    await auditEachOrganisation(tx, actor, insts, '撤销指定卫生机构', () => ({
      before: { bodyOrgId: body.id, bodyName: body.name },
    }));
    return { done: removed.length };
  });
}
