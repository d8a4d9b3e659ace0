/**
 * 报名: 参加考核 / 取消参加考核 (institution), the six-step wizard (physician), 上报考核名单
 * (institution review), 确认考核医师名单 (assessment-body review), 考核进度 and the
 * administration's 驳回. Every status change goes through applyTransition(Many).
 */
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import {
  assessmentAssignments,
  departments,
  enrolments,
  files,
  messages,
  organisations,
  physicians,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit, writeAuditMany } from '../../platform/audit.js';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import { refusalError } from '../../platform/refusal.js';
import { findCurrentCycle } from '../cycle/cycle.repo.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { checkUpload, imageSize, storeFile } from '../../platform/uploads.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';
import {
  STEP_TITLES,
  ZBasicInfo,
  ZExperience,
  ZPracticeInfo,
  ZSaveBasic,
  ZSaveExperience,
  ZSavePractice,
  ZSaveSelf,
  ZSelfEvaluation,
  type TDetail,
  type TListQuery,
  type TMine,
  type TWizardStep,
} from '../../../shared/schemas/enrolment.js';
import { checkWindow, transition } from './enrolment.machine.js';
import {
  actionsFor,
  applyTransition,
  applyTransitionMany,
  cycleById,
  currentCycle,
  findEnrolmentForActor,
  notifyPhysiciansMany,
  type Cycle,
  type Enrolment,
} from './enrolment.transition.js';
import { historyOf, listEnrolments } from './enrolment.repo.js';
import {
  latestChangeRequest,
  proposedPhotoOf,
  saveProposedPhoto,
  saveProposedStep,
  toChangeView,
} from './change.service.js';
import { validateStoredApplication } from '../procedure/procedure.service.js';
import type { z } from 'zod';
import { assessReferencePhoto } from '../proctor/compare.service.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** Statuses in which the physician edits the wizard directly. */
export const EDITABLE: readonly EnrolmentStatus[] = ['opened', 'institution_rejected'];
/** After 报名成功 the physician may 申请修改 (医师信息修改). */
export const CHANGEABLE: readonly EnrolmentStatus[] = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_MIN_PX = 150;
export const PHOTO_MAX_PX = 2000;

/* ───────────── 参加考核 / 取消参加考核 ───────────── */

/**
 * 参加考核 (single or batch): creates the enrolment in the current cycle (or reopens a
 * cancelled one) for physicians of the actor's institution. One INSERT … ON CONFLICT for the
 * whole batch, one audit INSERT, one message INSERT. An institution without an assigned
 * assessment body is refused: nobody could 复核 its physicians.
 */
