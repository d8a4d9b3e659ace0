/** 考核程序 step 5: when it may be edited or submitted, how the stored application is read. */
import type { DbOrTx } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError } from '../../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../../shared/enrolment-status.js';
import type { TProcedureState } from '../../../../shared/schemas/procedure.js';
import { cycleById, findEnrolmentForActor, type Cycle, type Enrolment } from '../../enrolment/enrolment.transition.js';
import { findFirstRegisteredAt } from '../procedure.repo.js';
import { rulesInputFrom, simpleConditionHints, yearsOfPractice } from '../procedure.rules.js';

/** Statuses in which step 5 may be edited, per cycle mode. */
export function procedureEditable(status: EnrolmentStatus, mode: Cycle['procedureChoice']): boolean {
  if (status === 'procedure_rejected') return true;
  if (mode === 'with_registration') return status === 'opened' || status === 'institution_rejected';
  return status === 'registered';
}

/** 【提交】 of the procedure on its own (SUBMIT_PROCEDURE) is possible. */
export function procedureSubmittable(status: EnrolmentStatus, mode: Cycle['procedureChoice']): boolean {
  if (status === 'procedure_rejected') return true;
  return mode === 'after_approval' && status === 'registered';
}

export function readApplication(e: Enrolment): TProcedureState['application'] {
  const a = (e.procedureApplication ?? {}) as Record<string, unknown>;
  return {
    procedure: a.procedure === 'general' || a.procedure === 'simple' ? a.procedure : null,
    conditions: Array.isArray(a.conditions) ? (a.conditions as number[]) : [],
    proofFileIds: Array.isArray(a.proofFileIds) ? (a.proofFileIds as string[]) : [],
    report: typeof a.report === 'string' ? a.report : '',
  };
}

export async function hintsFor(db: DbOrTx, e: Enrolment, cycle: Cycle) {
  const input = rulesInputFrom({
    registration: e.registration,
    selfEvaluation: e.selfEvaluation,
    physicianFirstRegisteredAt: await findFirstRegisteredAt(db, e),
    periodStart: cycle.periodStart,
    periodEnd: cycle.periodEnd,
  });
  return { hints: simpleConditionHints(input), yearsOfPractice: yearsOfPractice(input) };
}

export async function loadEditable(tx: DbOrTx, actor: Actor, id: number): Promise<Enrolment> {
  const e = await findEnrolmentForActor(tx, actor, id, true);
  const cycle = await cycleById(tx, e.cycleId);
  if (!procedureEditable(e.status, cycle.procedureChoice)) {
    throw new AppError('NOT_EDITABLE', `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，当前不能修改考核程序`, 409);
  }
  return e;
}
