import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import { ENROLMENT_STATUS_LABELS } from '../../../../shared/enrolment-status.js';
import type { TDetail } from '../../../../shared/schemas/enrolment.js';
import type { Actor } from '../../../platform/actor.js';
import { findOrgName, findPhysicianPrefill, historyOf } from '../enrolment.repo.js';
import { actionsFor, cycleById, type EnrolmentDeps, findEnrolmentForActor } from '../enrolment.transition.js';

/** 查看考核记录详情 (404 outside the actor's scope). */
export async function getDetail(deps: Pick<EnrolmentDeps, 'db'>, actor: Actor, id: number): Promise<TDetail> {
  const row = await findEnrolmentForActor(deps.db, actor, id);
  const cycle = await cycleById(deps.db, row.cycleId);
  const { prefill } = await findPhysicianPrefill(deps.db, row.physicianId);
  const institutionName = await findOrgName(deps.db, row.institutionId);
  const bodyName = row.assessmentBodyId ? await findOrgName(deps.db, row.assessmentBodyId) : null;
  const reg = row.registration ?? {};
  return {
    id: row.id,
    status: row.status,
    statusLabel: ENROLMENT_STATUS_LABELS[row.status],
    cycleName: cycle?.name ?? '',
    // one masking rule: the full number only through the audited 【查看完整证件号码】
    physician: actor.role === 'physician' ? prefill : { ...prefill, idNumber: maskIdNumber(prefill.idNumber) },
    canRevealIdNumber: actor.role !== 'physician',
    institutionName: institutionName ?? '',
    assessmentBodyName: bodyName,
    procedure: row.procedure,
    registration: reg,
    departmentName: typeof reg.departmentName === 'string' ? reg.departmentName : null,
    selfEvaluation: row.selfEvaluation,
    procedureApplication: row.procedureApplication,
    evaluation: row.evaluation,
    hasPhoto: Boolean(row.photoFileId),
    workResult: row.workResult,
    ethicsResult: row.ethicsResult,
    humanitiesScore: row.humanitiesScore,
    professionalScore: row.professionalScore,
    finalResult: row.finalResult,
    lastReason: row.lastReason,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    history: await historyOf(deps.db, row.id),
    actions: actionsFor(actor, row),
  };
}
