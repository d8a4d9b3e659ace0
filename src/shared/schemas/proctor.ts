import { z } from 'zod';
import { ENROLMENT_STATUSES } from '../domain/enrolment.js';
import { PAPER_LABELS, PAPER_TYPES } from '../domain/procedure.js';

export { PAPER_LABELS };

/* ------------------------------------------------------------------ settings */

/**
 * Documented defaults (docs/decisions/0030-proctoring.md). The similarity threshold comes from
 * `npm run proctor:calibrate` (bench/README.md#proctoring): the score below which a frame is
 * shown as 疑似非本人. It is a review aid, never an automatic result.
 */
export const PROCTOR_DEFAULTS = {
  framesPerPaper: 6,
  similarityThreshold: 65,
  spoofThreshold: 20,
  minFacePx: 80,
  minBrightness: 25,
  retentionDays: 90,
  appealDays: 15,
  lateUploadHours: 24,
} as const;

export const ZProctorSettings = z.object({
  framesPerPaper: z
    .number()
    .int()
    .min(3, '每份试卷至少抓拍 3 次（每三分之一至少一次）')
    .max(30, '每份试卷最多抓拍 30 次'),
  similarityThreshold: z.number().int().min(1).max(99),
  spoofThreshold: z.number().int().min(0).max(99),
  minFacePx: z.number().int().min(32).max(600),
  minBrightness: z.number().int().min(0).max(200),
  retentionDays: z.number().int().min(1, '保存天数至少 1 天').max(3650),
  appealDays: z.number().int().min(1, '申诉期限至少 1 天').max(365),
  lateUploadHours: z.number().int().min(0).max(168),
});
export type TProctorSettings = z.infer<typeof ZProctorSettings>;

/* ------------------------------------------------------------------ capture (physician) */

export const ZCaptureMoment = z.object({
  seq: z.number().int(),
  trigger: z.enum(['question', 'submit']),
  questionIndex: z.number().int().nullable(),
  /** one-time capture token (only for moments without a frame yet) */
  token: z.string().nullable(),
  done: z.boolean(),
});
export const ZSchedule = z.object({ attemptId: z.number().int(), moments: z.array(ZCaptureMoment) });
export type TSchedule = z.infer<typeof ZSchedule>;

export const ZFrameQuery = z.object({
  token: z.string().min(10, '缺少抓拍凭证').max(100, '抓拍凭证无效'),
  /** the phone's clock when the frame was taken (ISO) */
  capturedAt: z.iso.datetime({ message: '拍摄时间格式不正确' }),
});
export const ZFrameAccepted = z.object({ frameId: z.number().int(), late: z.boolean() });

export const PROCTOR_EVENT_KINDS = ['camera_denied', 'camera_lost', 'device_check_failed'] as const;
export const PROCTOR_EVENT_LABELS: Record<(typeof PROCTOR_EVENT_KINDS)[number], string> = {
  camera_denied: '摄像头未授权',
  camera_lost: '摄像头中断',
  device_check_failed: '未检测到人脸或画面过暗',
};
export const ZProctorEventInput = z.object({
  kind: z.enum(PROCTOR_EVENT_KINDS, { message: '事件类型不正确' }),
  occurredAt: z.iso.datetime({ message: '时间格式不正确' }),
  detail: z.string().max(200).optional(),
});

export const ZPhotoCheck = z.object({ message: z.string().nullable() });

/* ------------------------------------------------------------------ review (监考管理) */

