import { and, eq, ne } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications, organisations } from '../../../db/schema/index.js';
import { inSubtree, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, conflict, notFound } from '../../../platform/errors.js';

async function decide(deps: AppDeps, actor: Actor, id: number, approve: boolean, reason: string | null): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [app] = await tx
      .select()
      .from(assessmentApplications)
      .where(
        and(
          eq(assessmentApplications.id, id),
          inSubtree(assessmentApplications.orgPath, actor.orgPath),
          ne(assessmentApplications.status, 'draft'),
        ),
      )
      .for('update');
    if (!app) throw notFound('考核机构申请');
    if (app.status !== 'pending') throw badRequest('该申请不是待审批状态，不能重复审批');
    const [after] = await tx
      .update(assessmentApplications)
      .set({
        status: approve ? 'approved' : 'rejected',
        decidedAt: deps.now(),
        reviewerAccountId: actor.accountId,
        rejectReason: reason,
        updatedAt: deps.now(),
      })
      .where(and(eq(assessmentApplications.id, app.id), eq(assessmentApplications.status, 'pending')))
      .returning({ id: assessmentApplications.id });
    if (!after) throw conflict();
    if (approve) {
      await tx
        .update(organisations)
        .set({ isAssessmentBody: true, updatedAt: deps.now() })
        .where(eq(organisations.id, app.institutionId));
    }
    await writeAudit(tx, actor, {
      targetType: 'assessment_application',
      targetId: app.id,
      action: approve ? '通过考核机构申请' : '驳回考核机构申请',
      orgPath: app.orgPath,
      provinceId: app.provinceId,
      reason,
      before: { status: 'pending' },
      after: { status: approve ? 'approved' : 'rejected', institutionId: app.institutionId },
    });
  });
}

export const approveApplication = (deps: AppDeps, actor: Actor, id: number) => decide(deps, actor, id, true, null);

export const rejectApplication = (deps: AppDeps, actor: Actor, id: number, reason: string) =>
  decide(deps, actor, id, false, reason);
