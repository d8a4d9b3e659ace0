import { z } from 'zod';
import { ZBank, ZOption, ZQuestionType } from './bank.js';

/** 学习: 题库练习, 模拟自测, 错题收藏, 考前资料 (physician side). */

export const ZCategoryCount = z.object({ category: z.string(), count: z.number() });
export const ZLearnOverview = z.object({
  practiceCategory: z.string(),
  humanities: z.array(ZCategoryCount),
  professional: z.array(ZCategoryCount),
  practiced: z.number(),
  practicedCorrect: z.number(),
  wrongCount: z.number(),
  mockCount: z.number(),
});
export type TLearnOverview = z.infer<typeof ZLearnOverview>;

export const ZPracticeQuery = z.object({
  bank: ZBank,
  category: z.string().max(40).optional(),
  type: ZQuestionType.optional(),
  /** do not repeat the question just answered */
  exclude: z.coerce.number().int().positive().optional(),
});
export type TPracticeQuery = z.infer<typeof ZPracticeQuery>;

export const ZPracticeQuestion = z.object({
  versionId: z.number(),
  questionId: z.number(),
  bank: ZBank,
  category: z.string(),
  type: ZQuestionType,
  stem: z.string(),
  options: z.array(ZOption),
});
export type TPracticeQuestion = z.infer<typeof ZPracticeQuestion>;
export const ZPracticeNext = z.object({ question: ZPracticeQuestion.nullable(), remaining: z.number() });
export type TPracticeNext = z.infer<typeof ZPracticeNext>;

export const ZPracticeAnswerInput = z.object({
  versionId: z.number().int().positive(),
  chosen: z
    .array(z.string().regex(/^[A-H]$/, '选项无效'))
    .min(1, '请选择答案')
    .max(8),
});
export type TPracticeAnswerInput = z.infer<typeof ZPracticeAnswerInput>;
export const ZPracticeResult = z.object({
  correct: z.boolean(),
  chosen: z.array(z.string()),
  answer: z.array(z.string()),
  explanation: z.string(),
});
export type TPracticeResult = z.infer<typeof ZPracticeResult>;

// ---------------------------------------------------------------- 模拟自测
export const ZMockPaperType = z.enum(['humanities', 'professional']);
export const ZMockPaper = z.object({
  paper: ZMockPaperType,
  label: z.string(),
  durationMinutes: z.number(),
  questionCount: z.number(),
  passScore: z.number(),
  /** why a mock of this paper cannot be drawn now, or null */
  blocked: z.string().nullable(),
  inProgressId: z.number().nullable(),
});
export const ZMockPapers = z.object({ items: z.array(ZMockPaper) });
export type TMockPapers = z.infer<typeof ZMockPapers>;
export const ZMockStartInput = z.object({ paper: ZMockPaperType });

export const ZMockSummary = z.object({
  id: z.number(),
  paper: ZMockPaperType,
  label: z.string(),
  status: z.enum(['in_progress', 'submitted']),
  score: z.number().nullable(),
  passScore: z.number(),
  passed: z.boolean().nullable(),
  questionCount: z.number(),
  correctCount: z.number().nullable(),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  submitKind: z.string().nullable(),
});
export type TMockSummary = z.infer<typeof ZMockSummary>;
export const ZMockHistory = z.object({ items: z.array(ZMockSummary) });

export const ZMockItem = z.object({
  index: z.number(),
  type: ZQuestionType,
  stem: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
  chosen: z.array(z.string()),
  /** only after submission */
  correctIds: z.array(z.string()).nullable(),
  correct: z.boolean().nullable(),
  explanation: z.string().nullable(),
});
export const ZMockAttempt = ZMockSummary.extend({
  remainingSeconds: z.number(),
  durationMinutes: z.number(),
  items: z.array(ZMockItem),
});
export type TMockAttempt = z.infer<typeof ZMockAttempt>;

export const ZMockAnswerInput = z.object({
  index: z.number().int().min(0).max(1000),
  choice: z.array(z.string().max(16)).max(8),
});
export type TMockAnswerInput = z.infer<typeof ZMockAnswerInput>;
export const ZMockAnswerResult = z.object({ ok: z.literal(true), remainingSeconds: z.number() });

// ---------------------------------------------------------------- 错题收藏
export const ZWrongItem = z.object({
  id: z.number(),
  questionId: z.number(),
  versionId: z.number(),
  bank: ZBank,
  category: z.string(),
  type: ZQuestionType,
  stem: z.string(),
  options: z.array(ZOption),
  answer: z.array(z.string()),
  chosen: z.array(z.string()),
  explanation: z.string(),
  source: z.enum(['practice', 'mock']),
  wrongCount: z.number(),
  lastWrongAt: z.string(),
});
export type TWrongItem = z.infer<typeof ZWrongItem>;
export const ZWrongQuery = z.object({
  bank: ZBank.optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export const ZWrongList = z.object({
  items: z.array(ZWrongItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type TWrongList = z.infer<typeof ZWrongList>;
export const ZRemoved = z.object({ removed: z.number() });
