import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { enrolments } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { requireProvinceAdmin } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';
import { maskIdNumber } from '../../../shared/idcard.js';
import type { TGradingListQuery, TGradingRow, TResult } from '../../../shared/schemas/grading.js';
import { actionsFor, applyTransition } from '../enrolment/enrolment.transition.js';
import { findGradingRows, findGradingRowsByIds, findOwnResult, type GradingRecord } from './grading.repo.js';
import { gradeOutcome } from './grading.rules.js';

const ROUND_STATUS: Record<'first' | 'reexam', EnrolmentStatus> = {
  first: 'pending_grading',
  reexam: 'pending_reexam_grading',
};

/** First-round grading is the assessment body's (成绩评定); re-exam grading the administration's. */
function assertRoundActor(actor: Actor, round: 'first' | 'reexam') {
  if (round === 'first' && actor.role !== 'body') throw forbidden('成绩评定由考核机构办理');
  if (round === 'reexam' && actor.role !== 'admin') throw forbidden('再次考核评定由卫生行政机构办理');
}

function outcomeOf(r: GradingRecord) {
  return gradeOutcome(
    {
      procedure: r.procedure,
      level: r.level,
      humanitiesScore: r.humanitiesScore,
      professionalScore: r.professionalScore,
      humanitiesExempt: r.humanitiesExempt,
      professionalExempt: r.professionalExempt,
      workResult: r.workResult,
      ethicsResult: r.ethicsResult,
    },
    r,
  );
}

function toRow(actor: Actor, r: GradingRecord): TGradingRow {
  const o = outcomeOf(r);
  return {
    id: r.id,
    physicianName: r.physicianName,
    idNumberMasked: maskIdNumber(r.idNumber),
    level: r.level,
    practiceCategory: r.practiceCategory,
    institutionName: r.institutionName,
    procedure: r.procedure,
    status: r.status,
    statusLabel: ENROLMENT_STATUS_LABELS[r.status],
    humanities: o.humanities,
    professional: o.professional,
    workResult: r.workResult,
    ethicsResult: r.ethicsResult,
    proposedResult: o.passed ? '合格' : '不合格',
    deferralApproved: r.deferralApproved,
    actions: actionsFor(actor, r),
  };
}

/** 简易程序成绩评定 / 一般程序成绩评定 (body) and 评定…再次考核 (administration). */
export async function findGradingList(deps: AppDeps, actor: Actor, q: TGradingListQuery) {
  assertRoundActor(actor, q.round);
  const { rows, hasMore, total } = await findGradingRows(deps.db, actor, {
    statuses: [ROUND_STATUS[q.round]],
    procedure: q.procedure,
    keyword: q.keyword,
    after: q.after,
    limit: q.limit,
  });
  return { rows: rows.map((r) => toRow(actor, r)), nextAfter: hasMore ? rows[rows.length - 1].id : null, total };
}

/**
 * 确认 / 批量确认: the result follows the rules from the scores and pass lines. Each record
 * is its own transaction (compare-and-set inside applyTransition), so one stale row does not
 * undo the others; failures are reported per id.
 */
export async function confirmGrading(
  deps: AppDeps,
  actor: Actor,
  ids: number[],
  round: 'first' | 'reexam',
  requestId?: string,
) {
  assertRoundActor(actor, round);
  const unique = [...new Set(ids)];
  const records = new Map((await findGradingRowsByIds(deps.db, actor, unique)).map((r) => [r.id, r]));
  const failed: { id: number; message: string; status: number }[] = [];
  let done = 0;
  for (const id of unique) {
    const r = records.get(id);
    if (!r) {
      failed.push({ id, message: notFound('考核记录').message, status: 404 });
      continue;
    }
    const o = outcomeOf(r);
    try {
      await deps.db.transaction(async (tx) => {
        if (round === 'first') {
          await applyTransition(tx, deps, actor, id, 'GRADE', {
            ctx: { examPassed: o.passed },
            // deferred physicians sit their first exam in the re-exam window and are graded after it
            windowOverride: r.deferralApproved ? 'reexamGrading' : undefined,
            patch: {
              finalResult: o.passed ? '合格' : '不合格',
              failReason: o.passed ? null : 'exam',
              decidedAt: deps.now(),
            },
            requestId,
          });
        } else {
          await applyTransition(tx, deps, actor, id, 'GRADE_REEXAM', {
            ctx: { examPassed: o.passed },
            patch: {
              finalResult: o.passed ? '合格' : '不合格',
              failReason: o.passed ? null : 'reexam',
              noPromotion: o.passed,
              decidedAt: deps.now(),
            },
            requestId,
          });
        }
      });
      done++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      failed.push({ id, message: e.message, status: e.httpStatus });
    }
  }
  // a single-record action answers like any single action: with the error itself
  if (unique.length === 1 && failed.length === 1)
    throw new AppError('GRADING_FAILED', failed[0].message, failed[0].status);
  return { done, failed: failed.map(({ id, message }) => ({ id, message })) };
}

