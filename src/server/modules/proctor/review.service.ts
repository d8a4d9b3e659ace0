/**
 * 监考管理 (review) and 违纪处理: the scoped list, the frames of one attempt beside the reference
 * photo, 标记 / 撤销标记 (a flag, not a result) and 处理 (违纪不合格 through applyTransition).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import {
  files,
  proctorCaptures,
  proctorCases,
  proctorEvents,
  proctorFrames,
  proctorReferences,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { TAttemptFrames, TProctorAction, TReviewList, TReviewQuery } from '../../../shared/schemas/proctor.js';
import { applyTransition, type Enrolment, findEnrolmentForActor } from '../enrolment/enrolment.transition.js';
import { caseTransition, type CaseState } from './proctor.machine.js';
import { findAttemptForActor, findCaseRows, findReviewRows } from './proctor.repo.js';
import { settingsOf } from './proctor.settings.js';
import { fileUrl } from './proctor.urls.js';

type Deps = Pick<AppDeps, 'db' | 'storage' | 'now' | 'config' | 'sms'>;

const PROCESSABLE = ['ready_for_exam', 'pending_grading', 'passed', 'failed', 'reexam_ready', 'pending_reexam_grading'];

/** Buttons the actor may press on a row (the server enforces the same rules on the action). */
export function proctorActions(
  actor: Actor,
  row: { flagged: boolean; caseStatus: CaseState; enrolmentStatus: string },
): TProctorAction[] {
  const out: TProctorAction[] = [];
  const reviewer = actor.role === 'admin' || actor.role === 'institution' || actor.role === 'body';
  if (reviewer && !row.flagged) out.push('flag');
  if (actor.role === 'admin' && row.flagged) out.push('unflag');
  if (
    actor.role === 'admin' &&
    (row.caseStatus === 'none' || row.caseStatus === 'revoked') &&
    PROCESSABLE.includes(row.enrolmentStatus)
  )
    out.push('process');
  return out;
}

function requireReviewer(actor: Actor) {
  if (!['admin', 'institution', 'body'].includes(actor.role)) throw forbidden();
}

export async function listReview(deps: Deps, actor: Actor, q: TReviewQuery): Promise<TReviewList> {
  requireReviewer(actor);
  const { page, nextCursor } = await findReviewRows(deps.db, actor, q);
  const s = await settingsOf(deps.db, actor.provinceId);
  return {
    threshold: s.similarityThreshold,
    nextCursor,
    rows: page.map((r) => {
      const flagged = Boolean(r.flagged);
      const caseStatus: CaseState = r.caseStatus ?? 'none';
      return {
        attemptId: r.s.attemptId,
        enrolmentId: r.s.enrolmentId,
        physicianName: r.physicianName,
        idNumber: r.idNumber,
        institutionName: r.institutionName,
        paperType: r.s.paperType,
        startedAt: r.startedAt.toISOString(),
        framesTotal: r.s.framesTotal,
        framesPending: r.s.framesPending,
        minSimilarity: r.s.minSimilarity,
        noFace: r.s.noFace,
        multiFace: r.s.multiFace,
        cameraLost: r.s.cameraLost,
        spoofSuspected: r.s.spoofSuspected,
        flagged,
        processed: r.enrolmentStatus === 'disciplinary_failed',
        enrolmentStatus: r.enrolmentStatus,
        actions: proctorActions(actor, { flagged, caseStatus, enrolmentStatus: r.enrolmentStatus }),
      };
    }),
  };
}

/** 【照片】: the attempt's frames beside the reference photo, each with its score and time. */
export async function attemptFrames(deps: Deps, actor: Actor, attemptId: number): Promise<TAttemptFrames> {
  requireReviewer(actor);
  const a = await findAttemptForActor(deps.db, actor, attemptId);
  if (!a) throw notFound('测评记录');
  return framesView(deps, actor, a.attemptId, a.paperType, a.physicianName, a.enrolment);
}

