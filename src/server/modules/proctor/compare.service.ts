/**
 * Comparison (runs in the job worker): a frame against the physician's standard photo. The
 * reference embedding is computed once per photo file and stored with the model version; the
 * frame's scores, the model version and the threshold in force are stored on the frame.
 */
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, files, proctorFrames, proctorReferences } from '../../db/schema/index.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { analyseImage, FACE_MODEL } from './face.model.js';
import { settingsOf } from './proctor.settings.js';
import { type Analysis, bestFace, referencePhotoProblem, spoofSuspected } from './proctor.quality.js';
import { refreshSummary } from './proctor.repo.js';

type Deps = Pick<AppDeps, 'db' | 'storage' | 'now' | 'config' | 'logger'>;

function referenceValues(fileId: string, provinceId: number, a: Analysis, spoofThreshold: number) {
  const f = a.faces![0];
  return {
    fileId,
    provinceId,
    embedding: f.embedding!,
    faceSize: f.size,
    realScore: f.real,
    liveScore: f.live,
    spoofSuspected: spoofSuspected(f, { spoofThreshold }),
    model: a.model ?? FACE_MODEL,
    modelVersion: a.modelVersion ?? '',
  };
}

/**
 * The hook for the standard-photo upload (enrolment module): refuses a photo that cannot be a
 * face reference with a message saying what to fix; returns `record(tx, fileId)` to store the
 * embedding once the file is stored (same transaction).
 */
export async function assessReferencePhoto(
  deps: Pick<AppDeps, 'db'> & Partial<Pick<AppDeps, 'config'>>,
  provinceId: number,
  photo: Buffer,
): Promise<{ record: (tx: DbOrTx, fileId: string) => Promise<void>; spoofSuspected: boolean }> {
  const s = await settingsOf(deps.db, provinceId);
  let a: Analysis;
  try {
    a = await analyseImage(photo, { wantEmbedding: true, threads: deps.config?.PROCTOR_FACE_THREADS });
  } catch {
    throw new AppError('FACE_MODEL_UNAVAILABLE', '人脸检测暂时不可用，请稍后重新上传照片', 503);
  }
  const problem = referencePhotoProblem(a, s);
  if (problem) throw badRequest(problem);
  const values = (fileId: string) => referenceValues(fileId, provinceId, a, s.spoofThreshold);
  return {
    spoofSuspected: values('').spoofSuspected,
    record: async (tx, fileId) => {
      await tx.insert(proctorReferences).values(values(fileId)).onConflictDoNothing();
    },
  };
}

/** The reference of an enrolment's current photo, computing it for a photo uploaded before 监考 existed. */
async function referenceFor(deps: Deps, enrolmentId: number) {
  const [e] = await deps.db
    .select({ photoFileId: enrolments.photoFileId, provinceId: enrolments.provinceId })
    .from(enrolments)
    .where(eq(enrolments.id, enrolmentId));
  if (!e?.photoFileId) return null;
  const [ref] = await deps.db.select().from(proctorReferences).where(eq(proctorReferences.fileId, e.photoFileId));
  if (ref) return ref;
  const [f] = await deps.db.select().from(files).where(eq(files.id, e.photoFileId));
  if (!f) return null;
  const s = await settingsOf(deps.db, e.provinceId);
  const a = await analyseImage(await deps.storage.get(f.storageKey), {
    wantEmbedding: true,
    threads: deps.config.PROCTOR_FACE_THREADS,
  });
  if (a.unreadable || a.faces?.length !== 1) return null;
  const [row] = await deps.db
    .insert(proctorReferences)
    .values(referenceValues(f.id, e.provinceId, a, s.spoofThreshold))
    .onConflictDoNothing()
    .returning();
  return row ?? (await deps.db.select().from(proctorReferences).where(eq(proctorReferences.fileId, f.id)))[0];
}

/** Job `proctor.compare`: idempotent — a frame already scored (or deleted) is left alone. */
export async function compareFrame(deps: Deps, frameId: number): Promise<void> {
  const [fr] = await deps.db.select().from(proctorFrames).where(eq(proctorFrames.id, frameId));
  if (fr?.status !== 'pending') return;
  if (!fr.fileId) {
    await markUnreadable(deps, fr.id, fr.attemptId, '照片已删除');
    return;
  }
  const [f] = await deps.db.select().from(files).where(eq(files.id, fr.fileId));
  if (!f) {
    await markUnreadable(deps, fr.id, fr.attemptId, '照片文件不存在');
    return;
  }
  const s = await settingsOf(deps.db, fr.provinceId);
  const ref = await referenceFor(deps, fr.enrolmentId);
  const a = await analyseImage(await deps.storage.get(f.storageKey), {
    reference: ref?.embedding ?? null,
    threads: deps.config.PROCTOR_FACE_THREADS,
  });
  if (a.unreadable) {
    await markUnreadable(deps, fr.id, fr.attemptId, a.error ?? '无法解码');
    return;
  }
  const faces = a.faces ?? [];
  const best = bestFace(faces);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(proctorFrames)
      .set({
        status: 'scored',
        faces: faces.length,
        similarity: ref && best ? best.similarity : null,
        realScore: best?.real ?? null,
        liveScore: best?.live ?? null,
        spoofSuspected: best ? spoofSuspected(best, s) : false,
        model: a.model ?? FACE_MODEL,
        modelVersion: a.modelVersion ?? null,
        threshold: s.similarityThreshold,
        comparedAt: deps.now(),
        error: ref ? null : '无标准照片，未比对',
      })
      .where(eq(proctorFrames.id, fr.id));
    await refreshSummary(tx, fr.attemptId);
  });
}

async function markUnreadable(deps: Deps, id: number, attemptId: number, error: string) {
  await deps.db.transaction(async (tx) => {
    await tx
      .update(proctorFrames)
      .set({ status: 'unreadable', error, comparedAt: deps.now() })
      .where(eq(proctorFrames.id, id));
    await refreshSummary(tx, attemptId);
  });
}
