import { z } from 'zod';
import { ZDecision } from '../domain/decisions.js';
import { DEFERRAL_STATUSES } from '../domain/deferral.js';
import { ZAttachment } from './procedure.js';

export const ZDeferralStatus = z.enum(DEFERRAL_STATUSES);

export const DEFERRAL_REASON_MAX = 1000;

export const ZDeferralApply = z.object({
  reason: z
    .string()
    .trim()
    .min(1, '请填写申请延期考核原因')
    .max(DEFERRAL_REASON_MAX, `申请延期考核原因不能超过 ${DEFERRAL_REASON_MAX} 字`),
  fileIds: z.array(z.string().uuid()).max(10, '附件最多 10 个文件').default([]),
});
export type TDeferralApply = z.infer<typeof ZDeferralApply>;

export const ZDeferralReview = z.object({
  /** approve | reject (同意 / 不同意 are read the same) */
  agree: ZDecision,
  opinion: z.string().trim().max(500, '意见不能超过 500 字').default(''),
});
export type TDeferralReview = z.infer<typeof ZDeferralReview>;

export const ZDeferralApplication = z.object({
  id: z.number().int(),
  enrolmentId: z.number().int(),
  physicianName: z.string(),
  idNumber: z.string(),
  gender: z.string(),
  institutionName: z.string(),
  status: ZDeferralStatus,
  statusLabel: z.string(),
  reason: z.string(),
  fileIds: z.array(z.string()),
  institutionAgree: z.string().nullable(),
  institutionOpinion: z.string().nullable(),
  institutionAt: z.string().nullable(),
  adminAgree: z.string().nullable(),
  adminOpinion: z.string().nullable(),
  adminOrgName: z.string().nullable(),
  adminAt: z.string().nullable(),
  submittedAt: z.string(),
  actions: z.array(z.string()),
});
export type TDeferralApplication = z.infer<typeof ZDeferralApplication>;

export const ZDeferralListQuery = z.object({
  scope: z.enum(['pending', 'all']).default('pending'),
  keyword: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZDeferralExportQuery = ZDeferralListQuery.omit({ page: true, pageSize: true });
export const ZDeferralList = z.object({ total: z.number().int(), rows: z.array(ZDeferralApplication) });

export const ZDeferralMine = z.object({
  enrolmentId: z.number().int().nullable(),
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
  application: ZDeferralApplication.nullable(),
  canApply: z.boolean(),
  blockedReason: z.string().nullable(),
  files: z.array(ZAttachment),
});
export type TDeferralMine = z.infer<typeof ZDeferralMine>;
