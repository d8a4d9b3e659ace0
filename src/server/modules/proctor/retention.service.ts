/**
 * Retention: frames are deleted (bytes and file record) once the province's retention days
 * after the cycle's results are final have passed. Scores, events and decisions remain; a frame
 * of an enrolment with an open 违纪 case (processed, appeal pending) is kept until it is decided.
 */
import { inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { files, proctorFrames } from '../../db/schema/index.js';

type Deps = Pick<AppDeps, 'db' | 'storage' | 'now' | 'logger'>;

export async function purgeExpiredFrames(deps: Deps, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await deps.db.execute<{ id: number; file_id: string; storage_key: string | null }>(sql`
      SELECT f.id, f.file_id, fl.storage_key
      FROM proctor_frames f
      JOIN enrolments e ON e.id = f.enrolment_id
      JOIN cycles c ON c.id = e.cycle_id
      LEFT JOIN proctor_settings ps ON ps.province_id = f.province_id
      LEFT JOIN proctor_cases pc ON pc.enrolment_id = f.enrolment_id
      LEFT JOIN files fl ON fl.id = f.file_id::uuid
      WHERE f.file_id IS NOT NULL
        AND coalesce(pc.status, '') NOT IN ('processed', 'appealed')
        AND (SELECT max((w.value->>'end')::timestamptz) FROM jsonb_each(c.windows) w)
            + make_interval(days => coalesce(ps.retention_days, 90)) < ${deps.now().toISOString()}::timestamptz
      ORDER BY f.id
      LIMIT ${batch}`);
    const rows = due.rows;
    if (!rows.length) return total;
    for (const r of rows) {
      if (r.storage_key) await deps.storage.delete(r.storage_key);
    }
    await deps.db.transaction(async (tx) => {
      await tx
        .update(proctorFrames)
        .set({ fileId: null, deletedAt: deps.now() })
        .where(
          inArray(
            proctorFrames.id,
            rows.map((r) => r.id),
          ),
        );
      await tx.delete(files).where(
        inArray(
          files.id,
          rows.map((r) => r.file_id),
        ),
      );
    });
    total += rows.length;
    deps.logger.info({ deleted: rows.length }, 'proctor frames deleted after retention');
    if (rows.length < batch) return total;
  }
}