export async function openEnrolments(
  deps: Deps,
  actor: Actor,
  physicianIds: number[],
  requestId?: string,
): Promise<{ done: number }> {
  if (actor.role !== 'institution') throw forbidden();
  const ids = [...new Set(physicianIds)];
  return deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const [assign] = await tx
      .select({ bodyOrgId: assessmentAssignments.bodyOrgId })
      .from(assessmentAssignments)
      .where(eq(assessmentAssignments.institutionId, actor.orgId));
    if (!assign) {
      throw new AppError(
        'NO_ASSESSMENT_BODY',
        '本机构尚未被指定考核机构，暂不能参加考核。请联系上级卫生行政机构在「指定卫生机构」中为本机构指定考核机构',
        409,
      );
    }
    const found = await tx
      .select({ id: physicians.id, name: physicians.name })
      .from(physicians)
      .where(and(sql`${physicians.id} = ANY(${sql.param(ids)}::bigint[])`, eq(physicians.institutionId, actor.orgId)));
    if (found.length !== ids.length) throw notFound('医师');
    const now = deps.now();
    const res = await tx.execute<{ id: number; physician_id: number; org_path: string; province_id: number }>(sql`
      INSERT INTO enrolments (cycle_id, province_id, physician_id, institution_id, org_path, assessment_body_id, status, created_at, updated_at)
      SELECT ${cycle.id}, p.province_id, p.id, p.institution_id, p.org_path, ${assign.bodyOrgId}, 'opened', ${now}, ${now}
        FROM physicians p
       WHERE p.id = ANY(${sql.param(ids)}::bigint[]) AND p.institution_id = ${actor.orgId}
      ON CONFLICT (cycle_id, physician_id) DO UPDATE
         SET status = 'opened', institution_id = EXCLUDED.institution_id, org_path = EXCLUDED.org_path,
             assessment_body_id = EXCLUDED.assessment_body_id, last_reason = NULL, updated_at = EXCLUDED.updated_at
       WHERE enrolments.status = 'not_opened'
      RETURNING id, physician_id, org_path, province_id`);
    if (res.rows.length !== ids.length) {
      const done = new Set(res.rows.map((r) => Number(r.physician_id)));
      const names = found.filter((p) => !done.has(p.id)).map((p) => p.name);
      throw new AppError(
        'INVALID_TRANSITION',
        `以下医师已参加本周期考核，不能重复操作：${names.slice(0, 10).join('、')}${names.length > 10 ? ` 等${names.length}人` : ''}`,
        409,
      );
    }
    await writeAuditMany(
      tx,
      actor,
      res.rows.map((r) => ({
        targetType: 'enrolment',
        targetId: Number(r.id),
        action: '参加考核',
        orgPath: r.org_path,
        provinceId: r.province_id,
        before: { status: 'not_opened' },
        after: { status: 'opened', cycleId: cycle.id, assessmentBodyId: assign.bodyOrgId },
      })),
      requestId,
    );
    await notifyPhysiciansMany(
      tx,
      deps.sms,
      res.rows.map((r) => ({
        physicianId: Number(r.physician_id),
        title: '定期考核：参加考核',
        body: `您所在的卫生机构已为您开通「${cycle.name}」报名，请登录系统点击【我要报名】完成报名。`,
        template: 'ENROLMENT_OPEN',
      })),
    );
    return { done: res.rows.length };
  });
}

/** 取消参加考核 (single or batch): only before the physician submitted (machine: CANCEL). */
export async function cancelEnrolments(
  deps: Deps,
  actor: Actor,
  physicianIds: number[],
  requestId?: string,
): Promise<{ done: number }> {
  if (actor.role !== 'institution') throw forbidden();
  const ids = [...new Set(physicianIds)];
  return deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const found = await tx
      .select({ id: physicians.id, name: physicians.name, enrolmentId: enrolments.id })
      .from(physicians)
      .leftJoin(enrolments, and(eq(enrolments.physicianId, physicians.id), eq(enrolments.cycleId, cycle.id)))
      .where(and(sql`${physicians.id} = ANY(${sql.param(ids)}::bigint[])`, eq(physicians.institutionId, actor.orgId)));
    if (found.length !== ids.length) throw notFound('医师');
    const missing = found.filter((f) => !f.enrolmentId).map((f) => f.name);
    if (missing.length)
      throw new AppError('INVALID_TRANSITION', `以下医师未参加本周期考核：${missing.slice(0, 10).join('、')}`, 409);
    const names = new Map(found.map((f) => [f.enrolmentId!, f.name]));
    const rows = await applyTransitionMany(
      tx,
      deps,
      actor,
      found.map((f) => f.enrolmentId!),
      'CANCEL',
      { requestId, nameOf: (r) => names.get(r.id) ?? '' },
    );
    return { done: rows.length };
  });
}

/* ───────────── physician: mine ───────────── */

async function physicianPrefill(db: DbOrTx, physicianId: number) {
  const [p] = await db
    .select({ p: physicians, institutionName: organisations.name })
    .from(physicians)
    .innerJoin(organisations, eq(organisations.id, physicians.institutionId))
    .where(eq(physicians.id, physicianId));
  if (!p) throw notFound('医师');
  return {
    row: p.p,
    prefill: {
      name: p.p.name,
      idType: p.p.idType,
      idNumber: p.p.idNumber,
      gender: p.p.gender,
      birthDate: p.p.birthDate,
      mobile: p.p.mobile,
      level: p.p.level,
      category: p.p.practiceCategory,
      scope: p.p.practiceScope,
      qualificationNo: p.p.qualificationNo,
      licenseNo: p.p.licenseNo,
      firstRegisteredAt: p.p.firstRegisteredAt,
      title: p.p.title,
      institutionName: p.institutionName,
    },
  };
}

