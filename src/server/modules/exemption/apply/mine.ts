/** 免考申请 page: the physician's application, the open reasons and whether they may apply. */
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { EXEMPTS_LABEL, type TExemptionMine } from '../../../../shared/schemas/exemption.js';
import { findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { listAttachments } from '../../procedure/attachments.js';
import { myEnrolmentId } from '../../procedure/procedure.service.js';
import { findExemptionOfEnrolment } from '../exemption.repo.js';
import type { ExemptionStatus } from '../exemption.machine.js';
import { getSettings } from '../settings/get-settings.js';
import { toDto } from '../review/to-dto.js';
import { whyCannotApply } from './apply.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function mine(deps: Deps, actor: Actor): Promise<TExemptionMine> {
  const enrolmentId = await myEnrolmentId(deps, actor);
  if (!enrolmentId) {
    return {
      enrolmentId: null,
      procedure: null,
      exempts: null,
      open: false,
      reasons: [],
      application: null,
      canApply: false,
      blockedReason: '您尚未参加本周期考核',
      files: [],
    };
  }
  const e = await findEnrolmentForActor(deps.db, actor, enrolmentId);
  const settings = await getSettings(deps.db, e.provinceId);
  const r = await findExemptionOfEnrolment(deps.db, e.id);
  const application = r ? toDto(actor, r) : null;
  const blockedReason = whyCannotApply(e, settings, (application?.status as ExemptionStatus) ?? 'none');
  return {
    enrolmentId: e.id,
    procedure: e.procedure,
    exempts: e.procedure ? EXEMPTS_LABEL[e.procedure] : null,
    open: e.procedure ? settings[e.procedure].open : false,
    reasons: e.procedure ? settings[e.procedure].reasons : [],
    application,
    canApply: blockedReason === null,
    blockedReason,
    files: await listAttachments(deps.db, e.id, 'exemption'),
  };
}
