import { and, asc, count, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import { inSubtree, type Actor } from '../../../platform/actor.js';
import type { TInstitutionListQuery, TInstitutionRow } from '../../../../shared/schemas/org.js';
import { bodyName, nameOrCode, parentName, physicianCount } from '../org.repo.js';
import { requireAdmin } from '../org.helpers.js';

function institutionWhere(actor: Actor, q: Pick<TInstitutionListQuery, 'q' | 'status'>) {
  return and(
    eq(organisations.kind, 'institution'),
    inSubtree(organisations.path, actor.orgPath),
    q.status ? eq(organisations.status, q.status) : undefined,
    nameOrCode(q.q),
  );
}

export const institutionColumns = {
  id: organisations.id,
  code: organisations.code,
  name: organisations.name,
  address: organisations.address,
  status: organisations.status,
  parentName,
  isAssessmentBody: organisations.isAssessmentBody,
  bodyName,
  physicianCount,
};

export async function listInstitutions(
  deps: AppDeps,
  actor: Actor,
  q: TInstitutionListQuery,
): Promise<{ items: TInstitutionRow[]; total: number; page: number; pageSize: number }> {
  requireAdmin(actor);
  const where = institutionWhere(actor, q);
  const [{ n }] = await deps.db.select({ n: count() }).from(organisations).where(where);
  const items = await deps.db
    .select(institutionColumns)
    .from(organisations)
    .where(where)
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}
