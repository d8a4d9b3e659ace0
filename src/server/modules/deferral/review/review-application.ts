import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { deferralApplications, enrolments } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import { refusalError } from '../../../platform/refusal.js';
import { DECISION_LABELS, type Decision } from '../../../../shared/domain/decisions.js';
import { notifyPhysician } from '../../messages/send-message.js';
import type { TDeferralReview } from '../../../../shared/schemas/deferral.js';
import { decideApplication, findApplicationForReview } from '../../procedure/application.repo.js';
import { deferralTransition, type DeferralEvent, type DeferralStatus } from '../deferral.machine.js';
import { getApplication } from './list-applications.js';
import { machineActor } from './to-dto.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

const DECISION_EVENT = {
  institution: { approve: 'INSTITUTION_APPROVE', reject: 'INSTITUTION_REJECT' },
  admin: { approve: 'ADMIN_APPROVE', reject: 'ADMIN_REJECT' },
} as const satisfies Record<'institution' | 'admin', Record<Decision, DeferralEvent>>;

/** 卫生机构意见 (institution) or 卫生行政部门意见 (administration in whose subtree the institution lies). */
export async function review(deps: Deps, actor: Actor, id: number, input: TDeferralReview) {
  const ma = machineActor(actor);
  if (ma !== 'institution' && ma !== 'admin') throw new AppError('FORBIDDEN', '您没有权限执行此操作', 403);
  const event = ma === 'institution' ? DECISION_EVENT.institution[input.agree] : DECISION_EVENT.admin[input.agree];
  const agree = DECISION_LABELS[input.agree];
  await deps.db.transaction(async (tx) => {
    const row = await findApplicationForReview(tx, deferralApplications, actor, id, '延期考核申请');
    const a = row.a;
    const r = deferralTransition(a.status as DeferralStatus, event, ma, input.opinion);
    if (!r.ok) throw refusalError(r);
    const now = deps.now();
    const patch =
      ma === 'institution'
        ? {
            institutionAgree: agree,
            institutionOpinion: input.opinion,
            institutionName: actor.orgName,
            institutionAt: now,
          }
        : { adminAgree: agree, adminOpinion: input.opinion, adminOrgName: actor.orgName, adminAt: now };
    await decideApplication(tx, deferralApplications, id, a.status, { ...patch, status: r.to, updatedAt: now });
    if (r.to === 'approved')
      await tx
        .update(enrolments)
        .set({ deferralApproved: true, updatedAt: now })
        .where(eq(enrolments.id, a.enrolmentId));
    await writeAudit(tx, actor, {
      targetType: 'deferral_application',
      targetId: id,
      action: r.label,
      orgPath: a.orgPath,
      provinceId: a.provinceId,
      reason: input.opinion || null,
      before: { status: a.status },
      after: { status: r.to },
    });
    const body =
      r.to === 'approved'
        ? '您的延期考核申请已获卫生行政部门批准，请在再次考核时间内以首次考核形式参加测评。'
        : r.to === 'pending_admin'
          ? '您的延期考核申请已获卫生机构同意，等待卫生行政部门审批。'
          : `您的延期考核申请未获同意，请按时参加首轮考核。意见：${input.opinion}`;
    await notifyPhysician(tx, deps.sms, row.physicianId, {
      title: `延期考核申请：${r.label}`,
      body,
      template: `DEFERRAL_${event}`,
    });
  });
  return getApplication(deps, actor, id);
}
