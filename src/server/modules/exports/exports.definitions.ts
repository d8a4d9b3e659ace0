/**
 * What each export contains: the list's filters (validated), its Chinese headers, and its rows
 * batch by batch from the owning module's scoped query — imported, never copied — so an export
 * always holds exactly the rows the requester sees on the page.
 */
import { and, inArray, sql } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { enrolments } from '../../db/schema/index.js';
import type { Actor, Role } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { XlsxCell, XlsxColumn } from '../../platform/xlsx-stream.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/domain/enrolment.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { PROCEDURE_LABELS } from '../../../shared/domain/procedure.js';
import { selfEvaluationText } from '../../../shared/domain/self-evaluation.js';
import { ZDeferralExportQuery } from '../../../shared/schemas/deferral.js';
import { ZListQuery } from '../../../shared/schemas/enrolment.js';
import { ZExemptionExportQuery } from '../../../shared/schemas/exemption.js';
import {
  type ExportKind,
  PAPER_LABELS,
  ZExamProgressParams,
  ZNoticeBatchParams,
} from '../../../shared/schemas/exports.js';
import { ADMIN_LEVEL_LABELS, ORG_STATUS_LABELS, ZSubordinateListQuery } from '../../../shared/schemas/org.js';
import { ZPhysicianExportQuery } from '../../../shared/schemas/physician.js';
import { CASE_STATUS_LABELS, ZCaseQuery } from '../../../shared/schemas/proctor.js';
import {
  PROGRESS_COLUMNS,
  RESULT_BUCKET_LABELS,
  RESULT_BUCKETS,
  type TStatsRow,
} from '../../../shared/schemas/stats.js';
import * as deferral from '../deferral/deferral.service.js';
import { listEnrolments } from '../enrolment/enrolment.repo.js';
import { currentCycle, enrolmentScope } from '../enrolment/enrolment.transition.js';
import * as exemption from '../exemption/exemption.service.js';
import { listSubordinates } from '../org/org.service.js';
import * as physicianRepo from '../physician/physician.repo.js';
import { findCaseRows } from '../proctor/proctor.repo.js';
import { EXPORT_COLUMNS as PHYSICIAN_COLUMNS } from '../physician/physician.service.js';
import { statsRowsFor } from '../stats/get-stats-view.js';
import * as statsRepo from '../stats/stats.repo.js';
import { prepareNoticeBatch, renderNoticeBatch } from './notices-batch.js';

type Deps = AppDeps;
const BATCH = 1000;

export interface XlsxExport<P> {
  format: 'xlsx';
  title: string;
  roles: Role[];
  params: z.ZodType<P>;
  /** request-time checks (scope, existence); may freeze resolved values into the params */
  prepare?: (deps: Deps, actor: Actor, p: P, ctx: { baseUrl: string }) => Promise<P>;
  sheet: string;
  columns: (p: P) => XlsxColumn[];
  count?: (deps: Deps, actor: Actor, p: P) => Promise<number | null>;
  batches: (deps: Deps, actor: Actor, p: P) => AsyncGenerator<XlsxCell[][]>;
}

