import { count, desc } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import type { TSubordinateListQuery } from '../../../../shared/schemas/org.js';
import { requireAdmin, toSubordinate, subordinateWhere } from '../org.helpers.js';

export async function listSubordinates(deps: AppDeps, actor: Actor, q: TSubordinateListQuery) {
  requireAdmin(actor);
  const where = subordinateWhere(actor, q);
  const [{ n }] = await deps.db.select({ n: count() }).from(organisations).where(where);
  const rows = await deps.db
    .select()
    .from(organisations)
    .where(where)
    .orderBy(desc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toSubordinate), total: n, page: q.page, pageSize: q.pageSize };
}
