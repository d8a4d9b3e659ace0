/** 延期考核申请 page: the physician's application, the window and whether they may apply. */
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import type { TDeferralMine } from '../../../../shared/schemas/deferral.js';
import { cycleById, findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { listAttachments } from '../../procedure/attachments.js';
import { myEnrolmentId } from '../../procedure/procedure.service.js';
import { findDeferralOfEnrolment } from '../deferral.repo.js';
import type { DeferralState } from '../deferral.machine.js';
import { toDto } from '../review/to-dto.js';
import { blockedFor } from './apply.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function mine(deps: Deps, actor: Actor): Promise<TDeferralMine> {
  const enrolmentId = await myEnrolmentId(deps, actor);
  if (!enrolmentId)
    return {
      enrolmentId: null,
      window: null,
      application: null,
      canApply: false,
      blockedReason: '您尚未参加本周期考核',
      files: [],
    };
  const e = await findEnrolmentForActor(deps.db, actor, enrolmentId);
  const cycle = await cycleById(deps.db, e.cycleId);
  const r = await findDeferralOfEnrolment(deps.db, e.id);
  const application = r ? toDto(actor, r) : null;
  const blocked = await blockedFor(deps.db, deps.now(), e, (application?.status ?? 'none') as DeferralState);
  return {
    enrolmentId: e.id,
    window: cycle.windows.deferral ?? null,
    application,
    canApply: !blocked,
    blockedReason: blocked?.message ?? null,
    files: await listAttachments(deps.db, e.id, 'deferral'),
  };
}
