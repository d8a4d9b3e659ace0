/**
 * Statistics snapshots. `computeSnapshotRows` counts a province's cycle in one statement: the
 * enrolments are counted per institution (one index-only pass over the cycle's rows), each
 * institution's counts are added to every organisation on its path (province → city → district →
 * institution), and one row per organisation is stored. Reading a statistics page is then a
 * primary-key / (snapshot, parent) index read of a few rows, scoped to the actor.
 */
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { assessmentAssignments, statsRows, statsSnapshots } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { isInSubtree } from '../../platform/actor.js';
import { ENROLMENT_STATUSES } from '../../../shared/domain/enrolment.js';
import { PROCEDURES } from '../../../shared/domain/procedure.js';

export type SnapshotRow = typeof statsSnapshots.$inferSelect;
export type StoredStatsRow = typeof statsRows.$inferSelect;

/** statuses counted (not_opened is not part of the statistics) */
const COUNTED = ENROLMENT_STATUSES.filter((st) => st !== 'not_opened');
/** 考核结果统计 buckets: stored key → which of an institution's grouped rows it counts */
const RESULT_FILTERS: [string, string][] = [
  ['passed', `status = 'passed'`],
  ['failed', `status = 'failed'`],
  ['disciplinary', `status = 'disciplinary_failed'`],
  ['unfinished', `status NOT IN ('passed', 'failed', 'disciplinary_failed', 'withdrawn')`],
  ['exempt', `(humanities_exempt OR professional_exempt)`],
  ['deferred', `deferral_approved`],
];
/** One count column per status, and per procedure: its rows (withdrawn excluded) and each bucket. */
const COLUMNS: [string, string][] = [
  ...COUNTED.map((st): [string, string] => [`s_${st}`, `status = '${st}'`]),
  ...PROCEDURES.flatMap((proc): [string, string][] => {
    const of = `procedure = '${proc}' AND status <> 'withdrawn'`;
    return [[`${proc}_n`, of], ...RESULT_FILTERS.map(([k, f]): [string, string] => [`${proc}_${k}`, `${of} AND ${f}`])];
  }),
];
// fixed identifiers and literals from the domain's own constants (never user input)
const PIVOT = sql.raw(COLUMNS.map(([k, f]) => `coalesce(sum(n) FILTER (WHERE ${f}), 0)::int AS ${k}`).join(',\n'));
const ROLLUP = sql.raw(COLUMNS.map(([k]) => `sum(i.${k})::int AS ${k}`).join(', '));
// only the statuses present (a count > 0), as jsonb_object_agg over the statuses would give
const PROGRESS_JSON = sql.raw(
  `jsonb_strip_nulls(jsonb_build_object(${COUNTED.map((st) => `'${st}', nullif(r.s_${st}, 0)`).join(', ')}))`,
);
// only the procedures that have rows
const RESULT_JSON = sql.raw(
  `jsonb_strip_nulls(jsonb_build_object(${PROCEDURES.map(
    (proc) =>
      `'${proc}', CASE WHEN r.${proc}_n > 0 THEN jsonb_build_object(${RESULT_FILTERS.map(([k]) => `'${k}', r.${proc}_${k}`).join(', ')}) END`,
  ).join(', ')}))`,
);

/**
 * Counts the cycle and stores one row per administration / institution of the province, in one
 * statement of three steps (decision 0112): (1) the cycle's enrolments grouped per institution and
 * the columns the counts depend on — an index-only scan of `enrolments_stats_idx` in its order, so
 * a streaming aggregate with no hash table; (2) pivoted into one row of counts per institution;
 * (3) each institution's row added to every unit on its path (≈ 4 rows per institution) and
 * summed per unit, then shaped as the stored JSON.
 */
