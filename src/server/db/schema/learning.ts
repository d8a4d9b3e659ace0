import type { FrozenItem } from '../../modules/exam/paper.js';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** 题库练习: one answered practice question, frozen to the version that was shown. */
export const practiceAnswers = pgTable(
  'practice_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    physicianId: bigint('physician_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    questionId: integer('question_id').notNull(),
    versionId: integer('version_id').notNull(),
    chosen: jsonb('chosen').$type<string[]>().notNull(),
    correct: boolean('correct').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('practice_answers_physician_idx').on(t.physicianId, t.questionId)],
);

/** 错题收藏: one row per physician and question; the version is the one answered wrongly last. */
export const wrongQuestions = pgTable(
  'wrong_questions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    physicianId: bigint('physician_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    questionId: integer('question_id').notNull(),
    versionId: integer('version_id').notNull(),
    chosen: jsonb('chosen').$type<string[]>().notNull(),
    /** practice | mock */
    source: text('source').$type<'practice' | 'mock'>().notNull(),
    wrongCount: integer('wrong_count').notNull().default(1),
    lastWrongAt: timestamp('last_wrong_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wrong_questions_physician_question_uq').on(t.physicianId, t.questionId),
    index('wrong_questions_recent_idx').on(t.physicianId, t.lastWrongAt),
  ],
);

/**
 * 模拟自测: a mock paper under the real paper's rules (duration, question count), timed and
 * scored on the server; no consequence to the enrolment. `items` freezes the drawn paper
 * (versions, option order under opaque ids); `answers` is keyed by item index.
 */
export const mockAttempts = pgTable(
  'mock_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    physicianId: bigint('physician_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    /** humanities | professional */
    paper: text('paper').$type<'humanities' | 'professional'>().notNull(),
    practiceCategory: text('practice_category'),
    status: text('status').$type<'in_progress' | 'submitted'>().notNull().default('in_progress'),
    durationMinutes: integer('duration_minutes').notNull(),
    questionCount: integer('question_count').notNull(),
    passScore: integer('pass_score').notNull(),
    /** the frozen paper (exam/paper.ts drawPaper): versions, opaque option ids, correct ids */
    items: jsonb('items').$type<FrozenItem[]>().notNull(),
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull().default({}),
    score: integer('score'),
    correctCount: integer('correct_count'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** manual | timeout */
    submitKind: text('submit_kind'),
  },
  (t) => [index('mock_attempts_physician_idx').on(t.physicianId, t.id)],
);

/** 考前资料 maintained by the province administration. */
export const studyMaterials = pgTable(
  'study_materials',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    content: text('content').notNull().default(''),
    fileId: uuid('file_id'),
    published: boolean('published').notNull().default(true),
    createdBy: integer('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('study_materials_province_idx').on(t.provinceId, t.id)],
);
