import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { proctorSettings } from '../../db/schema/index.js';
import { PROCTOR_DEFAULTS, type TProctorSettings } from '../../../shared/schemas/proctor.js';

/** The province's 监考 settings, or the documented defaults when it has set none. */
export async function settingsOf(db: DbOrTx, provinceId: number): Promise<TProctorSettings> {
  const [row] = await db.select().from(proctorSettings).where(eq(proctorSettings.provinceId, provinceId));
  if (!row) return { ...PROCTOR_DEFAULTS };
  const { provinceId: _p, updatedAt: _u, ...s } = row;
  return s;
}
