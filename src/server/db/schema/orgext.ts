import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export interface ApplicationMaterial {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  uploadedAt: string;
}

/**
 * 申请考核机构: one application per health institution. Materials are uploaded while the
 * application is a draft (or after a rejection); 提交申请 makes it pending; the
 * administration approves (the organisation becomes an assessment body) or rejects with a reason.
 */
export const assessmentApplications = pgTable(
  'assessment_applications',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    institutionId: integer('institution_id').notNull(),
    /** the institution's path, for jurisdiction-scoped review lists */
    orgPath: text('org_path').notNull(),
    /** draft | pending | approved | rejected */
    status: text('status').$type<'draft' | 'pending' | 'approved' | 'rejected'>().notNull().default('draft'),
    materials: jsonb('materials').$type<ApplicationMaterial[]>().notNull().default([]),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reviewerAccountId: integer('reviewer_account_id'),
    rejectReason: text('reject_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessment_applications_institution_uq').on(t.institutionId),
    index('assessment_applications_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
  ],
);
