/**
 * Statistics snapshots. `computeSnapshotRows` counts a province's cycle in one statement: the
 * enrolments are grouped per institution (one pass over the cycle's rows), each institution's
 * counts are added to every organisation on its path (province → city → district →
 * institution), and one row per organisation is stored. Reading a statistics page is then a
 * primary-key / (snapshot, parent) index read of a few rows, scoped to the actor.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { assessmentAssignments, statsRows, statsSnapshots } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { isInSubtree } from '../../platform/actor.js';

export type SnapshotRow = typeof statsSnapshots.$inferSelect;
export type StoredStatsRow = typeof statsRows.$inferSelect;

const UNFINISHED_EXCLUDED = sql`('passed','failed','disciplinary_failed','withdrawn')`;

/** Counts the cycle and stores one row per administration / institution of the province. */
export async function computeSnapshotRows(
  tx: DbOrTx,
  snapshot: { id: number; provinceId: number; cycleId: number },
): Promise<number> {
  await tx.delete(statsRows).where(eq(statsRows.snapshotId, snapshot.id));
  const r = await tx.execute(sql`
    INSERT INTO stats_rows (snapshot_id, org_id, parent_id, path, kind, level, name, progress, result)
    WITH base AS (
      SELECT institution_id, status, procedure,
             (humanities_exempt OR professional_exempt) AS exempt, deferral_approved AS deferred,
             count(*)::int AS n
        FROM enrolments
       WHERE cycle_id = ${snapshot.cycleId} AND status <> 'not_opened'
       GROUP BY 1, 2, 3, 4, 5
    ), exploded AS (
      SELECT a.org_id, b.status, b.procedure, b.exempt, b.deferred, b.n
        FROM base b
        JOIN organisations o ON o.id = b.institution_id
        CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from o.path), '/')::int[]) AS a(org_id)
    ), by_status AS (
      SELECT org_id, status, sum(n)::int AS n FROM exploded GROUP BY 1, 2
    ), progress AS (
      SELECT org_id, jsonb_object_agg(status, n) AS progress FROM by_status GROUP BY 1
    ), by_procedure AS (
      SELECT org_id, procedure, jsonb_build_object(
               'passed', coalesce(sum(n) FILTER (WHERE status = 'passed'), 0),
               'failed', coalesce(sum(n) FILTER (WHERE status = 'failed'), 0),
               'disciplinary', coalesce(sum(n) FILTER (WHERE status = 'disciplinary_failed'), 0),
               'unfinished', coalesce(sum(n) FILTER (WHERE status NOT IN ${UNFINISHED_EXCLUDED}), 0),
               'exempt', coalesce(sum(n) FILTER (WHERE exempt), 0),
               'deferred', coalesce(sum(n) FILTER (WHERE deferred), 0)) AS counts
        FROM exploded
       WHERE procedure IS NOT NULL AND status <> 'withdrawn'
       GROUP BY 1, 2
    ), result AS (
      SELECT org_id, jsonb_object_agg(procedure, counts) AS result FROM by_procedure GROUP BY 1
    )
    SELECT ${snapshot.id}, o.id, o.parent_id, o.path, o.kind, o.level, o.name,
           coalesce(p.progress, '{}'::jsonb), coalesce(r.result, '{}'::jsonb)
      FROM organisations o
      LEFT JOIN progress p ON p.org_id = o.id
      LEFT JOIN result r ON r.org_id = o.id
     WHERE o.province_id = ${snapshot.provinceId}
       AND o.kind IN ('admin', 'institution')
       AND (o.status <> 'deregistered' OR p.org_id IS NOT NULL)`);
  return r.rowCount ?? 0;
}

/** In one round trip: the current cycle, its newest finished snapshot, and whether a refresh is pending. */
export async function snapshotState(db: DbOrTx, provinceId: number) {
  const r = await db.execute(sql`
    SELECT c.id AS cycle_id, c.name AS cycle_name, s.id, s.computed_at, s.duration_ms,
           EXISTS (SELECT 1 FROM stats_snapshots p WHERE p.province_id = ${provinceId} AND p.status = 'pending') AS pending
      FROM cycles c
      LEFT JOIN LATERAL (
        SELECT id, computed_at, duration_ms FROM stats_snapshots
         WHERE province_id = ${provinceId} AND cycle_id = c.id AND status = 'done'
         ORDER BY id DESC LIMIT 1) s ON true
     WHERE c.province_id = ${provinceId} AND c.is_current
     LIMIT 1`);
  return (
    (r.rows[0] as
      | {
          cycle_id: number;
          cycle_name: string;
          id: number | null;
          computed_at: Date | null;
          duration_ms: number | null;
          pending: boolean;
        }
      | undefined) ?? null
  );
}

