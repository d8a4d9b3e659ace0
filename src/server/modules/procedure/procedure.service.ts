/**
 * 考核程序: the physician's step 5 (一般程序 / 简易程序 application), 【选择考核程序】 →
 * 【提交】, the institution's 评定工作成绩、职业道德 and the assessment body's 复核.
 * Every status change goes through applyTransition (scope, machine, window, CAS, audit, notify).
 */
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';
import {
  ZProcedureApplication,
  type TEvaluateInput,
  type TEvaluationDetail,
  type TEvaluationRow,
  type TProcedureDraft,
  type TProcedureState,
} from '../../../shared/schemas/procedure.js';
import {
  actionsFor,
  applyTransition,
  cycleById,
  findEnrolmentForActor,
  type Cycle,
  type Enrolment,
} from '../enrolment/enrolment.transition.js';
import { addAttachment, assertAttached, listAttachments, removeAttachment } from './attachments.js';
import { invalidateOtherProcedureExemption } from '../exemption/exemption.invalidate.js';
import { findEvaluations, findFirstRegisteredAt, findMyEnrolmentId, findPhysicianOf } from './procedure.repo.js';
import { rulesInputFrom, simpleConditionHints, yearsOfPractice } from './procedure.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** Statuses in which step 5 may be edited, per cycle mode. */
export function procedureEditable(status: EnrolmentStatus, mode: Cycle['procedureChoice']): boolean {
  if (status === 'procedure_rejected') return true;
  if (mode === 'with_registration') return status === 'opened' || status === 'institution_rejected';
  return status === 'registered';
}

/** 【提交】 of the procedure on its own (SUBMIT_PROCEDURE) is possible. */
export function procedureSubmittable(status: EnrolmentStatus, mode: Cycle['procedureChoice']): boolean {
  if (status === 'procedure_rejected') return true;
  return mode === 'after_approval' && status === 'registered';
}

function readApplication(e: Enrolment): TProcedureState['application'] {
  const a = (e.procedureApplication ?? {}) as Record<string, unknown>;
  return {
    procedure: a.procedure === 'general' || a.procedure === 'simple' ? a.procedure : null,
    conditions: Array.isArray(a.conditions) ? (a.conditions as number[]) : [],
    proofFileIds: Array.isArray(a.proofFileIds) ? (a.proofFileIds as string[]) : [],
    report: typeof a.report === 'string' ? a.report : '',
  };
}

async function hintsFor(db: DbOrTx, e: Enrolment, cycle: Cycle) {
  const input = rulesInputFrom({
    registration: e.registration,
    selfEvaluation: e.selfEvaluation,
    physicianFirstRegisteredAt: await findFirstRegisteredAt(db, e),
    periodStart: cycle.periodStart,
    periodEnd: cycle.periodEnd,
  });
  return { hints: simpleConditionHints(input), yearsOfPractice: yearsOfPractice(input) };
}

/** The physician's enrolment in the current cycle (for the /doctor pages). */
export async function myEnrolmentId(deps: Deps, actor: Actor): Promise<number | null> {
  return findMyEnrolmentId(deps.db, actor);
}

export async function getState(deps: Deps, actor: Actor, id: number): Promise<TProcedureState> {
  const e = await findEnrolmentForActor(deps.db, actor, id);
  const cycle = await cycleById(deps.db, e.cycleId);
  const { hints, yearsOfPractice } = await hintsFor(deps.db, e, cycle);
  return {
    enrolmentId: e.id,
    status: e.status,
    statusLabel: ENROLMENT_STATUS_LABELS[e.status],
    procedureChoice: cycle.procedureChoice,
    procedure: e.procedure,
    application: readApplication(e),
    simpleDisallowed: e.simpleDisallowed,
    editable: actor.role === 'physician' && procedureEditable(e.status, cycle.procedureChoice),
    canSubmit: actor.role === 'physician' && procedureSubmittable(e.status, cycle.procedureChoice),
    lastReason: e.lastReason,
    yearsOfPractice,
    hints,
    proofs: await listAttachments(deps.db, e.id, 'proof'),
  };
}

