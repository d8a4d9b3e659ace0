/** 已允许修改: the physician's edits (steps 1–4, photo) go into the request's proposed copy. */
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import type { DbOrTx } from '../../../db/client.js';
import { enrolmentChangeRequests } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS } from '../../../../shared/enrolment-status.js';
import type { TWizardStep } from '../../../../shared/schemas/enrolment.js';
import type { Enrolment } from '../enrolment.transition.js';
import { latestChangeRequest } from './change.repo.js';
import { splitProposed } from './change.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now'>;

/** The physician's 【保存】 of steps 1–3 while the request is 已允许修改. */
export async function saveProposedStep(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  row: Enrolment,
  step: TWizardStep,
  data: Record<string, unknown>,
  requestId?: string,
) {
  const c = await latestChangeRequest(tx, row.id);
  if (c?.state !== 'allowed') {
    throw new AppError(
      'INVALID_TRANSITION',
      `考核状态为「${ENROLMENT_STATUS_LABELS[row.status]}」，不能直接修改报名信息；如需修改，请先【申请修改】并等待卫生机构允许`,
      409,
    );
  }
  const proposed =
    step === 'experience'
      ? { ...c.proposed, experience: data }
      : step === 'self'
        ? {
            ...c.proposed,
            selfEvaluation: { ...row.selfEvaluation, ...splitProposed(c.proposed).selfEvaluation, ...data },
          }
        : { ...c.proposed, ...data };
  await keepProposed(tx, deps, actor, row, c.id, proposed, { step, fields: Object.keys(data) }, requestId);
}

/** A new photo while the request is 已允许修改: stored, kept in the request's copy until 通过. */
export async function saveProposedPhoto(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  row: Enrolment,
  requestId: string | undefined,
  store: () => Promise<string>,
): Promise<string> {
  const c = await latestChangeRequest(tx, row.id);
  if (c?.state !== 'allowed') {
    throw new AppError(
      'INVALID_TRANSITION',
      `考核状态为「${ENROLMENT_STATUS_LABELS[row.status]}」，不能更换照片；如需修改，请先【申请修改】并等待卫生机构允许`,
      409,
    );
  }
  const fileId = await store();
  await keepProposed(
    tx,
    deps,
    actor,
    row,
    c.id,
    { ...c.proposed, photoFileId: fileId },
    { step: 'photo', photoFileId: fileId },
    requestId,
  );
  return fileId;
}

/** Write the request's proposed copy while it is still 已允许修改 (compare-and-set), audited. */
async function keepProposed(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  row: Enrolment,
  changeId: number,
  proposed: Record<string, unknown>,
  after: Record<string, unknown>,
  requestId: string | undefined,
) {
  const r = await tx
    .update(enrolmentChangeRequests)
    .set({ proposed, updatedAt: deps.now() })
    .where(and(eq(enrolmentChangeRequests.id, changeId), eq(enrolmentChangeRequests.state, 'allowed')))
    .returning({ id: enrolmentChangeRequests.id });
  if (!r.length) throw conflict();
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'enrolment_change',
      targetId: changeId,
      action: '保存修改内容',
      orgPath: row.orgPath,
      provinceId: row.provinceId,
      after,
    },
    requestId,
  );
}
