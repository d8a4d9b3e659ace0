/**
 * 免考: settings (省级: reasons per procedure, open/close), the physician's application and
 * the two reviews (卫生机构 → 考核机构). Approval sets enrolments.professional_exempt
 * (一般程序: 业务水平) or humanities_exempt (简易程序: 人文医学).
 */
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, exemptionApplications, exemptionReasons, exemptionSwitches } from '../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../platform/actor.js';
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
import { findEnrolmentForActor } from '../enrolment/enrolment.transition.js';
import { addAttachment, assertAttached, listAttachments, removeAttachment } from '../procedure/attachments.js';
import { myEnrolmentId } from '../procedure/procedure.service.js';
import {
  decideApplication,
  findApplicationForReview,
  lockApplicationOf,
  saveApplication,
} from '../procedure/application.repo.js';
import {
  type ExemptionListRow,
  findExemption,
  findExemptionOfEnrolment,
  findExemptions,
  findSettingsRows,
  hasActiveExemption,
  lockOwnReason,
} from './exemption.repo.js';
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
  const { reasons, switches } = await findSettingsRows(db, provinceId);
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
    const before = await lockOwnReason(tx, actor, id);
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

function machineActor(actor: Actor): ExemptionActor | null {
  if (actor.role === 'physician') return 'physician';
  if (actor.role === 'institution') return 'institution';
  if (actor.role === 'body') return 'body';
  return null;
}

function toDto(actor: Actor, r: ExemptionListRow): TExemptionApplication {
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

export async function listApplications(
  deps: Deps,
  actor: Actor,
  q: { procedure?: Procedure; scope: 'pending' | 'all'; keyword?: string; page: number; pageSize: number },
) {
  const { total, rows } = await findExemptions(deps.db, actor, q);
  return { total, rows: rows.map((r) => toDto(actor, r)) };
}

export async function getApplication(deps: Deps, actor: Actor, id: number) {
  const r = await findExemption(deps.db, actor, id);
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
  const r = await findExemptionOfEnrolment(deps.db, e.id);
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
    if (await hasActiveExemption(tx, e.id)) throw conflict('免考申请审核中或已通过，不能删除材料');
    await removeAttachment(tx, deps, actor, e, 'exemption', fileId);
  });
}

/** 【提交免考申请】 (first time or after 驳回补充材料). */
export async function apply(deps: Deps, actor: Actor, enrolmentId: number, input: TExemptionApply) {
  await deps.db.transaction(async (tx) => {
    const e = await lockMyEnrolment(tx, actor, enrolmentId);
    const settings = await getSettings(tx, e.provinceId);
    const existing = await lockApplicationOf(tx, exemptionApplications, e.id);
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
    const appId = await saveApplication(tx, exemptionApplications, existing, values, e, '免考申请已提交，请刷新后查看');
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
    const row = await findApplicationForReview(tx, exemptionApplications, actor, id, '免考申请');
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
    await decideApplication(tx, exemptionApplications, id, a.status, {
      status: r.to,
      reviews: [...a.reviews, entry],
      updatedAt: deps.now(),
    });
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