export const ZReviewQuery = z.object({
  paperType: z.enum(PAPER_TYPES).optional(),
  institutionId: z.coerce.number().int().optional(),
  /** 最低相似度 below X */
  below: z.coerce.number().int().min(1).max(100).optional(),
  flagged: z.enum(['yes', 'no']).optional(),
  processed: z.enum(['yes', 'no']).optional(),
  keyword: z.string().max(40).optional(),
  sort: z.enum(['similarity', 'recent']).default('similarity'),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TReviewQuery = z.infer<typeof ZReviewQuery>;

export const PROCTOR_ACTIONS = ['flag', 'unflag', 'process'] as const;
export type TProctorAction = (typeof PROCTOR_ACTIONS)[number];

export const ZReviewRow = z.object({
  attemptId: z.number().int(),
  enrolmentId: z.number().int(),
  physicianName: z.string(),
  idNumber: z.string(),
  institutionName: z.string(),
  paperType: z.enum(PAPER_TYPES),
  startedAt: z.string(),
  framesTotal: z.number().int(),
  framesPending: z.number().int(),
  minSimilarity: z.number().int().nullable(),
  noFace: z.number().int(),
  multiFace: z.number().int(),
  cameraLost: z.number().int(),
  spoofSuspected: z.number().int(),
  flagged: z.boolean(),
  processed: z.boolean(),
  enrolmentStatus: z.enum(ENROLMENT_STATUSES),
  actions: z.array(z.enum(PROCTOR_ACTIONS)),
});
export type TReviewRow = z.infer<typeof ZReviewRow>;
export const ZReviewList = z.object({
  rows: z.array(ZReviewRow),
  nextCursor: z.string().nullable(),
  threshold: z.number().int(),
});
export type TReviewList = z.infer<typeof ZReviewList>;

export const ZFrameView = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  trigger: z.enum(['question', 'submit']),
  questionIndex: z.number().int().nullable(),
  capturedAt: z.string(),
  receivedAt: z.string(),
  late: z.boolean(),
  status: z.enum(['pending', 'scored', 'unreadable']),
  faces: z.number().int().nullable(),
  similarity: z.number().int().nullable(),
  realScore: z.number().int().nullable(),
  liveScore: z.number().int().nullable(),
  spoofSuspected: z.boolean().nullable(),
  threshold: z.number().int().nullable(),
  modelVersion: z.string().nullable(),
  deleted: z.boolean(),
  /** short-lived authorised URL (null once deleted) */
  url: z.string().nullable(),
});
export type TFrameView = z.infer<typeof ZFrameView>;

export const ZAttemptFrames = z.object({
  attemptId: z.number().int(),
  physicianName: z.string(),
  paperType: z.enum(PAPER_TYPES),
  referenceUrl: z.string().nullable(),
  referenceSpoofSuspected: z.boolean(),
  frames: z.array(ZFrameView),
  events: z.array(z.object({ kind: z.enum(PROCTOR_EVENT_KINDS), occurredAt: z.string(), detail: z.string() })),
});
export type TAttemptFrames = z.infer<typeof ZAttemptFrames>;

export const ZProcessInput = z.object({
  reason: z.string().trim().min(2, '请填写处理理由').max(500, '处理理由不能超过 500 字'),
});

/* ------------------------------------------------------------------ 违纪处理记录 / 申诉 */

export const CASE_STATUS_LABELS = {
  processed: '已处理',
  appealed: '申诉中',
  upheld: '申诉已维持',
  revoked: '已撤销处理',
} as const;
export const CASE_STATUSES = ['processed', 'appealed', 'upheld', 'revoked'] as const;
export type TCaseStatus = (typeof CASE_STATUSES)[number];

export const ZCaseQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  keyword: z.string().max(40).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZCaseRow = z.object({
  enrolmentId: z.number().int(),
  physicianName: z.string(),
  idNumber: z.string(),
  institutionName: z.string(),
  status: z.enum(CASE_STATUSES),
  processedAt: z.string(),
  processReason: z.string(),
  appealStatement: z.string().nullable(),
  appealedAt: z.string().nullable(),
  appealFileUrl: z.string().nullable(),
  appealDecisionReason: z.string().nullable(),
  attemptIds: z.array(z.number().int()),
  canDecideAppeal: z.boolean(),
});
export type TCaseRow = z.infer<typeof ZCaseRow>;
export const ZCaseList = z.object({ rows: z.array(ZCaseRow), nextCursor: z.string().nullable() });

export const ZAppealDecision = z.object({
  decision: z.enum(['uphold', 'revoke'], { message: '请选择维持或撤销处理' }),
  reason: z.string().trim().min(2, '请填写决定理由').max(500, '理由不能超过 500 字'),
});
export type TAppealDecision = z.infer<typeof ZAppealDecision>;

/* ------------------------------------------------------------------ physician view */

export const ZMyProctoring = z.object({
  papers: z.array(
    z.object({
      attemptId: z.number().int(),
      paperType: z.enum(PAPER_TYPES),
      photos: z.number().int(),
      deleteOn: z.string().nullable(),
    }),
  ),
  retentionDays: z.number().int(),
  case: z
    .object({
      status: z.enum(CASE_STATUSES),
      processedAt: z.string(),
      processReason: z.string(),
      appealDeadline: z.string(),
      canAppeal: z.boolean(),
      appealStatement: z.string().nullable(),
      appealDecisionReason: z.string().nullable(),
    })
    .nullable(),
});
export type TMyProctoring = z.infer<typeof ZMyProctoring>;
