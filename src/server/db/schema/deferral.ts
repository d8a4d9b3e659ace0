import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** 延期考核申请 (附件1 医师定期考核延期考核申请表). One per enrolment; status: deferral.machine.ts. */
export const deferralApplications = pgTable(
  'deferral_applications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    institutionId: integer('institution_id').notNull(),
    orgPath: text('org_path').notNull(),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    institutionAgree: text('institution_agree').$type<'同意' | '不同意' | null>(),
    institutionOpinion: text('institution_opinion'),
    institutionName: text('institution_name'),
    institutionAt: timestamp('institution_at', { withTimezone: true }),
    adminAgree: text('admin_agree').$type<'同意' | '不同意' | null>(),
    adminOpinion: text('admin_opinion'),
    adminOrgName: text('admin_org_name'),
    adminAt: timestamp('admin_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deferral_applications_enrolment_uq').on(t.enrolmentId),
    index('deferral_applications_inst_status_idx').on(t.institutionId, t.status, t.id),
    index('deferral_applications_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.status, t.id),
  ],
);