export interface PdfExport<P> {
  format: 'pdf';
  title: string;
  roles: Role[];
  params: z.ZodType<P>;
  prepare: (deps: Deps, actor: Actor, p: P, ctx: { baseUrl: string }) => Promise<P>;
  count: (p: P) => number;
  render: (deps: Deps, actor: Actor, p: P, out: Writable, progress: (n: number) => void) => Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: each definition has its own params type
export type ExportDefinition = XlsxExport<any> | PdfExport<any>;

const cnDate = (d: string | Date | null | undefined): string => {
  if (!d) return '';
  const c = new Date(new Date(d).getTime() + 8 * 3600_000);
  return c.toISOString().slice(0, 10).replaceAll('-', '/');
};
const cnDateTime = (d: string | Date | null | undefined): string => {
  if (!d) return '';
  const c = new Date(new Date(d).getTime() + 8 * 3600_000).toISOString();
  return `${c.slice(0, 10).replaceAll('-', '/')} ${c.slice(11, 19)}`;
};
const procedureLabel = (p: string | null) => (p ? (PROCEDURE_LABELS as Record<string, string>)[p] : '未选择');
const statusLabel = (s: string | null) => ENROLMENT_STATUS_LABELS[(s ?? 'not_opened') as EnrolmentStatus] ?? '';

/** Offset pages of an owning module's list function (small lists: applications, subordinate units). */
async function* offsetPages<T>(page: (n: number, size: number) => Promise<T[]>, map: (r: T) => XlsxCell[]) {
  for (let n = 1; ; n++) {
    const rows = await page(n, 500);
    if (rows.length) yield rows.map(map);
    if (rows.length < 500) return;
  }
}

// ------------------------------------------------------------------------------ 考核进度

const ZProgressParams = ZListQuery.omit({ cursor: true, limit: true }).extend({
  /** add 工作成绩、职业道德自评 (what 【查看】 shows) as one Chinese cell per physician */
  withSelfEvaluation: z.boolean().optional(),
});
type ProgressParams = z.infer<typeof ZProgressParams>;

const progressColumns: XlsxColumn[] = [
  { header: '姓名', width: 12 },
  { header: '证件号码', width: 22 },
  { header: '性别', width: 6 },
  { header: '医师级别', width: 14 },
  { header: '执业类别', width: 10 },
  { header: '卫生机构', width: 30 },
  { header: '考核程序', width: 10 },
  { header: '考核状态', width: 18 },
  { header: '提交时间', width: 12 },
  { header: '驳回/处理理由', width: 30 },
];

const selfEvaluationColumn: XlsxColumn = { header: '工作成绩、职业道德自评', width: 60 };

/** The batch's stored self-evaluations (ids from the scoped list; the scope is applied again). */
async function selfEvaluationsOf(deps: Deps, actor: Actor, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await deps.db
    .select({ id: enrolments.id, self: enrolments.selfEvaluation })
    .from(enrolments)
    .where(and(inArray(enrolments.id, ids), enrolmentScope(actor)));
  // the shared Chinese formatter: labelled sections, never a stored key or JSON
  return new Map(rows.map((r) => [r.id, selfEvaluationText(r.self)]));
}

async function* progressBatches(deps: Deps, actor: Actor, p: ProgressParams) {
  const cycle = await currentCycle(deps.db, actor.provinceId);
  const { withSelfEvaluation, ...filters } = p;
  let cursor: number | undefined;
  for (;;) {
    const page = await listEnrolments(deps.db, actor, cycle.id, { ...filters, cursor, limit: BATCH });
    const self = withSelfEvaluation
      ? await selfEvaluationsOf(
          deps,
          actor,
          page.items.map((r) => r.id),
        )
      : null;
    yield page.items.map((r) => [
      r.name,
      maskIdNumber(r.idNumber),
      r.gender,
      r.level,
      r.category,
      r.institutionName,
      procedureLabel(r.procedure),
      r.statusLabel,
      cnDate(r.submittedAt),
      r.lastReason ?? '',
      ...(self ? [self.get(r.id) ?? ''] : []),
    ]);
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** The progress total; none for a 姓名/证件号 search (a handful of rows, the list's own match rule). */
async function countEnrolments(deps: Deps, actor: Actor, p: ProgressParams): Promise<number | null> {
  if (p.q?.trim()) return null;
  const cycle = await currentCycle(deps.db, actor.provinceId);
  const r = await deps.db.execute(sql`
    SELECT count(*)::int AS n FROM enrolments
     WHERE cycle_id = ${cycle.id} AND ${enrolmentScope(actor)}
       ${p.status ? sql`AND status = ${p.status}` : sql``}
       ${p.institutionId ? sql`AND institution_id = ${p.institutionId}` : sql``}
       ${p.procedure === 'none' ? sql`AND procedure IS NULL` : p.procedure ? sql`AND procedure = ${p.procedure}` : sql``}`);
  return (r.rows[0] as { n: number }).n;
}

// ------------------------------------------------------------------------------ 违纪处理记录 (监考)

type CaseParams = Pick<z.infer<typeof ZCaseQuery>, 'status' | 'keyword'>;

/** The 违纪处理记录 page's rows (proctor module's scoped query), newest first, keyset pages. */
async function* disciplineBatches(deps: Deps, actor: Actor, p: CaseParams) {
  let cursor: string | undefined;
  for (;;) {
    const { page, nextCursor } = await findCaseRows(deps.db, actor, { ...p, cursor, limit: BATCH });
    yield page.map((r) => [
      r.physicianName,
      maskIdNumber(r.idNumber),
      r.institutionName,
      cnDateTime(r.c.processedAt),
      r.c.processReason ?? '',
      r.c.status ? CASE_STATUS_LABELS[r.c.status] : '',
      r.c.appealStatement ?? '',
      cnDateTime(r.c.appealedAt),
      r.c.appealDecisionReason ?? '',
    ]);
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}

// ------------------------------------------------------------------------------ statistics

const ZStatsExportParams = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  snapshotId: z.number().int().positive().optional(),
});
type StatsParams = z.infer<typeof ZStatsExportParams>;

/** Freezes the snapshot shown at the moment of the request and checks the unit is the actor's. */
async function prepareStats(deps: Deps, actor: Actor, p: StatsParams): Promise<StatsParams> {
  const cycle = await currentCycle(deps.db, actor.provinceId);
  const snap = await statsRepo.latestDoneSnapshot(deps.db, actor.provinceId, cycle.id);
  if (!snap) throw new AppError('NO_SNAPSHOT', '尚无统计结果，请先点击【重新统计】，统计完成后再导出', 409);
  await statsRowsFor(deps.db, actor, snap.id, p.orgId);
  return { ...p, snapshotId: snap.id };
}

async function* statsBatches(deps: Deps, actor: Actor, p: StatsParams, cells: (r: TStatsRow) => XlsxCell[]) {
  const { node, rows } = await statsRowsFor(deps.db, actor, p.snapshotId!, p.orgId);
  const out = rows.map((r) => [r.name, ...cells(r)]);
  if (node) out.push([`合计（${node.name}）`, ...cells(node)]);
  yield out;
}

const progressStatCells = (r: TStatsRow): XlsxCell[] => [
  ...PROGRESS_COLUMNS.map((c) => r.progress[c.key] ?? 0),
  r.total,
];
const resultStatCells = (r: TStatsRow): XlsxCell[] =>
  (['general', 'simple'] as const).flatMap((proc) => RESULT_BUCKETS.map((b) => r.result[proc][b] ?? 0));

// ------------------------------------------------------------------------------ 考试进展导出

type ExamProgressParams = z.infer<typeof ZExamProgressParams>;
/** Statuses of physicians who have reached the tests (待参加测评 and later). */
const EXAM_REACHED: EnrolmentStatus[] = [
  'ready_for_exam',
  'pending_grading',
  'passed',
  'failed',
  'reexam_ready',
  'pending_reexam_grading',
  'disciplinary_failed',
];

function examProgressWhere(actor: Actor, cycleId: number, p: ExamProgressParams) {
  const taken = sql`EXISTS (SELECT 1 FROM exam_attempts x WHERE x.enrolment_id = enrolments.id AND x.paper_type = ${p.paperType})`;
  return sql`enrolments.cycle_id = ${cycleId} AND ${enrolmentScope(actor)}
    AND enrolments.status IN (${sql.join(
      EXAM_REACHED.map((s) => sql`${s}`),
      sql`, `,
    )})
    AND enrolments.fail_reason IS DISTINCT FROM 'evaluation'
    ${p.paperType === 'humanities' ? sql`AND NOT enrolments.humanities_exempt` : sql`AND enrolments.procedure = 'general' AND NOT enrolments.professional_exempt`}
    ${p.institutionId ? sql`AND enrolments.institution_id = ${p.institutionId}` : sql``}
    ${p.taken === 'taken' ? sql`AND ${taken}` : p.taken === 'not_taken' ? sql`AND NOT ${taken}` : sql``}`;
}

async function* examProgressBatches(deps: Deps, actor: Actor, p: ExamProgressParams) {
  const cycle = await currentCycle(deps.db, actor.provinceId);
  let after = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const r = await deps.db.execute(sql`
      SELECT enrolments.id, ph.name, ph.id_number, o.name AS institution, enrolments.procedure, enrolments.status,
             a.status AS attempt_status, a.score, a.submitted_at
        FROM enrolments
        JOIN physicians ph ON ph.id = enrolments.physician_id
        JOIN organisations o ON o.id = enrolments.institution_id
        LEFT JOIN LATERAL (
          SELECT x.status, x.score, x.submitted_at FROM exam_attempts x
           WHERE x.enrolment_id = enrolments.id AND x.paper_type = ${p.paperType}
           ORDER BY x.score DESC NULLS LAST, x.id DESC LIMIT 1) a ON true
       WHERE ${examProgressWhere(actor, cycle.id, p)} AND enrolments.id < ${after}
       ORDER BY enrolments.id DESC
       LIMIT ${BATCH}`);
    const rows = r.rows as {
      id: number;
      name: string;
      id_number: string;
      institution: string;
      procedure: string | null;
      status: string;
      attempt_status: string | null;
      score: number | null;
      submitted_at: Date | null;
    }[];
    yield rows.map((x) => [
      x.name,
      maskIdNumber(x.id_number),
      x.institution,
      procedureLabel(x.procedure),
      statusLabel(x.status),
      PAPER_LABELS[p.paperType],
      x.attempt_status ? '已参加' : '未参加',
      x.score ?? '',
      cnDateTime(x.submitted_at),
    ]);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

// ------------------------------------------------------------------------------ the registry

export const DEFINITIONS: Record<ExportKind, ExportDefinition> = {
  subordinates: {
    format: 'xlsx',
    title: '所辖机构账号',
    roles: ['admin'],
    params: ZSubordinateListQuery.pick({ kind: true, q: true, status: true }),
    sheet: '所辖机构账号',
    columns: (p) => [
      { header: '机构账号', width: 22 },
      { header: '机构名称', width: 36 },
      { header: '详细地址', width: 40 },
      ...(p.kind === 'admin' ? [{ header: '级别', width: 10 }] : []),
      { header: '状态', width: 10 },
      ...(p.kind === 'institution'
        ? [
            { header: '申请成为考核机构', width: 16 },
            { header: '考核机构', width: 10 },
          ]
        : []),
      { header: '创建时间', width: 20 },
    ],
    count: async (deps, actor, p) => (await listSubordinates(deps, actor, { ...p, page: 1, pageSize: 1 })).total,
    batches: (deps, actor, p) =>
      offsetPages(
        async (page, pageSize) => (await listSubordinates(deps, actor, { ...p, page, pageSize })).items,
        (o) => [
          o.code,
          o.name,
          o.address,
          ...(p.kind === 'admin' ? [o.level ? ADMIN_LEVEL_LABELS[o.level] : ''] : []),
          ORG_STATUS_LABELS[o.status],
          ...(p.kind === 'institution'
            ? [o.canApplyAssessment ? '允许' : '不允许', o.isAssessmentBody ? '是' : '否']
            : []),
          cnDateTime(o.createdAt),
        ],
      ),
  },

  physicians: {
    format: 'xlsx',
    title: '医师信息',
    roles: ['institution', 'admin'],
    params: ZPhysicianExportQuery,
    sheet: '医师信息',
    columns: () => PHYSICIAN_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
    batches: async function* (deps, actor, p) {
      const cycleId = await physicianRepo.currentCycleId(deps.db, actor.provinceId);
      let cursor: physicianRepo.Cursor | null = null;
      for (;;) {
        const rows = await physicianRepo.listPhysicians(deps.db, actor, cycleId, p, cursor, BATCH);
        yield rows.map((r) =>
          PHYSICIAN_COLUMNS.map((c) => {
            if (c.key === 'statusLabel') return statusLabel(r.status);
            // one masking rule for ID numbers in every list and export (issue 12 item 7)
            if (c.key === 'id_number') return maskIdNumber(r.id_number);
            const v = r[c.key] as unknown;
            if (c.key === 'birth_date' || c.key === 'first_registered_at')
              return v ? String(v).replaceAll('-', '/') : '';
            return v === null || v === undefined ? '' : (v as string | number);
          }),
        );
        if (rows.length < BATCH) return;
        const last = rows[rows.length - 1];
        cursor = actor.role === 'admin' ? { path: last.org_path, id: last.id } : { id: last.id };
      }
    },
  },

  progress: {
    format: 'xlsx',
    title: '考核进度',
    roles: ['admin', 'institution', 'body'],
    params: ZProgressParams,
    sheet: '考核进度',
    columns: (p: ProgressParams) =>
      p.withSelfEvaluation ? [...progressColumns, selfEvaluationColumn] : progressColumns,
    count: countEnrolments,
    batches: progressBatches,
  },

  discipline: {
    format: 'xlsx',
    title: '违纪处理记录',
    // who may read 违纪处理记录 (GET /api/proctoring/cases), through the same scoped query
    roles: ['admin', 'institution', 'body'],
    params: ZCaseQuery.pick({ status: true, keyword: true }),
    sheet: '违纪处理记录',
    columns: () => [
      { header: '姓名', width: 12 },
      { header: '证件号码', width: 22 },
      { header: '所在卫生机构', width: 30 },
      { header: '处理时间', width: 20 },
      { header: '处理理由', width: 36 },
      { header: '状态', width: 12 },
      { header: '申诉理由', width: 36 },
      { header: '申诉时间', width: 20 },
      { header: '复查意见', width: 36 },
    ],
    batches: disciplineBatches,
  },

  'stats-progress': {
    format: 'xlsx',
    title: '考核进度统计',
    roles: ['admin', 'institution', 'body'],
    params: ZStatsExportParams,
    prepare: prepareStats,
    sheet: '考核进度统计',
    columns: () => [
      { header: '单位', width: 30 },
      ...PROGRESS_COLUMNS.map((c) => ({ header: c.label, width: 12 })),
      { header: '合计', width: 10 },
    ],
    batches: (deps, actor, p) => statsBatches(deps, actor, p, progressStatCells),
  },

  'stats-result': {
    format: 'xlsx',
    title: '考核结果统计',
    roles: ['admin', 'institution', 'body'],
    params: ZStatsExportParams,
    prepare: prepareStats,
    sheet: '考核结果统计',
    columns: () => [
      { header: '单位', width: 30 },
      ...(['general', 'simple'] as const).flatMap((proc) =>
        RESULT_BUCKETS.map((b) => ({ header: `${PROCEDURE_LABELS[proc]}-${RESULT_BUCKET_LABELS[b]}`, width: 14 })),
      ),
    ],
    batches: (deps, actor, p) => statsBatches(deps, actor, p, resultStatCells),
  },

  exemptions: {
    format: 'xlsx',
    title: '免考申请',
    roles: ['institution', 'body', 'admin'],
    params: ZExemptionExportQuery,
    sheet: '免考申请',
    columns: () => [
      { header: '姓名', width: 12 },
      { header: '证件号码', width: 22 },
      { header: '卫生机构', width: 28 },
      { header: '考核程序', width: 10 },
      { header: '免考项目', width: 14 },
      { header: '免考理由', width: 40 },
      { header: '说明', width: 30 },
      { header: '证明材料（个）', width: 12 },
      { header: '状态', width: 18 },
      { header: '申请时间', width: 12 },
      { header: '卫生机构意见', width: 36 },
      { header: '考核机构意见', width: 36 },
    ],
    count: async (deps, actor, p) =>
      (await exemption.listApplications(deps, actor, { ...p, page: 1, pageSize: 1 })).total,
    batches: (deps, actor, p) => {
      const opinion = (
        a: { reviews: { role: string; decision: string; opinion: string; at: string }[] },
        role: string,
      ) =>
        a.reviews
          .filter((r) => r.role === role)
          .map((r) => `${r.decision}${r.opinion ? `：${r.opinion}` : ''}（${cnDate(r.at)}）`)
          .join('\n');
      return offsetPages(
        async (page, pageSize) => (await exemption.listApplications(deps, actor, { ...p, page, pageSize })).rows,
        (a) => [
          a.physicianName,
          maskIdNumber(a.idNumber),
          a.institutionName,
          procedureLabel(a.procedure),
          a.exempts,
          a.reasons.map((x) => x.reason).join('；'),
          a.note,
          a.fileIds.length,
          a.statusLabel,
          cnDate(a.submittedAt),
          opinion(a, '卫生机构'),
          opinion(a, '考核机构'),
        ],
      );
    },
  },

  deferrals: {
    format: 'xlsx',
    title: '延期考核申请',
    roles: ['institution', 'admin'],
    params: ZDeferralExportQuery,
    sheet: '延期考核申请',
    columns: () => [
      { header: '姓名', width: 12 },
      { header: '性别', width: 6 },
      { header: '证件号码', width: 22 },
      { header: '所在执业卫生机构', width: 28 },
      { header: '申请延期考核原因', width: 40 },
      { header: '附件（个）', width: 10 },
      { header: '状态', width: 18 },
      { header: '申请时间', width: 12 },
      { header: '卫生机构意见', width: 30 },
      { header: '卫生行政部门意见', width: 36 },
    ],
    count: async (deps, actor, p) =>
      (await deferral.listApplications(deps, actor, { ...p, page: 1, pageSize: 1 })).total,
    batches: (deps, actor, p) =>
      offsetPages(
        async (page, pageSize) => (await deferral.listApplications(deps, actor, { ...p, page, pageSize })).rows,
        (a) => [
          a.physicianName,
          a.gender,
          maskIdNumber(a.idNumber),
          a.institutionName,
          a.reason,
          a.fileIds.length,
          a.statusLabel,
          cnDate(a.submittedAt),
          a.institutionAgree
            ? `${a.institutionAgree}${a.institutionOpinion ? `：${a.institutionOpinion}` : ''}（${cnDate(a.institutionAt)}）`
            : '',
          a.adminAgree
            ? `${a.adminAgree}${a.adminOpinion ? `：${a.adminOpinion}` : ''}（${a.adminOrgName ?? ''}，${cnDate(a.adminAt)}）`
            : '',
        ],
      ),
  },

  'exam-progress': {
    format: 'xlsx',
    title: '考试进展',
    roles: ['admin', 'institution', 'body'],
    params: ZExamProgressParams,
    sheet: '考试进展',
    columns: () => [
      { header: '姓名', width: 12 },
      { header: '证件号码', width: 22 },
      { header: '卫生机构', width: 30 },
      { header: '考核程序', width: 10 },
      { header: '考核状态', width: 18 },
      { header: '试卷', width: 14 },
      { header: '参加情况', width: 10 },
      { header: '成绩', width: 8 },
      { header: '交卷时间', width: 20 },
    ],
    count: async (deps, actor, p) => {
      const cycle = await currentCycle(deps.db, actor.provinceId);
      const r = await deps.db.execute(
        sql`SELECT count(*)::int AS n FROM enrolments WHERE ${examProgressWhere(actor, cycle.id, p)}`,
      );
      return (r.rows[0] as { n: number }).n;
    },
    batches: examProgressBatches,
  },

  notices: {
    format: 'pdf',
    title: '考核结果通知书',
    roles: ['admin', 'institution', 'body'],
    params: ZNoticeBatchParams,
    prepare: prepareNoticeBatch,
    count: (p) => p.enrolmentIds?.length ?? 0,
    render: renderNoticeBatch,
  },
};