export async function framesView(
  deps: Deps,
  actor: Actor,
  attemptId: number,
  paperType: TAttemptFrames['paperType'],
  physicianName: string,
  enrolment: Enrolment,
): Promise<TAttemptFrames> {
  const now = deps.now();
  const frames = await deps.db
    .select({
      f: proctorFrames,
      seq: proctorCaptures.seq,
      trigger: proctorCaptures.trigger,
      qi: proctorCaptures.questionIndex,
    })
    .from(proctorFrames)
    .innerJoin(proctorCaptures, eq(proctorCaptures.id, proctorFrames.captureId))
    .where(eq(proctorFrames.attemptId, attemptId))
    .orderBy(asc(proctorCaptures.seq));
  const events = await deps.db
    .select()
    .from(proctorEvents)
    .where(eq(proctorEvents.attemptId, attemptId))
    .orderBy(asc(proctorEvents.occurredAt));
  let referenceSpoofSuspected = false;
  if (enrolment.photoFileId) {
    const [ref] = await deps.db
      .select({ spoof: proctorReferences.spoofSuspected })
      .from(proctorReferences)
      .where(eq(proctorReferences.fileId, enrolment.photoFileId));
    referenceSpoofSuspected = Boolean(ref?.spoof);
  }
  return {
    attemptId,
    physicianName,
    paperType,
    referenceUrl: enrolment.photoFileId ? fileUrl(deps.config, enrolment.photoFileId, actor.accountId, now) : null,
    referenceSpoofSuspected,
    frames: frames.map(({ f, seq, trigger, qi }) => ({
      id: f.id,
      seq,
      trigger,
      questionIndex: qi,
      capturedAt: f.capturedAt.toISOString(),
      receivedAt: f.receivedAt.toISOString(),
      late: f.late,
      status: f.status,
      faces: f.faces,
      similarity: f.similarity,
      realScore: f.realScore,
      liveScore: f.liveScore,
      spoofSuspected: f.spoofSuspected,
      threshold: f.threshold,
      modelVersion: f.modelVersion,
      deleted: !f.fileId,
      url: f.fileId ? fileUrl(deps.config, f.fileId, actor.accountId, now) : null,
    })),
    events: events.map((e) => ({ kind: e.kind, occurredAt: e.occurredAt.toISOString(), detail: e.detail })),
  };
}

async function loadCase(tx: DbOrTx, enrolmentId: number) {
  const [c] = await tx.select().from(proctorCases).where(eq(proctorCases.enrolmentId, enrolmentId)).for('update');
  return c ?? null;
}

/** 【标记】疑似作弊: institutions, assessment bodies and administrations, within jurisdiction. */
export async function flagEnrolment(deps: Deps, actor: Actor, enrolmentId: number, requestId?: string) {
  requireReviewer(actor);
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const c = await loadCase(tx, e.id);
    if (c?.flagged) throw conflict('该医师已被标记为疑似作弊');
    const now = deps.now();
    await tx
      .insert(proctorCases)
      .values({
        enrolmentId: e.id,
        provinceId: e.provinceId,
        orgPath: e.orgPath,
        flagged: true,
        flaggedAt: now,
        flaggedByOrgId: actor.orgId,
      })
      .onConflictDoUpdate({
        target: proctorCases.enrolmentId,
        set: { flagged: true, flaggedAt: now, flaggedByOrgId: actor.orgId, updatedAt: now },
      });
    await writeAudit(
      tx,
      actor,
      { targetType: 'enrolment', targetId: e.id, action: '标记疑似作弊', orgPath: e.orgPath, provinceId: e.provinceId },
      requestId,
    );
  });
}

/** 【撤销标记】: administrations only, within jurisdiction (the province: the whole province). */
export async function unflagEnrolment(deps: Deps, actor: Actor, enrolmentId: number, requestId?: string) {
  if (actor.role !== 'admin') throw forbidden('仅卫生行政机构可撤销疑似作弊标记，请联系当地行政部门处理');
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const c = await loadCase(tx, e.id);
    if (!c?.flagged) throw conflict('该医师未被标记为疑似作弊');
    await tx
      .update(proctorCases)
      .set({ flagged: false, updatedAt: deps.now() })
      .where(eq(proctorCases.enrolmentId, e.id));
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'enrolment',
        targetId: e.id,
        action: '撤销疑似作弊标记',
        orgPath: e.orgPath,
        provinceId: e.provinceId,
      },
      requestId,
    );
  });
}

