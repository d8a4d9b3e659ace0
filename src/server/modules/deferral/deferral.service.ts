/**
 * 延期考核申请: the physician applies before the deferral deadline (cycle.windows.deferral),
 * the institution gives its opinion, then an administration whose subtree contains the
 * institution (its own district/city/province) decides. Approval sets
 * enrolments.deferral_approved (the first exam is then taken in the re-exam window).
 */
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { deferralApplications, enrolments } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { refusalError } from '../../platform/refusal.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { DECISION_LABELS, type Decision } from '../../../shared/domain/decisions.js';
import { notifyPhysician } from '../messages/send-message.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';
import type {
  TDeferralApplication,
  TDeferralApply,
  TDeferralMine,
  TDeferralReview,
} from '../../../shared/schemas/deferral.js';
import { checkWindow } from '../enrolment/enrolment.machine.js';
import { cycleById, findEnrolmentForActor } from '../enrolment/enrolment.transition.js';
import { addAttachment, assertAttached, listAttachments, removeAttachment } from '../procedure/attachments.js';
import { myEnrolmentId } from '../procedure/procedure.service.js';
import {
  decideApplication,
  findApplicationForReview,
  lockApplicationOf,
  saveApplication,
} from '../procedure/application.repo.js';
import {
  type DeferralListRow,
  deferralStatusOf,
  findDeferral,
  findDeferralForm,
  findDeferralOfEnrolment,
  findDeferrals,
} from './deferral.repo.js';
import {
  DEFERRAL_STATUS_LABELS,
  deferralEventsFor,
  deferralTransition,
  type DeferralActor,
  type DeferralEvent,
  type DeferralState,
  type DeferralStatus,
} from './deferral.machine.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** Enrolment statuses in which a deferral may be requested (in the cycle, before the first tests). */
export const DEFERRAL_APPLY_STATUSES: EnrolmentStatus[] = [
  'opened',
  'pending_institution',
  'institution_rejected',
  'pending_body',
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

function machineActor(actor: Actor): DeferralActor | null {
  if (actor.role === 'physician') return 'physician';
  if (actor.role === 'institution') return 'institution';
  if (actor.role === 'admin') return 'admin';
  return null;
}

function toDto(actor: Actor, r: DeferralListRow): TDeferralApplication {
  const ma = machineActor(actor);
  const status = r.a.status as DeferralStatus;
  return {
    id: r.a.id,
    enrolmentId: r.a.enrolmentId,
    physicianName: r.name,
    idNumber: maskIdNumber(r.idNumber),
    gender: r.gender,
    institutionName: r.institutionName,
    status,
    statusLabel: DEFERRAL_STATUS_LABELS[status],
    reason: r.a.reason,
    fileIds: r.a.fileIds,
    institutionAgree: r.a.institutionAgree,
    institutionOpinion: r.a.institutionOpinion,
    institutionAt: r.a.institutionAt?.toISOString() ?? null,
    adminAgree: r.a.adminAgree,
    adminOpinion: r.a.adminOpinion,
    adminOrgName: r.a.adminOrgName,
    adminAt: r.a.adminAt?.toISOString() ?? null,
    submittedAt: r.a.submittedAt.toISOString(),
    actions: ma && ma !== 'physician' ? deferralEventsFor(status, ma) : [],
  };
}

export async function listApplications(
  deps: Deps,
  actor: Actor,
  q: { scope: 'pending' | 'all'; keyword?: string; page: number; pageSize: number },
) {
  const { total, rows } = await findDeferrals(deps.db, actor, q);
  return { total, rows: rows.map((r) => toDto(actor, r)) };
}

export async function getApplication(deps: Pick<Deps, 'db'>, actor: Actor, id: number) {
  const r = await findDeferral(deps.db, actor, id);
  if (!r) throw notFound('延期考核申请');
  return { ...toDto(actor, r), files: await listAttachments(deps.db, r.a.enrolmentId, 'deferral') };
}

async function blockedFor(
  db: DbOrTx,
  now: Date,
  e: { cycleId: number; status: EnrolmentStatus },
  state: DeferralState,
): Promise<{ message: string; status: number } | null> {
  const cycle = await cycleById(db, e.cycleId);
  const w = checkWindow(cycle.windows, 'deferral', now);
  if (!w.ok) return { message: w.message, status: 400 };
  if (!DEFERRAL_APPLY_STATUSES.includes(e.status))
    return { message: `考核状态为「${ENROLMENT_STATUS_LABELS[e.status]}」，不能申请延期考核`, status: 409 };
  const r = deferralTransition(state, 'SUBMIT', 'physician');
  return r.ok ? null : { message: r.message, status: 409 };
}

export async function mine(deps: Deps, actor: Actor): Promise<TDeferralMine> {
  const enrolmentId = await myEnrolmentId(deps, actor);
  if (!enrolmentId)
    return {
      enrolmentId: null,
      window: null,
      application: null,
      canApply: false,
      blockedReason: '您尚未参加本周期考核',
      files: [],
    };
  const e = await findEnrolmentForActor(deps.db, actor, enrolmentId);
  const cycle = await cycleById(deps.db, e.cycleId);
  const r = await findDeferralOfEnrolment(deps.db, e.id);
  const application = r ? toDto(actor, r) : null;
  const blocked = await blockedFor(deps.db, deps.now(), e, (application?.status ?? 'none') as DeferralState);
  return {
    enrolmentId: e.id,
    window: cycle.windows.deferral ?? null,
    application,
    canApply: !blocked,
    blockedReason: blocked?.message ?? null,
    files: await listAttachments(deps.db, e.id, 'deferral'),
  };
}

export async function uploadFile(deps: Deps, actor: Actor, enrolmentId: number, buf: Buffer, name: string) {
  return deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    return addAttachment(tx, deps, actor, e, 'deferral', buf, name);
  });
}

