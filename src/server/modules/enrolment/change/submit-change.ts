import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError, notFound } from '../../../platform/errors.js';
import {
  ZBasicInfo,
  ZExperience,
  ZPracticeInfo,
  ZSelfEvaluation,
  type TChangeRequestView,
} from '../../../../shared/schemas/enrolment.js';
import { changeTransition } from '../change.machine.js';
import { refusalError } from '../../../platform/refusal.js';
import { latestChangeRequest, lockMyEnrolment } from './change.repo.js';
import { mergedRegistration, splitProposed } from './change.rules.js';
import { move } from './move.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now'>;

/** 【提交】 the edited data for the institution's review. */
export async function submitChange(deps: Deps, actor: Actor, requestId?: string): Promise<TChangeRequestView> {
  return deps.db.transaction(async (tx) => {
    const row = await lockMyEnrolment(tx, actor);
    const c = await latestChangeRequest(tx, row.id);
    if (!c) throw notFound('修改申请');
    const t = changeTransition(c.state, 'SUBMIT', 'physician');
    if (!t.ok) throw refusalError(t);
    if (!Object.keys(c.proposed).length)
      throw new AppError('INCOMPLETE', '您还没有修改任何信息，请修改后【保存】再提交', 400);
    const merged = mergedRegistration(row.registration, c.proposed);
    for (const [i, schema] of [ZBasicInfo, ZPracticeInfo].entries()) {
      const r = schema.safeParse(merged);
      if (!r.success)
        throw new AppError(
          'INCOMPLETE',
          `请完善第${i + 1}步「${i === 0 ? '基本信息' : '执业信息'}」：${r.error.issues[0]?.message}`,
          400,
        );
    }
    const e = ZExperience.safeParse(merged.experience ?? {});
    if (!e.success) throw new AppError('INCOMPLETE', `请完善第3步「相关经历」：${e.error.issues[0]?.message}`, 400);
    const self = splitProposed(c.proposed).selfEvaluation;
    const s = self ? ZSelfEvaluation.safeParse({ ...row.selfEvaluation, ...self }) : null;
    if (s && !s.success)
      throw new AppError('INCOMPLETE', `请完善第4步「工作成绩、职业道德」：${s.error.issues[0]?.message}`, 400);
    return move(tx, deps, actor, c, 'SUBMIT', null, requestId);
  });
}
