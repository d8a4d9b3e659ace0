import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import { inSubtree, type Actor } from '../../../platform/actor.js';
import type { TBodyRow } from '../../../../shared/schemas/org.js';
import { nameOrCode, parentName } from '../org.repo.js';

const assignedCount = sql<number>`(SELECT count(*)::int FROM assessment_assignments aa WHERE aa.body_org_id = organisations.id)`;

export async function listBodies(deps: AppDeps, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
  const where = and(
    eq(organisations.isAssessmentBody, true),
    inSubtree(organisations.path, actor.orgPath),
    nameOrCode(q.q),
  );
  const [{ n }] = await deps.db.select({ n: count() }).from(organisations).where(where);
  const items: TBodyRow[] = await deps.db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      code: organisations.code,
      name: organisations.name,
      address: organisations.address,
      status: organisations.status,
      parentName,
      assignedCount,
    })
    .from(organisations)
    .where(where)
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}
