import { z } from 'zod';

/** 人文医学 (humanities) and 业务水平 (professional) papers. */
export const PAPER_TYPES = ['humanities', 'professional'] as const;
export const ZPaperType = z.enum(PAPER_TYPES, { message: '试卷类型只能是人文医学或业务水平' });
export type TPaperType = z.infer<typeof ZPaperType>;
export const PAPER_LABELS: Record<TPaperType, string> = { humanities: '人文医学测评', professional: '业务水平测评' };

export const ATTEMPT_STATUS_LABELS = { in_progress: '答题中', submitted: '已交卷', timed_out: '到时自动交卷' } as const;
export const ZAttemptStatus = z.enum(['in_progress', 'submitted', 'timed_out']);
export const ROUND_LABELS = { first: '首轮考核', reexam: '再次考核' } as const;
export const ZRound = z.enum(['first', 'reexam']);

// ------------------------------------------------------------------ blueprints (试卷设置)

export const ZBlueprintRule = z.object({
  category: z.string().trim().max(40).nullable().default(null),
  difficulty: z.number().int().min(1, '难度为1至5').max(5, '难度为1至5').nullable().default(null),
  count: z.number().int().min(1, '题数至少为1').max(300, '题数不超过300'),
});

export const ZBlueprintInput = z.object({
  durationMinutes: z.number().int().min(1, '考试时长至少1分钟').max(300, '考试时长不超过300分钟'),
  questionCount: z.number().int().min(1, '题量至少1题').max(300, '题量不超过300题'),
  attempts: z.number().int().min(1, '答题次数至少1次').max(20, '答题次数不超过20次'),
  rules: z.array(ZBlueprintRule).max(40, '组卷规则不超过40条'),
});
export type TBlueprintInput = z.infer<typeof ZBlueprintInput>;

export const ZBlueprintView = z.object({
  paperType: ZPaperType,
  label: z.string(),
  durationMinutes: z.number(),
  questionCount: z.number(),
  attempts: z.number(),
  rules: z.array(z.object({ category: z.string().nullable(), difficulty: z.number().nullable(), count: z.number() })),
  /** true when saved on 试卷设置; false = the cycle's rules / national defaults */
  custom: z.boolean(),
  passLines: z.array(z.object({ label: z.string(), score: z.number() })),
  /** enabled questions per category in the province's bank (for 业务水平: all 执业类别) */
  bank: z.array(z.object({ category: z.string(), practiceCategory: z.string().nullable(), count: z.number() })),
  /** a problem drawing this blueprint would hit (or null) */
  warning: z.string().nullable(),
});
export type TBlueprintView = z.infer<typeof ZBlueprintView>;

export const ZBlueprints = z.object({
  cycle: z.object({ id: z.number(), name: z.string() }),
  papers: z.array(ZBlueprintView),
  /** 每分钟最多开始答题人数 (null = 不限); above it physicians wait in a queue */
  startLimit: z.number().nullable(),
});

export const ZStartLimitInput = z.object({
  perMinute: z
    .number()
    .int('每分钟开始答题人数须为整数')
    .min(1, '每分钟开始答题人数至少为1')
    .max(100_000, '每分钟开始答题人数不超过100000')
    .nullable(),
});
export type TStartLimitInput = z.infer<typeof ZStartLimitInput>;
export type TBlueprints = z.infer<typeof ZBlueprints>;

export const ZCloseWindowInput = z.object({ round: ZRound });
export const ZCloseWindowResult = z.object({ timedOut: z.number(), finished: z.number(), markedAbsent: z.number() });
export type TCloseWindowResult = z.infer<typeof ZCloseWindowResult>;

// ------------------------------------------------------------------ physician: 考核详情 / 试卷列表

export const ZPaperState = z.object({
  paperType: ZPaperType,
  label: z.string(),
  /** part of this physician's procedure (and round) */
  required: z.boolean(),
  exempt: z.boolean(),
  durationMinutes: z.number(),
  questionCount: z.number(),
  attemptsAllowed: z.number(),
  attemptsUsed: z.number(),
  attemptsLeft: z.number(),
  bestScore: z.number().nullable(),
  passLine: z.number(),
  passed: z.boolean(),
  done: z.boolean(),
  inProgressAttemptId: z.number().nullable(),
  /** 【进入】 allowed now */
  canEnter: z.boolean(),
  /** why not (Chinese), when !canEnter */
  note: z.string().nullable(),
  attempts: z.array(
    z.object({
      id: z.number(),
      attemptNo: z.number(),
      status: ZAttemptStatus,
      startedAt: z.string(),
      submittedAt: z.string().nullable(),
      score: z.number().nullable(),
      passed: z.boolean().nullable(),
    }),
  ),
});
export type TPaperState = z.infer<typeof ZPaperState>;

