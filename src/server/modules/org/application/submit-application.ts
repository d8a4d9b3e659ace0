import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, conflict } from '../../../platform/errors.js';
import type { TMyApplication } from '../../../../shared/schemas/org.js';
import { getMyApplication } from './get-my-application.js';
import { lockOwnApplication } from './application.helpers.js';

/** 【提交申请】 (also after a rejection). */
export async function submitApplication(deps: AppDeps, actor: Actor): Promise<TMyApplication> {
  await deps.db.transaction(async (tx) => {
    const { org, app } = await lockOwnApplication(tx, deps, actor);
    if (!app.materials.length) throw badRequest('请先【上传】申请材料，再提交申请');
    const [after] = await tx
      .update(assessmentApplications)
      .set({
        status: 'pending',
        submittedAt: deps.now(),
        decidedAt: null,
        reviewerAccountId: null,
        rejectReason: null,
        updatedAt: deps.now(),
      })
      .where(and(eq(assessmentApplications.id, app.id), eq(assessmentApplications.status, app.status)))
      .returning({ id: assessmentApplications.id });
    if (!after) throw conflict();
    await writeAudit(tx, actor, {
      targetType: 'assessment_application',
      targetId: app.id,
      action: app.status === 'rejected' ? '重新提交考核机构申请' : '提交考核机构申请',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { status: app.status },
      after: { status: 'pending', materials: app.materials.length },
    });
  });
  return getMyApplication(deps, actor);
}
