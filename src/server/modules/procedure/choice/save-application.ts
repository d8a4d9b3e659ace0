import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { enrolments } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import type { TProcedureDraft, TProcedureState } from '../../../../shared/schemas/procedure.js';
import { assertAttached } from '../attachments.js';
import { invalidateOtherProcedureExemption } from '../../exemption/exemption.invalidate.js';
import { loadEditable } from './choice.rules.js';
import { getState } from './get-state.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** Save step 5 (draft; completeness is checked on submit). */
export async function saveApplication(
  deps: Deps,
  actor: Actor,
  id: number,
  input: TProcedureDraft,
): Promise<TProcedureState> {
  await deps.db.transaction(async (tx) => {
    const e = await loadEditable(tx, actor, id);
    if (input.procedure === 'simple' && e.simpleDisallowed) {
      throw badRequest('考核机构已驳回您的简易程序申请，本周期只能选择一般程序');
    }
    await assertAttached(tx, e.id, 'proof', input.proofFileIds);
    const application = {
      procedure: input.procedure,
      conditions: input.procedure === 'simple' ? [...new Set(input.conditions)].sort() : [],
      proofFileIds: input.procedure === 'simple' ? input.proofFileIds : [],
      report: input.procedure === 'simple' ? input.report : '',
    };
    await tx
      .update(enrolments)
      .set({ procedureApplication: application, procedure: input.procedure, updatedAt: deps.now() })
      .where(and(eq(enrolments.id, e.id), eq(enrolments.status, e.status)));
    await writeAudit(tx, actor, {
      targetType: 'enrolment',
      targetId: e.id,
      action: '保存考核程序',
      orgPath: e.orgPath,
      provinceId: e.provinceId,
      before: { procedure: e.procedure },
      after: {
        procedure: input.procedure,
        conditions: application.conditions,
        proofs: application.proofFileIds.length,
      },
    });
    if (e.procedure && e.procedure !== input.procedure) {
      await invalidateOtherProcedureExemption(
        tx,
        actor,
        e,
        input.procedure,
        `考核程序改为${input.procedure === 'general' ? '一般程序' : '简易程序'}`,
        deps.now(),
      );
    }
  });
  return getState(deps, actor, id);
}
