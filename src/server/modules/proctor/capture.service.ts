/**
 * Capture (physician side): the server-chosen schedule with one-time tokens, frame uploads,
 * camera events and the pre-upload check of a standard photo. The answer-save path is never
 * touched: these are separate endpoints with their own short transactions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { examAttempts, examConsents, proctorCaptures, proctorEvents } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { checkUpload, imageSize, isWholeJpeg, putFile } from '../../platform/uploads.js';
import type { ProctorEventKind } from '../../db/schema/proctor.js';
import { PROCTOR_DEFAULTS, type TSchedule } from '../../../shared/schemas/proctor.js';
import { analyseImage } from './face.model.js';
import { settingsOf } from './proctor.settings.js';
import { referencePhotoProblem } from './proctor.quality.js';
import { planSchedule } from './proctor.schedule.js';
import { insertFrame, refreshSummary } from './proctor.repo.js';

type Deps = Pick<AppDeps, 'db' | 'storage' | 'now' | 'config'>;

/** Frames are downscaled on the phone (≤ 640 px); anything much larger is refused unread. */
export const FRAME_MAX_BYTES = 400 * 1024;
export const FRAME_MAX_SIDE = 1600;
export const FRAME_MIN_SIDE = 64;
/** a frame may say it was taken up to this long after 交卷 (the 交卷 moment itself, clock skew) */
const SUBMIT_SLACK_MS = 60_000;

export const hashToken = (t: string) => createHash('sha256').update(t).digest('base64url');

/** The physician's own attempt (another physician's attempt is a 404, like a missing one). */
async function ownAttempt(db: DbOrTx, actor: Actor, attemptId: number) {
  const [a] = await db
    .select({
      id: examAttempts.id,
      enrolmentId: examAttempts.enrolmentId,
      provinceId: examAttempts.provinceId,
      orgPath: examAttempts.orgPath,
      paperType: examAttempts.paperType,
      status: examAttempts.status,
      questionCount: examAttempts.questionCount,
      deadlineAt: examAttempts.deadlineAt,
      submittedAt: examAttempts.submittedAt,
      consentedAt: examConsents.consentedAt,
    })
    .from(examAttempts)
    .leftJoin(examConsents, eq(examConsents.enrolmentId, examAttempts.enrolmentId))
    .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.physicianId, actor.physicianId ?? -1)));
  if (!a) throw notFound('试卷');
  return a;
}

const noConsent = () =>
  new AppError('CONSENT_REQUIRED', '尚未进行人脸信息采集授权，不能上传监考照片，请先在测评须知中完成授权', 409);

/**
 * The attempt's capture schedule, issued on first call (idempotent): the moments and, for
 * moments without a frame yet, fresh one-time tokens (re-issuing replaces the old token, so a
 * reloaded page can continue; an uploaded moment is never re-opened).
 */