/** In one round trip: a unit's row, its children, and the units on its path (for the breadcrumb). */
export async function rowWithChildren(db: DbOrTx, snapshotId: number, orgId: number): Promise<StoredStatsRow[]> {
  return db
    .select()
    .from(statsRows)
    .where(
      and(
        eq(statsRows.snapshotId, snapshotId),
        // a union of index lookups (an OR of the three would scan every row of the snapshot)
        sql`${statsRows.orgId} IN (
              SELECT ${orgId}::int
              UNION ALL SELECT c.org_id FROM stats_rows c WHERE c.snapshot_id = ${snapshotId} AND c.parent_id = ${orgId}
              UNION ALL SELECT unnest(string_to_array(trim(both '/' from r.path), '/')::int[]) FROM stats_rows r
                         WHERE r.snapshot_id = ${snapshotId} AND r.org_id = ${orgId})`,
      ),
    )
    .orderBy(sql`${statsRows.kind} = 'institution'`, statsRows.name, statsRows.orgId);
}

/** The newest finished snapshot of the province's cycle. */
export async function latestDoneSnapshot(db: DbOrTx, provinceId: number, cycleId: number) {
  const [s] = await db
    .select()
    .from(statsSnapshots)
    .where(
      and(
        eq(statsSnapshots.provinceId, provinceId),
        eq(statsSnapshots.cycleId, cycleId),
        eq(statsSnapshots.status, 'done'),
      ),
    )
    .orderBy(desc(statsSnapshots.id))
    .limit(1);
  return s ?? null;
}

export async function pendingSnapshot(db: DbOrTx, provinceId: number) {
  const [s] = await db
    .select()
    .from(statsSnapshots)
    .where(and(eq(statsSnapshots.provinceId, provinceId), eq(statsSnapshots.status, 'pending')))
    .orderBy(desc(statsSnapshots.id))
    .limit(1);
  return s ?? null;
}

/** Removes the rows of all but the two newest finished snapshots (an export may still read the previous one). */
export async function pruneSnapshots(tx: DbOrTx, provinceId: number): Promise<void> {
  const keep = await tx
    .select({ id: statsSnapshots.id })
    .from(statsSnapshots)
    .where(and(eq(statsSnapshots.provinceId, provinceId), eq(statsSnapshots.status, 'done')))
    .orderBy(desc(statsSnapshots.id))
    .limit(2);
  if (keep.length < 2) return;
  const oldest = keep[1].id;
  const old = await tx
    .select({ id: statsSnapshots.id })
    .from(statsSnapshots)
    .where(
      and(
        eq(statsSnapshots.provinceId, provinceId),
        lt(statsSnapshots.id, oldest),
        inArray(statsSnapshots.status, ['done', 'failed']),
      ),
    );
  if (!old.length) return;
  const ids = old.map((o) => o.id);
  await tx.delete(statsRows).where(inArray(statsRows.snapshotId, ids));
  await tx.delete(statsSnapshots).where(inArray(statsSnapshots.id, ids));
}

export async function rowsOf(db: DbOrTx, snapshotId: number, orgIds: number[]): Promise<StoredStatsRow[]> {
  if (!orgIds.length) return [];
  return db
    .select()
    .from(statsRows)
    .where(and(eq(statsRows.snapshotId, snapshotId), inArray(statsRows.orgId, orgIds)))
    .orderBy(statsRows.name, statsRows.orgId);
}

/** The institutions an assessment body is assigned (指定卫生机构), read at the time of the request. */
export async function assignedInstitutionIds(db: DbOrTx, bodyOrgId: number): Promise<number[]> {
  const r = await db
    .select({ id: assessmentAssignments.institutionId })
    .from(assessmentAssignments)
    .where(eq(assessmentAssignments.bodyOrgId, bodyOrgId));
  return r.map((x) => x.id);
}

/**
 * The scope rule of statistics: an administration sees its subtree, an institution its own row,
 * an assessment body the institutions assigned to it. Returns whether `row` is visible.
 */
export function rowVisibleTo(actor: Actor, row: Pick<StoredStatsRow, 'path' | 'orgId'>, assigned: number[]): boolean {
  if (actor.role === 'admin') return isInSubtree(row.path, actor.orgPath);
  if (actor.role === 'institution') return row.orgId === actor.orgId;
  if (actor.role === 'body') return assigned.includes(row.orgId);
  return false;
}
