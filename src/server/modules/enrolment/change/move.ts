/** One change-request transition: machine, CAS on the state, audit, and the physician's message. */
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import type { DbOrTx } from '../../../db/client.js';
import { enrolmentChangeRequests } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { conflict } from '../../../platform/errors.js';
import { notifyPhysician } from '../../messages/send-message.js';
import { CHANGE_WIRE_ACTIONS, changeTransition, type ChangeEvent } from '../change.machine.js';
import { refusalError } from '../../../platform/refusal.js';
import type { ChangeRow } from './change.repo.js';
import { toChangeView } from './change.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now'>;

export async function move(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  c: ChangeRow,
  event: ChangeEvent,
  reason: string | null,
  requestId?: string,
  extra?: () => Promise<void>,
) {
  const t = changeTransition(c.state, event, actor.role === 'physician' ? 'physician' : 'institution', reason);
  if (!t.ok) throw refusalError(t);
  const [updated] = await tx
    .update(enrolmentChangeRequests)
    .set({ state: t.to, replyReason: actor.role === 'physician' ? c.replyReason : reason, updatedAt: deps.now() })
    .where(and(eq(enrolmentChangeRequests.id, c.id), eq(enrolmentChangeRequests.state, c.state)))
    .returning();
  if (!updated) throw conflict('该申请已被他人处理，请刷新后重试');
  await extra?.();
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'enrolment_change',
      targetId: c.id,
      action: t.label,
      orgPath: c.orgPath,
      provinceId: c.provinceId,
      reason,
      before: { state: c.state },
      after: { state: t.to },
    },
    requestId,
  );
  if (actor.role !== 'physician') {
    const text: Record<string, string> = {
      ALLOW: '卫生机构已允许您修改报名信息，请登录系统修改后提交审核。',
      REFUSE: '卫生机构不允许您本次修改报名信息。',
      APPROVE: '您修改的报名信息已通过卫生机构审核。',
      REJECT: '您修改的报名信息被卫生机构驳回。',
    };
    await notifyPhysician(tx, deps.sms, c.physicianId, {
      title: `医师信息修改：${t.label}`,
      // the texts and SMS template names are keyed by the wire names (ALLOW, REFUSE, APPROVE, REJECT)
      body: reason ? `${text[CHANGE_WIRE_ACTIONS[event]]}理由：${reason}` : text[CHANGE_WIRE_ACTIONS[event]],
      template: `CHANGE_${CHANGE_WIRE_ACTIONS[event]}`,
    });
  }
  return toChangeView(updated);
}
