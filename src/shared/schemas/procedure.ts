import { z } from 'zod';
import { ENROLMENT_STATUSES } from '../domain/enrolment.js';
import { ZProcedure, ZProcedureChoice } from '../domain/procedure.js';

/** 简易程序 conditions (domain.md §6.2.5); any one suffices. */
export const SIMPLE_CONDITIONS = [
  { id: 1, label: '具有5年以上执业经历，考核周期内有良好行为记录' },
  { id: 2, label: '具有12年以上执业经历，考核周期内无不良行为记录' },
  { id: 3, label: '考核周期内按规定通过住院医师规范化培训' },
  { id: 4, label: '考核周期内晋升上一级专业技术职务' },
] as const;

const ZEnrolmentStatus = z.enum(ENROLMENT_STATUSES);

export const REPORT_MAX_CHARS = 2000;
export const PROOF_MAX_FILES = 10;
export const PROOF_MAX_BYTES = 3 * 1024 * 1024;

/**
 * Step 5 (考核程序) as stored in `enrolments.procedure_application`. The same shape is used
 * when the procedure is chosen inside the registration submission and when it is chosen after
 * approval (cycle.procedureChoice).
 */
export const ZProcedureApplication = z
  .object({
    procedure: ZProcedure,
    conditions: z.array(z.number().int().min(1).max(4)).max(4).default([]),
    proofFileIds: z
      .array(z.string().uuid())
      .max(PROOF_MAX_FILES, `证明材料最多上传 ${PROOF_MAX_FILES} 个文件`)
      .default([]),
    report: z.string().max(REPORT_MAX_CHARS, `述职报告不能超过 ${REPORT_MAX_CHARS} 字`).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.procedure !== 'simple') return;
    if (v.conditions.length === 0)
      ctx.addIssue({ code: 'custom', message: '申请简易程序须至少勾选一项条件', path: ['conditions'] });
    if (v.proofFileIds.length === 0)
      ctx.addIssue({ code: 'custom', message: '申请简易程序须上传证明材料', path: ['proofFileIds'] });
    if (!v.report.trim()) ctx.addIssue({ code: 'custom', message: '申请简易程序须填写述职报告', path: ['report'] });
  });
export type TProcedureApplication = z.infer<typeof ZProcedureApplication>;

/** Saving step 5 (draft): the same fields without the completeness rules, checked on submit. */
export const ZProcedureDraft = z.object({
  procedure: ZProcedure,
  conditions: z.array(z.number().int().min(1).max(4)).max(4).default([]),
  proofFileIds: z
    .array(z.string().uuid())
    .max(PROOF_MAX_FILES, `证明材料最多上传 ${PROOF_MAX_FILES} 个文件`)
    .default([]),
  report: z.string().max(REPORT_MAX_CHARS, `述职报告不能超过 ${REPORT_MAX_CHARS} 字`).default(''),
});
export type TProcedureDraft = z.infer<typeof ZProcedureDraft>;

/** What the data already says about one 简易程序 condition. `supported` null = the data cannot tell. */
export const ZConditionHint = z.object({
  id: z.number().int(),
  label: z.string(),
  supported: z.boolean().nullable(),
  basis: z.string(),
});
export type TConditionHint = z.infer<typeof ZConditionHint>;

