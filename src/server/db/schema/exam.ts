import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Question bank. A question's identity lives in `questions`; its content in immutable
 * `question_versions`. Editing creates a new version; attempts freeze version ids, so an
 * edit or retirement never changes a past attempt.
 */
export const questions = pgTable(
  'questions',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    /** humanities = 人文医学, professional = 业务水平 */
    bank: text('bank').$type<'humanities' | 'professional'>().notNull(),
    /** 人文医学: chapter (法律法规, 医学伦理, 医患沟通 …); 业务水平: 专业 */
    category: text('category').notNull(),
    /** 业务水平 only: 临床 | 中医 | 口腔 | 公共卫生 */
    practiceCategory: text('practice_category'),
    status: text('status').$type<'enabled' | 'retired'>().notNull().default('enabled'),
    currentVersionId: integer('current_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('questions_pick_idx').on(t.provinceId, t.bank, t.practiceCategory, t.category, t.status)],
);

export const questionVersions = pgTable(
  'question_versions',
  {
    id: serial('id').primaryKey(),
    questionId: integer('question_id').notNull(),
    version: integer('version').notNull(),
    /** single = 单选, multiple = 多选, judge = 判断 */
    type: text('type').$type<'single' | 'multiple' | 'judge'>().notNull(),
    stem: text('stem').notNull(),
    /** [{ key: 'A', text: '…' }] — keys are the bank's; attempts use opaque per-attempt ids */
    options: jsonb('options').$type<{ key: string; text: string }[]>().notNull(),
    /** correct option keys, e.g. ['A'] or ['A','C'] */
    answer: jsonb('answer').$type<string[]>().notNull(),
    explanation: text('explanation').notNull().default(''),
    /** 1 (easy) … 5 (hard) */
    difficulty: integer('difficulty').notNull().default(3),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('question_versions_uq').on(t.questionId, t.version)],
);
