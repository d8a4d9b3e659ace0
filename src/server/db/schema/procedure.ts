import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Files a physician attached to their enrolment: 简易程序 proofs, 免考 materials, 延期考核
 * attachments. The bytes live in storage (`files`); this row ties a file to the enrolment so
 * reading it back is authorised through the enrolment's jurisdiction, and limits are counted.
 */
export const enrolmentAttachments = pgTable(
  'enrolment_attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    fileId: uuid('file_id').notNull(),
    /** proof = 简易程序证明材料, exemption = 免考材料, deferral = 延期考核附件 */
    kind: text('kind').$type<'proof' | 'exemption' | 'deferral'>().notNull(),
    provinceId: integer('province_id').notNull(),
    originalName: text('original_name').notNull().default(''),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrolment_attachments_file_uq').on(t.fileId),
    index('enrolment_attachments_enrolment_idx').on(t.enrolmentId, t.kind),
  ],
);
