/**
 * The physician's side after a test: how many photos were taken and when they will be deleted;
 * 申诉 once within the province's appeal days after 处理; the province's decision (维持 /
 * 撤销处理 — 撤销 restores the previous result, which makes the notice valid again).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { cycles, enrolments, examAttempts, proctorCases } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import { notifyPhysician } from '../messages/send-message.js';
import { checkUpload, storeFile } from '../../platform/uploads.js';
import type { EnrolmentStatus } from '../../../shared/enrolment-status.js';
import type { TAppealDecision, TMyProctoring } from '../../../shared/schemas/proctor.js';
import { applyTransition, findEnrolmentForActor } from '../enrolment/enrolment.transition.js';
import { caseTransition } from './proctor.machine.js';
import { settingsOf } from './proctor.settings.js';

type Deps = Pick<AppDeps, 'db' | 'storage' | 'now' | 'config' | 'sms'>;

const DAY = 86_400_000;

/** When a cycle's results are final: the end of its last window (re-exam grading, else grading …). */
export function resultsFinalAt(windows: Record<string, { start: string; end: string }>): Date | null {
  let last: number | null = null;
  for (const w of Object.values(windows ?? {})) {
    const t = Date.parse(w?.end ?? '');
    if (Number.isFinite(t) && (last === null || t > last)) last = t;
  }
  return last === null ? null : new Date(last);
}

export function appealDeadline(processedAt: Date, appealDays: number): Date {
  return new Date(processedAt.getTime() + appealDays * DAY);
}

async function myEnrolment(deps: Deps, actor: Actor) {
  const [e] = await deps.db
    .select({ e: enrolments, windows: cycles.windows })
    .from(enrolments)
    .innerJoin(cycles, eq(cycles.id, enrolments.cycleId))
    .where(and(eq(enrolments.physicianId, actor.physicianId ?? -1), eq(cycles.isCurrent, true)))
    .orderBy(sql`${enrolments.id} DESC`)
    .limit(1);
  return e ?? null;
}

export async function myProctoring(deps: Deps, actor: Actor): Promise<TMyProctoring> {
  const s = await settingsOf(deps.db, actor.provinceId);
  const mine = await myEnrolment(deps, actor);
  if (!mine) return { papers: [], retentionDays: s.retentionDays, case: null };
  const final = resultsFinalAt(mine.windows);
  const deleteOn = final ? new Date(final.getTime() + s.retentionDays * DAY).toISOString() : null;
  const papers = await deps.db
    .select({
      attemptId: examAttempts.id,
      paperType: examAttempts.paperType,
      // qualified by hand: in a one-table select drizzle renders bare column names, and a bare
      // "id" inside the sub-select would mean proctor_frames.id
      photos: sql<number>`(SELECT count(*)::int FROM proctor_frames f WHERE f.attempt_id = "exam_attempts"."id")`,
    })
    .from(examAttempts)
    .where(eq(examAttempts.enrolmentId, mine.e.id))
    .orderBy(examAttempts.id);
  const [c] = await deps.db.select().from(proctorCases).where(eq(proctorCases.enrolmentId, mine.e.id));
  const now = deps.now();
  return {
    papers: papers.map((p) => ({ ...p, deleteOn })),
    retentionDays: s.retentionDays,
    case:
      c?.status && c.processedAt
        ? {
            status: c.status,
            processedAt: c.processedAt.toISOString(),
            processReason: c.processReason ?? '',
            appealDeadline: appealDeadline(c.processedAt, s.appealDays).toISOString(),
            canAppeal: c.status === 'processed' && now <= appealDeadline(c.processedAt, s.appealDays),
            appealStatement: c.appealStatement,
            appealDecisionReason: c.appealDecisionReason,
          }
        : null,
  };
}

