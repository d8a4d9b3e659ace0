import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { cycles, statsSnapshots } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { enqueueJob } from '../../platform/jobs.js';
import { currentCycle } from '../enrolment/enrolment.transition.js';
import { requireStatsRole } from './get-stats-view.js';
import * as repo from './stats.repo.js';

export const SNAPSHOT_TASK = 'stats.snapshot';

/**
 * 【重新统计】: queue a new snapshot of the province's current cycle. One snapshot serves every
 * reviewer of the province (each reads only its jurisdiction's rows), so a request while one is
 * already queued or running joins it instead of queueing another.
 */
export async function refreshStats(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  requestId?: string,
): Promise<{ snapshotId: number; pending: boolean }> {
  requireStatsRole(actor);
  return deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    // one refresh decision per province at a time
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('stats.refresh'), ${actor.provinceId})`);
    const pending = await repo.pendingSnapshot(tx, actor.provinceId);
    if (pending) return { snapshotId: pending.id, pending: true };
    const snapshotId = await queueSnapshot(tx, actor.provinceId, cycle.id, actor.accountId);
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'stats_snapshot',
        targetId: snapshotId,
        action: '重新统计',
        orgPath: actor.orgPath,
        provinceId: actor.provinceId,
      },
      requestId,
    );
    return { snapshotId, pending: true };
  });
}

export async function queueSnapshot(
  tx: Parameters<Parameters<AppDeps['db']['transaction']>[0]>[0],
  provinceId: number,
  cycleId: number,
  requestedBy: number | null,
): Promise<number> {
  const [s] = await tx
    .insert(statsSnapshots)
    .values({ provinceId, cycleId, status: 'pending', requestedBy })
    .returning({ id: statsSnapshots.id });
  await enqueueJob(tx, SNAPSHOT_TASK, { snapshotId: s.id }, { jobKey: `stats.snapshot:${provinceId}`, maxAttempts: 3 });
  return s.id;
}

/** The schedule: a fresh snapshot for every province that has a current cycle. */
export async function queueScheduledSnapshots(deps: Pick<AppDeps, 'db'>): Promise<number> {
  const current = await deps.db
    .select({ provinceId: cycles.provinceId, cycleId: cycles.id })
    .from(cycles)
    .where(eq(cycles.isCurrent, true));
  let n = 0;
  for (const c of current) {
    await deps.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('stats.refresh'), ${c.provinceId})`);
      if (await repo.pendingSnapshot(tx, c.provinceId)) return;
      await queueSnapshot(tx, c.provinceId, c.cycleId, null);
      n++;
    });
  }
  return n;
}

/** The job: count, store, mark done (idempotent: a retry recounts into the same snapshot). */
export async function computeSnapshot(deps: Pick<AppDeps, 'db' | 'logger'>, snapshotId: number): Promise<void> {
  const [snap] = await deps.db.select().from(statsSnapshots).where(eq(statsSnapshots.id, snapshotId));
  if (!snap || snap.status === 'done') return;
  const started = Date.now();
  try {
    await deps.db.transaction(async (tx) => {
      // one computation per snapshot even if two workers pick it up (a retry racing a slow first run)
      const [locked] = await tx
        .select({ status: statsSnapshots.status })
        .from(statsSnapshots)
        .where(eq(statsSnapshots.id, snap.id))
        .for('update');
      if (locked?.status !== 'pending') return;
      // 统计时间 = the moment the enrolments are read (the statement sees one consistent state)
      const [{ now }] = (await tx.execute(sql`SELECT now() AS now`)).rows as { now: Date }[];
      // the roll-up sorts ≈ 4 rows per institution: in memory rather than spilled (this transaction only)
      await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
      const rows = await repo.computeSnapshotRows(tx, snap);
      await tx
        .update(statsSnapshots)
        .set({ status: 'done', computedAt: new Date(now), durationMs: Date.now() - started })
        .where(and(eq(statsSnapshots.id, snap.id), eq(statsSnapshots.status, 'pending')));
      await repo.pruneSnapshots(tx, snap.provinceId);
      deps.logger.info({ snapshotId, rows, ms: Date.now() - started }, 'statistics snapshot stored');
    });
    // fresh planner statistics before the first page is served: with the previous snapshot's
    // row counts the page query picked the wrong index (165 ms instead of 10 at 5 M enrolments)
    // (the snapshot is stored either way: a failed ANALYZE only leaves the planner's old figures)
    await repo
      .analyzeStatsRows(deps.db)
      .catch((err) => deps.logger.warn({ err, snapshotId }, 'ANALYZE stats_rows failed'));
  } catch (err) {
    await deps.db.update(statsSnapshots).set({ status: 'failed' }).where(eq(statsSnapshots.id, snap.id));
    throw err;
  }
}
