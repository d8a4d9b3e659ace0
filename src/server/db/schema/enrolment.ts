import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { EnrolmentStatus } from '../../../shared/enrolment-status.js';

/** One assessment cycle of one province (考核周期) with its windows and rules (考核设置). */
export const cycles = pgTable(
  'cycles',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    name: text('name').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    /** windows: { registration, deferral, exam, grading, reexam, reexamGrading } each {start,end} ISO */
    windows: jsonb('windows').$type<Record<string, { start: string; end: string }>>().notNull().default({}),
    /** 编辑考核内容: { work: string[], ethics: string[], professional: string[] } */
    contentItems: jsonb('content_items').$type<Record<string, string[]>>().notNull().default({}),
    passHumanities: integer('pass_humanities').notNull().default(60),
    passProfessionalPhysician: integer('pass_professional_physician').notNull().default(60),
    passProfessionalAssistant: integer('pass_professional_assistant').notNull().default(55),
    /** { humanities: {durationMinutes, questionCount, attempts}, professional: {...} } */
    paperRules: jsonb('paper_rules')
      .$type<Record<string, { durationMinutes: number; questionCount: number; attempts: number }>>()
      .notNull()
      .default({}),
    /** 'with_registration' (2023 manual, Hainan) or 'after_approval' (national manual, app) */
    procedureChoice: text('procedure_choice')
      .$type<'with_registration' | 'after_approval'>()
      .notNull()
      .default('with_registration'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cycles_province_idx').on(t.provinceId, t.isCurrent)],
);

/** A physician's record in one cycle (考核记录). `status` follows enrolment.machine.ts. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cycleId: integer('cycle_id').notNull(),
    provinceId: integer('province_id').notNull(),
    physicianId: bigint('physician_id', { mode: 'number' }).notNull(),
    institutionId: integer('institution_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** the 考核机构 assigned to the institution when the enrolment was opened */
    assessmentBodyId: integer('assessment_body_id'),
    status: text('status').$type<EnrolmentStatus>().notNull(),
    /** general | simple */
    procedure: text('procedure').$type<'general' | 'simple' | null>(),
    /** simple procedure refused by the assessment body: only general may be chosen */
    simpleDisallowed: boolean('simple_disallowed').notNull().default(false),
    /** wizard data, steps 1–3 (基本信息, 执业信息, 相关经历) */
    registration: jsonb('registration').$type<Record<string, unknown>>().notNull().default({}),
    /** step 4 self-evaluation */
    selfEvaluation: jsonb('self_evaluation').$type<Record<string, unknown>>().notNull().default({}),
    /** step 5: conditions, proof file ids, 述职报告 */
    procedureApplication: jsonb('procedure_application').$type<Record<string, unknown>>().notNull().default({}),
    /** institution and assessment-body opinions on 工作成绩 / 职业道德 */
    evaluation: jsonb('evaluation').$type<Record<string, unknown>>().notNull().default({}),
    photoFileId: text('photo_file_id'),
    workResult: text('work_result').$type<'合格' | '不合格' | null>(),
    ethicsResult: text('ethics_result').$type<'合格' | '不合格' | null>(),
    humanitiesExempt: boolean('humanities_exempt').notNull().default(false),
    professionalExempt: boolean('professional_exempt').notNull().default(false),
    deferralApproved: boolean('deferral_approved').notNull().default(false),
    humanitiesScore: integer('humanities_score'),
    professionalScore: integer('professional_score'),
    /** 合格 | 不合格 | 违纪不合格 */
    finalResult: text('final_result'),
    /** evaluation | exam | absent | reexam | discipline */
    failReason: text('fail_reason'),
    /** passed at re-exam: no 评优/晋升 this cycle */
    noPromotion: boolean('no_promotion').notNull().default(false),
    lastReason: text('last_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolments_cycle_physician_uq').on(t.cycleId, t.physicianId),
    index('enrolments_path_status_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status, t.id),
    index('enrolments_cycle_status_idx').on(t.cycleId, t.status, t.id),
    index('enrolments_body_status_idx').on(t.assessmentBodyId, t.status, t.id),
    /** institution-scoped lists (上报考核名单, 考核进度) and the body scope (institution_id IN …) */
    index('enrolments_institution_status_idx').on(t.institutionId, t.status, t.id),
    // statistics snapshot: an index-only scan in grouping order (decision 0112)
    index('enrolments_stats_idx').on(
      t.cycleId,
      t.institutionId,
      t.status,
      t.procedure,
      t.humanitiesExempt,
      t.professionalExempt,
      t.deferralApproved,
    ),
  ],
);