export const ZAttachment = z.object({
  id: z.string(),
  originalName: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZProcedureState = z.object({
  enrolmentId: z.number().int(),
  status: ZEnrolmentStatus,
  statusLabel: z.string(),
  procedureChoice: ZProcedureChoice,
  procedure: ZProcedure.nullable(),
  application: z.object({
    procedure: ZProcedure.nullable(),
    conditions: z.array(z.number().int()),
    proofFileIds: z.array(z.string()),
    report: z.string(),
  }),
  simpleDisallowed: z.boolean(),
  /** step 5 may be edited now */
  editable: z.boolean(),
  /** 【提交】 (SUBMIT_PROCEDURE) is possible now (after-approval mode or after 驳回) */
  canSubmit: z.boolean(),
  lastReason: z.string().nullable(),
  yearsOfPractice: z.number().nullable(),
  hints: z.array(ZConditionHint),
  proofs: z.array(ZAttachment),
});
export type TProcedureState = z.infer<typeof ZProcedureState>;

export const ZMyEnrolment = z.object({ enrolmentId: z.number().int().nullable() });

/** 工作成绩 / 职业道德 rating by the institution. */
export const ZRating = z.enum(['合格', '不合格'], { message: '请评定合格或不合格' });
export const ZOtherOpinion = z.object({
  institutionName: z.string().trim().min(1, '请填写机构名称').max(100),
  opinion: z.string().trim().min(1, '请填写意见').max(500),
  result: ZRating,
});
export const ZEvaluateInput = z.object({
  workResult: ZRating,
  workOpinion: z.string().trim().max(500, '意见不能超过 500 字').default(''),
  ethicsResult: ZRating,
  ethicsOpinion: z.string().trim().max(500, '意见不能超过 500 字').default(''),
  otherOpinions: z.array(ZOtherOpinion).max(20).default([]),
});
export type TEvaluateInput = z.infer<typeof ZEvaluateInput>;

export const ZReasonInput = z.object({
  reason: z.string().trim().min(1, '请填写驳回理由').max(500, '理由不能超过 500 字'),
});

/** 复核 驳回: 不同意 on one or both items. */
export const ZBodyRejectInput = z
  .object({
    workAgree: z.boolean(),
    ethicsAgree: z.boolean(),
    reason: z.string().trim().min(1, '请填写驳回理由').max(500, '理由不能超过 500 字'),
  })
  .refine((v) => !v.workAgree || !v.ethicsAgree, {
    message: '驳回须对工作成绩或职业道德至少一项选择「不同意」',
    path: ['workAgree'],
  });

export const ZEvaluationRecord = z.object({
  institution: z
    .object({
      workResult: ZRating,
      workOpinion: z.string(),
      ethicsResult: ZRating,
      ethicsOpinion: z.string(),
      otherOpinions: z.array(ZOtherOpinion),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
  bodyReview: z
    .object({
      workAgree: z.boolean(),
      ethicsAgree: z.boolean(),
      reason: z.string(),
      decision: z.string(),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
});

export const ZEvaluationListQuery = z.object({
  procedure: ZProcedure,
  keyword: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZEvaluationRow = z.object({
  enrolmentId: z.number().int(),
  physicianName: z.string(),
  idNumber: z.string(),
  institutionName: z.string(),
  level: z.string(),
  practiceCategory: z.string(),
  procedure: ZProcedure,
  status: ZEnrolmentStatus,
  statusLabel: z.string(),
  workResult: z.string().nullable(),
  ethicsResult: z.string().nullable(),
  updatedAt: z.string(),
  actions: z.array(z.string()),
});
export const ZEvaluationList = z.object({ total: z.number().int(), rows: z.array(ZEvaluationRow) });

export const ZEvaluationDetail = z.object({
  row: ZEvaluationRow,
  physician: z.object({
    name: z.string(),
    gender: z.string(),
    idNumber: z.string(),
    level: z.string(),
    practiceCategory: z.string(),
    title: z.string(),
    firstRegisteredAt: z.string().nullable(),
  }),
  selfEvaluation: z.record(z.string(), z.unknown()),
  application: ZProcedureState.shape.application,
  proofs: z.array(ZAttachment),
  hints: z.array(ZConditionHint),
  yearsOfPractice: z.number().nullable(),
  evaluation: ZEvaluationRecord,
  lastReason: z.string().nullable(),
});
export type TEvaluationDetail = z.infer<typeof ZEvaluationDetail>;
export type TEvaluationRow = z.infer<typeof ZEvaluationRow>;
