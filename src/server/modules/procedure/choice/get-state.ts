/** 选择考核程序: the physician's step 5 as shown (application, hints, proofs, what they may do). */
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { ENROLMENT_STATUS_LABELS } from '../../../../shared/enrolment-status.js';
import type { TProcedureState } from '../../../../shared/schemas/procedure.js';
import { cycleById, findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { listAttachments } from '../attachments.js';
import { findMyEnrolmentId } from '../procedure.repo.js';
import { hintsFor, procedureEditable, procedureSubmittable, readApplication } from './choice.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** The physician's enrolment in the current cycle (for the /doctor pages). */
export async function myEnrolmentId(deps: Deps, actor: Actor): Promise<number | null> {
  return findMyEnrolmentId(deps.db, actor);
}

export async function getState(deps: Deps, actor: Actor, id: number): Promise<TProcedureState> {
  const e = await findEnrolmentForActor(deps.db, actor, id);
  const cycle = await cycleById(deps.db, e.cycleId);
  const { hints, yearsOfPractice } = await hintsFor(deps.db, e, cycle);
  return {
    enrolmentId: e.id,
    status: e.status,
    statusLabel: ENROLMENT_STATUS_LABELS[e.status],
    procedureChoice: cycle.procedureChoice,
    procedure: e.procedure,
    application: readApplication(e),
    simpleDisallowed: e.simpleDisallowed,
    editable: actor.role === 'physician' && procedureEditable(e.status, cycle.procedureChoice),
    canSubmit: actor.role === 'physician' && procedureSubmittable(e.status, cycle.procedureChoice),
    lastReason: e.lastReason,
    yearsOfPractice,
    hints,
    proofs: await listAttachments(deps.db, e.id, 'proof'),
  };
}
