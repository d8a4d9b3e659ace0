import type { AppDeps } from '../../../app.js';
import { exemptionApplications } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, badRequest } from '../../../platform/errors.js';
import type { TExemptionApply } from '../../../../shared/schemas/exemption.js';
import { assertAttached } from '../../procedure/attachments.js';
import { lockApplicationOf, saveApplication } from '../../procedure/application.repo.js';
import type { ExemptionState } from '../exemption.machine.js';
import { getSettings } from '../settings/get-settings.js';
import { lockMyEnrolment, whyCannotApply } from './apply.rules.js';
import { mine } from './mine.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** 【提交免考申请】 (first time or after 驳回补充材料). */
export async function apply(deps: Deps, actor: Actor, enrolmentId: number, input: TExemptionApply) {
  await deps.db.transaction(async (tx) => {
    const e = await lockMyEnrolment(tx, actor, enrolmentId);
    const settings = await getSettings(tx, e.provinceId);
    const existing = await lockApplicationOf(tx, exemptionApplications, e.id);
    const state = (existing?.status ?? 'none') as ExemptionState;
    const blocked = whyCannotApply(e, settings, state);
    if (blocked)
      throw new AppError(
        'EXEMPTION_NOT_ALLOWED',
        blocked,
        state === 'none' || state === 'rejected_supplement' ? 400 : 409,
      );
    const procedure = e.procedure!;
    const available = settings[procedure].reasons;
    const reasons = input.reasonIds.map((id) => available.find((r) => r.id === id));
    if (reasons.some((r) => !r)) throw badRequest('所选免考理由不存在或不适用于您的考核程序，请刷新后重新选择');
    await assertAttached(tx, e.id, 'exemption', input.fileIds);
    const snapshot = reasons.map((r) => ({ id: r!.id, reason: r!.reason }));
    const values = {
      status: 'pending_institution',
      reasons: snapshot,
      note: input.note,
      fileIds: input.fileIds,
      procedure,
      submittedAt: deps.now(),
      updatedAt: deps.now(),
    };
    const appId = await saveApplication(tx, exemptionApplications, existing, values, e, '免考申请已提交，请刷新后查看');
    await writeAudit(tx, actor, {
      targetType: 'exemption_application',
      targetId: appId,
      action: '提交免考申请',
      orgPath: e.orgPath,
      provinceId: e.provinceId,
      before: { status: state },
      after: { status: 'pending_institution', reasons: snapshot.map((r) => r.id), files: input.fileIds.length },
    });
  });
  return mine(deps, actor);
}
