/** 延期考核 附件: upload / delete (not while under review or approved). */
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { conflict } from '../../../platform/errors.js';
import { findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { addAttachment, removeAttachment } from '../../procedure/attachments.js';
import { deferralStatusOf } from '../deferral.repo.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function uploadFile(deps: Deps, actor: Actor, enrolmentId: number, buf: Buffer, name: string) {
  return deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    return addAttachment(tx, deps, actor, e, 'deferral', buf, name);
  });
}

export async function deleteFile(deps: Deps, actor: Actor, enrolmentId: number, fileId: string) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const status = await deferralStatusOf(tx, e.id);
    if (status && ['pending_institution', 'pending_admin', 'approved'].includes(status))
      throw conflict('延期考核申请审核中或已批准，不能删除附件');
    await removeAttachment(tx, deps, actor, e, 'deferral', fileId);
  });
}
