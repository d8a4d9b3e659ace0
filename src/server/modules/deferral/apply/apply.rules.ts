/** When a physician may apply for 延期考核 (deadline window, enrolment status, machine). */
import type { DbOrTx } from '../../../db/client.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../../shared/enrolment-status.js';
import { checkWindow } from '../../enrolment/enrolment.machine.js';
import { cycleById } from '../../enrolment/enrolment.transition.js';
import { deferralTransition, type DeferralState } from '../deferral.machine.js';

/** Enrolment statuses in which a deferral may be requested (in the cycle, before the first tests). */
export const DEFERRAL_APPLY_STATUSES: EnrolmentStatus[] = [
  'opened',
  'pending_institution',
  'institution_rejected',
  'pending_body',
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

export async function blockedFor(
  db: DbOrTx,
  now: Date,
  e: { cycleId: number; status: EnrolmentStatus },
  state: DeferralState,
): Promise<{ message: string; status: number } | null> {
  const cycle = await cycleById(db, e.cycleId);
  const w = checkWindow(cycle.windows, 'deferral', now);
  if (!w.ok) return { message: w.message, status: 400 };
  if (!DEFERRAL_APPLY_STATUSES.includes(e.status))
    return { message: `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，不能申请延期考核`, status: 409 };
  const r = deferralTransition(state, 'SUBMIT', 'physician');
  return r.ok ? null : { message: r.message, status: 409 };
}
