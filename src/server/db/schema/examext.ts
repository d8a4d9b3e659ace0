import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { BlueprintRule, FrozenPaper } from '../../modules/exam/paper.js';

/**
 * 试卷设置: one blueprint per cycle and paper type (人文医学 humanities / 业务水平 professional).
 * When absent, the cycle's paper_rules and the national defaults apply.
 */
export const examBlueprints = pgTable(
  'exam_blueprints',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id').notNull(),
    provinceId: integer('province_id').notNull(),
    paperType: text('paper_type').$type<'humanities' | 'professional'>().notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    questionCount: integer('question_count').notNull(),
    attempts: integer('attempts').notNull(),
    /** counts per category / difficulty; the rest of the paper is drawn from the whole bank */
    rules: jsonb('rules').$type<BlueprintRule[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exam_blueprints_cycle_type_uq').on(t.cycleId, t.paperType)],
);

/**
 * One attempt at one paper. The drawn paper is frozen here (version ids, opaque option ids,
 * id → key map, correct ids); `answer_key[i]` is item i's correct ids joined with ',' so
 * scoring is one set-based join with exam_answers.
 */
export const examAttempts = pgTable(
  'exam_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    cycleId: integer('cycle_id').notNull(),
    provinceId: integer('province_id').notNull(),
    physicianId: bigint('physician_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    paperType: text('paper_type').$type<'humanities' | 'professional'>().notNull(),
    /** first = 首轮 (incl. deferred physicians' first exam), reexam = 再次考核 */
    round: text('round').$type<'first' | 'reexam'>().notNull(),
    attemptNo: integer('attempt_no').notNull(),
    /** in_progress | submitted (交卷) | timed_out (到时自动交卷) */
    status: text('status').$type<'in_progress' | 'submitted' | 'timed_out'>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    questionCount: integer('question_count').notNull(),
    passScore: integer('pass_score').notNull(),
    paper: jsonb('paper').$type<FrozenPaper>().notNull(),
    answerKey: text('answer_key').array().notNull(),
    /**
     * The device (browser journal) that answers this attempt; a save from another device is
     * refused once a later device has taken over (【继续答题】 on a second phone).
     */
    deviceId: text('device_id'),
    /**
     * Compacted answers once the attempt is closed and scored: `answers[i]` = item i's choice
     * ('' = unanswered). The rows in exam_answers are then deleted, so exam_answers only holds
     * the attempts in progress (decision 0051).
     */
    answers: text('answers').array(),
    correctCount: integer('correct_count'),
    score: integer('score'),
    passed: boolean('passed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exam_attempts_no_uq').on(t.enrolmentId, t.paperType, t.round, t.attemptNo),
    uniqueIndex('exam_attempts_one_open_uq').on(t.enrolmentId, t.paperType).where(sql`status = 'in_progress'`),
    index('exam_attempts_open_deadline_idx').on(t.deadlineAt).where(sql`status = 'in_progress'`),
    index('exam_attempts_cycle_idx').on(t.cycleId, t.paperType, t.status),
    index('exam_attempts_physician_idx').on(t.physicianId, t.id),
  ],
);

/**
 * Autosaved answers of attempts in progress: one row per (attempt, question index); `choice` =
 * sorted opaque ids joined with ','. `seq` is the device journal's sequence number of the
 * stored value: a save is applied only when its seq is higher (idempotent resends, no stale
 * overwrite). Rows move into exam_attempts.answers when the attempt is closed.
 */
export const examAnswers = pgTable(
  'exam_answers',
  {
    attemptId: bigint('attempt_id', { mode: 'number' }).notNull(),
    questionIndex: smallint('question_index').notNull(),
    choice: text('choice').notNull(),
    /** 标记 (marked for review) */
    marked: boolean('marked').notNull().default(false),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionIndex] })],
);

/** 人脸信息采集授权: consent to face capture during tests, once per enrolment. */
export const examConsents = pgTable('exam_consents', {
  enrolmentId: bigint('enrolment_id', { mode: 'number' }).primaryKey(),
  physicianId: bigint('physician_id', { mode: 'number' }).notNull(),
  consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

/**
 * Papers drawn ahead (job exam.predraw) for enrolments waiting to take a test, so that
 * 【去考试】 at the exam-day peak is a read plus one row instead of a draw (issue 9). A row is
 * consumed when the attempt starts; `blueprint_stamp` discards papers of an older 试卷设置.
 */
export const examPredrawnPapers = pgTable(
  'exam_predrawn_papers',
  {
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    paperType: text('paper_type').$type<'humanities' | 'professional'>().notNull(),
    round: text('round').$type<'first' | 'reexam'>().notNull(),
    provinceId: integer('province_id').notNull(),
    blueprintStamp: text('blueprint_stamp').notNull(),
    paper: jsonb('paper').$type<FrozenPaper>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.paperType, t.round] })],
);

/** A province's maximum number of test starts per minute (null row = unlimited). */
export const examStartLimits = pgTable('exam_start_limits', {
  provinceId: integer('province_id').primaryKey(),
  perMinute: integer('per_minute').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Starts admitted per province and minute (the rate counter shared by every API process). */
export const examStartSlots = pgTable(
  'exam_start_slots',
  {
    provinceId: integer('province_id').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.minute] })],
);

/** Physicians waiting for a start slot, in arrival order (the waiting screen's position). */
export const examStartQueue = pgTable(
  'exam_start_queue',
  {
    physicianId: bigint('physician_id', { mode: 'number' }).primaryKey(),
    provinceId: integer('province_id').notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('exam_start_queue_order_idx').on(t.provinceId, t.enqueuedAt)],
);
