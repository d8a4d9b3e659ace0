import { z } from 'zod';
import { ENROLMENT_STATUS_LABELS, ENROLMENT_STATUSES, type EnrolmentStatus } from '../domain/enrolment.js';

/** 考核进度统计 columns: every status an enrolled physician can be in (未开通报名 is not enrolled). */
export const PROGRESS_STATUSES = ENROLMENT_STATUSES.filter((s) => s !== 'not_opened') as EnrolmentStatus[];
export const PROGRESS_COLUMNS = PROGRESS_STATUSES.map((s) => ({ key: s, label: ENROLMENT_STATUS_LABELS[s] }));

/**
 * 考核结果统计 columns per procedure. 未完成 = still inside the cycle without a result; 免考 and 延期
 * are "of which" counts (a physician with an approved exemption or deferral also appears in
 * 合格/不合格/未完成). Physicians who left the cycle (已退出当前周期) are not counted.
 */
export const RESULT_BUCKETS = ['passed', 'failed', 'disciplinary', 'unfinished', 'exempt', 'deferred'] as const;
export type ResultBucket = (typeof RESULT_BUCKETS)[number];
export const RESULT_BUCKET_LABELS: Record<ResultBucket, string> = {
  passed: '合格',
  failed: '不合格',
  disciplinary: '违纪不合格',
  unfinished: '未完成',
  exempt: '免考',
  deferred: '延期',
};

const ZCounts = z.record(z.string(), z.number().int());

export const ZStatsRow = z.object({
  orgId: z.number().int(),
  name: z.string(),
  kind: z.enum(['admin', 'institution', 'industry']),
  level: z.enum(['province', 'city', 'district']).nullable(),
  /** a row the actor may open (an administration below the actor) */
  drillable: z.boolean(),
  total: z.number().int(),
  progress: ZCounts,
  result: z.object({ general: ZCounts, simple: ZCounts }),
});
export type TStatsRow = z.infer<typeof ZStatsRow>;

/** Subordinate units per page of a statistics view. */
export const STATS_PAGE_SIZE = 50;

export const ZStatsQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  /** the page of subordinate units (1-based) */
  page: z.coerce.number().int().positive().max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(STATS_PAGE_SIZE),
});
export type TStatsQuery = z.infer<typeof ZStatsQuery>;

export const ZStatsView = z.object({
  /** the stored snapshot shown (null: never computed for this cycle) */
  snapshot: z
    .object({ id: z.number().int(), computedAt: z.string(), durationMs: z.number().int().nullable() })
    .nullable(),
  /** a 重新统计 is queued or running */
  pending: z.boolean(),
  cycleName: z.string(),
  /** the unit whose figures are shown, rolled up */
  node: ZStatsRow.nullable(),
  /** one page of its subordinate units (administrations first, then institutions) */
  rows: z.array(ZStatsRow),
  /** how many subordinate units there are in all */
  rowsTotal: z.number().int(),
  /** from the actor's own unit down to the node, for the drill-down breadcrumb */
  trail: z.array(z.object({ orgId: z.number().int(), name: z.string() })),
});
export type TStatsView = z.infer<typeof ZStatsView>;

export const ZRefreshResult = z.object({ snapshotId: z.number().int(), pending: z.boolean() });