async function findMine(db: DbOrTx, actor: Actor, cycleId: number, forUpdate = false): Promise<Enrolment | null> {
  if (actor.role !== 'physician' || !actor.physicianId) throw forbidden();
  const q = db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.cycleId, cycleId), eq(enrolments.physicianId, actor.physicianId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function getMine(deps: Deps, actor: Actor): Promise<TMine> {
  if (actor.role !== 'physician' || !actor.physicianId) throw forbidden();
  const { prefill } = await physicianPrefill(deps.db, actor.physicianId);
  const [unread] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.accountId, actor.accountId), sql`${messages.readAt} IS NULL`));
  const cycle = await findCurrentCycle(deps.db, actor.provinceId);
  const row = cycle ? await findMine(deps.db, actor, cycle.id) : null;
  const change = row ? await latestChangeRequest(deps.db, row.id) : null;
  return {
    cycle: cycle
      ? { id: cycle.id, name: cycle.name, windows: cycle.windows, procedureChoice: cycle.procedureChoice }
      : null,
    enrolment: row
      ? {
          id: row.id,
          status: row.status,
          statusLabel: ENROLMENT_STATUS_LABELS[row.status],
          procedure: row.procedure,
          registration: row.registration,
          selfEvaluation: row.selfEvaluation,
          procedureApplication: row.procedureApplication,
          photoFileId: row.photoFileId,
          lastReason: row.lastReason,
          finalResult: row.finalResult,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          editable: EDITABLE.includes(row.status),
          canRequestChange:
            CHANGEABLE.includes(row.status) && !(change && ['pending', 'allowed', 'submitted'].includes(change.state)),
        }
      : null,
    statusLabel: row ? ENROLMENT_STATUS_LABELS[row.status] : ENROLMENT_STATUS_LABELS.not_opened,
    actions: row ? actionsFor(actor, row) : [],
    prefill,
    changeRequest: change ? toChangeView(change) : null,
    unreadMessages: unread?.n ?? 0,
  };
}

const STEP_INDEX: Record<TWizardStep, number> = { basic: 0, practice: 1, experience: 2, self: 3 };
const SAVE_SCHEMAS = {
  basic: ZSaveBasic,
  practice: ZSavePractice,
  experience: ZSaveExperience,
  self: ZSaveSelf,
} as const;

function requireRegistrationWindow(cycle: Cycle, now: Date) {
  const w = checkWindow(cycle.windows, 'registration', now);
  if (!w.ok) throw new AppError('OUT_OF_WINDOW', w.message, 400);
}

/** Resolve 科室 to one of the physician's institution departments, and keep master-data numbers. */
async function normalisePractice(
  db: DbOrTx,
  institutionId: number,
  master: typeof physicians.$inferSelect,
  data: Record<string, unknown>,
) {
  const out: Record<string, unknown> = { ...data };
  if (data.departmentId !== undefined) {
    const [d] = await db
      .select({ id: departments.id, name: departments.name, parentId: departments.parentId })
      .from(departments)
      .where(and(eq(departments.id, data.departmentId as number), eq(departments.orgId, institutionId)));
    if (!d) throw badRequest('所选科室不属于您所在的卫生机构，请重新选择');
    let name = d.name;
    if (d.parentId) {
      const [parent] = await db
        .select({ name: departments.name })
        .from(departments)
        .where(eq(departments.id, d.parentId));
      if (parent) name = `${parent.name}/${d.name}`;
    }
    out.departmentName = name;
  }
  // 资格证书编号 / 执业证书编号 come from the registration system when it has them (not editable).
  if (master.qualificationNo) out.qualificationNo = master.qualificationNo;
  if (master.licenseNo) out.licenseNo = master.licenseNo;
  return out;
}

