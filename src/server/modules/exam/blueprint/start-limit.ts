import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { requireProvinceAdmin } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { TStartLimitInput } from '../../../../shared/schemas/exam.js';
import type { ExamDeps } from '../exam.caches.js';

export async function startLimitOf(db: DbOrTx, provinceId: number): Promise<number | null> {
  const r = await db.execute(
    sql`SELECT per_minute AS "perMinute" FROM exam_start_limits WHERE province_id = ${provinceId}`,
  );
  return (r.rows[0] as { perMinute: number } | undefined)?.perMinute ?? null;
}

/** 试卷设置 →【每分钟最多开始答题人数】 (province administration; empty = unlimited), audited. */
export async function saveStartLimit(
  deps: ExamDeps,
  actor: Actor,
  input: TStartLimitInput,
  requestId?: string,
): Promise<void> {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const before = await startLimitOf(tx, actor.provinceId);
    if (input.perMinute === null)
      await tx.execute(sql`DELETE FROM exam_start_limits WHERE province_id = ${actor.provinceId}`);
    else
      await tx.execute(sql`
        INSERT INTO exam_start_limits (province_id, per_minute, updated_at) VALUES (${actor.provinceId}, ${input.perMinute}, ${deps.now()})
        ON CONFLICT (province_id) DO UPDATE SET per_minute = EXCLUDED.per_minute, updated_at = EXCLUDED.updated_at`);
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'exam_start_limit',
        targetId: actor.provinceId,
        action: '设置每分钟最多开始答题人数',
        orgPath: actor.orgPath,
        provinceId: actor.provinceId,
        before: { perMinute: before },
        after: { perMinute: input.perMinute },
      },
      requestId,
    );
  });
}
