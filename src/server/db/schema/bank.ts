import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One question-bank import (导入): every row is validated first; with any error nothing is
 * imported and the row errors are kept here so the report can be downloaded later.
 */
export const questionImports = pgTable(
  'question_imports',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    accountId: integer('account_id').notNull(),
    fileName: text('file_name').notNull().default(''),
    status: text('status').$type<'imported' | 'rejected'>().notNull(),
    totalRows: integer('total_rows').notNull(),
    importedRows: integer('imported_rows').notNull().default(0),
    errors: jsonb('errors').$type<{ row: number; column: string; message: string }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('question_imports_province_idx').on(t.provinceId, t.id)],
);
