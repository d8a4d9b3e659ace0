import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { enrolments, exemptionApplications } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { notifyPhysician } from '../../messages/send-message.js';
import { refusalError } from '../../../platform/refusal.js';
import { EXEMPTS_LABEL, type TExemptionReview } from '../../../../shared/schemas/exemption.js';
import { decideApplication, findApplicationForReview } from '../../procedure/application.repo.js';
import { exemptedPaper, exemptionTransition, type ExemptionEvent, type ExemptionStatus } from '../exemption.machine.js';
import { getApplication } from './list-applications.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

const DECISION_EVENT: Record<'institution' | 'body', Record<TExemptionReview['decision'], ExemptionEvent>> = {
  institution: {
    approve: 'INSTITUTION_APPROVE',
    reject_supplement: 'INSTITUTION_REJECT_SUPPLEMENT',
    reject_final: 'INSTITUTION_REJECT_FINAL',
  },
  body: { approve: 'BODY_APPROVE', reject_supplement: 'BODY_REJECT_SUPPLEMENT', reject_final: 'BODY_REJECT_FINAL' },
};

/** 卫生机构审核 / 考核机构复核. */
export async function review(deps: Deps, actor: Actor, id: number, input: TExemptionReview) {
  const role = actor.role === 'body' ? 'body' : 'institution';
  const event = DECISION_EVENT[role][input.decision];
  await deps.db.transaction(async (tx) => {
    const row = await findApplicationForReview(tx, exemptionApplications, actor, id, '免考申请');
    const a = row.a;
    const r = exemptionTransition(a.status as ExemptionStatus, event, role, input.opinion);
    if (!r.ok) throw refusalError(r);
    const entry = {
      by: actor.orgName,
      role: role === 'body' ? '考核机构' : '卫生机构',
      decision: r.label,
      opinion: input.opinion,
      at: deps.now().toISOString(),
    };
    await decideApplication(tx, exemptionApplications, id, a.status, {
      status: r.to,
      reviews: [...a.reviews, entry],
      updatedAt: deps.now(),
    });
    if (r.to === 'approved') {
      const paper = exemptedPaper(a.procedure);
      await tx
        .update(enrolments)
        .set(
          paper === 'professional'
            ? { professionalExempt: true, updatedAt: deps.now() }
            : { humanitiesExempt: true, updatedAt: deps.now() },
        )
        .where(eq(enrolments.id, a.enrolmentId));
    }
    await writeAudit(tx, actor, {
      targetType: 'exemption_application',
      targetId: id,
      action: `免考申请${r.label}`,
      orgPath: a.orgPath,
      provinceId: a.provinceId,
      reason: input.opinion || null,
      before: { status: a.status },
      after: { status: r.to, ...(r.to === 'approved' ? { exempt: exemptedPaper(a.procedure) } : {}) },
    });
    const what = EXEMPTS_LABEL[a.procedure];
    const body =
      r.to === 'approved'
        ? `您的${what}免考申请已通过复核，无需参加${what}。`
        : r.to === 'pending_body'
          ? `您的${what}免考申请已通过卫生机构审核，等待考核机构复核。`
          : r.to === 'rejected_supplement'
            ? `您的${what}免考申请被驳回，请补充材料后重新提交。理由：${input.opinion}`
            : `您的${what}免考申请被驳回，不能再次申请，请按规定参加测评。理由：${input.opinion}`;
    await notifyPhysician(tx, deps.sms, row.physicianId, {
      title: `免考申请：${r.label}`,
      body,
      template: `EXEMPTION_${event}`,
    });
  });
  return getApplication(deps, actor, id);
}
