/** 免考设置 (省级): reasons per procedure and whether applications are open. */
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import type { TExemptionSettings } from '../../../../shared/schemas/exemption.js';
import { findSettingsRows } from '../exemption.repo.js';

type Procedure = 'general' | 'simple';

export async function getSettings(db: DbOrTx, provinceId: number): Promise<TExemptionSettings> {
  const { reasons, switches } = await findSettingsRows(db, provinceId);
  const part = (p: Procedure) => ({
    open: switches.find((s) => s.procedure === p)?.open ?? false,
    reasons: reasons
      .filter((r) => r.procedure === p)
      .map((r) => ({ id: r.id, procedure: r.procedure, reason: r.reason })),
  });
  return { general: part('general'), simple: part('simple') };
}

export const provinceOrgPath = (a: Actor) => a.orgPath;
