import type { AppDeps } from '../../../app.js';
import { enrolmentChangeRequests } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS } from '../../../../shared/enrolment-status.js';
import type { TChangeRequestView } from '../../../../shared/schemas/enrolment.js';
import { lockMyEnrolment } from './change.repo.js';
import { CHANGEABLE, toChangeView } from './change.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now'>;

/** 【申请修改】 (physician, after 报名成功). */
export async function requestChange(
  deps: Deps,
  actor: Actor,
  reason: string,
  requestId?: string,
): Promise<TChangeRequestView> {
  return deps.db.transaction(async (tx) => {
    const row = await lockMyEnrolment(tx, actor);
    if (!CHANGEABLE.includes(row.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `考核状态为「${ENROLMENT_STATUS_LABELS[row.status]}」，报名成功后才能申请修改信息`,
        409,
      );
    }
    const [created] = await tx
      .insert(enrolmentChangeRequests)
      .values({
        enrolmentId: row.id,
        provinceId: row.provinceId,
        institutionId: row.institutionId,
        orgPath: row.orgPath,
        physicianId: row.physicianId,
        state: 'pending',
        reason,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict('您已有一条未处理完的修改申请，请等待卫生机构处理');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'enrolment_change',
        targetId: created.id,
        action: '申请修改',
        orgPath: row.orgPath,
        provinceId: row.provinceId,
        reason,
        after: { state: 'pending', enrolmentId: row.id },
      },
      requestId,
    );
    return toChangeView(created);
  });
}
