/**
 * 免考: settings (省级: reasons per procedure, open/close), the physician's application and
 * the two reviews (卫生机构 → 考核机构). Approval sets enrolments.professional_exempt
 * (一般程序: 业务水平) or humanities_exempt (简易程序: 人文医学).
 */
import { and, asc, count, desc, eq, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import {
  enrolments,
  exemptionApplications,
  exemptionReasons,
  exemptionSwitches,
  organisations,
  physicians,
} from '../../db/schema/index.js';
import { escapeLike, requireProvinceAdmin, type Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { notifyPhysician } from '../messages/send-message.js';
import { refusalError } from '../../platform/refusal.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { PROCEDURE_LABELS } from '../../../shared/domain/procedure.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';
import {
  EXEMPTS_LABEL,
  type TExemptionApplication,
  type TExemptionApply,
  type TExemptionMine,
  type TExemptionReview,
  type TExemptionSettings,
} from '../../../shared/schemas/exemption.js';
import { enrolmentScope, findEnrolmentForActor } from '../enrolment/enrolment.transition.js';
import { addAttachment, assertAttached, listAttachments, removeAttachment } from '../procedure/attachments.js';
import { myEnrolmentId } from '../procedure/procedure.service.js';
import { cnDate, streamXlsx } from '../procedure/xlsx.js';
import {
  EXEMPTION_STATUS_LABELS,
  exemptedPaper,
  EXEMPTION_EVENT_DECISION,
  EXEMPTION_WIRE_ACTIONS,
  exemptionEventsFor,
  exemptionTransition,
  type ExemptionActor,
  type ExemptionEvent,
  type ExemptionState,
  type ExemptionStatus,
} from './exemption.machine.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;
type Procedure = 'general' | 'simple';

/** Enrolment statuses in which a 免考申请 may be submitted (after registration approval, before the tests). */
export const EXEMPTION_APPLY_STATUSES: EnrolmentStatus[] = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

// ——— settings ———

export async function getSettings(db: DbOrTx, provinceId: number): Promise<TExemptionSettings> {
  const reasons = await db
    .select()
    .from(exemptionReasons)
    .where(eq(exemptionReasons.provinceId, provinceId))
    .orderBy(asc(exemptionReasons.id));
  const switches = await db.select().from(exemptionSwitches).where(eq(exemptionSwitches.provinceId, provinceId));
  const part = (p: Procedure) => ({
    open: switches.find((s) => s.procedure === p)?.open ?? false,
    reasons: reasons
      .filter((r) => r.procedure === p)
      .map((r) => ({ id: r.id, procedure: r.procedure, reason: r.reason })),
  });
  return { general: part('general'), simple: part('simple') };
}

const provinceOrgPath = (a: Actor) => a.orgPath;

export async function addReason(deps: Deps, actor: Actor, input: { procedure: Procedure; reason: string }) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [r] = await tx
      .insert(exemptionReasons)
      .values({ provinceId: actor.provinceId, procedure: input.procedure, reason: input.reason })
      .returning();
    await writeAudit(tx, actor, {
      targetType: 'exemption_reason',
      targetId: r.id,
      action: '添加免考理由',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      after: input,
    });
  });
  return getSettings(deps.db, actor.provinceId);
}

export async function updateReason(deps: Deps, actor: Actor, id: number, reason: string) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(exemptionReasons)
      .where(and(eq(exemptionReasons.id, id), eq(exemptionReasons.provinceId, actor.provinceId)))
      .for('update');
    if (!before) throw notFound('免考理由');
    await tx.update(exemptionReasons).set({ reason, updatedAt: deps.now() }).where(eq(exemptionReasons.id, id));
    await writeAudit(tx, actor, {
      targetType: 'exemption_reason',
      targetId: id,
      action: '编辑免考理由',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      before: { reason: before.reason },
      after: { reason },
    });
  });
  return getSettings(deps.db, actor.provinceId);
}

export async function deleteReason(deps: Deps, actor: Actor, id: number) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .delete(exemptionReasons)
      .where(and(eq(exemptionReasons.id, id), eq(exemptionReasons.provinceId, actor.provinceId)))
      .returning();
    if (!before) throw notFound('免考理由');
    await writeAudit(tx, actor, {
      targetType: 'exemption_reason',
      targetId: id,
      action: '删除免考理由',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      before: { reason: before.reason, procedure: before.procedure },
    });
  });
  return getSettings(deps.db, actor.provinceId);
}

