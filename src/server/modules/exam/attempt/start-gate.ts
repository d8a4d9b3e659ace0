/**
 * Start-spike control (issue 9): a province may set a maximum number of test starts per
 * minute. Above it a physician is not refused but queued: the waiting screen shows their
 * position and retries; the queue is served in arrival order. The counter and the queue live
 * in PostgreSQL, so every API process shares them. A waiter who stops polling for 30 s no
 * longer holds up those behind.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { AppError } from '../../../platform/errors.js';

const STALE_WAITER = '30 seconds';

export type StartAdmission = { admitted: true } | { admitted: false; position: number; retryAfterSeconds: number };

export async function admitStart(
  db: DbOrTx,
  provinceId: number,
  physicianId: number,
  now: Date,
): Promise<StartAdmission> {
  const limit = (
    await db.execute(sql`SELECT per_minute AS "perMinute" FROM exam_start_limits WHERE province_id = ${provinceId}`)
  ).rows[0] as { perMinute: number } | undefined;
  if (!limit) return { admitted: true };
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const r = await db.execute(sql`
    WITH me AS (SELECT enqueued_at FROM exam_start_queue WHERE physician_id = ${physicianId}),
         ahead AS (
           SELECT count(*)::int AS n FROM exam_start_queue q
            WHERE q.province_id = ${provinceId} AND q.physician_id <> ${physicianId}
              AND q.seen_at > ${now}::timestamptz - ${STALE_WAITER}::interval
              AND (NOT EXISTS (SELECT 1 FROM me) OR (q.enqueued_at, q.physician_id) < ((SELECT enqueued_at FROM me), ${physicianId})))
    SELECT (SELECT n FROM ahead) AS ahead,
           COALESCE((SELECT used FROM exam_start_slots WHERE province_id = ${provinceId} AND minute = ${minute}), 0) AS used`);
  const { ahead, used } = r.rows[0] as { ahead: number; used: number };
  if (ahead < limit.perMinute - used) {
    const slot = await db.execute(sql`
      INSERT INTO exam_start_slots (province_id, minute, used) VALUES (${provinceId}, ${minute}, 1)
      ON CONFLICT (province_id, minute) DO UPDATE SET used = exam_start_slots.used + 1
       WHERE exam_start_slots.used < ${limit.perMinute}
      RETURNING used`);
    if (slot.rows.length) {
      await db.execute(sql`DELETE FROM exam_start_queue WHERE physician_id = ${physicianId}`);
      return { admitted: true };
    }
  }
  await db.execute(sql`
    INSERT INTO exam_start_queue (physician_id, province_id, enqueued_at, seen_at)
    VALUES (${physicianId}, ${provinceId}, ${now}, ${now})
    ON CONFLICT (physician_id) DO UPDATE SET seen_at = EXCLUDED.seen_at`);
  const retryAfterSeconds = Math.max(2, Math.min(10, Math.ceil((minute.getTime() + 60_000 - now.getTime()) / 1000)));
  return { admitted: false, position: ahead + 1, retryAfterSeconds };
}

export const startWaitError = (a: { position: number; retryAfterSeconds: number }) =>
  new AppError(
    'START_WAIT',
    `当前开始答题的人数较多，您前面还有 ${a.position - 1} 人，请稍候，轮到您时将自动进入答题`,
    429,
    a,
  );
