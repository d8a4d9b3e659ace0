import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * 监考 (proctoring). Frames are captured at server-chosen moments, compared with the physician's
 * standard photo by a face-embedding model in a job worker, reviewed in 监考管理, and may lead
 * to 违纪处理 (with an appeal). See modules/proctor/ and docs/decisions/0030-*.
 */

/** Province settings for 监考; a province without a row uses PROCTOR_DEFAULTS (shared/schemas/proctor.ts). */
export const proctorSettings = pgTable('proctor_settings', {
  provinceId: integer('province_id').primaryKey(),
  /** question-time frames per paper (at least one in each third) — plus one at 交卷 */
  framesPerPaper: smallint('frames_per_paper').notNull(),
  /** similarity (0–100) below which a frame counts as 疑似非本人 */
  similarityThreshold: smallint('similarity_threshold').notNull(),
  /** anti-spoof "real" score (0–100) below which a frame/photo is 疑似翻拍 */
  spoofThreshold: smallint('spoof_threshold').notNull(),
  /** smallest face side (px) accepted on the standard photo */
  minFacePx: smallint('min_face_px').notNull(),
  /** mean brightness (0–255) below which the standard photo is too dark */
  minBrightness: smallint('min_brightness').notNull(),
  /** days after the cycle's results are final that frames are kept */
  retentionDays: integer('retention_days').notNull(),
  /** days after 处理 that the physician may 申诉 */
  appealDays: integer('appeal_days').notNull(),
  /** hours after the paper closes that frames kept offline on the phone are still accepted */
  lateUploadHours: integer('late_upload_hours').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Reference embedding of a standard photo (标准照片), computed once per uploaded file. */
export const proctorReferences = pgTable('proctor_references', {
  fileId: text('file_id').primaryKey(),
  provinceId: integer('province_id').notNull(),
  embedding: real('embedding').array().notNull(),
  faceSize: integer('face_size').notNull(),
  /** anti-spoof "real" score 0–100 (null when the model gave none) */
  realScore: smallint('real_score'),
  liveScore: smallint('live_score'),
  spoofSuspected: boolean('spoof_suspected').notNull().default(false),
  model: text('model').notNull(),
  modelVersion: text('model_version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The capture schedule of one attempt: one row per moment, each with a one-time token (stored hashed). */
export const proctorCaptures = pgTable(
  'proctor_captures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    attemptId: bigint('attempt_id', { mode: 'number' }).notNull(),
    seq: smallint('seq').notNull(),
    /** question = while a question is shown; submit = at 交卷 */
    trigger: text('trigger').$type<'question' | 'submit'>().notNull(),
    questionIndex: smallint('question_index'),
    tokenHash: text('token_hash').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('proctor_captures_token_uq').on(t.tokenHash),
    uniqueIndex('proctor_captures_attempt_seq_uq').on(t.attemptId, t.seq),
  ],
);

export type FrameStatus = 'pending' | 'scored' | 'unreadable';

/** One uploaded frame and, once the worker ran, its comparison result. */
export const proctorFrames = pgTable(
  'proctor_frames',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    captureId: bigint('capture_id', { mode: 'number' }).notNull(),
    attemptId: bigint('attempt_id', { mode: 'number' }).notNull(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** null once deleted by the retention job */
    fileId: text('file_id'),
    /** the phone's clock when the frame was taken (informative) */
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** uploaded after the paper closed (kept on the phone while offline) */
    late: boolean('late').notNull().default(false),
    /**
     * when its comparison job was queued; null: not yet (the upload queues nothing itself — the
     * worker's ticker queues waiting frames in batches, decision 0119)
     */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    status: text('status').$type<FrameStatus>().notNull().default('pending'),
    faces: smallint('faces'),
    /** 0–100 to the standard photo (best-matching face); null without a face */
    similarity: smallint('similarity'),
    realScore: smallint('real_score'),
    liveScore: smallint('live_score'),
    spoofSuspected: boolean('spoof_suspected'),
    model: text('model'),
    modelVersion: text('model_version'),
    /** the province's similarity threshold when this frame was scored */
    threshold: smallint('threshold'),
    comparedAt: timestamp('compared_at', { withTimezone: true }),
    error: text('error'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('proctor_frames_capture_uq').on(t.captureId),
    index('proctor_frames_attempt_idx').on(t.attemptId, t.id),
    index('proctor_frames_retention_idx').on(t.provinceId, t.id).where(sql`file_id IS NOT NULL`),
    index('proctor_frames_unqueued_idx').on(t.id).where(sql`queued_at IS NULL`),
  ],
);

export type ProctorEventKind = 'camera_denied' | 'camera_lost' | 'device_check_failed';

/** Camera denied / lost / on-device check failed, with the phone's time. */
export const proctorEvents = pgTable(
  'proctor_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    attemptId: bigint('attempt_id', { mode: 'number' }).notNull(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    kind: text('kind').$type<ProctorEventKind>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    detail: text('detail').notNull().default(''),
  },
  (t) => [index('proctor_events_attempt_idx').on(t.attemptId, t.id)],
);

/** Per attempt aggregates for the 监考管理 list (recomputed by the worker after every frame). */
export const proctorSummaries = pgTable(
  'proctor_summaries',
  {
    attemptId: bigint('attempt_id', { mode: 'number' }).primaryKey(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    orgPath: text('org_path').notNull(),
    paperType: text('paper_type').$type<'humanities' | 'professional'>().notNull(),
    framesTotal: integer('frames_total').notNull().default(0),
    framesPending: integer('frames_pending').notNull().default(0),
    minSimilarity: smallint('min_similarity'),
    noFace: integer('no_face').notNull().default(0),
    multiFace: integer('multi_face').notNull().default(0),
    cameraLost: integer('camera_lost').notNull().default(0),
    spoofSuspected: integer('spoof_suspected').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('proctor_summaries_path_sim_idx').using(
      'btree',
      sql`${t.orgPath} text_pattern_ops`,
      sql`coalesce(${t.minSimilarity}, 101)`,
      t.attemptId,
    ),
    index('proctor_summaries_enrolment_idx').on(t.enrolmentId),
  ],
);

export type CaseStatus = 'processed' | 'appealed' | 'upheld' | 'revoked';

/** 疑似作弊 flag and 违纪处理 / 申诉 of one enrolment. */
export const proctorCases = pgTable(
  'proctor_cases',
  {
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).primaryKey(),
    provinceId: integer('province_id').notNull(),
    orgPath: text('org_path').notNull(),
    flagged: boolean('flagged').notNull().default(false),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }),
    flaggedByOrgId: integer('flagged_by_org_id'),
    /** null until 处理 */
    status: text('status').$type<CaseStatus>(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    processedByOrgId: integer('processed_by_org_id'),
    processReason: text('process_reason'),
    /** the enrolment as it was before 处理 (restored by 撤销处理) */
    previousStatus: text('previous_status'),
    previousFinalResult: text('previous_final_result'),
    previousFailReason: text('previous_fail_reason'),
    appealStatement: text('appeal_statement'),
    appealFileId: text('appeal_file_id'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    appealDecidedAt: timestamp('appeal_decided_at', { withTimezone: true }),
    appealDecidedByOrgId: integer('appeal_decided_by_org_id'),
    appealDecisionReason: text('appeal_decision_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proctor_cases_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status)],
);