export async function setSwitch(deps: Deps, actor: Actor, input: { procedure: Procedure; open: boolean }) {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const current = await getSettings(tx, actor.provinceId);
    if (input.open && current[input.procedure].reasons.length === 0) throw badRequest('请先添加免考理由，再开启申请');
    await tx
      .insert(exemptionSwitches)
      .values({ provinceId: actor.provinceId, procedure: input.procedure, open: input.open, updatedAt: deps.now() })
      .onConflictDoUpdate({
        target: [exemptionSwitches.provinceId, exemptionSwitches.procedure],
        set: { open: input.open, updatedAt: deps.now() },
      });
    await writeAudit(tx, actor, {
      targetType: 'exemption_switch',
      targetId: `${actor.provinceId}:${input.procedure}`,
      action: input.open ? '开启免考申请' : '关闭免考申请',
      orgPath: provinceOrgPath(actor),
      provinceId: actor.provinceId,
      before: { open: current[input.procedure].open },
      after: { open: input.open },
    });
  });
  return getSettings(deps.db, actor.provinceId);
}

// ——— applications ———

type AppRow = typeof exemptionApplications.$inferSelect;

function machineActor(actor: Actor): ExemptionActor | null {
  if (actor.role === 'physician') return 'physician';
  if (actor.role === 'institution') return 'institution';
  if (actor.role === 'body') return 'body';
  return null;
}

const selection = {
  a: exemptionApplications,
  name: physicians.name,
  idNumber: physicians.idNumber,
  institutionName: organisations.name,
  workResult: enrolments.workResult,
  ethicsResult: enrolments.ethicsResult,
};

function toDto(
  actor: Actor,
  r: {
    a: AppRow;
    name: string;
    idNumber: string;
    institutionName: string;
    workResult: string | null;
    ethicsResult: string | null;
  },
): TExemptionApplication {
  const ma = machineActor(actor);
  const status = r.a.status as ExemptionStatus;
  const events = ma && ma !== 'physician' ? exemptionEventsFor(status, ma) : [];
  return {
    id: r.a.id,
    enrolmentId: r.a.enrolmentId,
    physicianName: r.name,
    idNumber: maskIdNumber(r.idNumber),
    institutionName: r.institutionName,
    procedure: r.a.procedure,
    exempts: EXEMPTS_LABEL[r.a.procedure],
    status,
    statusLabel: EXEMPTION_STATUS_LABELS[status],
    reasons: r.a.reasons,
    note: r.a.note,
    fileIds: r.a.fileIds,
    reviews: r.a.reviews,
    submittedAt: r.a.submittedAt.toISOString(),
    actions: events.map((e) => EXEMPTION_WIRE_ACTIONS[e] ?? e),
    decisions: events.flatMap((e) => EXEMPTION_EVENT_DECISION[e] ?? []),
    workResult: r.workResult,
    ethicsResult: r.ethicsResult,
  };
}

function baseQuery(db: DbOrTx) {
  return db
    .select(selection)
    .from(exemptionApplications)
    .innerJoin(enrolments, eq(enrolments.id, exemptionApplications.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, exemptionApplications.institutionId));
}

type ListFilter = { procedure?: Procedure; scope: 'pending' | 'all'; keyword?: string };

/** The actor's scope + the list filters (also used by the export, so both show the same rows). */
function listWhere(actor: Actor, q: ListFilter) {
  const conds: SQL[] = [enrolmentScope(actor)];
  if (q.procedure) conds.push(eq(exemptionApplications.procedure, q.procedure));
  if (q.scope === 'pending')
    conds.push(eq(exemptionApplications.status, actor.role === 'body' ? 'pending_body' : 'pending_institution'));
  if (q.keyword)
    conds.push(
      or(ilike(physicians.name, `%${escapeLike(q.keyword)}%`), eq(physicians.idNumber, q.keyword.toUpperCase()))!,
    );
  return and(...conds);
}

