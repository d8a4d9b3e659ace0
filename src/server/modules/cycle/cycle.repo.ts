/**
 * The one "current cycle" query (decision 0071). A province has at most one cycle with
 * `is_current` (the cycle module only creates one when there is none); if data ever held two,
 * the newest wins — every caller agrees because every caller asks here.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { cycles } from '../../db/schema/index.js';
import { AppError } from '../../platform/errors.js';

export type Cycle = typeof cycles.$inferSelect;

/** The province's current cycle, or null when none is set up. */
export async function findCurrentCycle(db: DbOrTx, provinceId: number, forUpdate = false): Promise<Cycle | null> {
  const q = db
    .select()
    .from(cycles)
    .where(and(eq(cycles.provinceId, provinceId), eq(cycles.isCurrent, true)))
    .orderBy(desc(cycles.id))
    .limit(1);
  const [c] = forUpdate ? await q.for('update') : await q;
  return c ?? null;
}

/** The province's current cycle, or a clear error when the province has not set one up. */
export async function currentCycle(db: DbOrTx, provinceId: number): Promise<Cycle> {
  const c = await findCurrentCycle(db, provinceId);
  if (!c) throw new AppError('NO_CYCLE', '本省尚未设置当前考核周期，请联系省级卫生行政机构', 409);
  return c;
}

export async function cycleById(db: DbOrTx, id: number): Promise<Cycle> {
  const [c] = await db.select().from(cycles).where(eq(cycles.id, id));
  return c;
}
