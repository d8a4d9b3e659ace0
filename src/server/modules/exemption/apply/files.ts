/** 免考证明材料: upload / delete (not while the application is under review or approved). */
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { conflict } from '../../../platform/errors.js';
import { addAttachment, removeAttachment } from '../../procedure/attachments.js';
import { hasActiveExemption } from '../exemption.repo.js';
import { lockMyEnrolment } from './apply.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function uploadFile(deps: Deps, actor: Actor, enrolmentId: number, buf: Buffer, name: string) {
  return deps.db.transaction(async (tx) => {
    const e = await lockMyEnrolment(tx, actor, enrolmentId);
    return addAttachment(tx, deps, actor, e, 'exemption', buf, name);
  });
}

export async function deleteFile(deps: Deps, actor: Actor, enrolmentId: number, fileId: string) {
  await deps.db.transaction(async (tx) => {
    const e = await lockMyEnrolment(tx, actor, enrolmentId);
    if (await hasActiveExemption(tx, e.id)) throw conflict('免考申请审核中或已通过，不能删除材料');
    await removeAttachment(tx, deps, actor, e, 'exemption', fileId);
  });
}
