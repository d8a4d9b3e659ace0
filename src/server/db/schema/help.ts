import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * 联系客服: the province's help line shown on both login pages and in the physician's
 * 常见问题. Set by the province administration; public read (people who cannot log in need it).
 */
export const helpContacts = pgTable('help_contacts', {
  provinceId: integer('province_id').primaryKey(),
  phone: text('phone').notNull(),
  /** service hours as the province words them, e.g. 工作日 8:30–12:00，14:30–17:30 */
  hours: text('hours').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
