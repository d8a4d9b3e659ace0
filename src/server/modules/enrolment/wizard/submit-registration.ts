import { STEP_TITLES, type TMine } from '../../../../shared/schemas/enrolment.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError } from '../../../platform/errors.js';
import { refusalError } from '../../../platform/refusal.js';
import { validateStoredApplication } from '../../procedure/procedure.service.js';
import { transition } from '../enrolment.machine.js';
import { findOwnEnrolment } from '../enrolment.repo.js';
import { applyTransition, currentCycle, type Enrolment, type EnrolmentDeps } from '../enrolment.transition.js';
import { getMine } from './get-mine.js';
import { requireRegistrationWindow, wizardIssue } from './wizard.rules.js';

/** 【提交信息】: complete wizard (and step 5 when chosen with the registration) → 待卫生机构审核. */
export async function submitRegistration(deps: EnrolmentDeps, actor: Actor, requestId?: string): Promise<TMine> {
  await deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const row = await findOwnEnrolment(tx, actor, cycle.id, true);
    if (!row) throw new AppError('NOT_OPENED', '您所在的卫生机构尚未为您开通本周期考核报名（未开通报名）', 409);
    const t = transition(row.status, 'SUBMIT_REGISTRATION', 'physician');
    if (!t.ok) throw refusalError(t);
    requireRegistrationWindow(cycle, deps.now());
    const issue = wizardIssue(row);
    if (issue) {
      throw new AppError(
        'INCOMPLETE',
        `请完善第${issue.step}步「${STEP_TITLES[issue.step - 1]}」：${issue.message}`,
        400,
        { step: issue.step },
      );
    }
    let procedure: Enrolment['procedure'] = null;
    if (cycle.procedureChoice === 'with_registration') {
      try {
        procedure = (await validateStoredApplication(tx, row)).procedure;
      } catch (e) {
        if (e instanceof AppError)
          throw new AppError('INCOMPLETE', `请完善第5步「考核程序」：${e.message}`, 400, { step: 5 });
        throw e;
      }
    }
    await applyTransition(tx, deps, actor, row.id, 'SUBMIT_REGISTRATION', {
      patch: { submittedAt: deps.now(), procedure, lastReason: null },
      requestId,
    });
  });
  return getMine(deps, actor);
}