/**
 * 【保存】 of one step (partial saves allowed). While 已开通报名 / 卫生机构已驳回 it edits the
 * registration; after 报名成功 with an allowed change request it edits the request's copy.
 * 姓名 and 证件编号 are not part of any step schema, so they can never be changed here.
 */
export async function saveStep(
  deps: Deps,
  actor: Actor,
  step: TWizardStep,
  body: unknown,
  requestId?: string,
): Promise<TMine> {
  const parsed = SAVE_SCHEMAS[step].safeParse(body);
  if (!parsed.success)
    throw badRequest(
      `第${STEP_INDEX[step] + 1}步「${STEP_TITLES[STEP_INDEX[step]]}」：${parsed.error.issues[0]?.message}`,
    );
  const data = parsed.data as Record<string, unknown>;
  await deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const row = await findMine(tx, actor, cycle.id, true);
    if (!row || row.status === 'not_opened')
      throw new AppError(
        'NOT_OPENED',
        '您所在的卫生机构尚未为您开通本周期考核报名（未开通报名），请联系单位定考负责人',
        409,
      );
    const { row: master } = await physicianPrefill(tx, row.physicianId);
    const normalised = step === 'practice' ? await normalisePractice(tx, row.institutionId, master, data) : data;
    if (!EDITABLE.includes(row.status)) {
      // after 报名成功 only an agreed change request can take edits (steps 1–4, into its copy)
      await saveProposedStep(tx, deps, actor, row, step, normalised, requestId);
      return;
    }
    requireRegistrationWindow(cycle, deps.now());
    const patch =
      step === 'self'
        ? { selfEvaluation: { ...row.selfEvaluation, ...normalised } }
        : step === 'experience'
          ? { registration: { ...row.registration, experience: normalised } }
          : { registration: { ...row.registration, ...normalised } };
    await tx
      .update(enrolments)
      .set({ ...patch, updatedAt: deps.now() })
      .where(and(eq(enrolments.id, row.id), eq(enrolments.status, row.status)));
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'enrolment',
        targetId: row.id,
        action: `保存报名信息（${STEP_TITLES[STEP_INDEX[step]]}）`,
        orgPath: row.orgPath,
        provinceId: row.provinceId,
        after: { step, fields: Object.keys(normalised) },
      },
      requestId,
    );
  });
  return getMine(deps, actor);
}

/** 照片: jpg only (by content), ≤ 2 MB, sensible portrait dimensions; stored, never in the database. */
export async function uploadPhoto(
  deps: Deps,
  actor: Actor,
  buf: Buffer,
  originalName: string,
  requestId?: string,
): Promise<{ fileId: string }> {
  const checked = await checkUpload(buf, 'image', { maxBytes: PHOTO_MAX_BYTES, allowedMimes: ['image/jpeg'] }).catch(
    (e) => {
      if (e instanceof AppError && /格式/.test(e.message))
        throw badRequest('照片须为 jpg 格式的图片（按文件内容识别，改扩展名无效）');
      throw e;
    },
  );
  const size = imageSize(buf);
  if (!size) throw badRequest('无法识别照片尺寸，请上传标准的 jpg 证件照');
  if (
    size.width < PHOTO_MIN_PX ||
    size.height < PHOTO_MIN_PX ||
    size.width > PHOTO_MAX_PX ||
    size.height > PHOTO_MAX_PX
  ) {
    throw badRequest(`照片尺寸应在 ${PHOTO_MIN_PX}–${PHOTO_MAX_PX} 像素之间（当前 ${size.width}×${size.height}）`);
  }
  if (size.height < size.width) throw badRequest('请上传竖版1寸免冠证件照（高度不小于宽度）');
  // 监考: the photo is the face reference — one face, large and light enough (refused otherwise)
  const faceReference = await assessReferencePhoto(deps, actor.provinceId, buf);
  return deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const row = await findMine(tx, actor, cycle.id, true);
    if (!row || row.status === 'not_opened')
      throw new AppError('NOT_OPENED', '您尚未开通本周期考核报名，不能上传照片', 409);
    if (!EDITABLE.includes(row.status)) {
      // 医师信息修改: an agreed change request takes the new photo into its proposed copy
      const stored = await saveProposedPhoto(tx, deps, actor, row, requestId, () =>
        storeFile(tx, deps.storage, actor, buf, checked, { purpose: 'photo', orgPath: row.orgPath, originalName }),
      );
      return { fileId: stored };
    }
    requireRegistrationWindow(cycle, deps.now());
    const fileId = await storeFile(tx, deps.storage, actor, buf, checked, {
      purpose: 'photo',
      orgPath: row.orgPath,
      originalName,
    });
    await faceReference.record(tx, fileId);
    await tx.update(enrolments).set({ photoFileId: fileId, updatedAt: deps.now() }).where(eq(enrolments.id, row.id));
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'enrolment',
        targetId: row.id,
        action: '上传照片',
        orgPath: row.orgPath,
        provinceId: row.provinceId,
        before: { photoFileId: row.photoFileId },
        after: { photoFileId: fileId },
      },
      requestId,
    );
    return { fileId };
  });
}