export const ZExamOverview = z.object({
  enrolled: z.boolean(),
  cycleName: z.string().nullable(),
  enrolmentId: z.number().nullable(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  procedure: z.enum(['general', 'simple']).nullable(),
  procedureLabel: z.string().nullable(),
  humanitiesExempt: z.boolean(),
  professionalExempt: z.boolean(),
  deferralApproved: z.boolean(),
  round: ZRound.nullable(),
  window: z
    .object({ key: z.string(), label: z.string(), start: z.string(), end: z.string(), open: z.boolean() })
    .nullable(),
  physician: z
    .object({
      name: z.string(),
      idNumberMasked: z.string(),
      level: z.string(),
      practiceCategory: z.string(),
      institution: z.string(),
    })
    .nullable(),
  consented: z.boolean(),
  /** the physician can take tests in this status at all */
  inExamStage: z.boolean(),
  message: z.string(),
  papers: z.array(ZPaperState),
});
export type TExamOverview = z.infer<typeof ZExamOverview>;

// ------------------------------------------------------------------ attempts

export const ZAttemptParams = z.object({ id: z.coerce.number().int().positive() });
export const ZAnswerParams = z.object({
  id: z.coerce.number().int().positive(),
  index: z.coerce.number().int().min(0).max(999),
});
export const ZStartParams = z.object({ paperType: ZPaperType });

const ZOptionId = z.string().regex(/^[A-Za-z0-9]{8}$/, '选项标识不正确');
/** The device's answer journal: one id per browser profile, kept across reloads and restarts. */
export const ZDeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '设备标识不正确');
/** Highest journal sequence number accepted; a larger one cannot come from a real journal. */
export const MAX_ANSWER_SEQ = 1_000_000;
/**
 * Autosave one answer (and/or the 标记 flag). An empty choice clears the answer. `seq` is the
 * journal entry's per-attempt sequence number: the server applies it only if it is newer than
 * what it holds for the question.
 */
export const ZSaveAnswerInput = z
  .object({
    choice: z.array(ZOptionId).max(8).optional(),
    marked: z.boolean().optional(),
    seq: z
      .number({ message: '缺少答题序号' })
      .int('答题序号不正确')
      .min(1, '答题序号不正确')
      .max(MAX_ANSWER_SEQ, '答题序号超出范围，请刷新页面后继续作答'),
    deviceId: ZDeviceId,
  })
  .refine((v) => v.choice !== undefined || v.marked !== undefined, '请提交答案或标记');
export type TSaveAnswerInput = z.infer<typeof ZSaveAnswerInput>;
export const ZSaveAnswerResult = z.object({
  ok: z.literal(true),
  /** false: the server already held this entry or a newer one for the question (nothing changed) */
  applied: z.boolean(),
  /** the sequence number the server now holds for the question */
  seq: z.number(),
  remainingSeconds: z.number(),
});
export type TSaveAnswerResult = z.infer<typeof ZSaveAnswerResult>;

/** 【继续答题】 on a device: that device's journal becomes the one the server accepts. */
export const ZClaimInput = z.object({ deviceId: ZDeviceId });
export const ZClaimResult = z.object({
  /** highest sequence number stored for the attempt: the device numbers new entries above it */
  seqBase: z.number(),
  /** another device was answering this attempt until now */
  tookOver: z.boolean(),
  remainingSeconds: z.number(),
});
export type TClaimResult = z.infer<typeof ZClaimResult>;

export const ZStartResult = z.object({ attemptId: z.number(), resumed: z.boolean() });

export const ZPaperItem = z.object({
  index: z.number(),
  type: z.enum(['single', 'multiple', 'judge']),
  stem: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
});
export const ZAttemptPaper = z.object({ attemptId: z.number(), paperType: ZPaperType, items: z.array(ZPaperItem) });
export type TAttemptPaper = z.infer<typeof ZAttemptPaper>;

export const ZAttemptState = z.object({
  id: z.number(),
  paperType: ZPaperType,
  label: z.string(),
  attemptNo: z.number(),
  status: ZAttemptStatus,
  statusLabel: z.string(),
  startedAt: z.string(),
  deadlineAt: z.string(),
  serverNow: z.string(),
  remainingSeconds: z.number(),
  questionCount: z.number(),
  /** `seq`: the journal sequence number the server holds for the question (0 after compaction) */
  answers: z.array(z.object({ index: z.number(), choice: z.array(z.string()), marked: z.boolean(), seq: z.number() })),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  passLine: z.number(),
});
export type TAttemptState = z.infer<typeof ZAttemptState>;

export const ZSubmitResult = z.object({
  status: ZAttemptStatus,
  score: z.number(),
  passed: z.boolean(),
  /** all required papers done: the enrolment moved on to 成绩评定 */
  finished: z.boolean(),
});
export type TSubmitResult = z.infer<typeof ZSubmitResult>;

// ------------------------------------------------------------------ item analysis (试题分析)

export const ZItemAnalysisQuery = z.object({
  paperType: ZPaperType.default('humanities'),
  round: ZRound.default('first'),
  flaggedOnly: z.enum(['0', '1']).default('0'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TItemAnalysisQuery = z.infer<typeof ZItemAnalysisQuery>;

export const ZItemAnalysisRow = z.object({
  versionId: z.number(),
  questionId: z.number(),
  version: z.number(),
  type: z.string(),
  category: z.string(),
  practiceCategory: z.string().nullable(),
  stem: z.string(),
  difficulty: z.number(),
  questionStatus: z.string(),
  responses: z.number(),
  pValue: z.number(),
  discrimination: z.number().nullable(),
  unanswered: z.number(),
  flagged: z.boolean(),
  options: z.array(
    z.object({ key: z.string(), text: z.string(), correct: z.boolean(), count: z.number(), share: z.number() }),
  ),
});
export type TItemAnalysisRow = z.infer<typeof ZItemAnalysisRow>;

export const ZItemAnalysis = z.object({
  cycleName: z.string(),
  window: z.object({ start: z.string(), end: z.string(), closed: z.boolean() }).nullable(),
  attempts: z.number(),
  items: z.number(),
  flagged: z.number(),
  total: z.number(),
  rows: z.array(ZItemAnalysisRow),
});
export type TItemAnalysis = z.infer<typeof ZItemAnalysis>;
