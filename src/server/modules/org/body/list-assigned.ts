import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentAssignments, organisations } from '../../../db/schema/index.js';
import { inSubtree, type Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import type { TAssignedRow } from '../../../../shared/schemas/org.js';
import { findBodyInSubtree, nameOrCode, parentName, physicianCount } from '../org.repo.js';

const assignedColumns = {
  id: organisations.id,
  code: organisations.code,
  name: organisations.name,
  address: organisations.address,
  status: organisations.status,
  parentName,
  physicianCount,
  assignedAt: sql<string>`to_char(${assessmentAssignments.createdAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY/MM/DD')`,
};

/** The institutions assigned to a body, limited to the administration's own subtree. */
export async function listAssignedForAdmin(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
): Promise<{ items: TAssignedRow[] }> {
  const body = await findBodyInSubtree(deps.db, actor, bodyId);
  const items = await deps.db
    .select(assignedColumns)
    .from(assessmentAssignments)
    .innerJoin(organisations, eq(organisations.id, assessmentAssignments.institutionId))
    .where(and(eq(assessmentAssignments.bodyOrgId, body.id), inSubtree(organisations.path, actor.orgPath)))
    .orderBy(asc(organisations.path), asc(organisations.id));
  return { items };
}

export async function listMyAssigned(
  deps: AppDeps,
  actor: Actor,
  q: { q?: string },
): Promise<{ items: TAssignedRow[] }> {
  if (actor.role !== 'body') throw forbidden();
  const items = await deps.db
    .select(assignedColumns)
    .from(assessmentAssignments)
    .innerJoin(organisations, eq(organisations.id, assessmentAssignments.institutionId))
    .where(and(eq(assessmentAssignments.bodyOrgId, actor.orgId), nameOrCode(q.q)))
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(2000);
  return { items };
}