/** The photo, only to those who may see the enrolment. */
export async function readPhoto(
  deps: Deps,
  actor: Actor,
  enrolmentId: number,
  proposed = false,
): Promise<{ mime: string; body: Buffer }> {
  const row = await findEnrolmentForActor(deps.db, actor, enrolmentId);
  // `proposed`: the photo of the open 医师信息修改 (physician and reviewers of this enrolment)
  const fileId = proposed ? proposedPhotoOf(await latestChangeRequest(deps.db, row.id)) : row.photoFileId;
  if (!fileId) throw notFound('照片');
  const [f] = await deps.db.select().from(files).where(eq(files.id, fileId));
  if (!f) throw notFound('照片');
  return { mime: f.mime, body: await deps.storage.get(f.storageKey) };
}

type Issue = { step: number; message: string };

function firstIssue(step: number, r: z.ZodSafeParseResult<unknown>): Issue | null {
  if (r.success) return null;
  return { step, message: r.error.issues[0]?.message ?? '信息不完整' };
}

/** Completeness of steps 1–4 (the submit rule); null when complete. */
export function wizardIssue(row: Pick<Enrolment, 'registration' | 'selfEvaluation' | 'photoFileId'>): Issue | null {
  const r = row.registration ?? {};
  return (
    firstIssue(1, ZBasicInfo.safeParse(r)) ??
    (row.photoFileId ? null : { step: 1, message: '请上传「照片」（1寸免冠证件照，jpg 格式）' }) ??
    firstIssue(2, ZPracticeInfo.safeParse(r)) ??
    (typeof r.departmentName === 'string' ? null : { step: 2, message: '请选择「科室」' }) ??
    firstIssue(3, ZExperience.safeParse(r.experience ?? {})) ??
    firstIssue(4, ZSelfEvaluation.safeParse(row.selfEvaluation ?? {}))
  );
}

/** 【提交信息】: complete wizard (and step 5 when chosen with the registration) → 待卫生机构审核. */
export async function submitRegistration(deps: Deps, actor: Actor, requestId?: string): Promise<TMine> {
  await deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const row = await findMine(tx, actor, cycle.id, true);
    if (!row) throw new AppError('NOT_OPENED', '您所在的卫生机构尚未为您开通本周期考核报名（未开通报名）', 409);
    const t = transition(row.status, 'SUBMIT_REGISTRATION', 'physician');
    if (!t.ok) throw refusalError(t);
    requireRegistrationWindow(cycle, deps.now());
    const issue = wizardIssue(row);
    if (issue) {
      throw new AppError(
        'INCOMPLETE',
        `请完善第${issue.step}步「${STEP_TITLES[issue.step - 1]}」：${issue.message}`,
        400,
        { step: issue.step },
      );
    }
    let procedure: Enrolment['procedure'] = null;
    if (cycle.procedureChoice === 'with_registration') {
      try {
        procedure = (await validateStoredApplication(tx, row)).procedure;
      } catch (e) {
        if (e instanceof AppError)
          throw new AppError('INCOMPLETE', `请完善第5步「考核程序」：${e.message}`, 400, { step: 5 });
        throw e;
      }
    }
    await applyTransition(tx, deps, actor, row.id, 'SUBMIT_REGISTRATION', {
      patch: { submittedAt: deps.now(), procedure, lastReason: null },
      requestId,
    });
  });
  return getMine(deps, actor);
}

