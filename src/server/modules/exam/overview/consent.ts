import { examConsents } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import type { ExamDeps } from '../exam.caches.js';
import { examContext } from '../exam.context.js';

/** 人脸信息采集授权: recorded once per enrolment. */
export async function consent(
  deps: ExamDeps,
  actor: Actor,
  meta: { ip?: string; userAgent?: string },
  requestId?: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const ctx = await examContext(tx, actor);
    if (!ctx) throw notFound('考核记录');
    const inserted = await tx
      .insert(examConsents)
      .values({
        enrolmentId: ctx.enrolment.id,
        physicianId: ctx.enrolment.physicianId,
        consentedAt: deps.now(),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: examConsents.enrolmentId });
    if (inserted.length) {
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'enrolment',
          targetId: ctx.enrolment.id,
          action: '人脸信息采集授权',
          orgPath: ctx.enrolment.orgPath,
          provinceId: ctx.enrolment.provinceId,
        },
        requestId,
      );
    }
  });
}