/** 【导出】 the (filtered) list the actor sees as .xlsx; audited. */
export async function exportApplications(
  deps: Pick<AppDeps, 'db' | 'logger'>,
  actor: Actor,
  q: ListFilter,
  requestId?: string,
) {
  await writeAudit(
    deps.db,
    actor,
    {
      targetType: 'exemption_application',
      targetId: 'export',
      action: '导出免考申请',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      after: q,
    },
    requestId,
  );
  const where = listWhere(actor, q);
  const opinion = (a: AppRow, role: string) =>
    a.reviews
      .filter((r) => r.role === role)
      .map((r) => `${r.decision}${r.opinion ? `：${r.opinion}` : ''}（${cnDate(r.at)}）`)
      .join('\n');
  return streamXlsx<{ id: number; a: AppRow; name: string; idNumber: string; institutionName: string }>(
    deps,
    '免考申请',
    [
      { header: '姓名', width: 12, value: (r) => r.name },
      { header: '证件号码', width: 22, value: (r) => maskIdNumber(r.idNumber) },
      { header: '卫生机构', width: 28, value: (r) => r.institutionName },
      { header: '考核程序', width: 10, value: (r) => PROCEDURE_LABELS[r.a.procedure] },
      { header: '免考项目', width: 14, value: (r) => EXEMPTS_LABEL[r.a.procedure] },
      { header: '免考理由', width: 40, value: (r) => r.a.reasons.map((x) => x.reason).join('；') },
      { header: '说明', width: 30, value: (r) => r.a.note },
      { header: '证明材料（个）', width: 12, value: (r) => r.a.fileIds.length },
      { header: '状态', width: 18, value: (r) => EXEMPTION_STATUS_LABELS[r.a.status as ExemptionStatus] ?? r.a.status },
      { header: '申请时间', width: 12, value: (r) => cnDate(r.a.submittedAt) },
      { header: '卫生机构意见', width: 36, value: (r) => opinion(r.a, '卫生机构') },
      { header: '考核机构意见', width: 36, value: (r) => opinion(r.a, '考核机构') },
    ],
    async (after, size) =>
      (
        await baseQuery(deps.db)
          .where(after === null ? where : and(where, lt(exemptionApplications.id, after)))
          .orderBy(desc(exemptionApplications.id))
          .limit(size)
      ).map((r) => ({ ...r, id: r.a.id })),
  );
}

