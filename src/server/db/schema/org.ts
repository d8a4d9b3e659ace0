import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** 科室信息: 一级/二级 departments of a health institution. */
export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    parentId: integer('parent_id'),
    /** 1 = 一级科室, 2 = 二级科室 */
    level: integer('level').notNull(),
    name: text('name').notNull(),
    intro: text('intro').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('departments_org_idx').on(t.orgId),
    uniqueIndex('departments_org_parent_name_uq').on(t.orgId, t.parentId, t.name),
  ],
);

/** 指定卫生机构: which health institutions an assessment body assesses. */
export const assessmentAssignments = pgTable(
  'assessment_assignments',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    bodyOrgId: integer('body_org_id').notNull(),
    institutionId: integer('institution_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('assessment_assignments_institution_uq').on(t.institutionId),
    index('assessment_assignments_body_idx').on(t.bodyOrgId),
  ],
);
