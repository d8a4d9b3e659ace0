import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest } from '../../../platform/errors.js';
import { applyTransition, findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { invalidateOtherProcedureExemption } from '../../exemption/exemption.invalidate.js';
import { readApplication } from '../choice/choice.rules.js';
import { historyOf, readEvaluation } from './evaluation.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** Body 【提交】 (agree with the institution's ratings). 不合格 upheld → 考核不合格 (evaluation). */
export async function bodyConfirm(deps: Deps, actor: Actor, id: number, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    const ev = readEvaluation(e);
    if (!ev.institution || !e.workResult || !e.ethicsResult) throw badRequest('卫生机构尚未完成评定，不能复核');
    const failed = e.workResult === '不合格' || e.ethicsResult === '不合格';
    const bodyReview = {
      workAgree: true,
      ethicsAgree: true,
      reason: '',
      decision: '同意',
      by: actor.displayName,
      at: deps.now().toISOString(),
    };
    await applyTransition(tx, deps, actor, id, 'BODY_CONFIRM_EVALUATION', {
      ctx: { evaluationFailed: failed },
      patch: {
        evaluation: {
          ...(e.evaluation ?? {}),
          bodyReview,
          history: [...historyOf(e), { step: 'body', ...bodyReview }],
        },
        ...(failed ? { failReason: 'evaluation', finalResult: '不合格', decidedAt: deps.now() } : {}),
      },
      requestId,
    });
  });
}

/** Body 【驳回】 with 不同意 on one or both items → back to the institution. */
export async function bodyReject(
  deps: Deps,
  actor: Actor,
  id: number,
  input: { workAgree: boolean; ethicsAgree: boolean; reason: string },
  requestId?: string,
) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    const bodyReview = { ...input, decision: '不同意', by: actor.displayName, at: deps.now().toISOString() };
    await applyTransition(tx, deps, actor, id, 'BODY_REJECT_EVALUATION', {
      reason: input.reason,
      patch: {
        evaluation: {
          ...(e.evaluation ?? {}),
          bodyReview,
          history: [...historyOf(e), { step: 'body', ...bodyReview }],
        },
      },
      requestId,
    });
  });
}

/** Body 驳回至一般程序: simple barred for this cycle; the physician re-selects (general only). */
export async function bodyRejectSimple(deps: Deps, actor: Actor, id: number, reason: string, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    if (e.procedure !== 'simple') throw badRequest('仅简易程序申请可驳回至一般程序');
    const app = readApplication(e);
    await applyTransition(tx, deps, actor, id, 'BODY_REJECT_SIMPLE', {
      reason,
      patch: {
        simpleDisallowed: true,
        procedure: 'general',
        procedureApplication: { procedure: 'general', conditions: [], proofFileIds: [], report: app.report },
        // a 人文医学 exemption belongs to the simple procedure only
        humanitiesExempt: false,
        evaluation: {
          ...(e.evaluation ?? {}),
          history: [
            ...historyOf(e),
            { step: 'body', decision: '驳回至一般程序', reason, by: actor.displayName, at: deps.now().toISOString() },
          ],
        },
        workResult: null,
        ethicsResult: null,
      },
      requestId,
    });
    // a 简易程序 (人文医学) exemption application no longer applies: 已失效, audited
    await invalidateOtherProcedureExemption(
      tx,
      actor,
      e,
      'general',
      `考核机构驳回至一般程序：${reason}`,
      deps.now(),
      requestId,
    );
  });
}