/* ───────────── reviews ───────────── */

export async function institutionApprove(deps: Deps, actor: Actor, id: number, requestId?: string) {
  await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, 'INSTITUTION_APPROVE', { requestId }));
}

export async function institutionReject(deps: Deps, actor: Actor, id: number, reason: string, requestId?: string) {
  await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, 'INSTITUTION_REJECT', { reason, requestId }));
}

/** The procedure was chosen inside the submission → 待卫生机构评定; otherwise 报名成功. */
const procedureIncluded = (row: Enrolment) => row.procedure !== null;

export async function bodyApprove(deps: Deps, actor: Actor, id: number, requestId?: string) {
  await deps.db.transaction(async (tx) => {
    const row = await findEnrolmentForActor(tx, actor, id);
    await applyTransition(tx, deps, actor, id, 'BODY_APPROVE', {
      ctx: { procedureIncluded: procedureIncluded(row) },
      requestId,
    });
  });
}

export async function bodyApproveMany(
  deps: Deps,
  actor: Actor,
  ids: number[],
  requestId?: string,
): Promise<{ done: number }> {
  return deps.db.transaction(async (tx) => {
    const rows = await applyTransitionMany(tx, deps, actor, ids, 'BODY_APPROVE', {
      ctxFor: (row) => ({ procedureIncluded: procedureIncluded(row) }),
      requestId,
      nameOf: (row) => `考核记录 ${row.id}`,
    });
    return { done: rows.length };
  });
}

export async function bodyReject(deps: Deps, actor: Actor, id: number, reason: string, requestId?: string) {
  await deps.db.transaction((tx) => applyTransition(tx, deps, actor, id, 'BODY_REJECT', { reason, requestId }));
}

/** 考核进度 → 【驳回】: 「驳回到退出当前周期」 or 「驳回到重新选择程序」 (administration). */
export async function adminReject(
  deps: Deps,
  actor: Actor,
  id: number,
  mode: 'exit' | 'reselect',
  reason: string,
  requestId?: string,
) {
  if (actor.role !== 'admin') throw forbidden();
  await deps.db.transaction((tx) =>
    applyTransition(tx, deps, actor, id, mode === 'exit' ? 'ADMIN_REJECT_EXIT' : 'ADMIN_REJECT_RESELECT', {
      reason,
      requestId,
    }),
  );
}

/* ───────────── lists and detail ───────────── */

export async function list(deps: Deps, actor: Actor, q: TListQuery) {
  if (!['admin', 'institution', 'body'].includes(actor.role)) throw forbidden();
  const cycle = await findCurrentCycle(deps.db, actor.provinceId);
  if (!cycle) return { items: [], nextCursor: null };
  return listEnrolments(deps.db, actor, cycle.id, q);
}

export async function detail(deps: Deps, actor: Actor, id: number): Promise<TDetail> {
  const row = await findEnrolmentForActor(deps.db, actor, id);
  const cycle = await cycleById(deps.db, row.cycleId);
  const { prefill } = await physicianPrefill(deps.db, row.physicianId);
  const [inst] = await deps.db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, row.institutionId));
  const [body] = row.assessmentBodyId
    ? await deps.db
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, row.assessmentBodyId))
    : [];
  const reg = row.registration ?? {};
  return {
    id: row.id,
    status: row.status,
    statusLabel: ENROLMENT_STATUS_LABELS[row.status],
    cycleName: cycle?.name ?? '',
    // one masking rule: the full number only through the audited 【查看完整证件号码】
    physician: actor.role === 'physician' ? prefill : { ...prefill, idNumber: maskIdNumber(prefill.idNumber) },
    canRevealIdNumber: actor.role !== 'physician',
    institutionName: inst?.name ?? '',
    assessmentBodyName: body?.name ?? null,
    procedure: row.procedure,
    registration: reg,
    departmentName: typeof reg.departmentName === 'string' ? reg.departmentName : null,
    selfEvaluation: row.selfEvaluation,
    procedureApplication: row.procedureApplication,
    evaluation: row.evaluation,
    hasPhoto: Boolean(row.photoFileId),
    workResult: row.workResult,
    ethicsResult: row.ethicsResult,
    humanitiesScore: row.humanitiesScore,
    professionalScore: row.professionalScore,
    finalResult: row.finalResult,
    lastReason: row.lastReason,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    history: await historyOf(deps.db, row.id),
    actions: actionsFor(actor, row),
  };
}

