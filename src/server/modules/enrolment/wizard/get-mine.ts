import { ENROLMENT_STATUS_LABELS } from '../../../../shared/enrolment-status.js';
import type { TMine } from '../../../../shared/schemas/enrolment.js';
import type { Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import { findCurrentCycle } from '../../cycle/cycle.repo.js';
import { countUnreadMessages } from '../../messages/messages.repo.js';
import { latestChangeRequest, toChangeView } from '../change.service.js';
import { findOwnEnrolment, findPhysicianPrefill } from '../enrolment.repo.js';
import { actionsFor, type EnrolmentDeps } from '../enrolment.transition.js';
import { CHANGEABLE, EDITABLE } from './wizard.rules.js';

/** 我要报名: the physician's status, registration, what they may do, prefill and unread messages. */
export async function getMine(deps: Pick<EnrolmentDeps, 'db'>, actor: Actor): Promise<TMine> {
  if (actor.role !== 'physician' || !actor.physicianId) throw forbidden();
  const { prefill } = await findPhysicianPrefill(deps.db, actor.physicianId);
  const unread = await countUnreadMessages(deps.db, actor);
  const cycle = await findCurrentCycle(deps.db, actor.provinceId);
  const row = cycle ? await findOwnEnrolment(deps.db, actor, cycle.id) : null;
  const change = row ? await latestChangeRequest(deps.db, row.id) : null;
  return {
    cycle: cycle
      ? { id: cycle.id, name: cycle.name, windows: cycle.windows, procedureChoice: cycle.procedureChoice }
      : null,
    enrolment: row
      ? {
          id: row.id,
          status: row.status,
          statusLabel: ENROLMENT_STATUS_LABELS[row.status],
          procedure: row.procedure,
          registration: row.registration,
          selfEvaluation: row.selfEvaluation,
          procedureApplication: row.procedureApplication,
          photoFileId: row.photoFileId,
          lastReason: row.lastReason,
          finalResult: row.finalResult,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          editable: EDITABLE.includes(row.status),
          canRequestChange:
            CHANGEABLE.includes(row.status) && !(change && ['pending', 'allowed', 'submitted'].includes(change.state)),
        }
      : null,
    statusLabel: row ? ENROLMENT_STATUS_LABELS[row.status] : ENROLMENT_STATUS_LABELS.not_opened,
    actions: row ? actionsFor(actor, row) : [],
    prefill,
    changeRequest: change ? toChangeView(change) : null,
    unreadMessages: unread,
  };
}
