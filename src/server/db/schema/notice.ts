import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** 考核结果通知书: one per enrolment, with a random public code for 证书查验. */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    /** public verification code printed as QR */
    code: text('code').notNull(),
    /** the administration that issues the notice (the institution's administration) */
    issuerOrgId: integer('issuer_org_id').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notices_code_uq').on(t.code),
    uniqueIndex('notices_enrolment_uq').on(t.enrolmentId),
    index('notices_province_idx').on(t.provinceId),
  ],
);
