import { and, count, desc, eq, ne, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications, organisations } from '../../../db/schema/index.js';
import { inSubtree, type Actor } from '../../../platform/actor.js';
import type { TApplicationListQuery, TApplicationRow } from '../../../../shared/schemas/org.js';
import { likeOf } from '../org.repo.js';
import { iso } from './application.helpers.js';

export async function listApplications(deps: AppDeps, actor: Actor, q: TApplicationListQuery) {
  const where = and(
    inSubtree(assessmentApplications.orgPath, actor.orgPath),
    ne(assessmentApplications.status, 'draft'),
    q.status ? eq(assessmentApplications.status, q.status) : undefined,
    q.q ? sql`(${organisations.name} ILIKE ${likeOf(q.q)} OR ${organisations.code} ILIKE ${likeOf(q.q)})` : undefined,
  );
  const [{ n }] = await deps.db
    .select({ n: count() })
    .from(assessmentApplications)
    .innerJoin(organisations, eq(organisations.id, assessmentApplications.institutionId))
    .where(where);
  const rows = await deps.db
    .select({ app: assessmentApplications, name: organisations.name, code: organisations.code })
    .from(assessmentApplications)
    .innerJoin(organisations, eq(organisations.id, assessmentApplications.institutionId))
    .where(where)
    // pending first, then the most recently submitted
    .orderBy(
      sql`(${assessmentApplications.status} = 'pending') DESC`,
      desc(assessmentApplications.submittedAt),
      desc(assessmentApplications.id),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const items: TApplicationRow[] = rows.map(({ app, name, code }) => ({
    id: app.id,
    institutionId: app.institutionId,
    institutionName: name,
    institutionCode: code,
    status: app.status,
    materials: app.materials,
    submittedAt: iso(app.submittedAt),
    decidedAt: iso(app.decidedAt),
    rejectReason: app.rejectReason,
    actions: app.status === 'pending' ? ['approve', 'reject'] : [],
  }));
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}
