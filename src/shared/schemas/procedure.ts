import { z } from 'zod';

/** 简易程序 conditions (domain.md §6.2.5); any one suffices. */
export const SIMPLE_CONDITIONS = [
  { id: 1, label: '具有5年以上执业经历，考核周期内有良好行为记录' },
  { id: 2, label: '具有12年以上执业经历，考核周期内无不良行为记录' },
  { id: 3, label: '考核周期内按规定通过住院医师规范化培训' },
  { id: 4, label: '考核周期内晋升上一级专业技术职务' },
] as const;

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
    procedure: z.enum(['general', 'simple']),
    conditions: z.array(z.number().int().min(1).max(4)).max(4).default([]),
    proofFileIds: z.array(z.string().uuid()).max(PROOF_MAX_FILES, `证明材料最多上传 ${PROOF_MAX_FILES} 个文件`).default([]),
    report: z.string().max(REPORT_MAX_CHARS, `述职报告不能超过 ${REPORT_MAX_CHARS} 字`).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.procedure !== 'simple') return;
    if (v.conditions.length === 0) ctx.addIssue({ code: 'custom', message: '申请简易程序须至少勾选一项条件', path: ['conditions'] });
    if (v.proofFileIds.length === 0) ctx.addIssue({ code: 'custom', message: '申请简易程序须上传证明材料', path: ['proofFileIds'] });
    if (!v.report.trim()) ctx.addIssue({ code: 'custom', message: '申请简易程序须填写述职报告', path: ['report'] });
  });
export type TProcedureApplication = z.infer<typeof ZProcedureApplication>;
