import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { enrolments } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import type { TChangeRequestView } from '../../../../shared/schemas/enrolment.js';
import type { ChangeEvent } from '../change.machine.js';
import { findForInstitution, lockEnrolmentOfChange } from './change.repo.js';
import { mergedRegistration, splitProposed } from './change.rules.js';
import { move } from './move.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now'>;

/** 允许修改 / 不允许修改 / 通过 (applies the edit) / 驳回 (institution). */
export async function decideChange(
  deps: Deps,
  actor: Actor,
  id: number,
  event: Exclude<ChangeEvent, 'SUBMIT'>,
  reason: string | null,
  requestId?: string,
): Promise<TChangeRequestView> {
  return deps.db.transaction(async (tx) => {
    const c = await findForInstitution(tx, actor, id);
    return move(tx, deps, actor, c, event, reason, requestId, async () => {
      if (event !== 'CHANGE_APPROVE') return;
      const e = await lockEnrolmentOfChange(tx, c);
      if (!e) throw notFound('考核记录');
      const merged = mergedRegistration(e.registration, c.proposed);
      const { selfEvaluation, photoFileId } = splitProposed(c.proposed);
      await tx
        .update(enrolments)
        .set({
          registration: merged,
          ...(selfEvaluation ? { selfEvaluation: { ...e.selfEvaluation, ...selfEvaluation } } : {}),
          ...(photoFileId ? { photoFileId } : {}),
          updatedAt: deps.now(),
        })
        .where(eq(enrolments.id, e.id));
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'enrolment',
          targetId: e.id,
          action: '医师信息修改通过',
          orgPath: e.orgPath,
          provinceId: e.provinceId,
          before: Object.fromEntries(
            Object.keys(c.proposed).map((k) => [
              k,
              k === 'selfEvaluation'
                ? e.selfEvaluation
                : k === 'photoFileId'
                  ? e.photoFileId
                  : (e.registration[k] ?? null),
            ]),
          ),
          after: c.proposed,
        },
        requestId,
      );
    });
  });
}
