import { eq } from 'drizzle-orm';
import { enrolments } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { AppError, badRequest } from '../../../platform/errors.js';
import { checkUpload, imageSize, storeFile } from '../../../platform/uploads.js';
import { assessReferencePhoto } from '../../proctor/compare.service.js';
import { saveProposedPhoto } from '../change.service.js';
import { findOwnEnrolment } from '../enrolment.repo.js';
import { currentCycle, type EnrolmentDeps } from '../enrolment.transition.js';
import { EDITABLE, PHOTO_MAX_BYTES, PHOTO_MAX_PX, PHOTO_MIN_PX, requireRegistrationWindow } from './wizard.rules.js';

/** 照片: jpg only (by content), ≤ 2 MB, sensible portrait dimensions; stored, never in the database. */
export async function uploadPhoto(
  deps: EnrolmentDeps,
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
    const row = await findOwnEnrolment(tx, actor, cycle.id, true);
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
