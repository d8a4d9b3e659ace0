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
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** 免考设置: exemption reasons per procedure (general → exempts 业务水平, simple → exempts 人文医学). */
export const exemptionReasons = pgTable(
  'exemption_reasons',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    procedure: text('procedure').$type<'general' | 'simple'>().notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exemption_reasons_province_idx').on(t.provinceId, t.procedure, t.id)],
);

/** 开启申请 / 关闭申请 per procedure. */
export const exemptionSwitches = pgTable(
  'exemption_switches',
  {
    provinceId: integer('province_id').notNull(),
    procedure: text('procedure').$type<'general' | 'simple'>().notNull(),
    open: boolean('open').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provinceId, t.procedure] })],
);

/** A physician's 免考申请 (one per enrolment; re-applied after 驳回补充材料). Status: exemption.machine.ts. */
export const exemptionApplications = pgTable(
  'exemption_applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    institutionId: integer('institution_id').notNull(),
    orgPath: text('org_path').notNull(),
    procedure: text('procedure').$type<'general' | 'simple'>().notNull(),
    status: text('status').notNull(),
    /** snapshot of the chosen reasons [{id, reason}] */
    reasons: jsonb('reasons').$type<{ id: number; reason: string }[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    /** review trail [{by, role, decision, opinion, at}] */
    reviews: jsonb('reviews')
      .$type<{ by: string; role: string; decision: string; opinion: string; at: string }[]>()
      .notNull()
      .default([]),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exemption_applications_enrolment_uq').on(t.enrolmentId),
    index('exemption_applications_inst_status_idx').on(t.institutionId, t.status, t.id),
    index('exemption_applications_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status, t.id),
  ],
);
