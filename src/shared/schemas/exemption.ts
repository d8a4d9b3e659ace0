import { z } from 'zod';
import { ZExemptionDecision } from '../domain/decisions.js';
import { EXEMPTION_STATUSES } from '../domain/exemption.js';
import { PAPER_LABELS, ZProcedure } from '../domain/procedure.js';
import { ZAttachment } from './procedure.js';

/** @deprecated use ZProcedure from src/shared/domain */
export const ZProcedureEnum = ZProcedure;
export const ZExemptionStatus = z.enum(EXEMPTION_STATUSES);

export const ZExemptionReason = z.object({ id: z.number().int(), procedure: ZProcedureEnum, reason: z.string() });
export const ZExemptionSettings = z.object({
  general: z.object({ open: z.boolean(), reasons: z.array(ZExemptionReason) }),
  simple: z.object({ open: z.boolean(), reasons: z.array(ZExemptionReason) }),
});
export type TExemptionSettings = z.infer<typeof ZExemptionSettings>;

export const ZReasonCreate = z.object({
  procedure: ZProcedureEnum,
  reason: z.string().trim().min(1, '请输入免考理由').max(500, '免考理由不能超过 500 字'),
});
export const ZReasonUpdate = z.object({ reason: ZReasonCreate.shape.reason });
export const ZSwitchInput = z.object({ procedure: ZProcedureEnum, open: z.boolean() });

export const ZExemptionApply = z.object({
  reasonIds: z.array(z.number().int().positive()).min(1, '请选择免考理由').max(20),
  note: z.string().trim().max(500, '说明不能超过 500 字').default(''),
  fileIds: z.array(z.string().uuid()).min(1, '请上传证明材料').max(10, '证明材料最多 10 个文件'),
});
export type TExemptionApply = z.infer<typeof ZExemptionApply>;

export const ZExemptionReview = z.object({
  /** approve | reject_supplement | reject_final (the older `pass` is read as approve) */
  decision: ZExemptionDecision,
  opinion: z.string().trim().max(500, '意见不能超过 500 字').default(''),
});
export type TExemptionReview = z.infer<typeof ZExemptionReview>;

export const ZExemptionApplication = z.object({
  id: z.number().int(),
  enrolmentId: z.number().int(),
  physicianName: z.string(),
  idNumber: z.string(),
  institutionName: z.string(),
  procedure: ZProcedureEnum,
  exempts: z.string(),
  status: ZExemptionStatus,
  statusLabel: z.string(),
  reasons: z.array(z.object({ id: z.number().int(), reason: z.string() })),
  note: z.string(),
  fileIds: z.array(z.string()),
  reviews: z.array(
    z.object({ by: z.string(), role: z.string(), decision: z.string(), opinion: z.string(), at: z.string() }),
  ),
  submittedAt: z.string(),
  actions: z.array(z.string()),
  /** the decisions the actor may take now (approve / reject_supplement / reject_final) */
  decisions: z.array(z.enum(['approve', 'reject_supplement', 'reject_final'])),
  workResult: z.string().nullable(),
  ethicsResult: z.string().nullable(),
});
export type TExemptionApplication = z.infer<typeof ZExemptionApplication>;

export const ZExemptionListQuery = z.object({
  procedure: ZProcedureEnum.optional(),
  /** pending (default: what the actor must act on) | all */
  scope: z.enum(['pending', 'all']).default('pending'),
  keyword: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZExemptionExportQuery = ZExemptionListQuery.omit({ page: true, pageSize: true });
export const ZExemptionList = z.object({ total: z.number().int(), rows: z.array(ZExemptionApplication) });

export const ZExemptionMine = z.object({
  enrolmentId: z.number().int().nullable(),
  procedure: ZProcedureEnum.nullable(),
  exempts: z.string().nullable(),
  open: z.boolean(),
  reasons: z.array(ZExemptionReason),
  application: ZExemptionApplication.nullable(),
  canApply: z.boolean(),
  /** why the physician cannot apply now */
  blockedReason: z.string().nullable(),
  files: z.array(ZAttachment),
});
export type TExemptionMine = z.infer<typeof ZExemptionMine>;

/** What a 免考 of each procedure exempts (一般程序 → 业务水平测评, 简易程序 → 人文医学测评). */
export const EXEMPTS_LABEL = {
  general: PAPER_LABELS.professional,
  simple: PAPER_LABELS.humanities,
} as const;
