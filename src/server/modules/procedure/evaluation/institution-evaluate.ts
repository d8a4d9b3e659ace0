import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import type { TEvaluateInput } from '../../../../shared/schemas/procedure.js';
import { applyTransition, findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { historyOf, readEvaluation } from './evaluation.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** Institution 【提交】: ratings + opinions → 待考核机构复核评定. */
export async function institutionEvaluate(
  deps: Deps,
  actor: Actor,
  id: number,
  input: TEvaluateInput,
  requestId?: string,
) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    const prev = readEvaluation(e);
    const institution = { ...input, by: actor.displayName, at: deps.now().toISOString() };
    await applyTransition(tx, deps, actor, id, 'INSTITUTION_EVALUATE', {
      patch: {
        evaluation: {
          ...(e.evaluation ?? {}),
          institution,
          bodyReview: prev.bodyReview,
          history: [...historyOf(e), { step: 'institution', ...institution }],
        },
        workResult: input.workResult,
        ethicsResult: input.ethicsResult,
      },
      requestId,
    });
  });
}

/** Institution 【驳回】: the physician re-selects the procedure. */
export async function institutionReject(deps: Deps, actor: Actor, id: number, reason: string, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    await applyTransition(tx, deps, actor, id, 'INSTITUTION_REJECT_PROCEDURE', { reason, requestId });
  });
}
