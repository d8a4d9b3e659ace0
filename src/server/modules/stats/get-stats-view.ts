import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { TStatsQuery, TStatsRow, TStatsView } from '../../../shared/schemas/stats.js';
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
    return { ...base, snapshot: null, node: null, rows: [], trail: [] };
  }
  const snapshot = { id: snap.id, computedAt: snap.computedAt.toISOString(), durationMs: snap.durationMs };
  const { node, rows, trail } = await statsRowsFor(db, actor, snap.id, q.orgId);
  return { ...base, snapshot, node, rows, trail };
}

async function requireOrgInScope(db: DbOrTx, actor: Actor, orgId: number) {
  const [o] = await db.select({ path: organisations.path }).from(organisations).where(eq(organisations.id, orgId));
  if (!o?.path.startsWith(actor.orgPath)) throw notFound('统计单位');
}

/** The rows of one snapshot the actor sees at `orgId` (shared with the statistics exports). */
export async function statsRowsFor(
  db: DbOrTx,
  actor: Actor,
  snapshotId: number,
  orgId: number | undefined,
): Promise<{ node: TStatsRow | null; rows: TStatsRow[]; trail: { orgId: number; name: string }[] }> {
  if (actor.role === 'body') {
    const assigned = await repo.assignedInstitutionIds(db, actor.orgId);
    const rows = (await repo.rowsOf(db, snapshotId, assigned)).map((r) => presentRow(actor, r));
    return {
      node: sumRows(`${actor.orgName}（已指定卫生机构合计）`, actor.orgId, rows),
      rows,
      trail: [{ orgId: actor.orgId, name: actor.orgName }],
    };
  }
  const target = orgId ?? actor.orgId;
  const all = await repo.rowWithChildren(db, snapshotId, target);
  const row = all.find((r) => r.orgId === target);
  if (!row || !repo.rowVisibleTo(actor, row, [])) throw notFound('统计单位');
  const node = presentRow(actor, row);
  if (actor.role === 'institution') return { node, rows: [], trail: [{ orgId: row.orgId, name: row.name }] };
  const children = all.filter((r) => r.parentId === row.orgId).map((r) => presentRow(actor, r));
  // breadcrumb: the actor's own unit, then every unit on the path down to the node
  const ids = [actor.orgId, ...row.path.slice(actor.orgPath.length).split('/').filter(Boolean).map(Number)];
  const byId = new Map(all.map((r) => [r.orgId, r.name]));
  return {
    node,
    rows: children,
    trail: ids.filter((id) => byId.has(id)).map((id) => ({ orgId: id, name: byId.get(id)! })),
  };
}
