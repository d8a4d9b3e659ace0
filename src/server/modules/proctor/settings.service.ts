import type { AppDeps } from '../../app.js';
import { proctorSettings } from '../../db/schema/index.js';
import { type Actor, requireProvinceAdmin } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TProctorSettings } from '../../../shared/schemas/proctor.js';
import { settingsOf } from './proctor.settings.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

export async function getSettings(deps: Deps, actor: Actor): Promise<TProctorSettings> {
  return settingsOf(deps.db, actor.provinceId);
}

/** 监考设置: province administrations only. */
export async function saveSettings(deps: Deps, actor: Actor, s: TProctorSettings, requestId?: string) {
  requireProvinceAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const before = await settingsOf(tx, actor.provinceId);
    await tx
      .insert(proctorSettings)
      .values({ provinceId: actor.provinceId, ...s, updatedAt: deps.now() })
      .onConflictDoUpdate({ target: proctorSettings.provinceId, set: { ...s, updatedAt: deps.now() } });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'proctor_settings',
        targetId: actor.provinceId,
        action: '修改监考设置',
        orgPath: actor.orgPath,
        provinceId: actor.provinceId,
        before,
        after: s,
      },
      requestId,
    );
    return s;
  });
}