export async function deleteFile(deps: Deps, actor: Actor, enrolmentId: number, fileId: string) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const status = await deferralStatusOf(tx, e.id);
    if (status && ['pending_institution', 'pending_admin', 'approved'].includes(status))
      throw conflict('延期考核申请审核中或已批准，不能删除附件');
    await removeAttachment(tx, deps, actor, e, 'deferral', fileId);
  });
}

export async function apply(deps: Deps, actor: Actor, enrolmentId: number, input: TDeferralApply) {
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const existing = await lockApplicationOf(tx, deferralApplications, e.id);
    const state = (existing?.status ?? 'none') as DeferralState;
    const blocked = await blockedFor(tx, deps.now(), e, state);
    if (blocked) throw new AppError('DEFERRAL_NOT_ALLOWED', blocked.message, blocked.status);
    await assertAttached(tx, e.id, 'deferral', input.fileIds);
    const values = {
      status: 'pending_institution',
      reason: input.reason,
      fileIds: input.fileIds,
      institutionAgree: null,
      institutionOpinion: null,
      institutionName: null,
      institutionAt: null,
      adminAgree: null,
      adminOpinion: null,
      adminOrgName: null,
      adminAt: null,
      submittedAt: deps.now(),
      updatedAt: deps.now(),
    };
    const id = await saveApplication(tx, deferralApplications, existing, values, e, '延期考核申请已提交，请刷新后查看');
    await writeAudit(tx, actor, {
      targetType: 'deferral_application',
      targetId: id,
      action: '提交延期考核申请',
      orgPath: e.orgPath,
      provinceId: e.provinceId,
      reason: input.reason,
      before: { status: state },
      after: { status: 'pending_institution', files: input.fileIds.length },
    });
  });
  return mine(deps, actor);
}

const DECISION_EVENT = {
  institution: { approve: 'INSTITUTION_APPROVE', reject: 'INSTITUTION_REJECT' },
  admin: { approve: 'ADMIN_APPROVE', reject: 'ADMIN_REJECT' },
} as const satisfies Record<'institution' | 'admin', Record<Decision, DeferralEvent>>;