async function loadEditable(tx: DbOrTx, actor: Actor, id: number): Promise<Enrolment> {
  const e = await findEnrolmentForActor(tx, actor, id, true);
  const cycle = await cycleById(tx, e.cycleId);
  if (!procedureEditable(e.status, cycle.procedureChoice)) {
    throw new AppError('NOT_EDITABLE', `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，当前不能修改考核程序`, 409);
  }
  return e;
}

/** Save step 5 (draft; completeness is checked on submit). */
export async function saveApplication(
  deps: Deps,
  actor: Actor,
  id: number,
  input: TProcedureDraft,
): Promise<TProcedureState> {
  await deps.db.transaction(async (tx) => {
    const e = await loadEditable(tx, actor, id);
    if (input.procedure === 'simple' && e.simpleDisallowed) {
      throw badRequest('考核机构已驳回您的简易程序申请，本周期只能选择一般程序');
    }
    await assertAttached(tx, e.id, 'proof', input.proofFileIds);
    const application = {
      procedure: input.procedure,
      conditions: input.procedure === 'simple' ? [...new Set(input.conditions)].sort() : [],
      proofFileIds: input.procedure === 'simple' ? input.proofFileIds : [],
      report: input.procedure === 'simple' ? input.report : '',
    };
    await tx
      .update(enrolments)
      .set({ procedureApplication: application, procedure: input.procedure, updatedAt: deps.now() })
      .where(and(eq(enrolments.id, e.id), eq(enrolments.status, e.status)));
    await writeAudit(tx, actor, {
      targetType: 'enrolment',
      targetId: e.id,
      action: '保存考核程序',
      orgPath: e.orgPath,
      provinceId: e.provinceId,
      before: { procedure: e.procedure },
      after: {
        procedure: input.procedure,
        conditions: application.conditions,
        proofs: application.proofFileIds.length,
      },
    });
    if (e.procedure && e.procedure !== input.procedure) {
      await invalidateOtherProcedureExemption(
        tx,
        actor,
        e,
        input.procedure,
        `考核程序改为${input.procedure === 'general' ? '一般程序' : '简易程序'}`,
        deps.now(),
      );
    }
  });
  return getState(deps, actor, id);
}

export async function uploadProof(deps: Deps, actor: Actor, id: number, buf: Buffer, name: string) {
  return deps.db.transaction(async (tx) => {
    const e = await loadEditable(tx, actor, id);
    return addAttachment(tx, deps, actor, e, 'proof', buf, name);
  });
}

export async function deleteProof(deps: Deps, actor: Actor, id: number, fileId: string) {
  await deps.db.transaction(async (tx) => {
    const e = await loadEditable(tx, actor, id);
    await removeAttachment(tx, deps, actor, e, 'proof', fileId);
    const app = readApplication(e);
    if (app.proofFileIds.includes(fileId)) {
      await tx
        .update(enrolments)
        .set({ procedureApplication: { ...app, proofFileIds: app.proofFileIds.filter((f) => f !== fileId) } })
        .where(eq(enrolments.id, e.id));
    }
  });
}

/**
 * The stored application, checked for completeness (the registration submit calls this too
 * when the procedure is chosen with the registration).
 */
export async function validateStoredApplication(db: DbOrTx, e: Enrolment) {
  const parsed = ZProcedureApplication.safeParse(e.procedureApplication ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(issue.path[0] === 'procedure' ? '请选择考核程序（一般程序或简易程序）' : issue.message);
  }
  if (parsed.data.procedure === 'simple' && e.simpleDisallowed)
    throw badRequest('考核机构已驳回您的简易程序申请，本周期只能选择一般程序');
  await assertAttached(db, e.id, 'proof', parsed.data.proofFileIds);
  return parsed.data;
}