export async function computeSnapshotRows(
  tx: DbOrTx,
  snapshot: { id: number; provinceId: number; cycleId: number },
): Promise<number> {
  await tx.delete(statsRows).where(eq(statsRows.snapshotId, snapshot.id));
  const r = await tx.execute(sql`
    INSERT INTO stats_rows (snapshot_id, org_id, parent_id, path, kind, level, name, progress, result)
    WITH base AS (
      SELECT institution_id, status, procedure, humanities_exempt, professional_exempt, deferral_approved,
             count(*) AS n
        FROM enrolments
       WHERE cycle_id = ${snapshot.cycleId} AND status <> 'not_opened'
       GROUP BY institution_id, status, procedure, humanities_exempt, professional_exempt, deferral_approved
    ), inst AS (
      SELECT institution_id, ${PIVOT} FROM base GROUP BY institution_id
    ), rolled AS (
      SELECT a.org_id, ${ROLLUP}
        FROM inst i
        JOIN organisations o ON o.id = i.institution_id
        CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from o.path), '/')::int[]) AS a(org_id)
       GROUP BY a.org_id
    ), shaped AS MATERIALIZED (
      SELECT ${snapshot.id}::int AS snapshot_id, o.id AS org_id, o.parent_id, o.path, o.kind, o.level, o.name,
             coalesce(${PROGRESS_JSON}, '{}'::jsonb) AS progress, coalesce(${RESULT_JSON}, '{}'::jsonb) AS result
        FROM organisations o
        LEFT JOIN rolled r ON r.org_id = o.id
       WHERE o.province_id = ${snapshot.provinceId}
         AND o.kind IN ('admin', 'institution')
         AND (o.status <> 'deregistered' OR r.org_id IS NOT NULL)
    )
    -- siblings side by side on disk, in the page's order: a city's 800 institutions are read from
    -- ≈ 100 heap pages instead of ≈ 800. Sorted after the join (MATERIALIZED): asked for sorted
    -- output, the planner walked organisations by parent and nested-looped the roll-up (160 s at 5 M).
    SELECT * FROM shaped ORDER BY parent_id, kind = 'institution', name, org_id`);
  return r.rowCount ?? 0;
}

/** Planner statistics of the stored rows, after a snapshot is written (outside its transaction). */
export async function analyzeStatsRows(db: DbOrTx): Promise<void> {
  await db.execute(sql`ANALYZE stats_rows`);
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

/** A page of a unit's subordinate units (administrations first, then institutions, by name). */
export interface ChildPage {
  offset: number;
  limit: number;
}

/**
 * In one round trip: a unit's row, its children (all of them, or one page) and the units on its
 * path (for the breadcrumb). A city can hold 800+ institutions directly: a page of them keeps the
 * response small (decision 0118).
 */
export async function rowWithChildren(
  db: DbOrTx,
  snapshotId: number,
  orgId: number,
  page?: ChildPage,
): Promise<StoredStatsRow[]> {
  const children = page
    ? // an array computed once (InitPlan), so the OR below stays a BitmapOr of index scans (an
      // IN (subquery) there turned the read into a scan of the whole snapshot: 75 ms → see 0118)
      sql`${statsRows.orgId} = ANY(ARRAY(SELECT c.org_id FROM stats_rows c
            WHERE c.snapshot_id = ${snapshotId} AND c.parent_id = ${orgId}
            ORDER BY c.kind = 'institution', c.name, c.org_id LIMIT ${page.limit} OFFSET ${page.offset}))`
    : sql`${statsRows.parentId} = ${orgId}`;
  return db
    .select()
    .from(statsRows)
    .where(
      and(
        eq(statsRows.snapshotId, snapshotId),
        // one heap visit per row: a BitmapOr of the children (parent index) and the primary key
        // (the node and the units on its path, from the node's stored path)
        sql`(${children} OR ${statsRows.orgId} = ANY((
              SELECT string_to_array(trim(both '/' from r.path), '/')::int[] || ${orgId}::int
                FROM stats_rows r WHERE r.snapshot_id = ${snapshotId} AND r.org_id = ${orgId})::int[]))`,
      ),
    )
    .orderBy(sql`${statsRows.kind} = 'institution'`, statsRows.name, statsRows.orgId);
}

/** How many subordinate units a unit has in a snapshot. */
export async function childCount(db: DbOrTx, snapshotId: number, orgId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(statsRows)
    .where(and(eq(statsRows.snapshotId, snapshotId), eq(statsRows.parentId, orgId)));
  return r?.n ?? 0;
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
