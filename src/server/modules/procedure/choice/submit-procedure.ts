import type { AppDeps } from '../../../app.js';
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError, badRequest } from '../../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS } from '../../../../shared/enrolment-status.js';
import { ZProcedureApplication, type TProcedureState } from '../../../../shared/schemas/procedure.js';
import {
  applyTransition,
  cycleById,
  findEnrolmentForActor,
  type Enrolment,
} from '../../enrolment/enrolment.transition.js';
import { assertAttached } from '../attachments.js';
import { procedureSubmittable } from './choice.rules.js';
import { getState } from './get-state.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/**
 * The stored application, checked for completeness (the registration submit calls this too
 * when the procedure is chosen with the registration).
 */
export async function validateStoredApplication(db: DbOrTx, e: Enrolment) {
  const parsed = ZProcedureApplication.safeParse(e.procedureApplication ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(issue.path[0] === 'procedure' ? '请选择考核程序（一般程序或简易程序）' : issue.message);
  }
  if (parsed.data.procedure === 'simple' && e.simpleDisallowed)
    throw badRequest('考核机构已驳回您的简易程序申请，本周期只能选择一般程序');
  await assertAttached(db, e.id, 'proof', parsed.data.proofFileIds);
  return parsed.data;
}

/** 【选择考核程序】 → 【提交】 (after approval, or after 驳回到重新选择程序). */
export async function submitProcedure(
  deps: Deps,
  actor: Actor,
  id: number,
  requestId?: string,
): Promise<TProcedureState> {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id, true);
    const cycle = await cycleById(tx, e.cycleId);
    if (!procedureSubmittable(e.status, cycle.procedureChoice)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，不能提交考核程序`,
        409,
      );
    }
    const app = await validateStoredApplication(tx, e);
    await applyTransition(tx, deps, actor, id, 'SUBMIT_PROCEDURE', {
      patch: {
        procedure: app.procedure,
        submittedAt: deps.now(),
        evaluation: {},
        workResult: null,
        ethicsResult: null,
      },
      requestId,
    });
  });
  return getState(deps, actor, id);
}
