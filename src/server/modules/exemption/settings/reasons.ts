/** 免考理由: 添加 / 编辑 / 删除 (省级 only, audited). */
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { exemptionReasons } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { lockOwnReason } from '../exemption.repo.js';
import { getSettings, provinceOrgPath } from './get-settings.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;
type Procedure = 'general' | 'simple';

export async function addReason(deps: Deps, actor: Actor, input: { procedure: Procedure; reason: string }) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(exemptionReasons)
      .values({ provinceId: actor.provinceId, procedure: input.procedure, reason: input.reason })
      .returning();
    await writeAudit(tx, actor, {
      targetType: 'exemption_reason',
      targetId: r.id,
      action: '添加免考理由',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      after: input,
    });
  });
  return getSettings(deps.db, actor.provinceId);
}

export async function updateReason(deps: Deps, actor: Actor, id: number, reason: string) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const before = await lockOwnReason(tx, actor, id);
    if (!before) throw notFound('免考理由');
    await tx.update(exemptionReasons).set({ reason, updatedAt: deps.now() }).where(eq(exemptionReasons.id, id));
    await writeAudit(tx, actor, {
      targetType: 'exemption_reason',
      targetId: id,
      action: '编辑免考理由',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      before: { reason: before.reason },
      after: { reason },
    });
  });
  return getSettings(deps.db, actor.provinceId);
}

export async function deleteReason(deps: Deps, actor: Actor, id: number) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .delete(exemptionReasons)
      .where(and(eq(exemptionReasons.id, id), eq(exemptionReasons.provinceId, actor.provinceId)))
      .returning();
    if (!before) throw notFound('免考理由');
    await writeAudit(tx, actor, {
      targetType: 'exemption_reason',
      targetId: id,
      action: '删除免考理由',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      before: { reason: before.reason, procedure: before.procedure },
    });
  });
  return getSettings(deps.db, actor.provinceId);
}
