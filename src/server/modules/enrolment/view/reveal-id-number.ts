import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { forbidden } from '../../../platform/errors.js';
import { findIdNumberOf } from '../enrolment.repo.js';
import { type EnrolmentDeps, findEnrolmentForActor } from '../enrolment.transition.js';

/**
 * 【查看完整证件号码】 in a detail view, for a reviewer who may see this enrolment (institution,
 * assessment body, administration in jurisdiction; 404 otherwise). Audited.
 */
export async function revealIdNumber(deps: Pick<EnrolmentDeps, 'db'>, actor: Actor, id: number, requestId?: string) {
  if (!['admin', 'institution', 'body'].includes(actor.role)) throw forbidden();
  return deps.db.transaction(async (tx) => {
    const row = await findEnrolmentForActor(tx, actor, id);
    const idNumber = await findIdNumberOf(tx, row);
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'physician',
        targetId: row.physicianId,
        action: '查看完整证件号码',
        orgPath: row.orgPath,
        provinceId: row.provinceId,
      },
      requestId,
    );
    return { idNumber };
  });
}
