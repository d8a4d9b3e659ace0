import { z } from 'zod';
import { ENROLMENT_STATUSES } from '../domain/enrolment.js';
import { ZProcedure } from '../domain/procedure.js';

/** Which grading list: first-round 成绩评定 (assessment body) or 再次考核 (administration). */
export const ZGradingRound = z.enum(['first', 'reexam']);

const ZEnrolmentStatus = z.enum(ENROLMENT_STATUSES);

export const ZGradingListQuery = z.object({
  round: ZGradingRound.default('first'),
  procedure: ZProcedure.optional(),
  keyword: z.string().trim().max(40).optional(),
  /** keyset: return rows with id > after */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type TGradingListQuery = z.infer<typeof ZGradingListQuery>;

export const ZPaperOutcome = z.object({
  score: z.number().nullable(),
  passLine: z.number(),
  exempt: z.boolean(),
  /** null when the paper is not part of this procedure */
  passed: z.boolean().nullable(),
});

export const ZGradingRow = z.object({
  id: z.number(),
  physicianName: z.string(),
  idNumberMasked: z.string(),
  level: z.string(),
  practiceCategory: z.string(),
  institutionName: z.string(),
  procedure: ZProcedure.nullable(),
  status: ZEnrolmentStatus,
  statusLabel: z.string(),
  humanities: ZPaperOutcome,
  professional: ZPaperOutcome,
  workResult: z.string().nullable(),
  ethicsResult: z.string().nullable(),
  /** the result the rules give for these scores */
  proposedResult: z.enum(['合格', '不合格']),
  deferralApproved: z.boolean(),
  actions: z.array(z.string()),
});
export type TGradingRow = z.infer<typeof ZGradingRow>;

export const ZGradingList = z.object({
  rows: z.array(ZGradingRow),
  nextAfter: z.number().nullable(),
  total: z.number(),
  /** 确认再次考核名单: only the province confirms; other administrations read (seed 003) */
  canConfirm: z.boolean().optional(),
});

export const ZConfirmInput = z.object({
  ids: z.array(z.number().int().positive()).min(1, '请选择要确认的记录').max(2000, '一次最多确认 2000 条'),
});
export const ZConfirmResult = z.object({
  done: z.number(),
  failed: z.array(z.object({ id: z.number(), message: z.string() })),
});

export const ZReexamListQuery = z.object({
  keyword: z.string().trim().max(40).optional(),
  confirmed: z.enum(['0', '1']).default('0'),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZResult = z.object({
  cycleName: z.string(),
  status: ZEnrolmentStatus,
  statusLabel: z.string(),
  procedure: ZProcedure.nullable(),
  finalResult: z.string().nullable(),
  humanities: ZPaperOutcome,
  professional: ZPaperOutcome,
  workResult: z.string().nullable(),
  ethicsResult: z.string().nullable(),
  noPromotion: z.boolean(),
  /** a note on consequences (re-exam failure → registration to be revoked, etc.) */
  note: z.string().nullable(),
  decidedAt: z.string().nullable(),
  canPrint: z.boolean(),
});
export type TResult = z.infer<typeof ZResult>;