/**
 * 确认再次考核名单: physicians who failed the tests in the first round. The province confirms;
 * seed 003 — 其他卫生行政机构可以查询名单: city and district administrations read the list of their
 * jurisdiction (no 【确认】 is offered to them: the machine gives CONFIRM_REEXAM to the province only).
 */
export async function findReexamCandidates(
  deps: AppDeps,
  actor: Actor,
  q: { keyword?: string; confirmed: '0' | '1'; after?: number; limit: number },
) {
  if (actor.role !== 'admin') throw forbidden();
  const statuses: EnrolmentStatus[] = q.confirmed === '1' ? ['reexam_ready', 'pending_reexam_grading'] : ['failed'];
  const { rows, hasMore, total } = await findGradingRows(deps.db, actor, {
    statuses,
    keyword: q.keyword,
    extra: q.confirmed === '1' ? undefined : eq(enrolments.failReason, 'exam'),
    after: q.after,
    limit: q.limit,
  });
  return {
    rows: rows.map((r) => toRow(actor, r)),
    nextAfter: hasMore ? rows[rows.length - 1].id : null,
    total,
    canConfirm: actor.adminLevel === 'province',
  };
}

export async function confirmReexam(deps: AppDeps, actor: Actor, ids: number[] | 'all', requestId?: string) {
  requireProvinceAdmin(actor);
  let list = ids;
  if (list === 'all') {
    const { rows } = await findGradingRows(deps.db, actor, {
      statuses: ['failed'],
      extra: eq(enrolments.failReason, 'exam'),
      limit: 100_000,
    });
    list = rows.map((r) => r.id);
  }
  const failed: { id: number; message: string; status: number }[] = [];
  let done = 0;
  // one-click confirmation of a whole province runs in chunks so a long list never holds one huge transaction
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    for (const id of chunk) {
      try {
        await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, 'CONFIRM_REEXAM', { requestId }));
        done++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        failed.push({ id, message: e.message, status: e.httpStatus });
      }
    }
  }
  if (ids !== 'all' && ids.length === 1 && failed.length === 1)
    throw new AppError('REEXAM_FAILED', failed[0].message, failed[0].status);
  return { done, failed: failed.map(({ id, message }) => ({ id, message })) };
}

/** 考核结果 for the physician. */
export async function findMyResult(deps: AppDeps, actor: Actor): Promise<TResult> {
  if (actor.role !== 'physician' || !actor.physicianId) throw forbidden();
  const row = await findOwnResult(deps.db, actor.physicianId);
  if (!row) throw notFound('考核记录');
  const { e, p } = row;
  const [cycle] = await deps.db
    .execute(
      sql`SELECT pass_humanities, pass_professional_physician, pass_professional_assistant FROM cycles WHERE id = ${e.cycleId}`,
    )
    .then(
      (r) =>
        r.rows as {
          pass_humanities: number;
          pass_professional_physician: number;
          pass_professional_assistant: number;
        }[],
    );
  const o = gradeOutcome(
    { ...e, level: p.level },
    {
      passHumanities: cycle.pass_humanities,
      passProfessionalPhysician: cycle.pass_professional_physician,
      passProfessionalAssistant: cycle.pass_professional_assistant,
    },
  );
  const final = e.status === 'passed' || e.status === 'failed' || e.status === 'disciplinary_failed';
  let note: string | null = null;
  if (e.status === 'passed' && e.noPromotion) note = '再次考核合格：允许继续执业，但本考核周期内不得评优和晋升。';
  if (e.status === 'failed' && e.failReason === 'reexam')
    note = '再次考核仍不合格：由执业注册的卫生健康行政部门注销注册，收回医师执业证书。';
  if (e.status === 'failed' && e.failReason === 'exam')
    note = '首轮测评不合格：暂停执业3至6个月，接受培训和继续医学教育后参加再次考核。';
  if (e.status === 'failed' && e.failReason === 'absent') note = '未参加本周期首轮考核且未申请延期考核，判定为不合格。';
  if (e.status === 'failed' && e.failReason === 'evaluation') note = '工作成绩或职业道德评定不合格。';
  if (e.status === 'disciplinary_failed') note = '测评中存在违纪行为，本周期考核结果为违纪不合格。';
  return {
    cycleName: row.cycleName,
    status: e.status,
    statusLabel: ENROLMENT_STATUS_LABELS[e.status],
    procedure: e.procedure,
    finalResult: final ? (e.finalResult ?? ENROLMENT_STATUS_LABELS[e.status]) : null,
    humanities: o.humanities,
    professional: o.professional,
    workResult: e.workResult,
    ethicsResult: e.ethicsResult,
    noPromotion: e.noPromotion,
    note,
    decidedAt: e.decidedAt ? e.decidedAt.toISOString() : null,
    canPrint: e.status === 'passed',
  };
}