export async function listApplications(
  deps: Deps,
  actor: Actor,
  q: { procedure?: Procedure; scope: 'pending' | 'all'; keyword?: string; page: number; pageSize: number },
) {
  const where = listWhere(actor, q);
  const [{ n }] = await deps.db
    .select({ n: count() })
    .from(exemptionApplications)
    .innerJoin(enrolments, eq(enrolments.id, exemptionApplications.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .where(where);
  const rows = await baseQuery(deps.db)
    .where(where)
    .orderBy(desc(exemptionApplications.submittedAt), desc(exemptionApplications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: n, rows: rows.map((r) => toDto(actor, r)) };
}

export async function getApplication(deps: Deps, actor: Actor, id: number) {
  const [r] = await baseQuery(deps.db).where(and(eq(exemptionApplications.id, id), enrolmentScope(actor)));
  if (!r) throw notFound('免考申请');
  return { ...toDto(actor, r), files: await listAttachments(deps.db, r.a.enrolmentId, 'exemption') };
}

export async function mine(deps: Deps, actor: Actor): Promise<TExemptionMine> {
  const enrolmentId = await myEnrolmentId(deps, actor);
  if (!enrolmentId) {
    return {
      enrolmentId: null,
      procedure: null,
      exempts: null,
      open: false,
      reasons: [],
      application: null,
      canApply: false,
      blockedReason: '您尚未参加本周期考核',
      files: [],
    };
  }
  const e = await findEnrolmentForActor(deps.db, actor, enrolmentId);
  const settings = await getSettings(deps.db, e.provinceId);
  const [r] = await baseQuery(deps.db).where(eq(exemptionApplications.enrolmentId, e.id));
  const application = r ? toDto(actor, r) : null;
  const blockedReason = whyCannotApply(e, settings, (application?.status as ExemptionStatus) ?? 'none');
  return {
    enrolmentId: e.id,
    procedure: e.procedure,
    exempts: e.procedure ? EXEMPTS_LABEL[e.procedure] : null,
    open: e.procedure ? settings[e.procedure].open : false,
    reasons: e.procedure ? settings[e.procedure].reasons : [],
    application,
    canApply: blockedReason === null,
    blockedReason,
    files: await listAttachments(deps.db, e.id, 'exemption'),
  };
}

function whyCannotApply(
  e: { status: EnrolmentStatus; procedure: Procedure | null },
  settings: TExemptionSettings,
  state: ExemptionState,
): string | null {
  if (!EXEMPTION_APPLY_STATUSES.includes(e.status))
    return `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，报名审核通过后、参加测评前方可申请免考`;
  if (!e.procedure) return '请先选择考核程序';
  if (!settings[e.procedure].open) return `${PROCEDURE_LABELS[e.procedure]}免考申请未开启`;
  const r = exemptionTransition(state, 'SUBMIT', 'physician');
  return r.ok ? null : r.message;
}

async function lockMyEnrolment(tx: DbOrTx, actor: Actor, enrolmentId: number) {
  return findEnrolmentForActor(tx, actor, enrolmentId, true);
}

export async function uploadFile(deps: Deps, actor: Actor, enrolmentId: number, buf: Buffer, name: string) {
  return deps.db.transaction(async (tx) => {
    const e = await lockMyEnrolment(tx, actor, enrolmentId);
    return addAttachment(tx, deps, actor, e, 'exemption', buf, name);
  });
}

export async function deleteFile(deps: Deps, actor: Actor, enrolmentId: number, fileId: string) {
  await deps.db.transaction(async (tx) => {
    const e = await lockMyEnrolment(tx, actor, enrolmentId);
    const [pending] = await tx
      .select({ id: exemptionApplications.id })
      .from(exemptionApplications)
      .where(
        and(
          eq(exemptionApplications.enrolmentId, e.id),
          inArray(exemptionApplications.status, ['pending_institution', 'pending_body', 'approved']),
        ),
      );
    if (pending) throw conflict('免考申请审核中或已通过，不能删除材料');
    await removeAttachment(tx, deps, actor, e, 'exemption', fileId);
  });
}

/** 【提交免考申请】 (first time or after 驳回补充材料). */
export async function apply(deps: Deps, actor: Actor, enrolmentId: number, input: TExemptionApply) {
  await deps.db.transaction(async (tx) => {
    const e = await lockMyEnrolment(tx, actor, enrolmentId);
    const settings = await getSettings(tx, e.provinceId);
    const [existing] = await tx
      .select()
      .from(exemptionApplications)
      .where(eq(exemptionApplications.enrolmentId, e.id))
      .for('update');
    const state = (existing?.status ?? 'none') as ExemptionState;
    const blocked = whyCannotApply(e, settings, state);
    if (blocked)
      throw new AppError(
        'EXEMPTION_NOT_ALLOWED',
        blocked,
        state === 'none' || state === 'rejected_supplement' ? 400 : 409,
      );
    const procedure = e.procedure!;
    const available = settings[procedure].reasons;
    const reasons = input.reasonIds.map((id) => available.find((r) => r.id === id));
    if (reasons.some((r) => !r)) throw badRequest('所选免考理由不存在或不适用于您的考核程序，请刷新后重新选择');
    await assertAttached(tx, e.id, 'exemption', input.fileIds);
    const snapshot = reasons.map((r) => ({ id: r!.id, reason: r!.reason }));
    const values = {
      status: 'pending_institution',
      reasons: snapshot,
      note: input.note,
      fileIds: input.fileIds,
      procedure,
      submittedAt: deps.now(),
      updatedAt: deps.now(),
    };
    let appId: number;
    if (existing) {
      const [u] = await tx
        .update(exemptionApplications)
        .set(values)
        .where(and(eq(exemptionApplications.id, existing.id), eq(exemptionApplications.status, existing.status)))
        .returning();
      if (!u) throw conflict();
      appId = u.id;
    } else {
      const [c] = await tx
        .insert(exemptionApplications)
        .values({
          ...values,
          enrolmentId: e.id,
          provinceId: e.provinceId,
          institutionId: e.institutionId,
          orgPath: e.orgPath,
        })
        .onConflictDoNothing()
        .returning();
      if (!c) throw conflict('免考申请已提交，请刷新后查看');
      appId = c.id;
    }
    await writeAudit(tx, actor, {
      targetType: 'exemption_application',
      targetId: appId,
      action: '提交免考申请',
      orgPath: e.orgPath,
      provinceId: e.provinceId,
      before: { status: state },
      after: { status: 'pending_institution', reasons: snapshot.map((r) => r.id), files: input.fileIds.length },
    });
  });
  return mine(deps, actor);
}

const DECISION_EVENT: Record<'institution' | 'body', Record<TExemptionReview['decision'], ExemptionEvent>> = {
  institution: {
    approve: 'INSTITUTION_APPROVE',
    reject_supplement: 'INSTITUTION_REJECT_SUPPLEMENT',
    reject_final: 'INSTITUTION_REJECT_FINAL',
  },
  body: { approve: 'BODY_APPROVE', reject_supplement: 'BODY_REJECT_SUPPLEMENT', reject_final: 'BODY_REJECT_FINAL' },
};

/** 卫生机构审核 / 考核机构复核. */
export async function review(deps: Deps, actor: Actor, id: number, input: TExemptionReview) {
  const role = actor.role === 'body' ? 'body' : 'institution';
  const event = DECISION_EVENT[role][input.decision];
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ a: exemptionApplications, physicianId: enrolments.physicianId })
      .from(exemptionApplications)
      .innerJoin(enrolments, eq(enrolments.id, exemptionApplications.enrolmentId))
      .where(and(eq(exemptionApplications.id, id), enrolmentScope(actor)));
    if (!row) throw notFound('免考申请');
    const a = row.a;
    const r = exemptionTransition(a.status as ExemptionStatus, event, role, input.opinion);
    if (!r.ok) throw refusalError(r);
    const entry = {
      by: actor.orgName,
      role: role === 'body' ? '考核机构' : '卫生机构',
      decision: r.label,
      opinion: input.opinion,
      at: deps.now().toISOString(),
    };
    const [u] = await tx
      .update(exemptionApplications)
      .set({ status: r.to, reviews: [...a.reviews, entry], updatedAt: deps.now() })
      .where(and(eq(exemptionApplications.id, id), eq(exemptionApplications.status, a.status)))
      .returning();
    if (!u) throw conflict('该申请已被他人处理，请刷新后重试');
    if (r.to === 'approved') {
      const paper = exemptedPaper(a.procedure);
      await tx
        .update(enrolments)
        .set(
          paper === 'professional'
            ? { professionalExempt: true, updatedAt: deps.now() }
            : { humanitiesExempt: true, updatedAt: deps.now() },
        )
        .where(eq(enrolments.id, a.enrolmentId));
    }
    await writeAudit(tx, actor, {
      targetType: 'exemption_application',
      targetId: id,
      action: `免考申请${r.label}`,
      orgPath: a.orgPath,
      provinceId: a.provinceId,
      reason: input.opinion || null,
      before: { status: a.status },
      after: { status: r.to, ...(r.to === 'approved' ? { exempt: exemptedPaper(a.procedure) } : {}) },
    });
    const what = EXEMPTS_LABEL[a.procedure];
    const body =
      r.to === 'approved'
        ? `您的${what}免考申请已通过复核，无需参加${what}。`
        : r.to === 'pending_body'
          ? `您的${what}免考申请已通过卫生机构审核，等待考核机构复核。`
          : r.to === 'rejected_supplement'
            ? `您的${what}免考申请被驳回，请补充材料后重新提交。理由：${input.opinion}`
            : `您的${what}免考申请被驳回，不能再次申请，请按规定参加测评。理由：${input.opinion}`;
    await notifyPhysician(tx, deps.sms, row.physicianId, {
      title: `免考申请：${r.label}`,
      body,
      template: `EXEMPTION_${event}`,
    });
  });
  return getApplication(deps, actor, id);
}

/** Applications waiting for the actor: 待卫生机构审核 (institution) or 待考核机构复核 (body). */
export async function countPending(db: DbOrTx, actor: Actor): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(exemptionApplications)
    .innerJoin(enrolments, eq(enrolments.id, exemptionApplications.enrolmentId))
    .where(
      and(
        enrolmentScope(actor),
        eq(exemptionApplications.status, actor.role === 'body' ? 'pending_body' : 'pending_institution'),
      ),
    );
  return n;
}
