import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Physician master records (the stand-in for the 医师电子化注册系统). `org_path` is the
 * path of the current institution, denormalised so jurisdiction-scoped lists at 5 million
 * rows are one index range scan with keyset pagination.
 */
export const physicians = pgTable(
  'physicians',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceId: integer('province_id').notNull(),
    institutionId: integer('institution_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    /** 居民身份证 | 护照 | 港澳台居民证件 | 军官证 */
    idType: text('id_type').notNull().default('居民身份证'),
    /** normalised (18-digit, upper-case X) for 居民身份证 */
    idNumber: text('id_number').notNull(),
    gender: text('gender').$type<'男' | '女'>().notNull(),
    birthDate: date('birth_date'),
    /** 执业医师 | 执业助理医师 */
    level: text('level').$type<'执业医师' | '执业助理医师'>().notNull(),
    /** 临床 | 中医 | 口腔 | 公共卫生 */
    practiceCategory: text('practice_category').notNull(),
    practiceScope: text('practice_scope').notNull().default(''),
    qualificationNo: text('qualification_no').notNull().default(''),
    licenseNo: text('license_no').notNull().default(''),
    firstRegisteredAt: date('first_registered_at'),
    title: text('title').notNull().default(''),
    mobile: text('mobile'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('physicians_id_number_uq').on(t.idNumber),
    index('physicians_path_id_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
    index('physicians_institution_idx').on(t.institutionId, t.id),
    index('physicians_name_idx').on(t.provinceId, t.name, t.id),
    // keyset lists of an administration's subtree ordered by (org_path, id) in byte order:
    // a LIKE-prefix range that is already sorted, so a page is one short index range scan.
    index('physicians_scope_idx').using('btree', sql`(${t.orgPath} COLLATE "C")`, t.id),
    index('physicians_name_scope_idx').using('btree', t.name, sql`(${t.orgPath} COLLATE "C")`, t.id),
  ],
);
