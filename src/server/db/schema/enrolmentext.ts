import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 医师信息修改: a registered physician's request to change steps 1–3 of the registration.
 * State machine in modules/enrolment/change.machine.ts (pending → allowed | refused;
 * allowed → submitted; submitted → approved | rejected). The edited data lives in `proposed`
 * until the institution approves it, so the approved registration stays intact meanwhile.
 */
export const enrolmentChangeRequests = pgTable(
  'enrolment_change_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enrolmentId: bigint('enrolment_id', { mode: 'number' }).notNull(),
    provinceId: integer('province_id').notNull(),
    institutionId: integer('institution_id').notNull(),
    orgPath: text('org_path').notNull(),
    physicianId: bigint('physician_id', { mode: 'number' }).notNull(),
    state: text('state').$type<'pending' | 'allowed' | 'refused' | 'submitted' | 'approved' | 'rejected'>().notNull(),
    reason: text('reason').notNull(),
    replyReason: text('reply_reason'),
    /** edited steps 1–3: { basic, practice, experience } */
    proposed: jsonb('proposed').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enrolment_change_institution_idx').on(t.institutionId, t.state, t.id),
    /** at most one open request per enrolment */
    uniqueIndex('enrolment_change_open_uq').on(t.enrolmentId).where(sql`state IN ('pending', 'allowed', 'submitted')`),
  ],
);
