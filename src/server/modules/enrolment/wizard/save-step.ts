import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { enrolments, type physicians } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, badRequest } from '../../../platform/errors.js';
import {
  type TMine,
  type TWizardStep,
  ZSaveBasic,
  ZSaveExperience,
  ZSavePractice,
  ZSaveSelf,
} from '../../../../shared/schemas/enrolment.js';
import { saveProposedStep } from '../change.service.js';
import { findInstitutionDepartmentName, findOwnEnrolment, findPhysicianPrefill } from '../enrolment.repo.js';
import { currentCycle, type EnrolmentDeps } from '../enrolment.transition.js';
import { getMine } from './get-mine.js';
import { EDITABLE, requireRegistrationWindow, STEP_INDEX, stepTitle } from './wizard.rules.js';

const SAVE_SCHEMAS = {
  basic: ZSaveBasic,
  practice: ZSavePractice,
  experience: ZSaveExperience,
  self: ZSaveSelf,
} as const;

/** Resolve 科室 to one of the physician's institution departments, and keep master-data numbers. */
async function normalisePractice(
  db: DbOrTx,
  institutionId: number,
  master: typeof physicians.$inferSelect,
  data: Record<string, unknown>,
) {
  const out: Record<string, unknown> = { ...data };
  if (data.departmentId !== undefined) {
    const name = await findInstitutionDepartmentName(db, institutionId, data.departmentId as number);
    if (name === null) throw badRequest('所选科室不属于您所在的卫生机构，请重新选择');
    out.departmentName = name;
  }
  // 资格证书编号 / 执业证书编号 come from the registration system when it has them (not editable).
  if (master.qualificationNo) out.qualificationNo = master.qualificationNo;
  if (master.licenseNo) out.licenseNo = master.licenseNo;
  return out;
}

/**
 * 【保存】 of one step (partial saves allowed). While 已开通报名 / 卫生机构已驳回 it edits the
 * registration; after 报名成功 with an allowed change request it edits the request's copy.
 * 姓名 and 证件编号 are not part of any step schema, so they can never be changed here.
 */
export async function saveStep(
  deps: EnrolmentDeps,
  actor: Actor,
  step: TWizardStep,
  body: unknown,
  requestId?: string,
): Promise<TMine> {
  const parsed = SAVE_SCHEMAS[step].safeParse(body);
  if (!parsed.success)
    throw badRequest(`第${STEP_INDEX[step] + 1}步「${stepTitle(step)}」：${parsed.error.issues[0]?.message}`);
  const data = parsed.data as Record<string, unknown>;
  await deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const row = await findOwnEnrolment(tx, actor, cycle.id, true);
    if (!row || row.status === 'not_opened')
      throw new AppError(
        'NOT_OPENED',
        '您所在的卫生机构尚未为您开通本周期考核报名（未开通报名），请联系单位定考负责人',
        409,
      );
    const { row: master } = await findPhysicianPrefill(tx, row.physicianId);
    const normalised = step === 'practice' ? await normalisePractice(tx, row.institutionId, master, data) : data;
    if (!EDITABLE.includes(row.status)) {
      // after 报名成功 only an agreed change request can take edits (steps 1–4, into its copy)
      await saveProposedStep(tx, deps, actor, row, step, normalised, requestId);
      return;
    }
    requireRegistrationWindow(cycle, deps.now());
    const patch =
      step === 'self'
        ? { selfEvaluation: { ...row.selfEvaluation, ...normalised } }
        : step === 'experience'
          ? { registration: { ...row.registration, experience: normalised } }
          : { registration: { ...row.registration, ...normalised } };
    await tx
      .update(enrolments)
      .set({ ...patch, updatedAt: deps.now() })
      .where(and(eq(enrolments.id, row.id), eq(enrolments.status, row.status)));
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'enrolment',
        targetId: row.id,
        action: `保存报名信息（${stepTitle(step)}）`,
        orgPath: row.orgPath,
        provinceId: row.provinceId,
        after: { step, fields: Object.keys(normalised) },
      },
      requestId,
    );
  });
  return getMine(deps, actor);
}
