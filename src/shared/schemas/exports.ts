import { z } from 'zod';

/** The lists that go through 申请导出 → 下载 (and the batch 证书打印, a PDF built the same way). */
export const EXPORT_KINDS = [
  'subordinates',
  'physicians',
  'progress',
  'discipline',
  'stats-progress',
  'stats-result',
  'exemptions',
  'deferrals',
  'exam-progress',
  'notices',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_STATUS_LABELS = {
  queued: '排队中',
  running: '导出中',
  done: '可下载',
  failed: '导出失败',
  expired: '已过期',
} as const;
export type ExportStatus = keyof typeof EXPORT_STATUS_LABELS;

export const ZExportRequest = z.object({
  kind: z.enum(EXPORT_KINDS),
  /** the list's current filters (validated per kind on the server) */
  params: z.record(z.string(), z.unknown()).default({}),
});
export type TExportRequest = z.infer<typeof ZExportRequest>;

export const ZExportJob = z.object({
  id: z.string(),
  kind: z.enum(EXPORT_KINDS),
  title: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'expired']),
  statusLabel: z.string(),
  processed: z.number().int(),
  total: z.number().int().nullable(),
  fileName: z.string(),
  size: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string(),
});
export type TExportJob = z.infer<typeof ZExportJob>;
export const ZExportJobList = z.object({ items: z.array(ZExportJob) });

/** 考试进展导出: which paper, and who (已参加 / 未参加 / all). */
export const ZExamProgressParams = z.object({
  paperType: z.enum(['humanities', 'professional']),
  taken: z.enum(['all', 'taken', 'not_taken']).default('all'),
  institutionId: z.coerce.number().int().positive().optional(),
});
export const PAPER_LABELS = { humanities: '人文医学测评', professional: '业务水平测评' } as const;

/** 证书打印 in batch: chosen enrolments, or every passed physician matching the filter. */
export const ZNoticeBatchParams = z
  .object({
    enrolmentIds: z.array(z.number().int().positive()).max(5000).optional(),
    institutionId: z.number().int().positive().optional(),
    procedure: z.enum(['general', 'simple']).optional(),
  })
  .refine((p) => p.enrolmentIds === undefined || p.enrolmentIds.length > 0, { message: '请选择要打印证书的医师' });
export const NOTICE_BATCH_MAX = 5000;
