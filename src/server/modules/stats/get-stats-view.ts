import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { TStatsQuery, TStatsView } from '../../../shared/schemas/stats.js';
import { currentCycle } from '../enrolment/enrolment.transition.js';
import * as repo from './stats.repo.js';
import { presentRow, sumRows } from './stats.view.js';

export function requireStatsRole(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'institution' && actor.role !== 'body') throw forbidden();
}

/**
 * 考核进度统计 / 考核结果统计 of the actor's jurisdiction from the newest stored snapshot: the
 * unit asked for (default: the actor's own) rolled up, and its subordinate units. A unit outside
 * the jurisdiction answers the same 404 as a missing one.
 */
export async function getStatsView(deps: Pick<AppDeps, 'db'>, actor: Actor, q: TStatsQuery): Promise<TStatsView> {
  requireStatsRole(actor);
  const db = deps.db;
  const state = await repo.snapshotState(db, actor.provinceId);
  if (!state) await currentCycle(db, actor.provinceId); // the clear "no current cycle" error
  const base = { pending: Boolean(state?.pending), cycleName: state?.cycle_name ?? '' };
  const scopeError = notFound('统计单位');
  if (actor.role !== 'admin' && q.orgId !== undefined && q.orgId !== actor.orgId) throw scopeError;
  const snap = state?.id
    ? { id: state.id, computedAt: new Date(state.computed_at!), durationMs: state.duration_ms }
    : null;
  if (!snap) {
    if (actor.role === 'admin' && q.orgId !== undefined) await requireOrgInScope(db, actor, q.orgId);
    return { ...base, snapshot: null, node: null, rows: [], rowsTotal: 0, trail: [] };
  }
  const snapshot = { id: snap.id, computedAt: snap.computedAt.toISOString(), durationMs: snap.durationMs };
  const page = { offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
  return { ...base, snapshot, ...(await statsRowsFor(db, actor, snap.id, q.orgId, page)) };
}

async function requireOrgInScope(db: DbOrTx, actor: Actor, orgId: number) {
  const [o] = await db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  if (!o?.path.startsWith(actor.orgPath)) throw notFound('统计单位');
}

type StatsRows = Pick<TStatsView, 'node' | 'rows' | 'rowsTotal' | 'trail'>;

/**
 * The rows of one snapshot the actor sees at `orgId`: the unit rolled up, its subordinate units
 * (one page of them, or all for the statistics exports) and the breadcrumb.
 */
export async function statsRowsFor(
  db: DbOrTx,
  actor: Actor,
  snapshotId: number,
  orgId: number | undefined,
  page?: repo.ChildPage,
): Promise<StatsRows> {
  if (actor.role === 'body') {
    // the 合计 is over every assigned institution, so all are read; a page is cut from them
    const assigned = await repo.assignedInstitutionIds(db, actor.orgId);
    const rows = (await repo.rowsOf(db, snapshotId, assigned)).map((r) => presentRow(actor, r));
    return {
      node: sumRows(`${actor.orgName}（已指定卫生机构合计）`, actor.orgId, rows),
      rows: page ? rows.slice(page.offset, page.offset + page.limit) : rows,
      rowsTotal: rows.length,
      trail: [{ orgId: actor.orgId, name: actor.orgName }],
    };
  }
  const target = orgId ?? actor.orgId;
  const all = await repo.rowWithChildren(db, snapshotId, target, page);
  const row = all.find((r) => r.orgId === target);
  if (!row || !repo.rowVisibleTo(actor, row, [])) throw notFound('统计单位');
  const node = presentRow(actor, row);
  if (actor.role === 'institution')
    return { node, rows: [], rowsTotal: 0, trail: [{ orgId: row.orgId, name: row.name }] };
  const children = all.filter((r) => r.parentId === row.orgId).map((r) => presentRow(actor, r));
  // a short page tells the total itself; a full (or empty, past the end) one asks for the count
  const complete = !page || (children.length < page.limit && (children.length > 0 || page.offset === 0));
  const rowsTotal = complete ? (page?.offset ?? 0) + children.length : await repo.childCount(db, snapshotId, row.orgId);
  // breadcrumb: the actor's own unit, then every unit on the path down to the node
  const ids = [actor.orgId, ...row.path.slice(actor.orgPath.length).split('/').filter(Boolean).map(Number)];
  const byId = new Map(all.map((r) => [r.orgId, r.name]));
  return {
    node,
    rows: children,
    rowsTotal,
    trail: ids.filter((id) => byId.has(id)).map((id) => ({ orgId: id, name: byId.get(id)! })),
  };
}
