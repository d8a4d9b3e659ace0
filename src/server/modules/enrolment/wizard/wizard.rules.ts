/** Rules shared by the wizard's use cases (我要报名): who may edit, photo limits, completeness. */
import type { z } from 'zod';
import type { EnrolmentStatus } from '../../../../shared/enrolment-status.js';
import {
  STEP_TITLES,
  type TWizardStep,
  ZBasicInfo,
  ZExperience,
  ZPracticeInfo,
  ZSelfEvaluation,
} from '../../../../shared/schemas/enrolment.js';
import { AppError } from '../../../platform/errors.js';
import { checkWindow } from '../enrolment.machine.js';
import type { Cycle, Enrolment } from '../enrolment.transition.js';

/** Statuses in which the physician edits the wizard directly. */
export const EDITABLE: readonly EnrolmentStatus[] = ['opened', 'institution_rejected'];
/** After 报名成功 the physician may 申请修改 (医师信息修改). */
export const CHANGEABLE: readonly EnrolmentStatus[] = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_MIN_PX = 150;
export const PHOTO_MAX_PX = 2000;

export const STEP_INDEX: Record<TWizardStep, number> = { basic: 0, practice: 1, experience: 2, self: 3 };
/** 「第N步「标题」」 of a wizard step, as messages name it. */
export const stepTitle = (step: TWizardStep) => STEP_TITLES[STEP_INDEX[step]];

export function requireRegistrationWindow(cycle: Cycle, now: Date) {
  const w = checkWindow(cycle.windows, 'registration', now);
  if (!w.ok) throw new AppError('OUT_OF_WINDOW', w.message, 400);
}

type Issue = { step: number; message: string };

function firstIssue(step: number, r: z.ZodSafeParseResult<unknown>): Issue | null {
  if (r.success) return null;
  return { step, message: r.error.issues[0]?.message ?? '信息不完整' };
}

/** Completeness of steps 1–4 (the submit rule); null when complete. */
export function wizardIssue(row: Pick<Enrolment, 'registration' | 'selfEvaluation' | 'photoFileId'>): Issue | null {
  const r = row.registration ?? {};
  return (
    firstIssue(1, ZBasicInfo.safeParse(r)) ??
    (row.photoFileId ? null : { step: 1, message: '请上传「照片」（1寸免冠证件照，jpg 格式）' }) ??
    firstIssue(2, ZPracticeInfo.safeParse(r)) ??
    (typeof r.departmentName === 'string' ? null : { step: 2, message: '请选择「科室」' }) ??
    firstIssue(3, ZExperience.safeParse(r.experience ?? {})) ??
    firstIssue(4, ZSelfEvaluation.safeParse(row.selfEvaluation ?? {}))
  );
}
