import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentAssignments, organisations } from '../../../db/schema/index.js';
import { inSubtree, type Actor } from '../../../platform/actor.js';
import { findBodyInSubtree, nameOrCode, parentName } from '../org.repo.js';

/** Institutions in the administration's subtree that no body assesses yet (left column of 指定). */
export async function listCandidates(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
  q: { q?: string; page: number; pageSize: number },
) {
  await findBodyInSubtree(deps.db, actor, bodyId);
  const where = and(
    eq(organisations.kind, 'institution'),
    inSubtree(organisations.path, actor.orgPath),
    ne(organisations.status, 'deregistered'),
    isNull(assessmentAssignments.id),
    nameOrCode(q.q),
  );
  const base = deps.db
    .select({ n: count() })
    .from(organisations)
    .leftJoin(assessmentAssignments, eq(assessmentAssignments.institutionId, organisations.id));
  const [{ n }] = await base.where(where);
  const items = await deps.db
    .select({
      id: organisations.id,
      code: organisations.code,
      name: organisations.name,
      status: organisations.status,
      parentName,
    })
    .from(organisations)
    .leftJoin(assessmentAssignments, eq(assessmentAssignments.institutionId, organisations.id))
    .where(where)
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}