/**
 * 【查看完整证件号码】 in a detail view, for a reviewer who may see this enrolment (institution,
 * assessment body, administration in jurisdiction; 404 otherwise). Audited.
 */
export async function revealIdNumber(deps: Deps, actor: Actor, id: number, requestId?: string) {
  if (!['admin', 'institution', 'body'].includes(actor.role)) throw forbidden();
  return deps.db.transaction(async (tx) => {
    const row = await findEnrolmentForActor(tx, actor, id);
    const [p] = await tx
      .select({ idNumber: physicians.idNumber })
      .from(physicians)
      .where(eq(physicians.id, row.physicianId));
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'physician',
        targetId: row.physicianId,
        action: '查看完整证件号码',
        orgPath: row.orgPath,
        provinceId: row.provinceId,
      },
      requestId,
    );
    return { idNumber: p.idNumber };
  });
}

/* ───────────── 站内消息 ───────────── */

export async function listMessages(deps: Deps, actor: Actor, cursor: number | undefined, limit: number) {
  const rows = await deps.db
    .select()
    .from(messages)
    .where(and(eq(messages.accountId, actor.accountId), cursor ? sql`${messages.id} < ${cursor}` : undefined))
    .orderBy(sql`${messages.id} DESC`)
    .limit(limit + 1);
  const [u] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.accountId, actor.accountId), sql`${messages.readAt} IS NULL`));
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    items: page.map((m) => ({
      id: m.id,
      title: m.title,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      read: m.readAt !== null,
    })),
    unread: u?.n ?? 0,
    nextCursor: more ? page[page.length - 1].id : null,
  };
}

/** Mark one (or, without id, all) of the actor's own messages read. Another account's id → 404. */
export async function markRead(deps: Deps, actor: Actor, id: number | null): Promise<void> {
  if (id === null) {
    await deps.db
      .update(messages)
      .set({ readAt: deps.now() })
      .where(and(eq(messages.accountId, actor.accountId), sql`${messages.readAt} IS NULL`));
    return;
  }
  const r = await deps.db
    .update(messages)
    .set({ readAt: sql`COALESCE(${messages.readAt}, ${deps.now()})` })
    .where(and(eq(messages.id, id), eq(messages.accountId, actor.accountId)))
    .returning({ id: messages.id });
  if (!r.length) throw notFound('消息');
}

/** 考核进度 filter: institutions in the actor's jurisdiction whose name contains `q` (at most 50). */
export async function institutionOptions(
  deps: Deps,
  actor: Actor,
  q: string | undefined,
): Promise<{ items: { id: number; name: string }[] }> {
  const nameCond = q ? sql`AND o.name LIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql``;
  let scope: SQL;
  if (actor.role === 'admin') scope = sql`o.path LIKE ${`${actor.orgPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
  else if (actor.role === 'institution') scope = sql`o.id = ${actor.orgId}`;
  else if (actor.role === 'body')
    scope = sql`o.id IN (SELECT institution_id FROM assessment_assignments WHERE body_org_id = ${actor.orgId})`;
  else throw forbidden();
  const r = await deps.db.execute<{ id: number; name: string }>(
    sql`SELECT o.id, o.name FROM organisations o WHERE o.kind = 'institution' AND ${scope} ${nameCond} ORDER BY o.name LIMIT 50`,
  );
  return { items: r.rows.map((x) => ({ id: Number(x.id), name: x.name })) };
}
