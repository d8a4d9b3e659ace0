/** 开启 / 关闭免考申请 per procedure (省级 only; needs at least one reason to open). */
import type { AppDeps } from '../../../app.js';
import { exemptionSwitches } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import { getSettings, provinceOrgPath } from './get-settings.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;
type Procedure = 'general' | 'simple';

export async function setSwitch(deps: Deps, actor: Actor, input: { procedure: Procedure; open: boolean }) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const current = await getSettings(tx, actor.provinceId);
    if (input.open && current[input.procedure].reasons.length === 0) throw badRequest('请先添加免考理由，再开启申请');
    await tx
      .insert(exemptionSwitches)
      .values({ provinceId: actor.provinceId, procedure: input.procedure, open: input.open, updatedAt: deps.now() })
      .onConflictDoUpdate({
        target: [exemptionSwitches.provinceId, exemptionSwitches.procedure],
        set: { open: input.open, updatedAt: deps.now() },
      });
    await writeAudit(tx, actor, {
      targetType: 'exemption_switch',
      targetId: `${actor.provinceId}:${input.procedure}`,
      action: input.open ? '开启免考申请' : '关闭免考申请',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      before: { open: current[input.procedure].open },
      after: { open: input.open },
    });
  });
  return getSettings(deps.db, actor.provinceId);
}