/** 【选择考核程序】 → 【提交】 (after approval, or after 驳回到重新选择程序). */
export async function submitProcedure(
  deps: Deps,
  actor: Actor,
  id: number,
  requestId?: string,
): Promise<TProcedureState> {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id, true);
    const cycle = await cycleById(tx, e.cycleId);
    if (!procedureSubmittable(e.status, cycle.procedureChoice)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，不能提交考核程序`,
        409,
      );
    }
    const app = await validateStoredApplication(tx, e);
    await applyTransition(tx, deps, actor, id, 'SUBMIT_PROCEDURE', {
      patch: {
        procedure: app.procedure,
        submittedAt: deps.now(),
        evaluation: {},
        workResult: null,
        ethicsResult: null,
      },
      requestId,
    });
  });
  return getState(deps, actor, id);
}

// ——— reviews ———

const REVIEW_STATUS: Record<'institution' | 'body', EnrolmentStatus> = {
  institution: 'pending_evaluation',
  body: 'pending_body_evaluation',
};

function reviewerOf(actor: Actor): 'institution' | 'body' {
  return actor.role === 'body' ? 'body' : 'institution';
}

function toRow(
  actor: Actor,
  r: { e: Enrolment; name: string; idNumber: string; level: string; practiceCategory: string; institutionName: string },
): TEvaluationRow {
  return {
    enrolmentId: r.e.id,
    physicianName: r.name,
    idNumber: maskIdNumber(r.idNumber),
    institutionName: r.institutionName,
    level: r.level,
    practiceCategory: r.practiceCategory,
    procedure: (r.e.procedure ?? 'general') as 'general' | 'simple',
    status: r.e.status,
    statusLabel: ENROLMENT_STATUS_LABELS[r.e.status],
    workResult: r.e.workResult,
    ethicsResult: r.e.ethicsResult,
    updatedAt: r.e.updatedAt.toISOString(),
    actions: actionsFor(actor, r.e).filter(
      (a) =>
        [
          'INSTITUTION_EVALUATE',
          'INSTITUTION_REJECT_PROCEDURE',
          'BODY_CONFIRM_EVALUATION',
          'BODY_REJECT_EVALUATION',
          'BODY_REJECT_SIMPLE',
        ].includes(a) &&
        (a !== 'BODY_REJECT_SIMPLE' || r.e.procedure === 'simple'),
    ),
  };
}

/** 待卫生机构评定 (institution) / 待复核 (body), by procedure. */
export async function listEvaluations(
  deps: Deps,
  actor: Actor,
  q: { procedure: 'general' | 'simple'; keyword?: string; page: number; pageSize: number },
): Promise<{ total: number; rows: TEvaluationRow[] }> {
  const { total, rows } = await findEvaluations(deps.db, actor, REVIEW_STATUS[reviewerOf(actor)], q);
  return { total, rows: rows.map((r) => toRow(actor, r)) };
}

function readEvaluation(e: Enrolment): TEvaluationDetail['evaluation'] {
  const ev = (e.evaluation ?? {}) as Record<string, unknown>;
  return {
    institution: (ev.institution as TEvaluationDetail['evaluation']['institution']) ?? null,
    bodyReview: (ev.bodyReview as TEvaluationDetail['evaluation']['bodyReview']) ?? null,
  };
}

export async function evaluationDetail(deps: Deps, actor: Actor, id: number): Promise<TEvaluationDetail> {
  const e = await findEnrolmentForActor(deps.db, actor, id);
  const r = await findPhysicianOf(deps.db, e);
  if (!r) throw notFound('考核记录');
  const cycle = await cycleById(deps.db, e.cycleId);
  const { hints, yearsOfPractice } = await hintsFor(deps.db, e, cycle);
  return {
    row: toRow(actor, {
      e,
      name: r.p.name,
      idNumber: r.p.idNumber,
      level: r.p.level,
      practiceCategory: r.p.practiceCategory,
      institutionName: r.institutionName,
    }),
    physician: {
      name: r.p.name,
      gender: r.p.gender,
      idNumber: maskIdNumber(r.p.idNumber),
      level: r.p.level,
      practiceCategory: r.p.practiceCategory,
      title: r.p.title,
      firstRegisteredAt: r.p.firstRegisteredAt,
    },
    selfEvaluation: e.selfEvaluation ?? {},
    application: readApplication(e),
    proofs: await listAttachments(deps.db, e.id, 'proof'),
    hints,
    yearsOfPractice,
    evaluation: readEvaluation(e),
    lastReason: e.lastReason,
  };
}

/** Institution 【提交】: ratings + opinions → 待考核机构复核评定. */
export async function institutionEvaluate(
  deps: Deps,
  actor: Actor,
  id: number,
  input: TEvaluateInput,
  requestId?: string,
) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    const prev = readEvaluation(e);
    const institution = { ...input, by: actor.displayName, at: deps.now().toISOString() };
    await applyTransition(tx, deps, actor, id, 'INSTITUTION_EVALUATE', {
      patch: {
        evaluation: {
          ...(e.evaluation ?? {}),
          institution,
          bodyReview: prev.bodyReview,
          history: [...historyOf(e), { step: 'institution', ...institution }],
        },
        workResult: input.workResult,
        ethicsResult: input.ethicsResult,
      },
      requestId,
    });
  });
}

function historyOf(e: Enrolment): unknown[] {
  const h = (e.evaluation as Record<string, unknown> | null)?.history;
  return Array.isArray(h) ? h : [];
}

/** Institution 【驳回】: the physician re-selects the procedure. */
export async function institutionReject(deps: Deps, actor: Actor, id: number, reason: string, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    await applyTransition(tx, deps, actor, id, 'INSTITUTION_REJECT_PROCEDURE', { reason, requestId });
  });
}

/** Body 【提交】 (agree with the institution's ratings). 不合格 upheld → 考核不合格 (evaluation). */
export async function bodyConfirm(deps: Deps, actor: Actor, id: number, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    const ev = readEvaluation(e);
    if (!ev.institution || !e.workResult || !e.ethicsResult) throw badRequest('卫生机构尚未完成评定，不能复核');
    const failed = e.workResult === '不合格' || e.ethicsResult === '不合格';
    const bodyReview = {
      workAgree: true,
      ethicsAgree: true,
      reason: '',
      decision: '同意',
      by: actor.displayName,
      at: deps.now().toISOString(),
    };
    await applyTransition(tx, deps, actor, id, 'BODY_CONFIRM_EVALUATION', {
      ctx: { evaluationFailed: failed },
      patch: {
        evaluation: {
          ...(e.evaluation ?? {}),
          bodyReview,
          history: [...historyOf(e), { step: 'body', ...bodyReview }],
        },
        ...(failed ? { failReason: 'evaluation', finalResult: '不合格', decidedAt: deps.now() } : {}),
      },
      requestId,
    });
  });
}

/** Body 【驳回】 with 不同意 on one or both items → back to the institution. */
export async function bodyReject(
  deps: Deps,
  actor: Actor,
  id: number,
  input: { workAgree: boolean; ethicsAgree: boolean; reason: string },
  requestId?: string,
) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    const bodyReview = { ...input, decision: '不同意', by: actor.displayName, at: deps.now().toISOString() };
    await applyTransition(tx, deps, actor, id, 'BODY_REJECT_EVALUATION', {
      reason: input.reason,
      patch: {
        evaluation: {
          ...(e.evaluation ?? {}),
          bodyReview,
          history: [...historyOf(e), { step: 'body', ...bodyReview }],
        },
      },
      requestId,
    });
  });
}

/** Body 驳回至一般程序: simple barred for this cycle; the physician re-selects (general only). */
export async function bodyRejectSimple(deps: Deps, actor: Actor, id: number, reason: string, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, id);
    if (e.procedure !== 'simple') throw badRequest('仅简易程序申请可驳回至一般程序');
    const app = readApplication(e);
    await applyTransition(tx, deps, actor, id, 'BODY_REJECT_SIMPLE', {
      reason,
      patch: {
        simpleDisallowed: true,
        procedure: 'general',
        procedureApplication: { procedure: 'general', conditions: [], proofFileIds: [], report: app.report },
        // a 人文医学 exemption belongs to the simple procedure only
        humanitiesExempt: false,
        evaluation: {
          ...(e.evaluation ?? {}),
          history: [
            ...historyOf(e),
            { step: 'body', decision: '驳回至一般程序', reason, by: actor.displayName, at: deps.now().toISOString() },
          ],
        },
        workResult: null,
        ethicsResult: null,
      },
      requestId,
    });
    // a 简易程序 (人文医学) exemption application no longer applies: 已失效, audited
    await invalidateOtherProcedureExemption(
      tx,
      actor,
      e,
      'general',
      `考核机构驳回至一般程序：${reason}`,
      deps.now(),
      requestId,
    );
  });
}