/** 卫生机构意见 (institution) or 卫生行政部门意见 (administration in whose subtree the institution lies). */
export async function review(deps: Deps, actor: Actor, id: number, input: TDeferralReview) {
  const ma = machineActor(actor);
  if (ma !== 'institution' && ma !== 'admin') throw new AppError('FORBIDDEN', '您没有权限执行此操作', 403);
  const event = ma === 'institution' ? DECISION_EVENT.institution[input.agree] : DECISION_EVENT.admin[input.agree];
  const agree = DECISION_LABELS[input.agree];
  await deps.db.transaction(async (tx) => {
    const row = await findApplicationForReview(tx, deferralApplications, actor, id, '延期考核申请');
    const a = row.a;
    const r = deferralTransition(a.status as DeferralStatus, event, ma, input.opinion);
    if (!r.ok) throw refusalError(r);
    const now = deps.now();
    const patch =
      ma === 'institution'
        ? {
            institutionAgree: agree,
            institutionOpinion: input.opinion,
            institutionName: actor.orgName,
            institutionAt: now,
          }
        : { adminAgree: agree, adminOpinion: input.opinion, adminOrgName: actor.orgName, adminAt: now };
    await decideApplication(tx, deferralApplications, id, a.status, { ...patch, status: r.to, updatedAt: now });
    if (r.to === 'approved')
      await tx
        .update(enrolments)
        .set({ deferralApproved: true, updatedAt: now })
        .where(eq(enrolments.id, a.enrolmentId));
    await writeAudit(tx, actor, {
      targetType: 'deferral_application',
      targetId: id,
      action: r.label,
      orgPath: a.orgPath,
      provinceId: a.provinceId,
      reason: input.opinion || null,
      before: { status: a.status },
      after: { status: r.to },
    });
    const body =
      r.to === 'approved'
        ? '您的延期考核申请已获卫生行政部门批准，请在再次考核时间内以首次考核形式参加测评。'
        : r.to === 'pending_admin'
          ? '您的延期考核申请已获卫生机构同意，等待卫生行政部门审批。'
          : `您的延期考核申请未获同意，请按时参加首轮考核。意见：${input.opinion}`;
    await notifyPhysician(tx, deps.sms, row.physicianId, {
      title: `延期考核申请：${r.label}`,
      body,
      template: `DEFERRAL_${event}`,
    });
  });
  return getApplication(deps, actor, id);
}

/** The 附件1 form of an application the actor may see. */
export async function formPdf(
  deps: Pick<Deps, 'db' | 'storage'>,
  actor: Actor,
  id: number,
): Promise<{ pdf: Buffer; name: string }> {
  const { renderDeferralForm } = await import('./deferral.pdf.js');
  const r = await findDeferralForm(deps.db, actor, id);
  if (!r) throw notFound('延期考核申请');
  const photo = r.photoKey ? await deps.storage.get(r.photoKey).catch(() => null) : null;
  const a = r.a;
  const pdf = await renderDeferralForm({
    name: r.p.name,
    gender: r.p.gender,
    photo,
    institutionName: r.institutionName,
    idNumber: r.p.idNumber,
    qualificationNo: r.p.qualificationNo,
    licenseNo: r.p.licenseNo,
    reason: a.reason,
    institutionOpinion:
      a.institutionAgree && a.institutionAt
        ? { agree: a.institutionAgree, opinion: a.institutionOpinion ?? '', at: a.institutionAt }
        : null,
    adminOpinion:
      a.adminAgree && a.adminAt
        ? { agree: a.adminAgree, opinion: a.adminOpinion ?? '', org: a.adminOrgName ?? '', at: a.adminAt }
        : null,
  });
  return { pdf, name: `医师定期考核延期考核申请表-${r.p.name}.pdf` };
}
