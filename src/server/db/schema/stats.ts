import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 考核进度统计 / 考核结果统计 are snapshots (the manuals: "此功能不是实时统计，请注意统计时间"):
 * a job counts the province's current cycle once and stores one row per organisation (every
 * institution and every administration above it, already rolled up), so a statistics page is a
 * read of a few stored rows, never a scan of the enrolments.
 */
export const statsSnapshots = pgTable(
  'stats_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceId: integer('province_id').notNull(),
    cycleId: integer('cycle_id').notNull(),
    /** pending → done | failed */
    status: text('status').$type<'pending' | 'done' | 'failed'>().notNull(),
    /** account that pressed 【重新统计】; null for the schedule */
    requestedBy: integer('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** 统计时间: when the enrolments were read */
    computedAt: timestamp('computed_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
  },
  (t) => [index('stats_snapshots_province_idx').on(t.provinceId, t.status, t.id)],
);

/** Counts of one organisation in one snapshot (institutions and administrations rolled up). */
export const statsRows = pgTable(
  'stats_rows',
  {
    snapshotId: integer('snapshot_id').notNull(),
    orgId: integer('org_id').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    kind: text('kind').$type<'admin' | 'institution' | 'industry'>().notNull(),
    level: text('level').$type<'province' | 'city' | 'district' | null>(),
    name: text('name').notNull(),
    /** enrolments per status: { [status]: n } */
    progress: jsonb('progress').$type<Record<string, number>>().notNull(),
    /** per procedure: { general: { passed, failed, disciplinary, unfinished, exempt, deferred }, simple: {...} } */
    result: jsonb('result').$type<Record<string, Record<string, number>>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.orgId] }),
    index('stats_rows_parent_idx').on(t.snapshotId, t.parentId),
  ],
);

/**
 * 申请导出 → a job writes the file into storage → 【下载】 by the requester only, until
 * `expires_at` (a scheduled job then deletes the file). `actor` freezes the requester's
 * jurisdiction at the moment of the request.
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceId: integer('province_id').notNull(),
    accountId: integer('account_id').notNull(),
    role: text('role').notNull(),
    orgPath: text('org_path').notNull(),
    /** which list (see exports.definitions.ts) */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    actor: jsonb('actor').$type<Record<string, unknown>>().notNull(),
    /** queued → running → done | failed; done → expired */
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed' | 'expired'>().notNull(),
    total: integer('total'),
    processed: integer('processed').notNull().default(0),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key'),
    mime: text('mime').notNull(),
    size: integer('size'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('export_jobs_account_idx').on(t.accountId, t.createdAt),
    index('export_jobs_expiry_idx').on(t.status, t.expiresAt),
  ],
);
