import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications, files } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import type { TMyApplication } from '../../../../shared/schemas/org.js';
import { getMyApplication } from './get-my-application.js';
import { lockOwnApplication } from './application.helpers.js';

/** Remove one uploaded material while the application can still be edited. */
export async function removeMaterial(deps: AppDeps, actor: Actor, fileId: string): Promise<TMyApplication> {
  const key = await deps.db.transaction(async (tx) => {
    const { org, app } = await lockOwnApplication(tx, deps, actor);
    const m = app.materials.find((x) => x.fileId === fileId);
    if (!m) throw notFound('申请材料');
    await tx
      .update(assessmentApplications)
      .set({ materials: app.materials.filter((x) => x.fileId !== fileId), updatedAt: deps.now() })
      .where(eq(assessmentApplications.id, app.id));
    const [f] = await tx.delete(files).where(eq(files.id, fileId)).returning({ key: files.storageKey });
    await writeAudit(tx, actor, {
      targetType: 'assessment_application',
      targetId: app.id,
      action: '删除申请材料',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { fileId, name: m.name },
    });
    return f?.key;
  });
  if (key) await deps.storage.delete(key).catch(() => undefined);
  return getMyApplication(deps, actor);
}
