/** When a physician may apply for 免考, and the locked enrolment they apply on. */
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { PROCEDURE_LABELS } from '../../../../shared/domain/procedure.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../../shared/enrolment-status.js';
import type { TExemptionSettings } from '../../../../shared/schemas/exemption.js';
import { findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { exemptionTransition, type ExemptionState } from '../exemption.machine.js';

type Procedure = 'general' | 'simple';

/** Enrolment statuses in which a 免考申请 may be submitted (after registration approval, before the tests). */
export const EXEMPTION_APPLY_STATUSES: EnrolmentStatus[] = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

export function whyCannotApply(
  e: { status: EnrolmentStatus; procedure: Procedure | null },
  settings: TExemptionSettings,
  state: ExemptionState,
): string | null {
  if (!EXEMPTION_APPLY_STATUSES.includes(e.status))
    return `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，报名审核通过后、参加测评前方可申请免考`;
  if (!e.procedure) return '请先选择考核程序';
  if (!settings[e.procedure].open) return `${PROCEDURE_LABELS[e.procedure]}免考申请未开启`;
  const r = exemptionTransition(state, 'SUBMIT', 'physician');
  return r.ok ? null : r.message;
}

export async function lockMyEnrolment(tx: DbOrTx, actor: Actor, enrolmentId: number) {
  return findEnrolmentForActor(tx, actor, enrolmentId, true);
}