/** 【处理】: the enrolment becomes 违纪不合格 with a reason (audited and notified by applyTransition). */
export async function processEnrolment(
  deps: Deps,
  actor: Actor,
  enrolmentId: number,
  reason: string,
  requestId?: string,
) {
  if (actor.role !== 'admin') throw forbidden('仅卫生行政机构可处理违纪');
  await deps.db.transaction(async (tx) => {
    const e = await findEnrolmentForActor(tx, actor, enrolmentId, true);
    const c = await loadCase(tx, e.id);
    const r = caseTransition(c?.status ?? 'none', 'PROCESS', actor.adminLevel === 'province' ? 'province' : 'admin');
    if (!r.ok) throw new AppError(r.status === 403 ? 'FORBIDDEN' : 'INVALID_TRANSITION', r.message, r.status);
    await applyTransition(tx, deps, actor, e.id, 'PROCESS_CHEATING', {
      reason,
      requestId,
      patch: { finalResult: '违纪不合格', failReason: 'discipline', decidedAt: deps.now() },
    });
    const now = deps.now();
    const values = {
      status: r.to,
      processedAt: now,
      processedByOrgId: actor.orgId,
      processReason: reason,
      previousStatus: e.status,
      previousFinalResult: e.finalResult,
      previousFailReason: e.failReason,
      appealStatement: null,
      appealFileId: null,
      appealedAt: null,
      appealDecidedAt: null,
      appealDecidedByOrgId: null,
      appealDecisionReason: null,
      updatedAt: now,
    };
    await tx
      .insert(proctorCases)
      .values({ enrolmentId: e.id, provinceId: e.provinceId, orgPath: e.orgPath, ...values })
      .onConflictDoUpdate({ target: proctorCases.enrolmentId, set: values });
  });
}

/** 违纪处理记录: processed enrolments in jurisdiction, with their appeal. */
export async function listCases(
  deps: Deps,
  actor: Actor,
  q: { status?: string; keyword?: string; cursor?: string; limit: number },
) {
  requireReviewer(actor);
  const { page, nextCursor } = await findCaseRows(deps.db, actor, q);
  const now = deps.now();
  const appealFiles = page.map((r) => r.c.appealFileId).filter((x): x is string => Boolean(x));
  const existing = appealFiles.length
    ? new Set(
        (await deps.db.select({ id: files.id }).from(files).where(inArray(files.id, appealFiles))).map((f) => f.id),
      )
    : new Set<string>();
  return {
    nextCursor,
    rows: page.map((r) => ({
      enrolmentId: r.c.enrolmentId,
      physicianName: r.physicianName,
      idNumber: r.idNumber,
      institutionName: r.institutionName,
      status: r.c.status!,
      processedAt: (r.c.processedAt ?? now).toISOString(),
      processReason: r.c.processReason ?? '',
      appealStatement: r.c.appealStatement,
      appealedAt: r.c.appealedAt?.toISOString() ?? null,
      appealFileUrl:
        r.c.appealFileId && existing.has(r.c.appealFileId)
          ? fileUrl(deps.config, r.c.appealFileId, actor.accountId, now)
          : null,
      appealDecisionReason: r.c.appealDecisionReason,
      attemptIds: r.attemptIds,
      canDecideAppeal: r.c.status === 'appealed' && actor.role === 'admin' && actor.adminLevel === 'province',
    })),
  };
}

/** Serve a file behind a verified short-lived URL; the file must be one this module hands out. */
export async function readProctorFile(deps: Deps, fileId: string) {
  const [f] = await deps.db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), sql`${files.purpose} IN ('proctor_frame', 'photo', 'proctor_appeal')`));
  if (!f) throw notFound('照片');
  return { mime: f.mime, body: await deps.storage.get(f.storageKey) };
}