/** 申诉: once, within the appeal days after 处理, with a statement and optional material. */
export async function submitAppeal(
  deps: Deps,
  actor: Actor,
  input: { statement: string; file?: { buf: Buffer; name: string } },
  requestId?: string,
): Promise<void> {
  const statement = input.statement.trim();
  if (statement.length < 5) throw badRequest('请填写申诉理由（至少 5 个字）');
  if (statement.length > 2000) throw badRequest('申诉理由不能超过 2000 字');
  const checked = input.file ? await checkUpload(input.file.buf, 'document', { maxBytes: 10 * 1024 * 1024 }) : null;
  const mine = await myEnrolment(deps, actor);
  if (!mine) throw notFound('违纪处理记录');
  const s = await settingsOf(deps.db, actor.provinceId);
  await deps.db.transaction(async (tx) => {
    const [c] = await tx.select().from(proctorCases).where(eq(proctorCases.enrolmentId, mine.e.id)).for('update');
    if (!c?.status || !c.processedAt) throw notFound('违纪处理记录');
    const r = caseTransition(c.status, 'APPEAL', 'physician');
    if (!r.ok)
      throw new AppError(
        'INVALID_TRANSITION',
        c.status === 'processed' ? r.message : '每次处理只能申诉一次，您已提交过申诉',
        409,
      );
    if (deps.now() > appealDeadline(c.processedAt, s.appealDays))
      throw new AppError('APPEAL_EXPIRED', `已超过申诉期限（处理后 ${s.appealDays} 天内），不能再申诉`, 409);
    const fileId =
      input.file && checked
        ? await storeFile(tx, deps.storage, actor, input.file.buf, checked, {
            purpose: 'proctor_appeal',
            orgPath: mine.e.orgPath,
            originalName: input.file.name,
          })
        : null;
    const now = deps.now();
    await tx
      .update(proctorCases)
      .set({ status: r.to, appealStatement: statement, appealFileId: fileId, appealedAt: now, updatedAt: now })
      .where(and(eq(proctorCases.enrolmentId, c.enrolmentId), eq(proctorCases.status, 'processed')));
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'enrolment',
        targetId: c.enrolmentId,
        action: '违纪处理申诉',
        orgPath: c.orgPath,
        provinceId: c.provinceId,
        reason: statement,
      },
      requestId,
    );
    await notifyPhysician(tx, deps.sms, mine.e.physicianId, {
      title: '定期考核：申诉已提交',
      body: '您对违纪处理的申诉已提交，省级卫生行政机构将进行复查，结果将通过站内消息和短信通知您。',
      template: 'PROCTOR_APPEAL_SUBMITTED',
    });
  });
}

/** The province decides an appeal: 维持 (uphold) or 撤销处理 (revoke, restoring the previous result). */
export async function decideAppeal(
  deps: Deps,
  actor: Actor,
  enrolmentId: number,
  d: TAppealDecision,
  requestId?: string,
): Promise<void> {
  if (actor.role !== 'admin' || actor.adminLevel !== 'province') throw forbidden('仅省级卫生行政机构可处理申诉');
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const [c] = await tx.select().from(proctorCases).where(eq(proctorCases.enrolmentId, e.id)).for('update');
    if (!c?.status) throw notFound('违纪处理记录');
    const r = caseTransition(c.status, d.decision === 'uphold' ? 'UPHOLD' : 'REVOKE', 'province');
    if (!r.ok) throw new AppError('INVALID_TRANSITION', r.message, r.status);
    const now = deps.now();
    if (d.decision === 'revoke') {
      await applyTransition(tx, deps, actor, e.id, 'REVOKE_DISCIPLINE', {
        reason: d.reason,
        requestId,
        ctx: { restoreStatus: c.previousStatus as EnrolmentStatus },
        patch: { finalResult: c.previousFinalResult, failReason: c.previousFailReason },
      });
    } else {
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'enrolment',
          targetId: e.id,
          action: '申诉维持违纪处理',
          orgPath: e.orgPath,
          provinceId: e.provinceId,
          reason: d.reason,
        },
        requestId,
      );
      await notifyPhysician(tx, deps.sms, e.physicianId, {
        title: '定期考核：申诉结果',
        body: `您对违纪处理的申诉经复查维持原处理。理由：${d.reason}`,
        template: 'PROCTOR_APPEAL_UPHELD',
      });
    }
    await tx
      .update(proctorCases)
      .set({
        status: r.to,
        appealDecidedAt: now,
        appealDecidedByOrgId: actor.orgId,
        appealDecisionReason: d.reason,
        updatedAt: now,
      })
      .where(and(eq(proctorCases.enrolmentId, e.id), eq(proctorCases.status, 'appealed')));
  });
}
