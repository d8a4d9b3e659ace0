/** One 免考申请 as the client sees it, with the actions the actor may take. */
import type { Actor } from '../../../platform/actor.js';
import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import { EXEMPTS_LABEL, type TExemptionApplication } from '../../../../shared/schemas/exemption.js';
import type { ExemptionListRow } from '../exemption.repo.js';
import {
  EXEMPTION_STATUS_LABELS,
  EXEMPTION_EVENT_DECISION,
  EXEMPTION_WIRE_ACTIONS,
  exemptionEventsFor,
  type ExemptionActor,
  type ExemptionStatus,
} from '../exemption.machine.js';

function machineActor(actor: Actor): ExemptionActor | null {
  if (actor.role === 'physician') return 'physician';
  if (actor.role === 'institution') return 'institution';
  if (actor.role === 'body') return 'body';
  return null;
}

export function toDto(actor: Actor, r: ExemptionListRow): TExemptionApplication {
  const ma = machineActor(actor);
  const status = r.a.status as ExemptionStatus;
  const events = ma && ma !== 'physician' ? exemptionEventsFor(status, ma) : [];
  return {
    id: r.a.id,
    enrolmentId: r.a.enrolmentId,
    physicianName: r.name,
    idNumber: maskIdNumber(r.idNumber),
    institutionName: r.institutionName,
    procedure: r.a.procedure,
    exempts: EXEMPTS_LABEL[r.a.procedure],
    status,
    statusLabel: EXEMPTION_STATUS_LABELS[status],
    reasons: r.a.reasons,
    note: r.a.note,
    fileIds: r.a.fileIds,
    reviews: r.a.reviews,
    submittedAt: r.a.submittedAt.toISOString(),
    actions: events.map((e) => EXEMPTION_WIRE_ACTIONS[e] ?? e),
    decisions: events.flatMap((e) => EXEMPTION_EVENT_DECISION[e] ?? []),
    workResult: r.workResult,
    ethicsResult: r.ethicsResult,
  };
}