export async function issueSchedule(deps: Deps, actor: Actor, attemptId: number): Promise<TSchedule> {
  return deps.db.transaction(async (tx) => {
    const a = await ownAttempt(tx, actor, attemptId);
    if (!a.consentedAt) throw noConsent();
    if (a.status !== 'in_progress') throw new AppError('ATTEMPT_CLOSED', '本次测评已交卷，不再抓拍', 409);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7007, ${attemptId}::int)`);
    let rows = await tx.select().from(proctorCaptures).where(eq(proctorCaptures.attemptId, attemptId));
    const now = deps.now();
    if (!rows.length) {
      const s = await settingsOf(tx, a.provinceId);
      const plan = planSchedule(a.questionCount, s.framesPerPaper, Math.random);
      rows = await tx
        .insert(proctorCaptures)
        .values(
          plan.map((m, i) => ({
            attemptId,
            seq: i + 1,
            trigger: m.trigger,
            questionIndex: m.questionIndex,
            tokenHash: hashToken(randomBytes(24).toString('base64url')),
            issuedAt: now,
          })),
        )
        .returning();
    }
    const moments: TSchedule['moments'] = [];
    for (const r of rows.sort((x, y) => x.seq - y.seq)) {
      let token: string | null = null;
      if (!r.usedAt) {
        token = randomBytes(24).toString('base64url');
        await tx
          .update(proctorCaptures)
          .set({ tokenHash: hashToken(token), issuedAt: now })
          .where(and(eq(proctorCaptures.id, r.id), isNull(proctorCaptures.usedAt)));
      }
      moments.push({ seq: r.seq, trigger: r.trigger, questionIndex: r.questionIndex, token, done: Boolean(r.usedAt) });
    }
    return { attemptId, moments };
  });
}

/**
 * One frame with its one-time token. Checked by content (whole JPEG structure), size and header
 * dimensions before anything is stored; the token is claimed with a compare-and-set so a
 * replay stores nothing. The worker's ticker queues the comparison (proctor.repo insertFrame, decision 0119).
 */
export async function acceptFrame(
  deps: Deps,
  actor: Actor,
  attemptId: number,
  input: { token: string; capturedAt: string },
  body: Buffer,
): Promise<{ frameId: number; late: boolean }> {
  if (body.length > FRAME_MAX_BYTES)
    throw badRequest(`监考照片不能超过 ${FRAME_MAX_BYTES / 1024} KB（请在手机上压缩后上传）`);
  // header dimensions first: a decompression bomb is refused before any decoder sees it
  const size = imageSize(body);
  if (size && (size.width > FRAME_MAX_SIDE || size.height > FRAME_MAX_SIDE))
    throw badRequest(`监考照片尺寸不能超过 ${FRAME_MAX_SIDE}×${FRAME_MAX_SIDE} 像素`);
  // by structure, not decoded (hundreds of frames a second beside answer saves; decoding and
  // re-encoding each one here cost ≈ 20 times a save): the worker decodes it for comparison
  if (!size || !isWholeJpeg(body)) throw badRequest('监考照片须为完整的 jpg 图片，请重新拍摄');
  if (size.width < FRAME_MIN_SIDE || size.height < FRAME_MIN_SIDE) throw badRequest('监考照片尺寸过小');
  const now = deps.now();
  const said = new Date(input.capturedAt);
  const capturedAt = Number.isNaN(said.getTime()) ? now : said;
  // the file first (outside any transaction), then one statement that checks the attempt,
  // claims the one-time token, records the file and the frame and bumps the counters (the
  // worker's ticker queues the comparison, decision 0119); when it refuses, the file goes and
  // the reason is looked up
  const file = await putFile(deps.storage, actor, body, { mime: 'image/jpeg', ext: 'jpg' }, 'proctor_frame');
  const accepted = await insertFrame(deps.db, {
    physicianId: actor.physicianId ?? -1,
    attemptId,
    tokenHash: hashToken(input.token),
    now,
    capturedAt,
    submitSlackMs: SUBMIT_SLACK_MS,
    defaultLateHours: PROCTOR_DEFAULTS.lateUploadHours,
    file: { ...file, ownerAccountId: actor.accountId },
  });
  if (accepted) return accepted;
  await deps.storage.delete(file.storageKey).catch(() => undefined);
  throw await whyFrameRefused(deps, actor, attemptId, now, capturedAt);
}

/** The reason a frame was refused, in the order a physician can act on it. */
async function whyFrameRefused(deps: Deps, actor: Actor, attemptId: number, now: Date, capturedAt: Date) {
  const a = await ownAttempt(deps.db, actor, attemptId); // 404 for another physician's attempt
  if (!a.consentedAt) return noConsent();
  if (a.status !== 'in_progress') {
    const closedAt = a.submittedAt ?? a.deadlineAt;
    const s = await settingsOf(deps.db, a.provinceId);
    if (capturedAt.getTime() > closedAt.getTime() + SUBMIT_SLACK_MS)
      return new AppError('ATTEMPT_CLOSED', '本次测评已交卷，交卷后拍摄的照片不予接收', 409);
    if (now.getTime() > closedAt.getTime() + s.lateUploadHours * 3600_000)
      return new AppError('FRAME_TOO_LATE', '本次测评结束已超过补传期限，照片不再接收', 409);
  }
  return new AppError('CAPTURE_TOKEN_INVALID', '抓拍凭证无效或已使用，照片未保存', 409);
}

export async function recordEvent(
  deps: Deps,
  actor: Actor,
  attemptId: number,
  e: { kind: ProctorEventKind; occurredAt: string; detail?: string },
): Promise<void> {
  const a = await ownAttempt(deps.db, actor, attemptId);
  await deps.db.transaction(async (tx) => {
    await tx.insert(proctorEvents).values({
      attemptId,
      enrolmentId: a.enrolmentId,
      provinceId: a.provinceId,
      kind: e.kind,
      occurredAt: new Date(e.occurredAt),
      receivedAt: deps.now(),
      detail: e.detail ?? '',
    });
    await refreshSummary(tx, attemptId);
  });
}

/**
 * The same check the server applies to a standard photo, for the phone's photo step before
 * the upload (nothing is stored). null = usable.
 */
export async function checkPhoto(deps: Deps, actor: Actor, body: Buffer): Promise<string | null> {
  await checkUpload(body, 'image', { maxBytes: 2 * 1024 * 1024, allowedMimes: ['image/jpeg'] }).catch((e) => {
    if (e instanceof AppError && /格式/.test(e.message)) throw badRequest('照片须为 jpg 格式的图片');
    throw e;
  });
  const s = await settingsOf(deps.db, actor.provinceId);
  const a = await analyseImage(body, { threads: deps.config.PROCTOR_FACE_THREADS });
  return referencePhotoProblem(a, s);
}
