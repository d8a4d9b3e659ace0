import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications, type ApplicationMaterial } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import { checkUpload, storeFile } from '../../../platform/uploads.js';
import { APPLICATION_MAX_BYTES, APPLICATION_MAX_FILES, type TMyApplication } from '../../../../shared/schemas/org.js';
import { PURPOSE, lockOwnApplication, EXT_MIME, removeStored } from './application.helpers.js';
import { getMyApplication } from './get-my-application.js';

/**
 * 【上传】 one material: pdf/jpg/png by content, ≤ 10 MB, at most 10 files; the file name's
 * extension must agree with the content (a PDF renamed .jpg is refused).
 */
export async function uploadMaterial(
  deps: AppDeps,
  actor: Actor,
  buf: Buffer,
  filename: string,
): Promise<TMyApplication> {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(filename)?.[1] ?? '').toLowerCase();
  if (!EXT_MIME[ext]) throw badRequest('只能上传 pdf、jpg、jpeg、png 格式的文件');
  const checked = await checkUpload(buf, 'document', { maxBytes: APPLICATION_MAX_BYTES });
  if (EXT_MIME[ext] !== checked.mime)
    throw badRequest(`文件“${filename}”的内容与扩展名不符，请检查文件是否被改过扩展名`);
  const stored: string[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      const { org, app } = await lockOwnApplication(tx, deps, actor);
      if (app.materials.length >= APPLICATION_MAX_FILES)
        throw badRequest(`申请材料最多上传 ${APPLICATION_MAX_FILES} 个文件`);
      const fileId = await storeFile(tx, deps.storage, actor, buf, checked, {
        purpose: PURPOSE,
        orgPath: org.path,
        originalName: filename,
      });
      stored.push(fileId);
      const material: ApplicationMaterial = {
        fileId,
        name: filename.slice(0, 200),
        size: buf.length,
        mime: checked.mime,
        uploadedAt: deps.now().toISOString(),
      };
      await tx
        .update(assessmentApplications)
        .set({ materials: [...app.materials, material], updatedAt: deps.now() })
        .where(eq(assessmentApplications.id, app.id));
      await writeAudit(tx, actor, {
        targetType: 'assessment_application',
        targetId: app.id,
        action: '上传申请材料',
        orgPath: org.path,
        provinceId: org.provinceId,
        after: { fileId, name: material.name },
      });
    });
  } catch (e) {
    // the bytes were written before the failed transaction; remove them again
    for (const id of stored) await removeStored(deps, id).catch(() => undefined);
    throw e;
  }
  return getMyApplication(deps, actor);
}
