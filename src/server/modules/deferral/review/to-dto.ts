/** One 延期考核申请 as the client sees it, with the actions the actor may take. */
import type { Actor } from '../../../platform/actor.js';
import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import type { TDeferralApplication } from '../../../../shared/schemas/deferral.js';
import type { DeferralListRow } from '../deferral.repo.js';
import {
  DEFERRAL_STATUS_LABELS,
  deferralEventsFor,
  type DeferralActor,
  type DeferralStatus,
} from '../deferral.machine.js';

export function machineActor(actor: Actor): DeferralActor | null {
  if (actor.role === 'physician') return 'physician';
  if (actor.role === 'institution') return 'institution';
  if (actor.role === 'admin') return 'admin';
  return null;
}

export function toDto(actor: Actor, r: DeferralListRow): TDeferralApplication {
  const ma = machineActor(actor);
  const status = r.a.status as DeferralStatus;
  return {
    id: r.a.id,
    enrolmentId: r.a.enrolmentId,
    physicianName: r.name,
    idNumber: maskIdNumber(r.idNumber),
    gender: r.gender,
    institutionName: r.institutionName,
    status,
    statusLabel: DEFERRAL_STATUS_LABELS[status],
    reason: r.a.reason,
    fileIds: r.a.fileIds,
    institutionAgree: r.a.institutionAgree,
    institutionOpinion: r.a.institutionOpinion,
    institutionAt: r.a.institutionAt?.toISOString() ?? null,
    adminAgree: r.a.adminAgree,
    adminOpinion: r.a.adminOpinion,
    adminOrgName: r.a.adminOrgName,
    adminAt: r.a.adminAt?.toISOString() ?? null,
    submittedAt: r.a.submittedAt.toISOString(),
    actions: ma && ma !== 'physician' ? deferralEventsFor(status, ma) : [],
  };
}
