/** 【提交】 延期考核申请 (first time or again after 不同意). */
import type { AppDeps } from '../../../app.js';
import { deferralApplications } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { TDeferralApply } from '../../../../shared/schemas/deferral.js';
import { findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { assertAttached } from '../../procedure/attachments.js';
import { lockApplicationOf, saveApplication } from '../../procedure/application.repo.js';
import type { DeferralState } from '../deferral.machine.js';
import { blockedFor } from './apply.rules.js';
import { mine } from './mine.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function apply(deps: Deps, actor: Actor, enrolmentId: number, input: TDeferralApply) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const existing = await lockApplicationOf(tx, deferralApplications, e.id);
    const state = (existing?.status ?? 'none') as DeferralState;
    const blocked = await blockedFor(tx, deps.now(), e, state);
    if (blocked) throw new AppError('DEFERRAL_NOT_ALLOWED', blocked.message, blocked.status);
    await assertAttached(tx, e.id, 'deferral', input.fileIds);
    const values = {
      status: 'pending_institution',
      reason: input.reason,
      fileIds: input.fileIds,
      institutionAgree: null,
      institutionOpinion: null,
      institutionName: null,
      institutionAt: null,
      adminAgree: null,
      adminOpinion: null,
      adminOrgName: null,
      adminAt: null,
      submittedAt: deps.now(),
      updatedAt: deps.now(),
    };
    const id = await saveApplication(tx, deferralApplications, existing, values, e, '延期考核申请已提交，请刷新后查看');
    await writeAudit(tx, actor, {
      targetType: 'deferral_application',
      targetId: id,
      action: '提交延期考核申请',
      orgPath: e.orgPath,
      provinceId: e.provinceId,
      reason: input.reason,
      before: { status: state },
      after: { status: 'pending_institution', files: input.fileIds.length },
    });
  });
  return mine(deps, actor);
}
